// The checks of exercise 40: one step by hand, one step against the formula in Double, the whole
// loop on the digits (>= 95 % test accuracy) and its use of the seeded shuffle.

import Foundation
import ExerciseCheck
import Exercise40
import Core

/// grad_W J = (1/N) X~^T (softmax(X~ W) - Y) and the step, in Double, one entry at a time.
func referenceStep(weights: Tensor, inputs: Tensor, labels: [Int], learningRate: Double) -> [Double] {
    let (n, p, m) = (inputs.rows, weights.rows, weights.columns)
    var gradient = [Double](repeating: 0, count: p * m)
    for i in 0..<n {
        let logits = (0..<m).map { c in (0..<p).reduce(0.0) { $0 + Double(inputs[i, $1]) * Double(weights[$1, c]) } }
        let largest = logits.max()!
        let exps = logits.map { exp($0 - largest) }
        let total = exps.reduce(0, +)
        for c in 0..<m {
            let error = exps[c] / total - (labels[i] == c ? 1 : 0)
            for k in 0..<p { gradient[k * m + c] += Double(inputs[i, k]) * error / Double(n) }
        }
    }
    return weights.scalars.indices.map { Double(weights.scalars[$0]) - learningRate * gradient[$0] }
}

check("Eq. (2.2.9), Table 1.1: one step from W = 0 on two examples by hand") {
    let inputs = Tensor([[1, 1, 0], [1, 0, 1]])
    let stepped = softmaxRegressionStep(weights: Tensor(shape: [3, 2]), inputs: inputs, labels: [0, 1], learningRate: 1)
    let expected: [Float] = [0, 0, 0.25, -0.25, -0.25, 0.25]
    expect(stepped.shape == [3, 2], "W keeps its shape [3, 2]; got \(stepped.shape)")
    expect(isApproximatelyEqual(stepped.scalars, expected, absoluteTolerance: 1e-6),
           "softmax(0) = (1/2, 1/2), so W <- -(1/2) X~^T (P - Y) = [[0, 0], [0.25, -0.25], [-0.25, 0.25]]; got \(stepped.scalars)")
}

check("Eq. (1.2.14) for M classes: a step on a random batch of 5 (3 classes) matches (1/N) X~^T (Y^ - Y)") {
    var generator = Xoshiro256StarStar(seed: 40)
    let inputs = generator.normalTensor(shape: [5, 4]).prependingOnesColumn()
    let weights = generator.normalTensor(shape: [5, 3])
    let labels = [0, 2, 1, 2, 0]
    let stepped = softmaxRegressionStep(weights: weights, inputs: inputs, labels: labels, learningRate: 0.5)
    let expected = referenceStep(weights: weights, inputs: inputs, labels: labels, learningRate: 0.5)
    let largest = zip(stepped.scalars, expected).map { abs(Double($0) - $1) }.max() ?? .infinity
    expect(stepped.shape == [5, 3] && largest < 1e-5,
           "W - alpha grad_W J differs from the formula by \(largest) (shape \(stepped.shape))")
}

check("Mini-batch training on the digits (standard split, 30 epochs, batches of 32, alpha = 0.5): test accuracy >= 95 %") {
    guard let (train, test) = try? Digits.standardSplit() else {
        expect(false, "cannot read the digits file (Data/digits.csv)")
        return
    }
    let started = Date()
    let weights = trainSoftmaxRegression(inputs: train.images.prependingOnesColumn(), labels: train.labels,
                                         classes: Digits.classes, epochs: 30, batchSize: 32, learningRate: 0.5, seed: 1)
    let seconds = Date().timeIntervalSince(started)
    expect(weights.shape == [Digits.pixels + 1, Digits.classes], "W must be [65, 10]; got \(weights.shape)")
    guard weights.shape == [Digits.pixels + 1, Digits.classes] else { return }
    let predicted = matmul(test.images.prependingOnesColumn(), weights).argmaxPerRow()
    let testAccuracy = accuracy(predicted: predicted, truth: test.labels)
    expect(testAccuracy >= 0.95, "test accuracy \(testAccuracy * 100) % is below 95 % (trained in \(seconds) s)")
}

check("The shuffle: the same seed gives the same weights, seeds 1 and 2 give different ones") {
    guard let (train, _) = try? Digits.standardSplit() else {
        expect(false, "cannot read the digits file (Data/digits.csv)")
        return
    }
    let few = train.subset(Array(0..<200))
    let inputs = few.images.prependingOnesColumn()
    func trained(_ seed: UInt64) -> Tensor {
        trainSoftmaxRegression(inputs: inputs, labels: few.labels, classes: 10, epochs: 2, batchSize: 16,
                               learningRate: 0.5, seed: seed)
    }
    let (first, again, other) = (trained(1), trained(1), trained(2))
    expect(first.scalars.contains { $0 != 0 }, "W is still 0 after two epochs")
    expect(first == again, "seed 1 twice gave different weights: draw the order from Xoshiro256StarStar(seed: seed) only")
    expect(first != other, "seeds 1 and 2 gave the same weights: shuffle the order every epoch with the seeded generator")
}

runChecks()
