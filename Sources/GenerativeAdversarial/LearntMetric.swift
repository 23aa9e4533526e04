// LearntMetric.swift: the metric of DL Padova "MvM" (Manifold Matching via Metric Learning, Dai et al.
// 2021): "Let G be a learnable parameter, we define the distance between a and b as
// dist(a, b) = ||Ga - Gb||_2", with its gradient, so G can be learnt like any parameter.
// Goals, in order: the notes' formula; the backward pass as the chain rule through u = G(a - b).
//
// With u = G (a - b) and dist = ||u||:
//     d dist/du = u/||u||,  d dist/dG = (u/||u||)(a - b)^T,  d dist/da = G^T u/||u|| = -d dist/db.
// At a = b (u = 0) the norm has a kink; the gradient there is taken as 0 (a subgradient).

import Core
import NeuralNetworks

/// dist(a, b) = ||G a - G b||_2 with a learnt matrix G [k, d], on batches of pairs (one per row).
///
/// ```swift
/// let metric = LearntMetric(matrix: Tensor([[1, 0], [0, 2]]))
/// metric.distances(Tensor([[1, 1]]), Tensor([[0, 0]])).scalars   // [2.236068]: sqrt(1 + 4) = sqrt 5
/// ```
public final class LearntMetric {
    /// G, shape [k, d]: maps a d-vector to a k-vector before measuring.
    public let matrix: Parameter
    private var difference: Tensor?
    private var image: Tensor?
    private var lengths: Tensor?

    public init(matrix: Tensor) {
        require(matrix.rank == 2, "LearntMetric: G must be a matrix [k, d], got shape \(matrix.shape)")
        self.matrix = Parameter("G", value: matrix, isPenalised: true)
    }

    /// dist(a_i, b_i) = ||G (a_i - b_i)||_2 for each row: A, B [N, d] -> [N, 1]   DL Padova "MvM"
    public func distances(_ a: Tensor, _ b: Tensor) -> Tensor {
        requireShapes(a.shape == b.shape, "LearntMetric.distances (a vs b)", a.shape, b.shape)
        requireShapes(a.rank == 2 && a.columns == matrix.value.columns, "LearntMetric.distances (rows [N, d] vs G [k, d])",
                      a.shape, matrix.value.shape)
        let difference = a - b
        let image = matmul(difference, matrix.value, transposeB: true)             // rows (G (a - b))^T, [N, k]
        let lengths = image.norm(alongAxis: 1).reshaped([a.rows, 1])
        (self.difference, self.image, self.lengths) = (difference, image, lengths)
        return lengths
    }

    /// From dJ/d dist [N, 1] to (dJ/dA, dJ/dB), setting dJ/dG; zero for a pair with a = b.
    public func backward(_ distanceGradient: Tensor) -> (a: Tensor, b: Tensor) {
        let (difference, image, lengths) = (cached(difference, "LearntMetric"), cached(image, "LearntMetric"), cached(lengths, "LearntMetric"))
        requireShapes(distanceGradient.shape == lengths.shape, "LearntMetric.backward (dJ/d dist vs dist)", distanceGradient.shape, lengths.shape)
        var direction = image                                                        // g_i u_i / ||u_i||, [N, k]
        let k = image.columns
        for i in 0..<image.rows {
            let scale = lengths.scalars[i] > 0 ? distanceGradient.scalars[i] / lengths.scalars[i] : 0
            for j in 0..<k { direction.scalars[i * k + j] *= scale }
        }
        matrix.gradient = matmul(direction, difference, transposeA: true)            // sum_i (g u/||u||)(a - b)^T, [k, d]
        let inputGradient = matmul(direction, matrix.value)                          // G^T u/||u|| per row, [N, d]
        return (inputGradient, -1 * inputGradient)
    }
}
