// Numerics.swift: the sigmoid, softmax, log-sum-exp and clamped logarithms, written so that inputs
// like +-1000 neither overflow nor produce NaN.
// Goals, in order: stability at the extremes; the notes' formulas; speed (these are not the hot loops).
//
// Why the naive forms fail: 1/(1 + e^{-z}) is fine for z > 0 but e^{-z} overflows to +inf for
// z < -88 in Float; softmax e^{z_k} / sum_c e^{z_c} overflows for z_k > 88 and gives inf/inf = NaN
// (WORKED-NUMBERS.md: naive softmax of (1000, 999) is NaN; the stable form gives (0.7311, 0.2689)).

import Foundation

/// The logistic sigmoid sigma(z) = 1/(1 + e^{-z})   (MLiS II Table 1.2; Eq. (1.2.11))
///
/// For z < 0 it uses the equal form e^z/(1 + e^z), so no exponential of a large positive number is
/// ever taken.
@inlinable
public func sigmoid(_ z: Float) -> Float {
    if z >= 0 { return 1 / (1 + exp(-z)) }
    let e = exp(z)
    return e / (1 + e)
}

@inlinable
public func sigmoid(_ z: Double) -> Double {
    if z >= 0 { return 1 / (1 + exp(-z)) }
    let e = exp(z)
    return e / (1 + e)
}

/// log sum_c e^{z_c} = m + log sum_c e^{z_c - m} with m = max_c z_c, so every exponent is <= 0.
/// Returns -inf for an empty input.
public func logSumExp(_ z: some Collection<Float>) -> Float {
    guard let m = z.max() else { return -.infinity }
    if m == .infinity { return .infinity }
    if m == -.infinity { return -.infinity }
    var total: Float = 0
    for value in z { total += exp(value - m) }
    return m + log(total)
}

/// softmax(z)_k = e^{z_k} / sum_c e^{z_c}   MLiS II Eq. (2.2.9), computed as e^{z_k - max z}.
public func softmax(_ z: [Float]) -> [Float] {
    guard let m = z.max() else { return [] }
    let exponentials = z.map { exp($0 - m) }
    let total = exponentials.reduce(0, +)
    return exponentials.map { $0 / total }
}

/// The smallest probability a logarithm is taken of: log(1e-7) = -16.1 instead of log(0) = -inf.
public let probabilityFloor: Float = 1e-7

/// log(max(p, floor)): the clamped logarithm cross-entropy losses use so that a confident wrong
/// prediction costs a large finite amount rather than infinity.
@inlinable
public func clampedLog(_ p: Float, floor: Float = probabilityFloor) -> Float {
    log(max(p, floor))
}

extension Tensor {
    /// Softmax of every row (each row is one example's logits). Rows of the result sum to 1.
    public func softmaxRows() -> Tensor {
        var result = self
        let n = columns
        for i in 0..<rows {
            let probabilities = softmax(Array(scalars[(i * n)..<((i + 1) * n)]))
            result.scalars.replaceSubrange((i * n)..<((i + 1) * n), with: probabilities)
        }
        return result
    }

    /// The logistic sigmoid of every element.
    public func sigmoidElements() -> Tensor { map { sigmoid($0) } }
}

/// Binary cross-entropy, mean over examples: J = -(1/N) sum_i [y log yhat + (1-y) log(1-yhat)]
/// (MLiS II Table 1.1 with Eq. (1.1.1)). Logs are clamped, so yhat = 0 or 1 gives a finite loss.
public func binaryCrossEntropy(predicted: Tensor, target: Tensor) -> Float {
    requireShapes(predicted.shape == target.shape, "binaryCrossEntropy", predicted.shape, target.shape)
    var total: Float = 0
    for (p, y) in zip(predicted.scalars, target.scalars) {
        total -= y * clampedLog(p) + (1 - y) * clampedLog(1 - p)
    }
    return total / Float(max(predicted.rows, 1))
}

/// Categorical cross-entropy of one-hot targets, mean over rows:
/// J = -(1/N) sum_i sum_m y_m log yhat_m   (MLiS II Table 1.1).
public func categoricalCrossEntropy(predicted: Tensor, target: Tensor) -> Float {
    requireShapes(predicted.shape == target.shape, "categoricalCrossEntropy", predicted.shape, target.shape)
    var total: Float = 0
    for (p, y) in zip(predicted.scalars, target.scalars) where y != 0 {
        total -= y * clampedLog(p)
    }
    return total / Float(max(predicted.rows, 1))
}

/// One-hot rows: y_m^(i) = 1 if y^(i) = m, else 0   MLiS II Eq. (1.1.2). Shape [N, classes].
public func oneHot(_ labels: [Int], classes: Int) -> Tensor {
    var result = Tensor(shape: [labels.count, classes])
    for (i, label) in labels.enumerated() {
        require(label >= 0 && label < classes, "oneHot: label \(label) of example \(i) is not in 0..<\(classes)")
        result[i, label] = 1
    }
    return result
}

/// Stops training with a clear message when the loss is NaN or infinite.
public struct DivergenceError: Error, CustomStringConvertible {
    public let step: Int
    public let loss: Float
    public var description: String {
        "training diverged at step \(step): the loss is \(loss). Try a smaller learning rate."
    }
    /// Throws if `loss` is not finite.
    public static func check(_ loss: Float, step: Int) throws {
        if !loss.isFinite { throw DivergenceError(step: step, loss: loss) }
    }
}
