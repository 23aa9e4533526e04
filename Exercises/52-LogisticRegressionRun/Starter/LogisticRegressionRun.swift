// Exercise 52: logistic regression's whole training run, by hand, reproducing LIN-4.
// Practises MLiS II Sec. 1.2.3: the model y^ = sigma(x~^T w) of Eq. (1.2.11) and Eq. (1.2.12), its
// binary cross-entropy, Eq. (1.2.13), and full-batch gradient descent with the gradient of
// Eq. (1.2.14) -- as the notes print it (a mean over the examples) and as the course notebook that
// drew Fig. 1.2.2 computes it (a sum: E-73).
// Check:  swift run --package-path Exercises exercises 52     (one hint at a time: exercises --hint 52)
// See it running:  swift run linear-models
//
// Write three functions, in plain Double loops (no tensors needed):
//   1. `probabilities`: y^ for every example, stable for large |z| (no NaN, no overflow).
//   2. `logisticGradient`: the gradient of the BCE with respect to w, as a mean or as a sum.
//   3. `trainLogisticRegression`: `epochs` full-batch steps w <- w - alpha * gradient.
// The check starts from the notebook's w0 = (0.0548813504, 0.0715189366, 0.0602763376) on AND with
// alpha = 0.1, the summed gradient and 10,000 epochs, and expects the notebook's weights (LIN-4 in
// WORKED-NUMBERS.md); on XOR it expects every example to end at probability 1/2.

import Foundation

/// Whether the gradient averages over the examples (the notes' Eq. (1.2.14)) or sums them (the
/// course notebook, E-73: a step N times larger).
public enum GradientScale: Sendable {
    case mean
    case sum
}

/// y^_i = sigma(x~_i . w) for every row x~_i of `inputs` (each row starts with the bias input 1).
public func probabilities(weights: [Double], inputs: [[Double]]) -> [Double] {
    // TODO: z_i = x~_i . w, then a sigmoid that stays finite for z = -1000 and z = 1000.
    return inputs.map { _ in 0 }
}

/// The gradient of the binary cross-entropy with respect to w, Eq. (1.2.14): (1/N) X~^T (Y^ - Y) for
/// `.mean`, X~^T (Y^ - Y) for `.sum`.
public func logisticGradient(weights: [Double], inputs: [[Double]], targets: [Double], scale: GradientScale) -> [Double] {
    // TODO: Y^ by `probabilities`, then one sum over the examples per weight.
    return weights.map { _ in 0 }
}

/// Full-batch gradient descent from `initialWeights`: `epochs` steps w <- w - learningRate * gradient.
public func trainLogisticRegression(inputs: [[Double]], targets: [Double], initialWeights: [Double],
                                    learningRate: Double, epochs: Int, scale: GradientScale) -> [Double] {
    // TODO: the loop.
    return initialWeights
}
