// Loss.swift: the losses of MLiS II Table 1.1 averaged as in Eq. (1.1.1), their gradients, and the
// simple gradient of softmax (or sigmoid) with cross-entropy; DL Padova "Cross Entropy" L274-286.
// Goals, in order: the notes' formulas, with the 2/N of the MSE gradient that Eq. (1.3.11) prints as
// 1/2 (it is 2/N with N = 4: E-31); no NaN or infinity at extreme predictions (clamped logs, Core).

import Core

/// J = (1/N) sum_i l(y^(i), y^(i)) over a batch of N rows   (Eq. 1.1.1, Table 1.1)
///
/// For an example with K outputs, l sums over the K components: (y^ - y)^2 summed for the MSE, as the
/// CCE sums over the classes. `predicted` and `target` both have shape [N, K].
///
/// ```swift
/// let (yHat, y) = (Tensor([[0.8]]), Tensor([[1]]))
/// print(Loss.meanSquaredError.value(predicted: yHat, target: y))    // 0.039999995 (0.04 in Float)
/// print(Loss.binaryCrossEntropy.value(predicted: yHat, target: y))  // 0.22314353 (-log 0.8)
/// print(Loss.meanSquaredError.gradient(predicted: yHat, target: y).scalars)  // [-0.39999998]: 2(0.8 - 1)/1
/// ```
public enum Loss: Sendable, Equatable, CustomStringConvertible {
    /// l = sum_k (y^_k - y_k)^2; dJ/dY^ = (2/N)(Y^ - Y).
    case meanSquaredError
    /// l = sum_k |y^_k - y_k|; dJ/dY^ = (1/N) sign(Y^ - Y), with sign(0) = 0.
    case meanAbsoluteError
    /// l = -sum_k [y_k log y^_k + (1 - y_k) log(1 - y^_k)]; dJ/dY^ = (1/N)(Y^ - Y) / (Y^ (1 - Y^)).
    case binaryCrossEntropy
    /// l = -sum_m y_m log y^_m with one-hot y (Eq. 1.1.2); dJ/dY^ = -(1/N) Y / Y^.
    case categoricalCrossEntropy

    public var description: String {
        switch self {
        case .meanSquaredError: "MSE"
        case .meanAbsoluteError: "MAE"
        case .binaryCrossEntropy: "BCE"
        case .categoricalCrossEntropy: "CCE"
        }
    }

    /// J, the mean over the rows of the per-example loss. Logs are clamped at `probabilityFloor`
    /// (1e-7), so a prediction of exactly 0 or 1 costs a large finite amount, never infinity.
    public func value(predicted: Tensor, target: Tensor) -> Float {
        requireShapes(predicted.shape == target.shape, "Loss.value (\(self)): predicted vs target", predicted.shape, target.shape)
        let n = Float(max(predicted.rank == 2 ? predicted.rows : 1, 1))
        switch self {
        case .meanSquaredError:
            let residual = predicted - target
            return residual.dot(residual) / n
        case .meanAbsoluteError:
            return combineElements(predicted, target, "MAE") { abs($0 - $1) }.sum() / n
        case .binaryCrossEntropy:
            return Core.binaryCrossEntropy(predicted: predicted, target: target)
        case .categoricalCrossEntropy:
            return Core.categoricalCrossEntropy(predicted: predicted, target: target)
        }
    }

    /// dJ/dY^, shape [N, K]: what the output layer's backward pass starts from (the dJ/da^(L) of Eq. 1.3.4).
    ///
    /// For the MSE this is (2/N)(Y^ - Y). MLiS II Eq. (1.3.11) prints 1/2 (y^ - y): that is this
    /// formula for the XOR batch, N = 4 (E-31). The cross-entropy gradients divide by predictions,
    /// which are clamped to [1e-7, 1 - 1e-7] first.
    public func gradient(predicted: Tensor, target: Tensor) -> Tensor {
        requireShapes(predicted.shape == target.shape, "Loss.gradient (\(self)): predicted vs target", predicted.shape, target.shape)
        let n = Float(max(predicted.rank == 2 ? predicted.rows : 1, 1))
        let (low, high) = (probabilityFloor, 1 - probabilityFloor)
        switch self {
        case .meanSquaredError:
            return combineElements(predicted, target, "MSE gradient") { 2 * ($0 - $1) / n }
        case .meanAbsoluteError:
            return combineElements(predicted, target, "MAE gradient") { sign($0 - $1) / n }
        case .binaryCrossEntropy:
            return combineElements(predicted, target, "BCE gradient") { yHat, y in
                let p = min(max(yHat, low), high)
                return (p - y) / (p * (1 - p) * n)
            }
        case .categoricalCrossEntropy:
            return combineElements(predicted, target, "CCE gradient") { yHat, y in
                y == 0 ? 0 : -y / (max(yHat, low) * n)
            }
        }
    }

    /// Delta = dJ/dZ = (Y^ - Y)/N of the output layer, when this loss meets the activation it suits:
    /// the CCE with a softmax output, or the BCE with a sigmoid output; nil for any other pair.
    ///
    /// Why it is so simple: for softmax and CCE, dJ/dz_j = sum_i (-y_i / S_i) S_i (delta_ij - S_j)
    /// = -y_j + S_j sum_i y_i = S_j - y_j, since a one-hot y sums to 1 (Eqs. 2.2.10 and Table 1.1).
    /// For the sigmoid and BCE the same cancellation gives y^ - y (as in Eq. 1.2.14). No division by a
    /// small probability is left, so the gradient stays exact where the loss is clamped.
    public func simplifiedDelta(outputActivation: Activation, predicted: Tensor, target: Tensor) -> Tensor? {
        switch (self, outputActivation) {
        case (.categoricalCrossEntropy, .softmax), (.binaryCrossEntropy, .sigmoid):
            requireShapes(predicted.shape == target.shape, "Loss.simplifiedDelta (\(self)): predicted vs target",
                          predicted.shape, target.shape)
            return (1 / Float(max(predicted.rows, 1))) * (predicted - target)
        default:
            return nil
        }
    }
}

/// The CCE of softmax(Z) computed from the logits Z without forming probabilities:
///     J = (1/N) sum_i [ -sum_m y_m z_m + (sum_m y_m) log sum_c e^{z_c} ]
/// (DL Padova "Cross Entropy" L286: -net_g + log sum_c e^{net_c} for a one-hot target g). Exact where
/// `Loss.categoricalCrossEntropy` is clamped: logits (1000, -1000) against class 1 cost 2000, not 16.1.
/// Shapes: `logits` and `target` [N, M].
public func softmaxCrossEntropy(logits: Tensor, target: Tensor) -> Float {
    requireShapes(logits.shape == target.shape && logits.rank == 2, "softmaxCrossEntropy: logits vs target",
                  logits.shape, target.shape)
    var total: Float = 0
    for i in 0..<logits.rows {
        let (z, y) = (logits.row(i), target.row(i))
        let normaliser = logSumExp(z)
        for (zm, ym) in zip(z, y) where ym != 0 { total += ym * (normaliser - zm) }
    }
    return total / Float(max(logits.rows, 1))
}
