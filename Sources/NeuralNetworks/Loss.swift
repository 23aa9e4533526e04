// Loss.swift: what every loss is (a value and its gradient with respect to the prediction, both on
// a batch), and the losses of MLiS II Table 1.1 averaged as in Eq. (1.1.1), with the simple gradient
// of softmax (or sigmoid) with cross-entropy; DL Padova "Cross Entropy".
// Goals, in order: the notes' formulas, with the 2/N of the MSE gradient that Eq. (1.3.11) prints as
// 1/2 (it is 2/N with N = 4: E-31); N = the first axis whatever the rank, so an image decoder's
// [N, C, H, W] output is averaged like a design matrix; no NaN or infinity at extreme predictions
// (clamped logs, Core); open: a later module adds its loss (margin, KL, GAN) by conforming.

import Core

/// J = (1/N) sum_i l(y^(i), y^(i)) over a batch of N examples   Eq. (1.1.1)
///
/// `predicted` and `target` have the same shape [N, ...]: one example per index of the first axis
/// (rows of a design matrix, images of a batch). `gradient` is dJ/dY^, the same shape: what the
/// output layer's backward pass starts from (the dJ/da^(L) of Eq. (1.3.4)).
///
/// ```swift
/// let (yHat, y) = (Tensor([[0.8]]), Tensor([[1]]))
/// print(MeanSquaredError().value(predicted: yHat, target: y))     // 0.039999995 (0.04 in Float)
/// print(BinaryCrossEntropy().value(predicted: yHat, target: y))   // 0.22314353 (-log 0.8)
/// print(MeanSquaredError().gradient(predicted: yHat, target: y).scalars)  // [-0.39999998]: 2(0.8 - 1)/1
/// try network.train(x, y, settings: TrainingSettings(loss: .meanSquaredError, epochs: 10), ...)
/// ```
///
/// A new loss is a `Sendable` value type with these two methods and a `description`; it can then be
/// passed to `train`, `trainingStep` and `Network.loss` like the built-in ones.
public protocol Loss: Sendable, CustomStringConvertible {
    /// J for the batch. Precondition: `predicted` and `target` have the same shape.
    func value(predicted: Tensor, target: Tensor) -> Float
    /// dJ/dY^, the shape of `predicted`. Precondition: `predicted` and `target` have the same shape.
    func gradient(predicted: Tensor, target: Tensor) -> Tensor
    /// Delta = dJ/dZ of an output layer Y^ = Phi(Z) when this loss and Phi cancel to something simple
    /// (softmax with CCE, sigmoid with BCE: (Y^ - Y)/N); nil, the default, when they do not.
    func simplifiedDelta(outputActivation: Activation, predicted: Tensor, target: Tensor) -> Tensor?
}

extension Loss {
    public func simplifiedDelta(outputActivation: Activation, predicted: Tensor, target: Tensor) -> Tensor? { nil }

    /// Stops unless `predicted` and `target` have the same shape, naming `operation` and this loss.
    public func requireMatchingShapes(_ predicted: Tensor, _ target: Tensor, _ operation: String) {
        requireShapes(predicted.shape == target.shape, "\(operation) (\(self)): predicted vs target", predicted.shape, target.shape)
    }
}

/// N, the number of examples in a batch [N, ...]: the first axis (1 for a single number).
/// Used as the divisor of every mean over the batch; a batch of 0 examples divides by 1.
public func batchCount(_ batch: Tensor) -> Int {
    max(batch.shape.first ?? 1, 1)
}

/// The batch [N, ...] seen as a matrix [N, size of one example]: rows are examples.
public func batchRows(_ batch: Tensor) -> Tensor {
    batch.reshaped([batch.shape.first ?? 1, batch.shape.dropFirst().reduce(1, *)])
}

/// l = sum_k (y^_k - y_k)^2 over an example's outputs; dJ/dY^ = (2/N)(Y^ - Y)   (Table 1.1)
///
/// MLiS II Eq. (1.3.11) prints 1/2 (y^ - y): that is this formula for the XOR batch, N = 4 (E-31).
public struct MeanSquaredError: Loss, Equatable {
    public init() {}
    public var description: String { "MSE" }

    public func value(predicted: Tensor, target: Tensor) -> Float {
        requireMatchingShapes(predicted, target, "Loss.value")
        let residual = predicted - target
        return residual.dot(residual) / Float(batchCount(predicted))
    }

    public func gradient(predicted: Tensor, target: Tensor) -> Tensor {
        let n = Float(batchCount(predicted))
        return combineElements(predicted, target, "Loss.gradient (MSE): predicted vs target") { 2 * ($0 - $1) / n }
    }
}

/// l = sum_k |y^_k - y_k|; dJ/dY^ = (1/N) sign(Y^ - Y), with sign(0) = 0   (Table 1.1)
public struct MeanAbsoluteError: Loss, Equatable {
    public init() {}
    public var description: String { "MAE" }

    public func value(predicted: Tensor, target: Tensor) -> Float {
        requireMatchingShapes(predicted, target, "Loss.value")
        return combineElements(predicted, target, "MAE") { abs($0 - $1) }.sum() / Float(batchCount(predicted))
    }

    public func gradient(predicted: Tensor, target: Tensor) -> Tensor {
        let n = Float(batchCount(predicted))
        return combineElements(predicted, target, "Loss.gradient (MAE): predicted vs target") { sign($0 - $1) / n }
    }
}

/// l = -sum_k [y_k log y^_k + (1 - y_k) log(1 - y^_k)] on probabilities y^ (a sigmoid output);
/// dJ/dY^ = (1/N)(Y^ - Y) / (Y^ (1 - Y^))   (Table 1.1)
///
/// Logs are clamped at `probabilityFloor` (1e-7) and the gradient's predictions to [1e-7, 1 - 1e-7],
/// so a prediction of exactly 0 or 1 costs a large finite amount, never infinity. With a sigmoid
/// output layer the backward pass starts from the exact Delta = (Y^ - Y)/N instead; from logits,
/// `BinaryCrossEntropyFromLogits` is exact everywhere.
public struct BinaryCrossEntropy: Loss, Equatable {
    public init() {}
    public var description: String { "BCE" }

    public func value(predicted: Tensor, target: Tensor) -> Float {
        requireMatchingShapes(predicted, target, "Loss.value")
        return Core.binaryCrossEntropy(predicted: batchRows(predicted), target: batchRows(target))
    }

    public func gradient(predicted: Tensor, target: Tensor) -> Tensor {
        let n = Float(batchCount(predicted))
        let (low, high) = (probabilityFloor, 1 - probabilityFloor)
        return combineElements(predicted, target, "Loss.gradient (BCE): predicted vs target") { yHat, y in
            let p = min(max(yHat, low), high)
            return (p - y) / (p * (1 - p) * n)
        }
    }

    /// (Y^ - Y)/N after a sigmoid: dJ/dz = (y^ - y)/(y^(1 - y^)) y^(1 - y^) (as in Eq. (1.2.14)); nil otherwise.
    public func simplifiedDelta(outputActivation: Activation, predicted: Tensor, target: Tensor) -> Tensor? {
        outputActivation == .sigmoid ? cancelledDelta(predicted: predicted, target: target, loss: self) : nil
    }
}

/// l = -sum_m y_m log y^_m with one-hot y (Eq. (1.1.2)) on probabilities y^ (a softmax output);
/// dJ/dY^ = -(1/N) Y / Y^   (Table 1.1)
///
/// Logs are clamped at 1e-7 as for the BCE. With a softmax output layer the backward pass starts from
/// the exact Delta = (Y^ - Y)/N instead; from logits, `CategoricalCrossEntropyFromLogits` is exact.
public struct CategoricalCrossEntropy: Loss, Equatable {
    public init() {}
    public var description: String { "CCE" }

    public func value(predicted: Tensor, target: Tensor) -> Float {
        requireMatchingShapes(predicted, target, "Loss.value")
        return Core.categoricalCrossEntropy(predicted: batchRows(predicted), target: batchRows(target))
    }

    public func gradient(predicted: Tensor, target: Tensor) -> Tensor {
        let n = Float(batchCount(predicted))
        let low = probabilityFloor
        return combineElements(predicted, target, "Loss.gradient (CCE): predicted vs target") { yHat, y in
            y == 0 ? 0 : -y / (max(yHat, low) * n)
        }
    }

    /// (Y^ - Y)/N after a softmax: dJ/dz_j = sum_i (-y_i / S_i) S_i (delta_ij - S_j) = S_j - y_j, since
    /// a one-hot y sums to 1 (Eq. (2.2.10) and Table 1.1); nil after any other activation.
    public func simplifiedDelta(outputActivation: Activation, predicted: Tensor, target: Tensor) -> Tensor? {
        outputActivation == .softmax ? cancelledDelta(predicted: predicted, target: target, loss: self) : nil
    }
}

/// Delta = dJ/dZ = (Y^ - Y)/N, where the loss and the output activation cancel: no division by a
/// small probability is left, so it stays exact where the loss is clamped   Eq. (2.2.10)
private func cancelledDelta(predicted: Tensor, target: Tensor, loss: some Loss) -> Tensor {
    loss.requireMatchingShapes(predicted, target, "Loss.simplifiedDelta")
    return (1 / Float(batchCount(predicted))) * (predicted - target)
}

extension Loss where Self == MeanSquaredError {
    /// `loss: .meanSquaredError` wherever a loss is expected.
    public static var meanSquaredError: MeanSquaredError { MeanSquaredError() }
}

extension Loss where Self == MeanAbsoluteError {
    public static var meanAbsoluteError: MeanAbsoluteError { MeanAbsoluteError() }
}

extension Loss where Self == BinaryCrossEntropy {
    public static var binaryCrossEntropy: BinaryCrossEntropy { BinaryCrossEntropy() }
}

extension Loss where Self == CategoricalCrossEntropy {
    public static var categoricalCrossEntropy: CategoricalCrossEntropy { CategoricalCrossEntropy() }
}
