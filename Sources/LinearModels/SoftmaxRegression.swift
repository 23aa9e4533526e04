// SoftmaxRegression.swift: multinomial logistic regression, trained by mini-batch gradient descent
// on the categorical cross-entropy.
// MLiS II Sec. 1.2.3 generalised to M classes with the softmax of Eq. (2.2.9) and the CCE of
// Table 1.1; mini-batches as in Sec. 1.5 (Eq. (1.5.5)).
// Goals, in order: the same gradient form as Eq. (1.2.14), (1/N) X^T (Y^ - Y), now with a matrix of
// weights; a stable softmax; whole mini-batches through the SIMD GEMM.

import Core

/// Y^ = softmax(X~ W): row i holds P(y = m | x^(i)) for m = 0..<M.
///
/// `W` has shape [P + 1, M]; its first row is the bias of each class, so inputs carry a leading
/// column of ones (`X.prependingOnesColumn()`), as in the notes.
public struct SoftmaxRegression: Sendable {
    /// W, shape [P + 1, M].
    public var weights: Tensor

    public init(weights: Tensor) {
        require(weights.rank == 2, "SoftmaxRegression: weights must be a matrix, got shape \(weights.shape)")
        self.weights = weights
    }

    /// Weights drawn from N(0, standardDeviation^2) for `inputs` = P + 1 rows and `classes` columns.
    public init(inputs: Int, classes: Int, standardDeviation: Float = 0.01, generator: inout Xoshiro256StarStar) {
        self.init(weights: generator.normalTensor(shape: [inputs, classes], standardDeviation: standardDeviation))
    }

    public var classes: Int { weights.columns }

    /// The logits Z = X~ W, shape [N, M].
    public func logits(_ X: Tensor) -> Tensor {
        requireShapes(X.rank == 2 && X.columns == weights.rows, "SoftmaxRegression.logits (X times W)", X.shape, weights.shape)
        return matmul(X, weights)
    }

    /// Y^ = softmax(Z) row by row   Eq. (2.2.9)
    public func probabilities(_ X: Tensor) -> Tensor { logits(X).softmaxRows() }

    /// The most probable class of each row.
    public func predict(_ X: Tensor) -> [Int] { logits(X).argmaxPerRow() }

    /// Mean categorical cross-entropy against one-hot targets Y   (Table 1.1).
    public func loss(_ X: Tensor, _ Y: Tensor) -> Float {
        categoricalCrossEntropy(predicted: probabilities(X), target: Y)
    }

    /// grad_W J = (1/N) X~^T (Y^ - Y), shape [P + 1, M]: the softmax and the cross-entropy together
    /// have the simple derivative dJ/dz = y^ - y, exactly as for the sigmoid and BCE in Eq. (1.2.14).
    public func gradient(_ X: Tensor, _ Y: Tensor) -> Tensor {
        gradient(X, probabilities: probabilities(X), targets: Y)
    }

    /// The same gradient from probabilities already computed on this batch.
    private func gradient(_ X: Tensor, probabilities P: Tensor, targets Y: Tensor) -> Tensor {
        requireShapes(Y.shape == [X.rows, classes], "SoftmaxRegression.gradient (one-hot targets must be [N, M])", X.shape, Y.shape)
        return (1 / Float(X.rows)) * matmul(X, P - Y, transposeA: true)
    }

    /// Mini-batch gradient descent: each epoch visits the examples in a fresh random order drawn
    /// from `generator`, in batches of `batchSize`, with W <- W - alpha grad_W J on each batch
    /// as in Eq. (1.5.5). `onEpoch` receives the epoch (1-based) and the mean training loss over it.
    /// Throws `DivergenceError` when a batch loss is NaN or infinite.
    @discardableResult
    public mutating func train(_ X: Tensor, labels: [Int], learningRate alpha: Float, epochs: Int,
                               batchSize: Int = 32, generator: inout Xoshiro256StarStar,
                               onEpoch: (Int, Float) -> Void = { _, _ in }) throws -> [Float] {
        requireShapes(X.rank == 2 && X.rows == labels.count, "SoftmaxRegression.train (X rows vs labels)", X.shape, [labels.count])
        require(batchSize > 0 && epochs >= 0, "SoftmaxRegression.train: batchSize \(batchSize) and epochs \(epochs) must be positive")
        let targets = oneHot(labels, classes: classes)
        var history: [Float] = []
        for epoch in 0..<epochs {
            let order = generator.permutation(X.rows)
            var totalLoss: Float = 0
            for start in stride(from: 0, to: order.count, by: batchSize) {
                let batch = Array(order[start..<min(start + batchSize, order.count)])
                let (xBatch, yBatch) = (X.gatheringRows(batch), targets.gatheringRows(batch))
                let batchProbabilities = probabilities(xBatch)
                let batchLoss = categoricalCrossEntropy(predicted: batchProbabilities, target: yBatch)
                try DivergenceError.check(batchLoss, step: epoch + 1)
                totalLoss += batchLoss * Float(batch.count)
                weights.add(gradient(xBatch, probabilities: batchProbabilities, targets: yBatch), scaledBy: -alpha)
            }
            history.append(totalLoss / Float(X.rows))
            onEpoch(epoch + 1, history.last!)
        }
        return history
    }
}
