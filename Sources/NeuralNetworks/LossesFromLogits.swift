// LossesFromLogits.swift: binary and categorical cross-entropy computed from the logits Z (the output
// of a linear layer) instead of from probabilities, MLiS II Table 1.1 with Eq. (1.2.11) and Eq. (2.2.9)
// folded in; DL Padova "Cross Entropy" (-net_g + log sum_c e^{net_c}).
// Goals, in order: exact, where the probability forms must clamp (a logit of +-1000 costs 1000 or
// 2000, not 16.1); never NaN or infinity for finite logits; the gradient from the loss itself, so a
// network needs no special output layer (its last layer is Dense(.linear)).
//
// Why: BCE(sigmoid(z), y) evaluates log(sigma(z)), and sigma(-1000) = 0 in Float, so the probability
// form can only clamp. Written in z, the logs cancel against the exponentials:
//     -y log sigma(z) - (1 - y) log(1 - sigma(z)) = max(z, 0) - z y + log(1 + e^{-|z|})
// and -log softmax(z)_m = log sum_c e^{z_c} - z_m, with the log-sum-exp taken stably (Core).

import Core
import Foundation

/// BCE of sigmoid(Z) against Y, from the logits Z   (Table 1.1 with Eq. (1.2.11))
///
///     J     = (1/N) sum_i sum_k [max(z_k, 0) - z_k y_k + log(1 + e^{-|z_k|})]
///     dJ/dZ = (sigmoid(Z) - Y)/N
///
/// Shapes: `predicted` (the logits) and `target` [N, ...], targets in [0, 1].
///
/// ```swift
/// let loss = BinaryCrossEntropyFromLogits()
/// print(loss.value(predicted: Tensor([[1000, -1000]]), target: Tensor([[0, 1]])))   // 2000.0 (the clamped BCE: 32.2)
/// print(loss.gradient(predicted: Tensor([[0]]), target: Tensor([[1]])).scalars)      // [-0.5]
/// ```
public struct BinaryCrossEntropyFromLogits: Loss, Equatable {
    public init() {}
    public var description: String { "BCE from logits" }

    public func value(predicted logits: Tensor, target: Tensor) -> Float {
        let perElement = combineElements(logits, target, "Loss.value (\(self)): predicted vs target") { z, y in
            max(z, 0) - z * y + log1p(exp(-abs(z)))
        }
        return perElement.sum() / Float(batchCount(logits))
    }

    public func gradient(predicted logits: Tensor, target: Tensor) -> Tensor {
        let n = Float(batchCount(logits))
        return combineElements(logits, target, "Loss.gradient (\(self)): predicted vs target") { z, y in (sigmoid(z) - y) / n }
    }
}

/// CCE of softmax(Z) against Y, from the logits Z, one example per row   (Table 1.1 with Eq. (2.2.9))
///
///     J     = (1/N) sum_i [ -sum_m y_m z_m + (sum_m y_m) log sum_c e^{z_c} ]
///     dJ/dZ = (softmax(Z) (sum_m y_m) - Y)/N,  which is (softmax(Z) - Y)/N for one-hot (or any
///             probability) targets: the simple Delta of Eq. (2.2.10), here the loss's own gradient.
///
/// Shapes: `predicted` (the logits) and `target` [N, M], a row of M class scores per example.
///
/// ```swift
/// let loss = CategoricalCrossEntropyFromLogits()
/// print(loss.value(predicted: Tensor([[1000, -1000, 0]]), target: Tensor([[0, 1, 0]])))   // 2000.0 (clamped CCE: 16.1)
/// print(loss.value(predicted: Tensor([[2, 1, 0.1]]), target: Tensor([[1, 0, 0]])))       // 0.41703 (DL Padova's example)
/// ```
public struct CategoricalCrossEntropyFromLogits: Loss, Equatable {
    public init() {}
    public var description: String { "CCE from logits" }

    public func value(predicted logits: Tensor, target: Tensor) -> Float {
        requireRows(logits, target, "Loss.value")
        var total: Float = 0
        for i in 0..<logits.rows {
            let (z, y) = (logits.row(i), target.row(i))
            let normaliser = logSumExp(z)
            for (zm, ym) in zip(z, y) where ym != 0 { total += ym * (normaliser - zm) }
        }
        return total / Float(batchCount(logits))
    }

    public func gradient(predicted logits: Tensor, target: Tensor) -> Tensor {
        requireRows(logits, target, "Loss.gradient")
        let n = Float(batchCount(logits))
        var gradient = logits.softmaxRows()
        let width = logits.columns
        for i in 0..<logits.rows {
            let range = (i * width)..<((i + 1) * width)
            let targetMass = target.scalars[range].reduce(0, +)
            for k in range { gradient.scalars[k] = (gradient.scalars[k] * targetMass - target.scalars[k]) / n }
        }
        return gradient
    }

    private func requireRows(_ logits: Tensor, _ target: Tensor, _ operation: String) {
        requireShapes(logits.shape == target.shape && logits.rank == 2, "\(operation) (\(self)): predicted [N, M] vs target",
                      logits.shape, target.shape)
    }
}

extension Loss where Self == BinaryCrossEntropyFromLogits {
    public static var binaryCrossEntropyFromLogits: BinaryCrossEntropyFromLogits { BinaryCrossEntropyFromLogits() }
}

extension Loss where Self == CategoricalCrossEntropyFromLogits {
    public static var categoricalCrossEntropyFromLogits: CategoricalCrossEntropyFromLogits { CategoricalCrossEntropyFromLogits() }
}

/// The CCE of softmax(Z) computed from the logits Z without forming probabilities: the value of
/// `CategoricalCrossEntropyFromLogits` (DL Padova "Cross Entropy": -net_g + log sum_c e^{net_c} for a
/// one-hot target g). Exact where `CategoricalCrossEntropy` is clamped: logits (1000, -1000) against
/// class 1 cost 2000, not 16.1. Shapes: `logits` and `target` [N, M].
public func softmaxCrossEntropy(logits: Tensor, target: Tensor) -> Float {
    CategoricalCrossEntropyFromLogits().value(predicted: logits, target: target)
}
