// Exercise 40: train softmax regression on the 8x8 digits with your own mini-batch loop.
// Practises MLiS II Sec. 1.2.3 generalised to M classes: the softmax of Eq. (2.2.9), the
// categorical cross-entropy of Table 1.1, the gradient in the form of Eq. (1.2.14), and
// mini-batch gradient descent (Sec. 1.5, Eq. (1.5.5)).
// See it running: `swift run linear-models` (its part 4 trains the same model).
// Check: swift run --package-path Exercises exercises 40
// Hints, one at a time: swift run --package-path Exercises exercises --hint 40
//
// Write two functions:
//   1. `softmaxRegressionStep`: one gradient-descent step on one mini-batch.
//   2. `trainSoftmaxRegression`: the loop. Every epoch visits the training examples in a fresh random
//      order drawn from `Xoshiro256StarStar(seed:)`, cuts it into mini-batches of `batchSize` (the last
//      one may be shorter) and takes one step per mini-batch. Start from W = 0.
// The check trains on Core's standard split of the digits and wants at least 95 % test accuracy.

import Core

/// One step W <- W - alpha grad_W J of softmax regression on one mini-batch, with J the mean
/// categorical cross-entropy of softmax(X~ W) against the one-hot labels.
/// - Parameters:
///   - weights: W, shape [P + 1, M]; row 0 holds the biases.
///   - inputs: X~, shape [N, P + 1], a leading column of ones.
///   - labels: N class numbers in 0..<M.
///   - learningRate: alpha.
/// - Returns: the new W, shape [P + 1, M].
public func softmaxRegressionStep(weights: Tensor, inputs: Tensor, labels: [Int], learningRate: Float) -> Tensor {
    // TODO: the probabilities, the gradient (shape [P + 1, M]) and the step.
    return weights
}

/// Mini-batch gradient descent from W = 0: `epochs` passes over the examples, each in a fresh order
/// shuffled by a generator seeded with `seed`, one `softmaxRegressionStep` per mini-batch.
/// - Parameters:
///   - inputs: X~, shape [N, P + 1], a leading column of ones.
///   - labels: N class numbers in 0..<classes.
/// - Returns: the trained W, shape [P + 1, classes].
public func trainSoftmaxRegression(inputs: Tensor, labels: [Int], classes: Int, epochs: Int, batchSize: Int,
                                   learningRate: Float, seed: UInt64) -> Tensor {
    let weights = Tensor(shape: [inputs.columns, classes])
    // TODO: the epochs: a shuffled order, its mini-batches, one step each.
    return weights
}
