// LogisticRegression.swift: binary logistic regression trained by gradient descent on the BCE.
// MLiS II Sec. 1.2.3, Eq. (1.2.11), Eq. (1.2.12), Eq. (1.2.13), Eq. (1.2.14); loss from Table 1.1.
// Goals, in order: the notes' gradient, Eq. (1.2.14); a stable sigmoid and clamped logs, so saturated
// predictions give finite losses; divergence reported rather than silently producing NaN weights.

import Core

/// How the BCE gradient is scaled (E-73).
public enum GradientScale: Sendable {
    /// (1/N) X^T (Y^ - Y), Eq. (1.2.14) as printed: the gradient of the mean loss.
    case mean
    /// X^T (Y^ - Y), what the course notebook computes; with it WORKED-NUMBERS.md's LIN-4 weights come out.
    case sum
}

/// y^ = sigma(x~^T w) = P(y = 1 | x)   Eq. (1.2.11), Eq. (1.2.12); the bias is absorbed as w_0.
public struct LogisticRegression: Sendable {
    /// w, shape [P + 1, 1].
    public var weights: Tensor

    public init(weights: Tensor) {
        require(weights.rank == 2 && weights.columns == 1, "LogisticRegression: weights must be a column vector, got shape \(weights.shape)")
        self.weights = weights
    }

    /// Small random initial weights, U[0, scale), as for the perceptron.
    public init(inputs: Int, scale: Float = 0.1, generator: inout Xoshiro256StarStar) {
        self.init(weights: generator.uniformTensor(shape: [inputs, 1], 0, scale))
    }

    /// Y^ = sigma(X w), shape [N, 1]   Eq. (1.2.11), on a batch
    public func probabilities(_ X: Tensor) -> Tensor {
        requireShapes(X.rank == 2 && X.columns == weights.rows, "LogisticRegression.probabilities (X times w)", X.shape, weights.shape)
        return matmul(X, weights).sigmoidElements()
    }

    /// Class 1 where P(y = 1 | x) >= 1/2, else 0.
    public func predict(_ X: Tensor) -> Tensor {
        probabilities(X).map { $0 >= 0.5 ? 1 : 0 }
    }

    /// The mean binary cross-entropy J(w)   (Table 1.1 with Eq. (1.1.1)).
    public func loss(_ X: Tensor, _ Y: Tensor) -> Float {
        binaryCrossEntropy(predicted: probabilities(X), target: Y)
    }

    /// grad_w J = (1/N) X^T (Y^ - Y)   Eq. (1.2.14); without the 1/N for `.sum`.
    public func gradient(_ X: Tensor, _ Y: Tensor, scale: GradientScale = .mean) -> Tensor {
        requireShapes(Y.shape == [X.rows, 1], "LogisticRegression.gradient (targets must be [N, 1])", X.shape, Y.shape)
        let g = matmul(X, probabilities(X) - Y, transposeA: true)
        return scale == .mean ? (1 / Float(X.rows)) * g : g
    }

    /// One gradient-descent step w <- w - alpha grad_w J   Eq. (1.2.13)
    public mutating func update(_ X: Tensor, _ Y: Tensor, learningRate alpha: Float, scale: GradientScale = .mean) {
        weights.add(gradient(X, Y, scale: scale), scaledBy: -alpha)
    }

    /// Full-batch gradient descent for `epochs` epochs; returns the loss after each epoch.
    /// Throws `DivergenceError` if the loss stops being finite.
    @discardableResult
    public mutating func train(_ X: Tensor, _ Y: Tensor, learningRate alpha: Float = 0.1, epochs: Int,
                               scale: GradientScale = .mean) throws -> [Float] {
        var history: [Float] = []
        history.reserveCapacity(epochs)
        for epoch in stride(from: 1, through: epochs, by: 1) {
            update(X, Y, learningRate: alpha, scale: scale)
            let currentLoss = loss(X, Y)
            try DivergenceError.check(currentLoss, step: epoch)
            history.append(currentLoss)
        }
        return history
    }
}
