// Exercise 52: logistic regression's whole training run, by hand, reproducing LIN-4.
// Practises MLiS II Sec. 1.2.3: the model y^ = sigma(x~^T w) of Eq. (1.2.11) and Eq. (1.2.12), its
// binary cross-entropy, Eq. (1.2.13), and full-batch gradient descent with the gradient of
// Eq. (1.2.14) -- as the notes print it (a mean over the examples) and as the course notebook that
// drew Fig. 1.2.2 computes it (a sum: E-73).
// Check:  swift run --package-path Exercises exercises 52     (one hint at a time: exercises --hint 52)
// See it running:  swift run linear-models
//
// The reference solution.

import Foundation

/// Whether the gradient averages over the examples (the notes' Eq. (1.2.14)) or sums them (the
/// course notebook, E-73: a step N times larger).
public enum GradientScale: Sendable {
    case mean
    case sum
}

/// y^_i = sigma(x~_i . w) for every row x~_i of `inputs` (each row starts with the bias input 1).
public func probabilities(weights: [Double], inputs: [[Double]]) -> [Double] {
    inputs.map { row in
        let z = zip(row, weights).reduce(0.0) { $0 + $1.0 * $1.1 }
        // exp of a negative number only: 1/(1 + e^-z) for z >= 0, e^z/(1 + e^z) below.
        if z >= 0 { return 1 / (1 + exp(-z)) }
        let e = exp(z)
        return e / (1 + e)
    }
}

/// The gradient of the binary cross-entropy with respect to w, Eq. (1.2.14): (1/N) X~^T (Y^ - Y) for
/// `.mean`, X~^T (Y^ - Y) for `.sum`.
public func logisticGradient(weights: [Double], inputs: [[Double]], targets: [Double], scale: GradientScale) -> [Double] {
    let errors = zip(probabilities(weights: weights, inputs: inputs), targets).map { $0 - $1 }
    var gradient = [Double](repeating: 0, count: weights.count)
    for (row, error) in zip(inputs, errors) {
        for j in gradient.indices { gradient[j] += row[j] * error }
    }
    let factor = scale == .mean ? 1 / Double(inputs.count) : 1
    return gradient.map { $0 * factor }
}

/// Full-batch gradient descent from `initialWeights`: `epochs` steps w <- w - learningRate * gradient.
public func trainLogisticRegression(inputs: [[Double]], targets: [Double], initialWeights: [Double],
                                    learningRate: Double, epochs: Int, scale: GradientScale) -> [Double] {
    var weights = initialWeights
    for _ in 0..<epochs {
        let gradient = logisticGradient(weights: weights, inputs: inputs, targets: targets, scale: scale)
        for j in weights.indices { weights[j] -= learningRate * gradient[j] }
    }
    return weights
}
