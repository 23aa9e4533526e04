// Tests of the layers the transformer is composed from (issue 16): layer normalisation over the
// features of each token, a layer applied position-wise to sequences [B, T, n], and the residual
// connection; each against central differences in Double on seeded inputs, and the doc examples.

import Foundation
import Testing
import Core
import NeuralNetworks

/// Layer normalisation of each run of `d` values in Double: gamma (x - mu)/sqrt(sigma^2 + epsilon) + beta.
func referenceLayerNormalisation(_ x: [Double], gamma: [Double], beta: [Double], epsilon: Double) -> [Double] {
    let d = gamma.count
    return stride(from: 0, to: x.count, by: d).flatMap { start -> [Double] in
        let row = Array(x[start..<(start + d)])
        let mean = row.reduce(0, +) / Double(d)
        let variance = row.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(d)
        return row.indices.map { gamma[$0] * (row[$0] - mean) / (variance + epsilon).squareRoot() + beta[$0] }
    }
}

@Suite("Sequence layers: layer normalisation, position-wise layers, residual connections")
struct SequenceLayerTests {
    @Test("Layer normalisation's doc example: (1, 2, 3, 4) with epsilon 0 is (-1.3416, -0.4472, 0.4472, 1.3416)")
    func layerNormalisationExample() {
        let norm = LayerNormalisation(features: 4, epsilon: 0)
        let y = norm(Tensor([[1, 2, 3, 4], [10, 10, 10, 14]]))
        #expect(isApproximatelyEqual(Array(y.scalars[0..<4]), [-1.3416407865, -0.4472135955, 0.4472135955, 1.3416407865],
                                     absoluteTolerance: 1e-6), "got \(y)")
        let secondRow = Array(y.scalars[4..<8])
        #expect(abs(secondRow.reduce(0, +)) < 1e-5 && abs(secondRow.map { $0 * $0 }.reduce(0, +) / 4 - 1) < 1e-5,
                "each token has mean 0 and variance 1: \(secondRow)")
    }

    @Test("Layer normalisation on [B, T, d]: dJ/dx, dJ/dgamma and dJ/dbeta match central differences (seed 161)")
    func layerNormalisationGradients() {
        var generator = Xoshiro256StarStar(seed: 161)
        let (shape, epsilon) = ([2, 3, 5], Float(1e-3))
        let norm = LayerNormalisation(features: 5, epsilon: epsilon)
        norm.scale.value = generator.normalTensor(shape: [1, 5], mean: 1, standardDeviation: 0.5)
        norm.shift.value = generator.normalTensor(shape: [1, 5])
        let x = generator.normalTensor(shape: shape, standardDeviation: 2)
        let c = randomWeighting(shape: shape, generator: &generator)
        let output = norm.forward(x, training: true)
        #expect(isApproximatelyEqual(output.doubles, referenceLayerNormalisation(x.doubles, gamma: norm.scale.value.doubles,
                                     beta: norm.shift.value.doubles, epsilon: Double(epsilon)), absoluteTolerance: 1e-5))
        let dx = norm.backward(c)
        let (gamma, beta) = (norm.scale.value.doubles, norm.shift.value.doubles)
        let errors = [
            GradientCheck.error(analytic: dx.doubles, at: x.doubles) {
                weightedSum(referenceLayerNormalisation($0, gamma: gamma, beta: beta, epsilon: Double(epsilon)), c)
            },
            GradientCheck.error(analytic: norm.scale.gradient.doubles, at: gamma) {
                weightedSum(referenceLayerNormalisation(x.doubles, gamma: $0, beta: beta, epsilon: Double(epsilon)), c)
            },
            GradientCheck.error(analytic: norm.shift.gradient.doubles, at: beta) {
                weightedSum(referenceLayerNormalisation(x.doubles, gamma: gamma, beta: $0, epsilon: Double(epsilon)), c)
            },
        ]
        #expect(errors.allSatisfy { $0 < gradientTolerance }, "errors (x, gamma, beta): \(errors)")
    }

    @Test("A position-wise Dense on [B, T, n] is the Dense of every token; its gradients match central differences (seed 162)")
    func positionWiseDense() {
        var generator = Xoshiro256StarStar(seed: 162)
        let dense = Dense(inputs: 4, outputs: 3, activation: .tanh, generator: &generator)
        let layer = PositionWise(dense)
        let x = generator.normalTensor(shape: [2, 5, 4])
        let y = layer.forward(x, training: true)
        #expect(y.shape == [2, 5, 3])
        let rows = dense(x.reshaped([10, 4]))
        #expect(y.scalars == rows.scalars, "the same numbers as the rows through Dense")
        let c = randomWeighting(shape: [2, 5, 3], generator: &generator)
        _ = layer.forward(x, training: true)
        let dx = layer.backward(c)
        #expect(dx.shape == [2, 5, 4])
        let (w, b) = (dense.weights.value.doubles, dense.bias.value.doubles)
        let errors = [
            GradientCheck.error(analytic: dx.doubles, at: x.doubles) { weightedSum(referenceDense($0, rows: 10, w, b, activation: .tanh), c) },
            GradientCheck.error(analytic: dense.weights.gradient.doubles, at: w) {
                weightedSum(referenceDense(x.doubles, rows: 10, $0, b, activation: .tanh), c)
            },
        ]
        #expect(errors.allSatisfy { $0 < gradientTolerance }, "errors (x, W): \(errors)")
    }

    @Test("A residual connection y = x + f(x): dJ/dx = dJ/dy + f'(x)^T dJ/dy matches central differences (seed 163)")
    func residual() {
        var generator = Xoshiro256StarStar(seed: 163)
        let dense = Dense(inputs: 3, outputs: 3, activation: .tanh, generator: &generator)
        let block = Residual(PositionWise(dense))
        let x = generator.normalTensor(shape: [2, 4, 3])
        let c = randomWeighting(shape: [2, 4, 3], generator: &generator)
        let y = block.forward(x, training: true)
        let (w, b) = (dense.weights.value.doubles, dense.bias.value.doubles)
        func reference(_ x: [Double], _ w: [Double]) -> [Double] {
            zip(x, referenceDense(x, rows: 8, w, b, activation: .tanh)).map { $0 + $1 }
        }
        #expect(isApproximatelyEqual(y.doubles, reference(x.doubles, w), absoluteTolerance: 1e-6))
        let dx = block.backward(c)
        let errorX = GradientCheck.error(analytic: dx.doubles, at: x.doubles) { weightedSum(reference($0, w), c) }
        let errorW = GradientCheck.error(analytic: dense.weights.gradient.doubles, at: w) { weightedSum(reference(x.doubles, $0), c) }
        #expect(errorX < gradientTolerance && errorW < gradientTolerance, "errors (x, W): \(errorX), \(errorW)")
        block.backwardDiscardingInputGradient(c)
        #expect(GradientCheck.error(analytic: dense.weights.gradient.doubles, at: w) { weightedSum(reference(x.doubles, $0), c) }
                < gradientTolerance, "the training backward pass leaves the same weight gradient")
    }

    @Test("Bad shapes stop with a message: layer normalisation of the wrong width, a residual branch that changes the shape")
    func badShapes() async {
        let width = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = LayerNormalisation(features: 4)(Tensor(shape: [2, 3, 5]))
        }
        #expect(standardError(of: width).contains("LayerNormalisation.forward (input [..., d] vs gamma [1, d]): shapes [2, 3, 5] and [1, 4] do not fit"))
        let branch = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            var generator = Xoshiro256StarStar(seed: 1)
            _ = Residual(Dense(inputs: 3, outputs: 2, activation: .linear, generator: &generator))(Tensor(shape: [4, 3]))
        }
        #expect(standardError(of: branch).contains("Residual.forward (f(x) must keep the shape of x): shapes [4, 2] and [4, 3] do not fit"))
    }
}
