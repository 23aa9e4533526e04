// Checks for exercise 36 (layer normalisation's backward pass). Run: swift run --package-path Exercises exercises 36

import Foundation
import ExerciseCheck
import Core
import NeuralNetworks
import Exercise36

/// sum_j c_j y_j in Double, y the layer normalisation of x.
func loss(_ x: [Double], gamma: [Float], epsilon: Double, weights c: [Float]) -> Double {
    let d = Double(x.count)
    let mean = x.reduce(0, +) / d
    let s = (x.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / d + epsilon).squareRoot()
    return x.indices.reduce(0.0) { $0 + Double(c[$1]) * Double(gamma[$1]) * (x[$1] - mean) / s }
}

check("By hand: x = (1, 2, 3, 4), gamma = 1, epsilon = 0, g = (1, 0, 0, 0) gives dJ/dx = (0.2683, -0.3578, -0.0894, 0.1789)") {
    let dx = layerNormalisationBackward(input: [1, 2, 3, 4], gamma: [1, 1, 1, 1], epsilon: 0, outputGradient: [1, 0, 0, 0])
    expect(isApproximatelyEqual(dx, [0.2683281573, -0.3577708764, -0.0894427191, 0.1788854382], absoluteTolerance: 1e-6), "got \(dx)")
}

check("Central differences in Double, and the two invariances: sum dJ/dx = 0 and x^ . dJ/dx = 0 (seed 361)") {
    var generator = Xoshiro256StarStar(seed: 361)
    for d in [3, 8] {
        let x = (0..<d).map { _ in generator.normal(standardDeviation: 2) }
        let gamma = (0..<d).map { _ in generator.normal(mean: 1, standardDeviation: 0.3) }
        let g = (0..<d).map { _ in generator.normal() }
        let dx = layerNormalisationBackward(input: x, gamma: gamma, epsilon: 1e-5, outputGradient: g)
        let error = GradientCheck.error(analytic: dx.map(Double.init), at: x.map(Double.init)) {
            loss($0, gamma: gamma, epsilon: 1e-5, weights: g)
        }
        expect(error < 1e-4, "d = \(d): error \(error) against central differences")
        expect(abs(dx.reduce(0, +)) < 1e-5, "d = \(d): the entries must add up to 0, got \(dx.reduce(0, +))")
    }
}

check("Agrees with the library's LayerNormalisation on a token of 6 features (seed 362)") {
    var generator = Xoshiro256StarStar(seed: 362)
    let norm = LayerNormalisation(features: 6)
    norm.scale.value = generator.normalTensor(shape: [1, 6], mean: 1, standardDeviation: 0.5)
    let x = generator.normalTensor(shape: [1, 6], standardDeviation: 3), g = generator.normalTensor(shape: [1, 6])
    _ = norm.forward(x, training: true)
    let expected = norm.backward(g)
    let yours = layerNormalisationBackward(input: x.scalars, gamma: norm.scale.value.scalars, epsilon: norm.epsilon, outputGradient: g.scalars)
    expect(isApproximatelyEqual(yours, expected.scalars, absoluteTolerance: 1e-5), "expected \(expected.scalars), got \(yours)")
}

runChecks()
