// Every backward pass of the module against central differences in Double (Core's GradientCheck), on
// random inputs and random shapes, strides, paddings and dilations; J = <output, C> with a random C,
// so that dJ/d(output) = C.

import Testing
import Core
import NeuralNetworks
import Convolution

@Suite("Backward passes match central differences")
struct GradientTests {
    @Test("Convolution: dJ/dX, dJ/dW, dJ/db on 15 random geometries (strides 1-3, paddings, dilations 1-2; seed 201)")
    func convolution() {
        var generator = Xoshiro256StarStar(seed: 201)
        for trial in 0..<15 {
            let g = randomGeometry(&generator)
            let batch = 1 + generator.uniformInt(below: 2)
            let (x, w, b) = (randomTensor(g.inputShape(batch: batch), &generator), randomTensor(g.weightShape, &generator),
                             randomTensor([g.outputChannels], &generator))
            let weighting = randomTensor(g.outputShape(batch: batch), &generator)
            let gradients = convolve2DBackward(input: x, outputGradient: weighting, weights: w, geometry: g)
            let analytic = gradients.input!.doubles + gradients.weights.doubles + gradients.bias.doubles
            let error = GradientCheck.error(analytic: analytic, at: x.doubles + w.doubles + b.doubles) { values in
                let (xs, rest) = (Array(values[0..<x.count]), values[x.count...])
                let (ws, bs) = (Array(rest.prefix(w.count)), Array(rest.suffix(b.count)))
                return weightedSum(doubleConvolve(xs, ws, bs, g, batch: batch), weighting)
            }
            #expect(error < gradientTolerance, "trial \(trial), \(g): error \(error)")
        }
    }

    @Test("Transposed convolution layer: dJ/dx, dJ/dW, dJ/db against the scatter of Eq. (2.3.5) in Double (10 random cases, seed 202)")
    func transposedConvolution() {
        var generator = Xoshiro256StarStar(seed: 202)
        for trial in 0..<10 {
            let (inputs, outputs, kernel, stride) = (1 + generator.uniformInt(below: 2), 1 + generator.uniformInt(below: 2),
                                                     1 + generator.uniformInt(below: 3), 1 + generator.uniformInt(below: 3))
            let padding: Padding = [.valid, .explicit(top: 0, bottom: 1, left: 1, right: 0)][generator.uniformInt(below: 2)]
            let layer = TransposedConvolution2D(weights: randomTensor([inputs, outputs, kernel, kernel], &generator),
                                                bias: randomTensor([outputs], &generator), stride: stride,
                                                padding: kernel > 1 ? padding : .valid)
            let x = randomTensor([2, inputs, 3, 2], &generator)
            let y = layer.forward(x)
            let weighting = randomTensor(y.shape, &generator)
            let inputGradient = layer.backward(weighting)
            let g = TransposedConvolutionGeometry(channels: inputs, height: 3, width: 2, outputChannels: outputs, kernelHeight: kernel,
                                                  kernelWidth: kernel, stride: stride, padding: layer.padding).convolution
            let (w, b) = (layer.weights.value, layer.bias.value)
            let analytic = inputGradient.doubles + layer.weights.gradient.doubles + layer.bias.gradient.doubles
            let error = GradientCheck.error(analytic: analytic, at: x.doubles + w.doubles + b.doubles) { values in
                let (xs, ws, bs) = (Array(values[0..<x.count]), Array(values[x.count..<(x.count + w.count)]),
                                    Array(values.suffix(b.count)))
                var out = doubleTransposedConvolve(xs, ws, g, batch: 2)
                for k in out.indices { out[k] += bs[(k / g.inputArea) % outputs] }
                return weightedSum(out, weighting)
            }
            #expect(error < gradientTolerance, "trial \(trial): error \(error)")
        }
    }

    @Test("Max and average pooling: windows 2-3, strides 1-3, padding 0-1 on random inputs (seed 203)")
    func pooling() {
        var generator = Xoshiro256StarStar(seed: 203)
        for trial in 0..<10 {
            let size = 2 + generator.uniformInt(below: 2)
            let g = PoolingGeometry(channels: 2, height: 5 + generator.uniformInt(below: 3), width: 6, size: size,
                                    stride: 1 + generator.uniformInt(below: 3), padding: generator.uniformInt(below: 2))
            let x = randomTensor([2, 2, g.inputHeight, g.inputWidth], &generator)
            let weighting = randomTensor([2, 2, g.outputHeight, g.outputWidth], &generator)
            let (_, winners) = maxPool2D(x, geometry: g)
            let maxError = GradientCheck.error(analytic: maxPool2DBackward(weighting, winners: winners, inputShape: x.shape).doubles,
                                               at: x.doubles) { values in
                weightedSum(doublePool(values, g, batch: 2, maximum: true), weighting)
            }
            let averageError = GradientCheck.error(analytic: averagePool2DBackward(weighting, geometry: g).doubles, at: x.doubles) { values in
                weightedSum(doublePool(values, g, batch: 2, maximum: false), weighting)
            }
            #expect(maxError < gradientTolerance && averageError < gradientTolerance, "trial \(trial): \(maxError), \(averageError)")
        }
    }

    @Test("Depthwise convolution layer: dJ/dX, dJ/dW, dJ/db, each channel with its own filter (seed 204)")
    func depthwise() {
        var generator = Xoshiro256StarStar(seed: 204)
        let layer = DepthwiseConvolution2D(channels: 3, kernel: 3, padding: .same, generator: &generator)
        layer.bias.value = randomTensor([3], &generator)
        let x = randomTensor([2, 3, 5, 4], &generator)
        let weighting = randomTensor([2, 3, 5, 4], &generator)
        _ = layer.forward(x)
        let inputGradient = layer.backward(weighting)
        let (w, b) = (layer.weights.value, layer.bias.value)
        let g = ConvolutionGeometry(channels: 1, height: 5, width: 4, outputChannels: 1, kernel: 3, padding: .same)
        let error = GradientCheck.error(analytic: inputGradient.doubles + layer.weights.gradient.doubles + layer.bias.gradient.doubles,
                                        at: x.doubles + w.doubles + b.doubles) { values in
            var total = 0.0
            for c in 0..<3 {   // channel c alone through its filter
                var xs: [Double] = []
                for n in 0..<2 {
                    let start: Int = (n * 3 + c) * 20
                    xs += values[start..<(start + 20)]
                }
                let ws = Array(values[(x.count + 9 * c)..<(x.count + 9 * c + 9)])
                let y = doubleConvolve(xs, ws, [values[x.count + w.count + c]], g, batch: 2)
                for n in 0..<2 { for p in 0..<20 { total += y[n * 20 + p] * Double(weighting.scalars[(n * 3 + c) * 20 + p]) } }
            }
            return total
        }
        #expect(error < gradientTolerance, "error \(error)")
    }

    @Test("Residual block, with and without batch normalisation: dJ/dx and every parameter (seed 205)")
    func residualBlock() {
        for normalised in [false, true] {
            var generator = Xoshiro256StarStar(seed: 205)
            let block = ResidualBlock(channels: 2, batchNormalisation: normalised, generator: &generator)
            for parameter in block.parameters where parameter.name == "b" { parameter.value = randomTensor(parameter.value.shape, &generator) }
            let x = randomTensor([2, 2, 4, 3], &generator)
            let weighting = randomTensor(x.shape, &generator)
            _ = block.forward(x, training: true)
            let inputGradient = block.backward(weighting)
            let trainable = block.parameters.filter(\.isTrainable)
            let analytic = inputGradient.doubles + trainable.flatMap(\.gradient.doubles)
            let g = ConvolutionGeometry(channels: 2, height: 4, width: 3, outputChannels: 2, kernel: 3, padding: .same)
            let error = GradientCheck.error(analytic: analytic, at: x.doubles + trainable.flatMap(\.value.doubles)) { values in
                var rest = values[x.count...]
                func take(_ count: Int) -> [Double] { defer { rest = rest.dropFirst(count) }; return Array(rest.prefix(count)) }
                let xs = Array(values[0..<x.count])
                let (w1, b1) = (take(36), take(2))
                let bn1 = normalised ? (take(2), take(2)) : ([], [])
                let (w2, b2) = (take(36), take(2))
                let bn2 = normalised ? (take(2), take(2)) : ([], [])
                var h = doubleConvolve(xs, w1, b1, g, batch: 2)
                if normalised { h = doubleChannelBatchNorm(h, shape: x.shape, gamma: bn1.0, beta: bn1.1, epsilon: 1e-5) }
                var s = doubleConvolve(doubleReLU(h), w2, b2, g, batch: 2)
                if normalised { s = doubleChannelBatchNorm(s, shape: x.shape, gamma: bn2.0, beta: bn2.1, epsilon: 1e-5) }
                return weightedSum(doubleReLU(zip(s, xs).map { $0 + $1 }), weighting)
            }
            #expect(error < gradientTolerance, "batch normalisation \(normalised): error \(error)")
        }
    }

    @Test("A small CNN as a Network (reshape, conv, ReLU, max-pool, flatten, dense): every parameter's gradient (seed 206)")
    func network() {
        var generator = Xoshiro256StarStar(seed: 206)
        let conv = Convolution2D(inputChannels: 1, outputChannels: 2, kernel: 3, padding: .same, generator: &generator)
        conv.bias.value = randomTensor([2], &generator)
        let dense = Dense(inputs: 8, outputs: 3, activation: .linear, generator: &generator)
        let network = Network([Reshape([1, 4, 4]), conv, ActivationLayer(.relu), MaxPooling2D(size: 2), Flatten(), dense])
        let x = randomTensor([3, 16], &generator)
        let weighting = randomTensor([3, 3], &generator)
        _ = network.forward(x, training: true)
        let inputGradient = network.backward(weighting)
        let parameters = network.parameters
        let g = ConvolutionGeometry(channels: 1, height: 4, width: 4, outputChannels: 2, kernel: 3, padding: .same)
        let pool = PoolingGeometry(channels: 2, height: 4, width: 4, size: 2)
        let error = GradientCheck.error(analytic: inputGradient.doubles + parameters.flatMap(\.gradient.doubles),
                                        at: x.doubles + parameters.flatMap(\.value.doubles)) { values in
            let xs = Array(values[0..<48]), w = Array(values[48..<66]), b = Array(values[66..<68])
            let (dw, db) = (Array(values[68..<92]), Array(values[92..<95]))
            let h = doubleReLU(doubleConvolve(xs, w, b, g, batch: 3))
            let pooled = doublePool(h, pool, batch: 3, maximum: true)   // [3, 8]
            var total = 0.0
            for n in 0..<3 {
                for o in 0..<3 {
                    let z = db[o] + (0..<8).reduce(0.0) { $0 + pooled[n * 8 + $1] * dw[$1 * 3 + o] }
                    total += z * Double(weighting.scalars[n * 3 + o])
                }
            }
            return total
        }
        #expect(error < gradientTolerance, "error \(error)")
    }

    @Test("Channel batch normalisation: gradient of x, gamma and beta over N, H, W per channel (seed 207)")
    func channelBatchNormalisation() {
        var generator = Xoshiro256StarStar(seed: 207)
        let norm = ChannelBatchNormalisation(channels: 3)
        norm.normalisation.scale.value = randomTensor([1, 3], &generator)
        norm.normalisation.shift.value = randomTensor([1, 3], &generator)
        let x = randomTensor([2, 3, 3, 2], &generator)
        let weighting = randomTensor(x.shape, &generator)
        _ = norm.forward(x, training: true)
        let inputGradient = norm.backward(weighting)
        let (gamma, beta) = (norm.normalisation.scale, norm.normalisation.shift)
        let error = GradientCheck.error(analytic: inputGradient.doubles + gamma.gradient.doubles + beta.gradient.doubles,
                                        at: x.doubles + gamma.value.doubles + beta.value.doubles) { values in
            weightedSum(doubleChannelBatchNorm(Array(values[0..<36]), shape: x.shape, gamma: Array(values[36..<39]),
                                               beta: Array(values[39..<42]), epsilon: 1e-5), weighting)
        }
        #expect(error < gradientTolerance, "error \(error)")
    }

    @Test("Nearest up-sampling, global average pooling, flatten and reshape: backward is the adjoint of forward (seed 208)")
    func shapeLayers() {
        var generator = Xoshiro256StarStar(seed: 208)
        let x = randomTensor([2, 3, 2, 3], &generator)
        for layer in [Upsampling2D(factor: 3), GlobalAveragePooling2D(), Flatten(), Reshape([18])] as [any Layer] {
            let y = layer.forward(x, training: false)
            let weighting = randomTensor(y.shape, &generator)
            let back = layer.backward(weighting)
            #expect(back.shape == x.shape)
            // Each is linear, so <f(x), w> = <x, f^T(w)>.
            #expect(isApproximatelyEqual(Double(y.dot(weighting)), Double(x.dot(back)), relativeTolerance: 1e-5, absoluteTolerance: 1e-5),
                    "\(type(of: layer))")
        }
    }
}
