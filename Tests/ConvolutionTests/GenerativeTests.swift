// Tests of what a GAN or a convolutional VAE needs of this module (issue 11, points 3, 4 and 5): a
// discriminator copied from the digits CNN hands its generator the true gradient (no silent zeros
// from its convolution), channel batch normalisation freezes like the per-feature one, skipping the
// first convolution's dJ/dX while training changes no number, and two convolutional heads join
// along the channel axis.

import Foundation
import Testing
import Core
import NeuralNetworks
import Convolution

/// A = Phi(X W + b) in Double, X [rows, inputs], W [inputs, outputs], flat; sigmoid, ReLU or softmax.
private func doubleDense(_ x: [Double], rows: Int, _ w: [Double], _ b: [Double], activation: Activation) -> [Double] {
    let outputs = b.count, inputs = w.count / b.count
    var a = [Double](repeating: 0, count: rows * outputs)
    for i in 0..<rows {
        for j in 0..<outputs {
            var z = b[j]
            for k in 0..<inputs { z += x[i * inputs + k] * w[k * outputs + j] }
            a[i * outputs + j] = activation == .sigmoid ? 1 / (1 + exp(-z)) : z
        }
        if activation == .softmax {
            let row = a[(i * outputs)..<((i + 1) * outputs)], top = row.max()!
            let total = row.reduce(0) { $0 + exp($1 - top) }
            for j in 0..<outputs { a[i * outputs + j] = exp(a[i * outputs + j] - top) / total }
        }
    }
    return a
}

@Suite("Generative models on convolutions: discriminators, freezing, two heads")
struct GenerativeTests {
    @Test("A discriminator copied from DigitsCNN inside Network([G, D]) hands G the true gradient: G's gradients match central differences (seed 701)")
    func generatorGradientThroughDigitsDiscriminator() {
        var generator = Xoshiro256StarStar(seed: 701)
        let g = Dense(inputs: 3, outputs: 64, activation: .sigmoid, generator: &generator)
        let d = DigitsCNN.make(filters: 2, generator: &generator)
        d.freeze()
        let gan = Network([g, d])
        let z = generator.normalTensor(shape: [2, 3]), target = oneHot([3, 7], classes: 10)
        let output = gan.forward(z, training: true)
        gan.backwardDiscardingInputGradient(loss: .categoricalCrossEntropy, output: output, target: target)   // the training path
        let (weights, bias) = (g.weights.gradient, g.bias.gradient)
        #expect(weights.scalars.contains { $0 != 0 })
        _ = gan.backward(loss: .categoricalCrossEntropy, output: output, target: target)                      // the full path
        #expect(g.weights.gradient == weights && g.bias.gradient == bias)
        let convolution = d.layers[1] as! Convolution2D, dense = d.layers[5] as! Dense
        let (kernel, kernelBias) = (convolution.weights.value.doubles, convolution.bias.value.doubles)
        let (w, b) = (dense.weights.value.doubles, dense.bias.value.doubles)
        let geometry = ConvolutionGeometry(channels: 1, height: 8, width: 8, outputChannels: 2, kernel: 3, padding: .same)
        let pool = PoolingGeometry(channels: 2, height: 8, width: 8, size: 2)
        let error = GradientCheck.error(analytic: weights.doubles + bias.doubles, at: g.weights.value.doubles + g.bias.value.doubles) { values in
            let images = doubleDense(z.doubles, rows: 2, Array(values[0..<192]), Array(values[192..<256]), activation: .sigmoid)
            let features = doublePool(doubleReLU(doubleConvolve(images, kernel, kernelBias, geometry, batch: 2)), pool, batch: 2, maximum: true)
            let probabilities = doubleDense(features, rows: 2, w, b, activation: .softmax)
            return -(log(probabilities[3]) + log(probabilities[10 + 7])) / 2
        }
        #expect(error < gradientTolerance, "error \(error)")
    }

    @Test("Skipping the first convolution's dJ/dX changes no number: DigitsCNN's training step (alone or nested) equals forward, full backward, update (seed 702)")
    func discardingChangesNothing() {
        var generator = Xoshiro256StarStar(seed: 702)
        let first = DigitsCNN.make(generator: &generator)
        let second = DigitsCNN.make(generator: &generator), third = DigitsCNN.make(generator: &generator)
        second.restore(first.snapshot())
        third.restore(first.snapshot())
        let nested = Network([third])
        let x = generator.uniformTensor(shape: [16, 64]), y = oneHot((0..<16).map { $0 % 10 }, classes: 10)
        var (adam, otherAdam, thirdAdam) = (Adam(learningRate: 0.005), Adam(learningRate: 0.005), Adam(learningRate: 0.005))
        for _ in 0..<3 {
            first.trainingStep(x, y, loss: .categoricalCrossEntropy, optimiser: &adam)
            let output = second.forward(x, training: true)
            _ = second.backward(loss: .categoricalCrossEntropy, output: output, target: y)
            otherAdam.update(second.parameters)
            nested.trainingStep(x, y, loss: .categoricalCrossEntropy, optimiser: &thirdAdam)
        }
        #expect(first.snapshot() == second.snapshot())
        #expect(first.snapshot() == third.snapshot())
    }

    /// D: Reshape, conv 1 -> 3, channel batch norm, ReLU, max pool, flatten, Dense(48 -> 1, sigmoid).
    static func convolutionalDiscriminator(_ generator: inout Xoshiro256StarStar) -> (Network, ChannelBatchNormalisation) {
        let norm = ChannelBatchNormalisation(channels: 3)
        let d = Network([
            Reshape([1, 8, 8]),
            Convolution2D(inputChannels: 1, outputChannels: 3, kernel: 3, padding: .same, generator: &generator),
            norm, ActivationLayer(.relu), MaxPooling2D(size: 2), Flatten(),
            Dense(inputs: 48, outputs: 1, activation: .sigmoid, generator: &generator),
        ])
        return (d, norm)
    }

    @Test("GAN on convolutions: a G step through a frozen D with channel batch norm leaves every D parameter and running statistic bit-identical (seed 703)")
    func frozenConvolutionalDiscriminator() {
        var generator = Xoshiro256StarStar(seed: 703)
        let g = Network([Dense(inputs: 4, outputs: 64, activation: .sigmoid, generator: &generator)])
        let (d, norm) = Self.convolutionalDiscriminator(&generator)
        let gan = Network([g, d])
        var (generatorAdam, discriminatorAdam) = (Adam(learningRate: 0.01), Adam(learningRate: 0.01))
        let batch = 6
        let (ones, zeros) = (Tensor(shape: [batch, 1], repeating: 1), Tensor(shape: [batch, 1]))
        for round in 0..<3 {
            d.freeze(parameters: false, statistics: false)
            let statistics = norm.normalisation.runningMean.value
            d.trainingStep(generator.uniformTensor(shape: [batch, 64]), ones, loss: .binaryCrossEntropy, optimiser: &discriminatorAdam)
            d.trainingStep(g.forward(generator.normalTensor(shape: [batch, 4]), training: false), zeros, loss: .binaryCrossEntropy,
                           optimiser: &discriminatorAdam)
            #expect(norm.normalisation.runningMean.value != statistics, "round \(round): D's step updates its statistics")
            d.freeze()
            #expect(norm.normalisation.freezesStatistics)
            let (dFrozen, gBefore) = (d.snapshot(), g.snapshot())
            gan.trainingStep(generator.normalTensor(shape: [batch, 4]), ones, loss: .binaryCrossEntropy, optimiser: &generatorAdam)
            #expect(d.snapshot() == dFrozen, "round \(round): every D parameter and statistic bit-identical")
            #expect(zip(g.snapshot(), gBefore).allSatisfy { $0 != $1 }, "round \(round): G moves")
        }
    }

    @Test("TwoHeads on convolutions: [N, 1, H, W] and [N, 2, H, W] heads join to [N, 3, H, W]; dX and every parameter match central differences (seed 704)")
    func convolutionalHeads() {
        var generator = Xoshiro256StarStar(seed: 704)
        let trunk = Convolution2D(inputChannels: 1, outputChannels: 2, kernel: 3, padding: .same, generator: &generator)
        let first = Convolution2D(inputChannels: 2, outputChannels: 1, kernel: 3, padding: .same, generator: &generator)
        let second = Convolution2D(inputChannels: 2, outputChannels: 2, kernel: 1, generator: &generator)
        for layer in [trunk, first, second] { layer.bias.value = randomTensor(layer.bias.value.shape, &generator) }
        let heads = TwoHeads(trunk: trunk, first: first, second: second)
        let x = randomTensor([2, 1, 4, 4], &generator)
        let output = heads.forward(x, training: true)
        #expect(output.shape == [2, 3, 4, 4])
        let weighting = randomTensor(output.shape, &generator)
        let inputGradient = heads.backward(weighting)
        let parameters = heads.parameters
        let sizes = parameters.map(\.count)     // 18, 2, 18, 1, 4, 2
        let g3 = ConvolutionGeometry(channels: 1, height: 4, width: 4, outputChannels: 2, kernel: 3, padding: .same)
        let gFirst = ConvolutionGeometry(channels: 2, height: 4, width: 4, outputChannels: 1, kernel: 3, padding: .same)
        let gSecond = ConvolutionGeometry(channels: 2, height: 4, width: 4, outputChannels: 2, kernel: 1)
        let error = GradientCheck.error(analytic: inputGradient.doubles + parameters.flatMap(\.gradient.doubles),
                                        at: x.doubles + parameters.flatMap(\.value.doubles)) { values in
            var rest = values[...]
            func take(_ count: Int) -> [Double] { defer { rest = rest.dropFirst(count) }; return Array(rest.prefix(count)) }
            let xs = take(32), (w, b) = (take(sizes[0]), take(sizes[1]))
            let (w1, b1, w2, b2) = (take(sizes[2]), take(sizes[3]), take(sizes[4]), take(sizes[5]))
            let h = doubleConvolve(xs, w, b, g3, batch: 2)
            let a = doubleConvolve(h, w1, b1, gFirst, batch: 2), c = doubleConvolve(h, w2, b2, gSecond, batch: 2)
            var joined: [Double] = []
            for n in 0..<2 {
                joined += a[(16 * n)..<(16 * n + 16)]
                joined += c[(32 * n)..<(32 * n + 32)]
            }
            return weightedSum(joined, weighting)
        }
        #expect(error < gradientTolerance, "error \(error)")
    }
}
