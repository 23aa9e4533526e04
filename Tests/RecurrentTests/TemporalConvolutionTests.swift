// The TCN of DL Padova "TCN": the receptive field R = (f - 1)(2^K - 1) + 1 against a brute-force
// count and against real stacked layers; causality; the causal convolution and the residual block
// against central differences in Double.

import Foundation
import Testing
import Convolution
import Core
import NeuralNetworks
@testable import Recurrent

/// y[n, t, o] = b_o + sum_(c, j) W[o, c, 0, j] x[n, t - (f - 1 - j) d, c], zero before the start: the
/// causal convolution written out, in Double. x is [N, T, C], W [O, C, 1, f].
func referenceCausalConvolution(_ x: [Double], batch: Int, steps: Int, channels: Int, _ w: [Double], _ b: [Double],
                                kernel: Int, dilation: Int) -> [Double] {
    let outputs = b.count
    var y = [Double](repeating: 0, count: batch * steps * outputs)
    for n in 0..<batch {
        for t in 0..<steps {
            for o in 0..<outputs {
                var sum = b[o]
                for c in 0..<channels {
                    for j in 0..<kernel {
                        let s = t - (kernel - 1 - j) * dilation
                        if s >= 0 { sum += w[(o * channels + c) * kernel + j] * x[(n * steps + s) * channels + c] }
                    }
                }
                y[(n * steps + t) * outputs + o] = sum
            }
        }
    }
    return y
}

@Suite("TCN: dilated causal convolutions and their receptive field")
struct TemporalConvolutionTests {
    static let cases = [(2, 1, 2), (2, 4, 16), (3, 4, 31), (3, 8, 511), (5, 3, 29)]

    @Test("R = (f - 1)(2^K - 1) + 1 against a brute-force count: (2,1) -> 2, (2,4) -> 16, (3,4) -> 31, (3,8) -> 511, (5,3) -> 29; and Convolution's receptive field of the stack")
    func receptiveFieldFormula() {
        for (f, k, expected) in Self.cases {
            #expect(temporalReceptiveField(filter: f, layers: k) == expected, "f = \(f), K = \(k)")
            #expect(receptiveFieldByCounting(filter: f, layers: k) == expected, "f = \(f), K = \(k)")
            let stack = (1...k).map { ReceptiveFieldLayer(kernel: f, dilation: 1 << ($0 - 1)) }
            #expect(receptiveField(of: stack) == expected, "f = \(f), K = \(k)")
        }
    }

    @Test("Real stacked causal layers (positive weights): the last output depends on exactly R input steps, the last R (the five cases)")
    func receptiveFieldOfLayers() {
        for (f, k, expected) in Self.cases {
            let steps = expected + 9
            let layers = (1...k).map { layer in
                CausalConvolution1D(weights: Tensor(shape: [1, 1, 1, f], repeating: 1), bias: Tensor(shape: [1]), dilation: 1 << (layer - 1))
            }
            let network = Network(layers)
            let output = network.forward(Tensor(shape: [1, steps, 1], repeating: 1), training: true)
            var gradient = Tensor(shape: output.shape)
            gradient.scalars[steps - 1] = 1                                   // d(last output)
            let reached = network.backward(gradient).scalars.enumerated().filter { $0.element != 0 }.map(\.offset)
            #expect(reached == Array((steps - expected)..<steps), "f = \(f), K = \(k): \(reached.count) steps")
        }
    }

    @Test("E-RNN-1: K residual blocks of two convolutions each (DL Padova's TCN architecture) see 2 (f - 1)(2^K - 1) + 1 steps, not (f - 1)(2^K - 1) + 1")
    func receptiveFieldOfBlocks() {
        for (f, k) in [(2, 3), (3, 2), (3, 4)] {
            var generator = Xoshiro256StarStar(seed: 1)
            let blocks = (1...k).map { TemporalBlock(inputChannels: 1, outputChannels: 1, kernel: f, dilation: 1 << ($0 - 1), generator: &generator) }
            for parameter in blocks.flatMap(\.parameters) { parameter.value = Tensor(shape: parameter.value.shape, repeating: 0.5) }
            let network = Network(blocks)
            let steps = 2 * temporalReceptiveField(filter: f, layers: k) + 5
            let output = network.forward(Tensor(shape: [1, steps, 1], repeating: 1), training: true)
            var gradient = Tensor(shape: output.shape)
            gradient.scalars[steps - 1] = 1
            let reached = network.backward(gradient).scalars.filter { $0 != 0 }.count
            #expect(reached == 2 * (f - 1) * ((1 << k) - 1) + 1 && reached != temporalReceptiveField(filter: f, layers: k), "f = \(f), K = \(k): \(reached)")
        }
    }

    @Test("Causality: changing x at step s leaves every output before s unchanged, in a two-block TCN (seed 501)")
    func causality() {
        var generator = Xoshiro256StarStar(seed: 501)
        let tcn = Network([TemporalBlock(inputChannels: 2, outputChannels: 3, kernel: 3, dilation: 1, generator: &generator),
                           TemporalBlock(inputChannels: 3, outputChannels: 3, kernel: 3, dilation: 2, generator: &generator)])
        let x = generator.normalTensor(shape: [2, 12, 2])
        let before = tcn(x)
        var changed = x
        for n in 0..<2 { changed.scalars[(n * 12 + 7) * 2] += 5 }             // step s = 7, channel 0
        let after = tcn(changed)
        let prefix = { (y: Tensor) in y.sliced(0..<7, alongAxis: 1) }
        #expect(prefix(before) == prefix(after))
        #expect(before.sliced(7..<12, alongAxis: 1) != after.sliced(7..<12, alongAxis: 1))
    }

    @Test("CausalConvolution1D: dX, dW, db against central differences of the convolution written out (f = 3, d = 2; seed 511)")
    func causalConvolutionGradients() {
        var generator = Xoshiro256StarStar(seed: 511)
        let (n, t, c, o, f, d) = (2, 7, 2, 3, 3, 2)
        let layer = CausalConvolution1D(inputChannels: c, outputChannels: o, kernel: f, dilation: d, generator: &generator)
        layer.convolution.bias.value = generator.normalTensor(shape: [o])
        let x = generator.normalTensor(shape: [n, t, c])
        let y = layer.forward(x, training: true)
        let reference = referenceCausalConvolution(x.doubles, batch: n, steps: t, channels: c, layer.convolution.weights.value.doubles,
                                                   layer.convolution.bias.value.doubles, kernel: f, dilation: d)
        #expect(isApproximatelyEqual(y.doubles, reference, absoluteTolerance: 1e-5))
        let weighting = randomWeighting(shape: y.shape, generator: &generator)
        let analytic = layer.backward(weighting).doubles + layer.parameters.flatMap(\.gradient.doubles)
        let error = GradientCheck.error(analytic: analytic, at: x.doubles + layer.parameters.flatMap(\.value.doubles)) { values in
            var pieces = Pieces(values)
            let (xs, w, b) = (pieces.take(n * t * c), pieces.take(o * c * f), pieces.take(o))
            return weightedSum(referenceCausalConvolution(xs, batch: n, steps: t, channels: c, w, b, kernel: f, dilation: d), weighting)
        }
        #expect(error < gradientTolerance, "error \(error)")
    }

    @Test("TemporalBlock: ReLU(conv2(ReLU(conv1(x))) + skip(x)) with a 1 x 1 skip convolution; dX and every parameter against central differences (seed 521)")
    func temporalBlockGradients() {
        var generator = Xoshiro256StarStar(seed: 521)
        let (n, t, c, o, f, d) = (2, 6, 2, 3, 2, 2)
        let block = TemporalBlock(inputChannels: c, outputChannels: o, kernel: f, dilation: d, generator: &generator)
        for parameter in block.parameters where parameter.name == "b" { parameter.value = generator.normalTensor(shape: parameter.value.shape) }
        let x = generator.normalTensor(shape: [n, t, c])
        let y = block.forward(x, training: true)
        let weighting = randomWeighting(shape: y.shape, generator: &generator)
        let analytic = block.backward(weighting).doubles + block.parameters.flatMap(\.gradient.doubles)
        let relu = { (v: [Double]) in v.map { max($0, 0) } }
        let error = GradientCheck.error(analytic: analytic, at: x.doubles + block.parameters.flatMap(\.value.doubles)) { values in
            var pieces = Pieces(values)
            let xs = pieces.take(n * t * c)
            let (w1, b1, w2, b2) = (pieces.take(o * c * f), pieces.take(o), pieces.take(o * o * f), pieces.take(o))
            let (ws, bs) = (pieces.take(o * c), pieces.take(o))
            let hidden = relu(referenceCausalConvolution(xs, batch: n, steps: t, channels: c, w1, b1, kernel: f, dilation: d))
            let inner = referenceCausalConvolution(hidden, batch: n, steps: t, channels: o, w2, b2, kernel: f, dilation: d)
            let shortcut = referenceCausalConvolution(xs, batch: n, steps: t, channels: c, ws, bs, kernel: 1, dilation: 1)
            return weightedSum(relu(elementwiseSum(inner, shortcut)), weighting)
        }
        #expect(error < gradientTolerance, "error \(error)")
    }
}
