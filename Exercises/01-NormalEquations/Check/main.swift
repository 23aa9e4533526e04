// Checks for exercise 01 (normal equations). Run: swift run --package-path Exercises exercises 01

import ExerciseCheck
import Core
import LinearModels
import Exercise01

let andInputs = Tensor([[1, 0, 0], [1, 0, 1], [1, 1, 0], [1, 1, 1]])

check("Eq. (1.2.7): AND gives w* = (-1/4, 1/2, 1/2)") {
    let w = try normalEquationsWeights(andInputs, Tensor(column: [0, 0, 0, 1]))
    expect(isApproximatelyEqual(w, [-0.25, 0.5, 0.5], absoluteTolerance: 1e-12), "expected \([-0.25, 0.5, 0.5]), got \(w) (absoluteTolerance: 1e-12)")
}

check("Eq. (1.2.8): XOR gives w* = (1/2, 0, 0)") {
    let w = try normalEquationsWeights(andInputs, Tensor(column: [0, 1, 1, 0]))
    expect(isApproximatelyEqual(w, [0.5, 0, 0], absoluteTolerance: 1e-12), "expected \([0.5, 0, 0]), got \(w) (absoluteTolerance: 1e-12)")
}

check("On random data the gradient 2 X^T (Xw - Y) vanishes at your w* (seed 31)") {
    var generator = Xoshiro256StarStar(seed: 31)
    let X = generator.normalTensor(shape: [20, 4])
    let Y = generator.normalTensor(shape: [20, 1])
    let w = try normalEquationsWeights(X, Y)
    let gradient = LinearModel(weights: Tensor(shape: [4, 1], doubles: w)).gradient(X, Y)
    expect(gradient.scalars.allSatisfy { abs($0) < 1e-4 }, "gradient at your w*: \(gradient.scalars)")
}

runChecks()
