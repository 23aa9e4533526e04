// The whole CapsNet: one training step's gradients of every parameter (through the conv, the primary
// capsules, W_ij, three routing iterations, the margin loss and the masked decoder) against central
// differences of a Double reference written from the paper; a small CapsNet trained on the digits to
// an accuracy floor in seconds; determinism.

import Foundation
import Testing
import Core
import NeuralNetworks
import Capsules

/// A tiny CapsNet: 5 x 5 images, conv 1 -> 2 (2 x 2), 2 types of 3-D primary capsules (2 x 2) on a
/// 3 x 3 grid (18 capsules), 3 digit capsules of 4-D, r = 3, decoder 12 -> 5 -> 25; a large
/// reconstruction scale (0.5) so that the decoder's share of dJ/dv is not lost in rounding.
func tinyConfiguration() -> CapsuleNetworkConfiguration {
    var c = CapsuleNetworkConfiguration()
    (c.imageSide, c.convolutionChannels, c.convolutionKernel) = (5, 2, 2)
    (c.primaryTypes, c.primaryDimension, c.primaryKernel) = (2, 3, 2)
    (c.classes, c.digitDimension, c.routingIterations) = (3, 4, 3)
    (c.decoderHidden, c.reconstructionScale) = ([5], 0.5)
    return c
}

/// The total loss of the tiny CapsNet in Double, from the flat values of its parameters (in the order
/// of `CapsuleNetwork.parameters`): conv + ReLU, conv regrouped and squashed, W_ij u_i, Procedure 1,
/// lengths, margin loss; masked to the labels, Dense ReLU, Dense sigmoid, scaled sum of squared errors.
func referenceTotalLoss(_ p: [[Double]], images x: [Double], labels: [Int], _ c: CapsuleNetworkConfiguration) -> Double {
    let n = labels.count
    let side1 = c.imageSide - c.convolutionKernel + 1, side2 = c.primaryGridSide
    let y1 = referenceConvolution(x, p[0], p[1], batch: n, channels: 1, side: c.imageSide, outputChannels: c.convolutionChannels,
                                  kernel: c.convolutionKernel).map { max($0, 0) }
    let y2 = referenceConvolution(y1, p[2], p[3], batch: n, channels: c.convolutionChannels, side: side1,
                                  outputChannels: c.primaryTypes * c.primaryDimension, kernel: c.primaryKernel)
    let u = referencePrimaryCapsules(y2, batch: n, types: c.primaryTypes, dimension: c.primaryDimension, area: side2 * side2)
    let votes = referencePredictions(u, p[4], batch: n, lower: c.primaryCapsules, upper: c.classes,
                                     outputDimension: c.digitDimension, inputDimension: c.primaryDimension)
    let v = referenceRouting(votes, shape: [n, c.primaryCapsules, c.classes, c.digitDimension], iterations: c.routingIterations)
    let lengths = referenceLengths(v, dimension: c.digitDimension)
    var margin = 0.0
    for (k, length) in lengths.enumerated() { margin += MarginLoss().perCapsule(length: length, present: labels[k / c.classes] == k % c.classes) }
    var masked = [Double](repeating: 0, count: v.count)
    for (example, label) in labels.enumerated() {
        let start = (example * c.classes + label) * c.digitDimension
        for d in 0..<c.digitDimension { masked[start + d] = v[start + d] }
    }
    let hidden = referenceDense(masked, rows: n, p[5], p[6]) { max($0, 0) }
    let images = referenceDense(hidden, rows: n, p[7], p[8]) { 1 / (1 + exp(-$0)) }
    let squaredErrors = zip(images, x).reduce(0.0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) }
    return margin / Double(n) + Double(c.reconstructionScale) * squaredErrors / Double(n)
}

@Suite("A CapsNet: gradients end to end, training on the digits")
struct CapsuleNetworkTests {
    @Test("One training step's gradients of all nine parameters match central differences of a Double reference (conv, primary capsules, W_ij, r = 3, margin loss, masked decoder) (seed 51)")
    func endToEndGradients() {
        var generator = Xoshiro256StarStar(seed: 51)
        let configuration = tinyConfiguration()
        let network = CapsuleNetwork(configuration: configuration, generator: &generator)
        let parameters = network.parameters
        #expect(parameters.count == 9)
        let images = generator.uniformTensor(shape: [2, 25], 0, 1)
        let labels = [2, 0]
        var sgd = SGD(learningRate: 0)
        let losses = network.trainingStep(images, labels: labels, optimiser: &sgd)
        let values = parameters.map(\.value.doubles)
        let expected = referenceTotalLoss(values, images: images.doubles, labels: labels, configuration)
        #expect(isApproximatelyEqual(Double(losses.total), expected, relativeTolerance: 1e-5), "\(losses.total) vs \(expected)")
        #expect(losses.reconstruction > 0.1 * losses.margin, "the decoder's share should be visible: \(losses)")
        for (index, parameter) in parameters.enumerated() {
            let error = GradientCheck.error(analytic: parameter.gradient.doubles, at: values[index]) { x in
                var changed = values
                changed[index] = x
                return referenceTotalLoss(changed, images: images.doubles, labels: labels, configuration)
            }
            #expect(error < gradientTolerance, "parameter \(index) (\(parameter.name), shape \(parameter.value.shape)): error \(error)")
        }
    }

    @Test("Without reconstruction the loss is the margin loss alone and the decoder is absent (seed 52)")
    func withoutReconstruction() {
        var generator = Xoshiro256StarStar(seed: 52)
        var configuration = tinyConfiguration()
        configuration.reconstruction = false
        let network = CapsuleNetwork(configuration: configuration, generator: &generator)
        #expect(network.decoder == nil && network.parameters.count == 5)
        var sgd = SGD(learningRate: 0)
        let losses = network.trainingStep(generator.uniformTensor(shape: [3, 25], 0, 1), labels: [0, 1, 2], optimiser: &sgd)
        #expect(losses.reconstruction == 0 && losses.margin > 0)
    }

    @Test("Without reconstruction, the CapsNet's step is NeuralNetworks' Network.trainingStep on [encoder, CapsuleLengths] with MarginLoss: the same gradients (seed 56)")
    func plainNetworkStep() {
        var configuration = tinyConfiguration()
        configuration.reconstruction = false
        var first = Xoshiro256StarStar(seed: 56), second = Xoshiro256StarStar(seed: 56)
        let capsNet = CapsuleNetwork(configuration: configuration, generator: &first)
        let twin = CapsuleNetwork(configuration: configuration, generator: &second)
        let images = first.uniformTensor(shape: [3, 25], 0, 1)
        let labels = [1, 0, 2]
        var sgd = SGD(learningRate: 0)
        let losses = capsNet.trainingStep(images, labels: labels, optimiser: &sgd)
        let network = Network([twin.encoder, CapsuleLengths()])
        let loss = network.trainingStep(images, oneHot(labels, classes: 3), loss: MarginLoss(), optimiser: &sgd)
        #expect(loss == losses.margin)
        for (a, b) in zip(capsNet.parameters, network.parameters) {
            #expect(a.gradient == b.gradient, "\(a.name) \(a.value.shape)")
        }
    }

    @Test("The digits CapsNet: 128 primary capsules of 8-D, 10 digit capsules of 16-D, v of shape [N, 10, 16] with lengths < 1 (seed 53)")
    func digitsArchitecture() throws {
        var generator = Xoshiro256StarStar(seed: 53)
        let network = CapsuleNetwork(generator: &generator)
        #expect(network.configuration.primaryCapsules == 128)
        // conv (9 + 1) 32 + primary (288 + 1) 64 + W 128 x 10 x 16 x 8 + decoder (160 + 1) 64 + (64 + 1) 128 + (128 + 1) 64
        #expect(network.trainableParameterCount == 320 + 18_496 + 163_840 + 10_304 + 8_320 + 8_256)
        let (_, test) = try Digits.standardSplit()
        let v = network.digitCapsules(test.images.gatheringRows(Array(0..<5)))
        #expect(v.shape == [5, 10, 16])
        #expect(v.norm(alongAxis: 2).scalars.allSatisfy { $0 < 1 })
    }

    @Test("A smaller CapsNet (8 conv channels, 4 x 8-D primary types, 10 x 8-D digit capsules, r = 3, reconstruction) reaches >= 93 % test accuracy on the digits in 2 epochs of Adam at 0.004 (seed 54; it reached 96.1 %)")
    func trainsToAFloor() throws {
        let (train, test) = try Digits.standardSplit()
        var generator = Xoshiro256StarStar(seed: 54)
        let network = CapsuleNetwork(configuration: smallConfiguration(), generator: &generator)
        let history = try network.train(on: train, epochs: 2, learningRate: 0.004, generator: &generator)
        #expect(history.last!.margin < history.first!.margin, "margin loss \(history.map(\.margin))")
        let accuracy = network.accuracy(test.images, labels: test.labels)
        #expect(accuracy >= 0.93, "test accuracy \(accuracy)")
    }

    @Test("Training is deterministic: the same seed gives the same parameters (seed 55, 1 epoch on 200 digits, the smaller CapsNet)")
    func determinism() throws {
        let (train, _) = try Digits.standardSplit()
        let subset = train.subset(Array(0..<200))
        func run() throws -> [Tensor] {
            var generator = Xoshiro256StarStar(seed: 55)
            let network = CapsuleNetwork(configuration: smallConfiguration(), generator: &generator)
            try network.train(on: subset, epochs: 1, generator: &generator)
            return network.parameters.map(\.value)
        }
        #expect(try run() == run())
    }
}

/// The CapsNet of the training tests: 8 conv channels, 4 types of 8-D primary capsules (64), 10 digit capsules of 8-D.
func smallConfiguration() -> CapsuleNetworkConfiguration {
    var configuration = CapsuleNetworkConfiguration()
    (configuration.convolutionChannels, configuration.primaryTypes, configuration.digitDimension) = (8, 4, 8)
    return configuration
}
