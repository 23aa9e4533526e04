// Perceptron.swift: the perceptron and its learning algorithm.
// MLiS II Sec. 1.2.2, Eq. (1.2.9), Eq. (1.2.10); DL Padova "Perceptron".
// Goals, in order: the notes' update exactly as printed (full batch, no 1/N); a stated value of the
// step function at 0; readable.

import Core

/// The Heaviside step Theta(z) = 0 if z < 0, else 1   (MLiS II Table 1.2).
///
/// The notes disagree at z = 0 (E-72): MLiS II's table gives Theta(0) = 1, DL Padova's
/// perceptron fires only when wx + b > 0. We follow MLiS II. The worked example LIN-3 comes out the
/// same either way.
@inlinable
public func heaviside(_ z: Float) -> Float { z < 0 ? 0 : 1 }

/// y^ = Theta(x~^T w)   Eq. (1.2.9): a linear binary classifier with the bias absorbed as w_0.
public struct Perceptron: Sendable {
    /// w, shape [P + 1, 1].
    public var weights: Tensor

    public init(weights: Tensor) {
        require(weights.rank == 2 && weights.columns == 1, "Perceptron: weights must be a column vector, got shape \(weights.shape)")
        self.weights = weights
    }

    /// Small random initial weights, U[0, scale) as in the course notebook (w0 = 0.1 U[0, 1)).
    public init(inputs: Int, scale: Float = 0.1, generator: inout Xoshiro256StarStar) {
        self.init(weights: generator.uniformTensor(shape: [inputs, 1], 0, scale))
    }

    /// Y^ = Theta(X w), each entry 0 or 1   Eq. (1.2.9), on a batch
    public func predict(_ X: Tensor) -> Tensor {
        requireShapes(X.rank == 2 && X.columns == weights.rows, "Perceptron.predict (X times w)", X.shape, weights.shape)
        return matmul(X, weights).map(heaviside)
    }

    /// One step of the learning algorithm: w <- w - alpha X^T (Y^ - Y)   Eq. (1.2.10)
    public mutating func update(_ X: Tensor, _ Y: Tensor, learningRate alpha: Float) {
        requireShapes(Y.shape == [X.rows, 1], "Perceptron.update (targets must be [N, 1])", X.shape, Y.shape)
        let error = predict(X) - Y
        weights.add(matmul(X, error, transposeA: true), scaledBy: -alpha)
    }

    /// Repeats the update `epochs` times (the notes' stopping condition: a fixed number of iterations).
    public mutating func train(_ X: Tensor, _ Y: Tensor, learningRate alpha: Float = 0.1, epochs: Int) {
        for _ in 0..<epochs { update(X, Y, learningRate: alpha) }
    }

    /// The fraction of examples classified correctly.
    public func accuracy(_ X: Tensor, _ Y: Tensor) -> Double {
        let predicted = predict(X).scalars
        return Double(zip(predicted, Y.scalars).filter { $0 == $1 }.count) / Double(max(Y.count, 1))
    }
}
