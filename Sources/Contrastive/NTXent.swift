// NTXent.swift: the normalised temperature-scaled cross-entropy of SimCLR (thesis ch. 2 Sec. 2.3.1
// names the loss L_ij but gives no formula, E-74; this is Chen, Kornblith, Norouzi & Hinton 2020,
// Eq. (1) and Algorithm 1), and the same loss with its negatives taken away, which collapses.
// Goals, in order: the paper's formula with its pairing stated; its gradient checked against central
// differences in Double and its value against a plain Double twin; a batch of one and tau <= 0 stop.
//
// The batch z [2N, d] holds two views of N images: rows 0..<N the first views, rows N..<2N the second,
// so row i's positive is p(i) = (i + N) mod 2N. With u_i = z_i / ||z_i|| and s_ik = u_i . u_k / tau,
//   l_i = -s_{i,p(i)} + log sum_{k != i} exp(s_ik),      L = (1/2N) sum_i l_i.
// The 2N - 2 other rows are row i's negatives: at the start, when all s_ik are alike, L ~ log(2N - 1).

import Core
import Foundation

/// SimCLR's NT-Xent loss with temperature tau, or (with `negatives: false`) its positive term alone.
///
/// ```swift
/// let loss = NTXent(temperature: 0.5)
/// let (value, dz) = loss.valueAndGradient(z)      // z [2N, d]: first views, then second views
/// ```
public struct NTXent: Sendable {
    public let temperature: Float
    /// False: L = -(1/2N) sum_i s_{i,p(i)}, nothing pushes images apart, and the encoder may map every
    /// image to one point (the collapse the thesis calls "gradient collapse": once all z agree, the
    /// loss is at its minimum -1/tau and every gradient is 0).
    public let usesNegatives: Bool

    /// Precondition: tau > 0.
    public init(temperature: Float, negatives: Bool = true) {
        require(temperature > 0 && temperature.isFinite, "NTXent: the temperature tau must be > 0, got \(temperature)")
        self.temperature = temperature
        usesNegatives = negatives
    }

    /// L for z [2N, d].
    public func value(_ z: Tensor) -> Float { valueAndGradient(z).value }

    /// L and dL/dz [2N, d].
    public func valueAndGradient(_ z: Tensor) -> (value: Float, gradient: Tensor) {
        let pairs = NTXent.requirePairs(z, "NTXent")
        let rows = 2 * pairs
        let (u, norms) = unitRows(z)
        let similarity = (1 / temperature) * matmul(u, u, transposeB: true)        // s [2N, 2N]
        var s = similarity.scalars
        var dS = [Float](repeating: 0, count: rows * rows)                           // dL/ds
        var total: Float = 0
        let weight = 1 / Float(rows)
        for i in 0..<rows {
            let positive = (i + pairs) % rows
            total -= s[i * rows + positive]
            dS[i * rows + positive] -= weight
            guard usesNegatives else { continue }
            s[i * rows + i] = -.infinity                                             // k != i
            let row = Array(s[(i * rows)..<((i + 1) * rows)])
            let logNormaliser = logSumExp(row)
            total += logNormaliser
            for k in 0..<rows where k != i { dS[i * rows + k] += weight * exp(row[k] - logNormaliser) }
        }
        let g = Tensor(shape: [rows, rows], scalars: dS)
        let dU = (1 / temperature) * (matmul(g, u) + matmul(g, u, transposeA: true))  // (G + G^T) U / tau
        return (total * weight, unitRowsBackward(dU, units: u, norms: norms))
    }

    /// The same loss in Double, one term at a time: the readable twin the tests compare with.
    public static func reference(_ z: [[Double]], temperature tau: Double, negatives: Bool = true) -> Double {
        let rows = z.count
        let u = z.map { v in v.map { $0 / euclideanNorm(v) } }
        func s(_ i: Int, _ k: Int) -> Double { zip(u[i], u[k]).reduce(0) { $0 + $1.0 * $1.1 } / tau }
        var total = 0.0
        for i in 0..<rows {
            let positive = (i + rows / 2) % rows
            total -= s(i, positive)
            if negatives {
                total += log((0..<rows).filter { $0 != i }.reduce(0.0) { $0 + exp(s(i, $1)) })
            }
        }
        return total / Double(rows)
    }

    /// N, the number of pairs in z [2N, d]. Stops unless z is a matrix of an even number of rows >= 4
    /// (one pair alone has no negatives).
    static func requirePairs(_ z: Tensor, _ operation: String) -> Int {
        require(z.rank == 2 && z.shape[0] % 2 == 0, "\(operation): needs z [2N, d] (two views of N images), got shape \(z.shape)")
        require(z.shape[0] >= 4, "\(operation): a batch of one image has no negatives; needs N >= 2 images (z [2N, d]), got shape \(z.shape)")
        return z.shape[0] / 2
    }
}
