// Checks for Exercise 01 (normal equations). Run: swift test --package-path Exercises --filter Exercise01

import Testing
import Core
import LinearModels
@testable import Exercises

let andInputs = Tensor([[1, 0, 0], [1, 0, 1], [1, 1, 0], [1, 1, 1]])

@Suite("Exercise 01: the normal equations (MLiS II 1.2.1)")
struct Exercise01NormalEquations {
    @Test("Eq. (1.2.7): AND gives w* = (-1/4, 1/2, 1/2)")
    func andWeights() throws {
        let w = try normalEquationsWeights(andInputs, Tensor(column: [0, 0, 0, 1]))
        #expect(isApproximatelyEqual(w, [-0.25, 0.5, 0.5], absoluteTolerance: 1e-12))
    }

    @Test("Eq. (1.2.8): XOR gives w* = (1/2, 0, 0)")
    func xorWeights() throws {
        let w = try normalEquationsWeights(andInputs, Tensor(column: [0, 1, 1, 0]))
        #expect(isApproximatelyEqual(w, [0.5, 0, 0], absoluteTolerance: 1e-12))
    }

    @Test("On random data the gradient 2 X^T (Xw - Y) vanishes at your w* (seed 31)")
    func gradientVanishes() throws {
        var generator = Xoshiro256StarStar(seed: 31)
        let X = generator.normalTensor(shape: [20, 4])
        let Y = generator.normalTensor(shape: [20, 1])
        let w = try normalEquationsWeights(X, Y)
        let gradient = LinearModel(weights: Tensor(shape: [4, 1], doubles: w)).gradient(X, Y)
        #expect(gradient.scalars.allSatisfy { abs($0) < 1e-4 }, "gradient at your w*: \(gradient.scalars)")
    }
}
