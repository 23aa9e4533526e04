// The layers as the notes describe them: pointwise convolution (Sec. 2.3.2), depthwise and
// depthwise separable convolution (Sec. 2.3.3, 2.5), the residual cell (Fig. 2.5.3) and batch
// normalisation over channels (Eq. (2.3.1), Eq. (2.3.2)).

import Testing
import Core
import NeuralNetworks
import Convolution

@Suite("Layers (MLiS II Sec. 2.3, Fig. 2.5.3)")
struct LayerTests {
    @Test("Sec. 2.3.2: a pointwise (1 x 1) convolution is the matrix W [O, C] applied to every pixel's channel vector (batch 1 and 3, seed 601)")
    func pointwise() {
        var generator = Xoshiro256StarStar(seed: 601)
        for batch in [1, 3] {
            let g = ConvolutionGeometry(channels: 3, height: 4, width: 5, outputChannels: 2, kernel: 1)
            let (x, w) = (randomTensor(g.inputShape(batch: batch), &generator), randomTensor(g.weightShape, &generator))
            let matrix = w.reshaped([2, 3])
            var expected = Tensor(shape: g.outputShape(batch: batch))
            for n in 0..<batch {
                let image = Tensor(shape: [3, 20], scalars: Array(x.scalars[(n * 60)..<((n + 1) * 60)]))
                expected.scalars.replaceSubrange((n * 40)..<((n + 1) * 40), with: matmul(matrix, image).scalars)
            }
            for algorithm in ConvolutionAlgorithm.allCases {
                #expect(isClose(convolve2D(x, weights: w, geometry: g, algorithm: algorithm), expected), "batch \(batch), \(algorithm)")
                let gradients = convolve2DBackward(input: x, outputGradient: expected, weights: w, geometry: g, algorithm: algorithm)
                let reference = convolve2DBackward(input: x, outputGradient: expected, weights: w, geometry: g, algorithm: .reference)
                #expect(isClose(gradients.input!, reference.input!) && isClose(gradients.weights, reference.weights), "\(algorithm)")
            }
        }
    }

    @Test("Sec. 2.3.3: depthwise keeps the channels apart; followed by a pointwise layer it equals a full convolution with filters P[k, c] D[c] (seed 602)")
    func depthwiseSeparable() {
        var generator = Xoshiro256StarStar(seed: 602)
        let depthwise = DepthwiseConvolution2D(channels: 3, kernel: 3, padding: .same, generator: &generator)
        let pointwise = Convolution2D(inputChannels: 3, outputChannels: 4, kernel: 1, generator: &generator)
        let x = randomTensor([2, 3, 5, 5], &generator)
        let separable = pointwise(depthwise(x))
        var combined = Tensor(shape: [4, 3, 3, 3])
        for k in 0..<4 {
            for c in 0..<3 {
                for t in 0..<9 {
                    combined.scalars[(k * 3 + c) * 9 + t] = pointwise.weights.value.scalars[k * 3 + c] * depthwise.weights.value.scalars[c * 9 + t]
                }
            }
        }
        let g = ConvolutionGeometry(channels: 3, height: 5, width: 5, outputChannels: 4, kernel: 3, padding: .same)
        #expect(isClose(separable, convolve2D(x, weights: combined, geometry: g)))
        // Channel c of the depthwise output depends on channel c of the input only.
        var changed = x
        for k in 0..<25 { changed.scalars[25 + k] += 1 }          // image 0, channel 1
        let difference = depthwise(changed) - depthwise(x)
        #expect(difference.scalars[0..<25].allSatisfy { $0 == 0 } && difference.scalars[50..<75].allSatisfy { $0 == 0 })
    }

    @Test("Fig. 2.5.3: with zero weights and biases the residual cell is ReLU(x); its output always has the input's shape")
    func residualCell() {
        var generator = Xoshiro256StarStar(seed: 603)
        let block = ResidualBlock(channels: 2, generator: &generator)
        for parameter in block.parameters { parameter.value = Tensor(shape: parameter.value.shape) }
        let x = randomTensor([2, 2, 4, 4], &generator)
        #expect(block(x) == x.map { max($0, 0) })
    }

    @Test("Eq. (2.3.1), Eq. (2.3.2) over channels (Sec. 4.4, derived): a 2 x 2 image (1, 2, 3, 4) with epsilon 0 becomes (-1.3416, -0.4472, 0.4472, 1.3416); every channel then has mean 0 and variance 1 over N, H, W")
    func batchNormalisation() {
        let norm = ChannelBatchNormalisation(channels: 1, epsilon: 0)
        let y = norm.forward(Tensor(shape: [1, 1, 2, 2], scalars: [1, 2, 3, 4]), training: true)
        #expect(isApproximatelyEqual(y.scalars, [-1.3416407865, -0.4472135955, 0.4472135955, 1.3416407865], relativeTolerance: 1e-6))
        var generator = Xoshiro256StarStar(seed: 604)
        let three = ChannelBatchNormalisation(channels: 3, epsilon: 0)
        let out = three.forward(randomTensor([4, 3, 3, 2], &generator), training: true)
        for c in 0..<3 {
            var values: [Double] = []
            for n in 0..<4 {
                let start: Int = (n * 3 + c) * 6
                values += out.scalars[start..<(start + 6)].map { Double($0) }
            }
            let mean: Double = values.reduce(0, +) / 24
            var variance = 0.0
            for value in values { variance += (value - mean) * (value - mean) / 24 }
            #expect(abs(mean) < 1e-6 && abs(variance - 1) < 1e-5, "channel \(c): mean \(mean), variance \(variance)")
        }
    }

    @Test("Channel batch norm's running variance is unbiased over the N H W values of a channel: a 2 x 2 image (1, 2, 3, 4), momentum 0.9, gives 16/15 = 1.0667")
    func channelBatchNormalisationRunningVariance() {
        let norm = ChannelBatchNormalisation(channels: 1, epsilon: 0, momentum: 0.9)
        _ = norm.forward(Tensor(shape: [1, 1, 2, 2], scalars: [1, 2, 3, 4]), training: true)
        #expect(isApproximatelyEqual(norm.normalisation.runningVariance.value.scalars[0], 16.0 / 15, relativeTolerance: 1e-6))
        #expect(isApproximatelyEqual(norm.normalisation.runningMean.value.scalars[0], 0.25, relativeTolerance: 1e-6))
    }

    @Test("Conv2D follows the input size (28 x 28, then 8 x 8); backwardDiscardingInputGradient skips dJ/dX but sets the same dJ/dW and dJ/db (seed 605)")
    func convolutionLayer() {
        var generator = Xoshiro256StarStar(seed: 605)
        let layer = Convolution2D(inputChannels: 1, outputChannels: 3, kernel: 3, padding: .same, generator: &generator)
        #expect(layer(Tensor(shape: [1, 1, 28, 28])).shape == [1, 3, 28, 28])
        let x = randomTensor([2, 1, 8, 8], &generator)
        let y = layer.forward(x)
        #expect(y.shape == [2, 3, 8, 8])
        let dy = randomTensor(y.shape, &generator)
        let full = layer.backward(dy)
        let (weights, bias) = (layer.weights.gradient, layer.bias.gradient)
        _ = layer.forward(x)
        layer.weights.gradient = Tensor(shape: layer.weights.value.shape)
        layer.backwardDiscardingInputGradient(dy)
        #expect(layer.weights.gradient == weights && layer.bias.gradient == bias)
        #expect(full != Tensor(shape: x.shape))
        #expect(layer.backward(dy) == full)          // backward itself never hands back made-up zeros
    }
}
