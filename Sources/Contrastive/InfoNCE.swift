// InfoNCE.swift: MoCo's contrastive loss over a dictionary of negatives (thesis ch. 2 Sec. 2.3.2,
// cut off in the notes, E-74; He, Fan, Wu, Xie & Girshick 2020, Eq. (1)): each query q against its
// own key k+ and the K keys in the queue,
//   L_q = -log exp(q . k+ / tau) / (exp(q . k+ / tau) + sum_{j=1}^{K} exp(q . k_j / tau)),
// with q and k scaled to unit length, averaged over the N queries. The gradient flows to the queries
// only: the keys come from the momentum encoder, which gradient descent never touches.

import Core
import Foundation

/// InfoNCE with temperature tau over a queue of keys.
public struct InfoNCE: Sendable {
    public let temperature: Float

    /// Precondition: tau > 0.
    public init(temperature: Float) {
        require(temperature > 0 && temperature.isFinite, "InfoNCE: the temperature tau must be > 0, got \(temperature)")
        self.temperature = temperature
    }

    /// L and dL/dq for queries q [N, d], their positive keys [N, d] and the queue [K, d].
    /// Precondition: q and keys of one shape, K >= 1 negatives of the same width.
    public func valueAndGradient(queries: Tensor, keys: Tensor, queue: Tensor) -> (value: Float, gradient: Tensor) {
        requireShapes(queries.shape == keys.shape && queries.rank == 2, "InfoNCE: queries vs keys", queries.shape, keys.shape)
        requireShapes(queue.rank == 2 && queue.shape[0] >= 1 && queue.shape[1] == queries.shape[1],
                      "InfoNCE: a queue [K >= 1, d] of negatives vs queries [N, d]", queue.shape, queries.shape)
        let (q, norms) = unitRows(queries)
        let k = unitRows(keys).units
        let negatives = unitRows(queue).units
        let n = q.rows
        let positive = (1 / temperature) * q.multipliedElementwise(by: k).sum(alongAxis: 1)   // [N]
        let others = (1 / temperature) * matmul(q, negatives, transposeB: true)               // [N, K]
        let logits = Tensor(concatenating: [positive.reshaped([n, 1]), others], alongAxis: 1)
        let probabilities = logits.softmaxAlong(axis: 1)
        var total: Float = 0
        var dLogits = probabilities.scalars
        let width = logits.columns
        for i in 0..<n {
            total -= logits[i, 0] - logSumExp(logits.row(i))
            dLogits[i * width] -= 1
        }
        let g = (1 / (Float(n) * temperature)) * Tensor(shape: logits.shape, scalars: dLogits)
        let parts = g.split(alongAxis: 1, sizes: [1, width - 1])
        let dPositive = Tensor(shape: k.shape, scalars: (0..<n).flatMap { i in k.row(i).map { $0 * parts[0].scalars[i] } })
        let dQ = dPositive + matmul(parts[1], negatives)
        return (total / Float(n), unitRowsBackward(dQ, units: q, norms: norms))
    }

    /// The same loss in Double, term by term: the readable twin.
    public static func reference(queries: [[Double]], keys: [[Double]], queue: [[Double]], temperature tau: Double) -> Double {
        func unit(_ v: [Double]) -> [Double] { v.map { $0 / euclideanNorm(v) } }
        func dot(_ a: [Double], _ b: [Double]) -> Double { zip(unit(a), unit(b)).reduce(0) { $0 + $1.0 * $1.1 } }
        var total = 0.0
        for (q, k) in zip(queries, keys) {
            let positive = exp(dot(q, k) / tau)
            total -= log(positive / (positive + queue.reduce(0) { $0 + exp(dot(q, $1) / tau) }))
        }
        return total / Double(queries.count)
    }
}
