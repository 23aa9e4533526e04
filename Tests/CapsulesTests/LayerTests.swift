// The capsule layers one by one: prediction vectors W_ij u_i (against plain loops, gradients of W and
// u), primary capsules (a convolution regrouped and squashed), capsule lengths, and masking; every
// backward pass against central differences in Double.

import Foundation
import Testing
import Core
import NeuralNetworks
import Capsules

@Suite("Capsule layers: prediction vectors, primary capsules, lengths, masking")
struct LayerTests {
    @Test("Prediction vectors u^_(j|i) = W_ij u_i equal plain loops, with a separate W_ij per pair (seed 41)")
    func predictionVectorsForward() {
        var generator = Xoshiro256StarStar(seed: 41)
        let layer = PredictionVectors(lowerCapsules: 5, inputDimension: 3, upperCapsules: 4, outputDimension: 6, generator: &generator)
        let u = generator.normalTensor(shape: [2, 5, 3])
        let votes = layer(u)
        #expect(votes.shape == [2, 5, 4, 6])
        let expected = referencePredictions(u.doubles, layer.weights.value.doubles, batch: 2, lower: 5, upper: 4,
                                            outputDimension: 6, inputDimension: 3)
        #expect(isApproximatelyEqual(votes.doubles, expected, absoluteTolerance: 1e-5))
        // Changing one W_ij changes only u^_(j|i).
        layer.weights.value.scalars[((2 * 4 + 1) * 6) * 3] += 1
        let changed = layer(u)
        let differing = Set((0..<changed.count).filter { changed.scalars[$0] != votes.scalars[$0] }.map { ($0 / 6) % 20 })
        #expect(differing == [2 * 4 + 1], "changed (i, j) pairs: \(differing)")
    }

    @Test("Prediction vectors: dJ/dW and dJ/du match central differences in Double; discarding dJ/du sets the same dJ/dW (seed 42)")
    func predictionVectorsGradients() {
        var generator = Xoshiro256StarStar(seed: 42)
        let layer = PredictionVectors(lowerCapsules: 4, inputDimension: 3, upperCapsules: 3, outputDimension: 2, generator: &generator)
        let u = generator.normalTensor(shape: [3, 4, 3])
        let weighting = generator.normalTensor(shape: [3, 4, 3, 2])
        _ = layer.forward(u, training: true)
        let inputGradient = layer.backward(weighting)
        let weightGradient = layer.weights.gradient
        let w = layer.weights.value.doubles
        let inputError = GradientCheck.error(analytic: inputGradient.doubles, at: u.doubles) { x in
            weightedSum(referencePredictions(x, w, batch: 3, lower: 4, upper: 3, outputDimension: 2, inputDimension: 3), weighting)
        }
        let weightError = GradientCheck.error(analytic: weightGradient.doubles, at: w) { x in
            weightedSum(referencePredictions(u.doubles, x, batch: 3, lower: 4, upper: 3, outputDimension: 2, inputDimension: 3), weighting)
        }
        #expect(inputError < gradientTolerance && weightError < gradientTolerance, "dJ/du \(inputError), dJ/dW \(weightError)")
        layer.weights.gradient = Tensor(shape: layer.weights.value.shape)
        layer.backwardDiscardingInputGradient(weighting)
        #expect(layer.weights.gradient == weightGradient)
    }

    @Test("Primary capsules: conv channels t D ... t D + D - 1 at (y, x) form capsule t H W + y W + x, squashed; gradients of the filters, biases and input match central differences in Double (seed 43)")
    func primaryCapsules() {
        var generator = Xoshiro256StarStar(seed: 43)
        let layer = PrimaryCapsules(inputChannels: 2, types: 3, dimension: 4, kernel: 3, generator: &generator)
        layer.convolution.bias.value = generator.normalTensor(shape: [12], standardDeviation: 0.3)
        let x = generator.normalTensor(shape: [2, 2, 5, 5])
        let u = layer.forward(x, training: true)
        #expect(u.shape == [2, 27, 4] && layer.capsuleCount(height: 5, width: 5) == 27)
        func reference(_ x: [Double], _ w: [Double], _ b: [Double]) -> [Double] {
            let y = referenceConvolution(x, w, b, batch: 2, channels: 2, side: 5, outputChannels: 12, kernel: 3)
            return referencePrimaryCapsules(y, batch: 2, types: 3, dimension: 4, area: 9)
        }
        let (w, b) = (layer.convolution.weights.value.doubles, layer.convolution.bias.value.doubles)
        #expect(isApproximatelyEqual(u.doubles, reference(x.doubles, w, b), absoluteTolerance: 1e-5))
        let weighting = generator.normalTensor(shape: u.shape)
        let inputGradient = layer.backward(weighting)
        let errors = [
            GradientCheck.error(analytic: inputGradient.doubles, at: x.doubles) { weightedSum(reference($0, w, b), weighting) },
            GradientCheck.error(analytic: layer.convolution.weights.gradient.doubles, at: w) { weightedSum(reference(x.doubles, $0, b), weighting) },
            GradientCheck.error(analytic: layer.convolution.bias.gradient.doubles, at: b) { weightedSum(reference(x.doubles, w, $0), weighting) },
        ]
        #expect(errors.allSatisfy { $0 < gradientTolerance }, "dJ/dx, dJ/dW, dJ/db errors \(errors)")
    }

    @Test("Capsule lengths ||v_j||: values, gradient against central differences in Double, 0 at v = 0 (seed 44)")
    func lengths() {
        var generator = Xoshiro256StarStar(seed: 44)
        let layer = CapsuleLengths()
        var v = generator.normalTensor(shape: [2, 3, 4])
        for d in 0..<4 { v.scalars[4 + d] = 0 }                                  // capsule (0, 1) is zero
        let lengths = layer.forward(v, training: true)
        #expect(isApproximatelyEqual(lengths.doubles, referenceLengths(v.doubles, dimension: 4), relativeTolerance: 1e-6))
        let weighting = generator.normalTensor(shape: [2, 3])
        let gradient = layer.backward(weighting)
        #expect(gradient.scalars[4..<8].allSatisfy { $0 == 0 })
        var nonZero = v
        for d in 0..<4 { nonZero.scalars[4 + d] = 0.5 }
        _ = layer.forward(nonZero, training: true)
        let error = GradientCheck.error(analytic: layer.backward(weighting).doubles, at: nonZero.doubles) {
            weightedSum(referenceLengths($0, dimension: 4), weighting)
        }
        #expect(error < gradientTolerance, "error \(error)")
    }

    @Test("Masking keeps one capsule per example (the true class, or the longest), and its backward pass is its transpose (seed 45)")
    func masking() {
        var generator = Xoshiro256StarStar(seed: 45)
        let v = generator.normalTensor(shape: [3, 4, 2])
        let masked = maskCapsules(v, keeping: [2, 0, 3])
        #expect(masked.shape == [3, 8])
        for n in 0..<3 {
            let kept = [2, 0, 3][n]
            for j in 0..<4 {
                for d in 0..<2 {
                    #expect(masked[n, j * 2 + d] == (j == kept ? v.scalars[(n * 4 + j) * 2 + d] : 0))
                }
            }
        }
        let g = generator.normalTensor(shape: [3, 8])
        let back = maskCapsulesBackward(g, keeping: [2, 0, 3], capsuleShape: v.shape)
        #expect(isApproximatelyEqual(masked.dot(g), v.dot(back), relativeTolerance: 1e-6))     // <M v, g> = <v, M^T g>
        #expect(longestCapsules(Tensor(shape: [1, 3, 2], scalars: [0.1, 0, 0, -0.8, 0.5, 0.5])) == [1])
    }
}
