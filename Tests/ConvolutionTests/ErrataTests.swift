// Two errata of the convolution chapters that concern a choice or a word, not a worked number:
// E-40 (MLiS II Sec. 1.7.4 and Sec. 2.3.1: where batch normalisation goes) and E-44 (MLiS II
// Fig. 2.3.3: the "diluted" 2 x 2 kernel that takes 5 x 5 to 3 x 3).

import Testing
import Core
import NeuralNetworks
import Convolution

@Suite("Errata of the convolution chapters")
struct ConvolutionErrataTests {
    @Test("E-40: batch normalisation goes before the nonlinearity (Ioffe & Szegedy, MLiS II Sec. 1.7.4): the residual cell is conv, BN, ReLU, conv, BN, and what the ReLU sees has per-channel mean 0 and variance 1 (seed 91)")
    func batchNormalisationBeforeTheActivation() {
        var generator = Xoshiro256StarStar(seed: 91)
        let block = ResidualBlock(channels: 3, batchNormalisation: true, generator: &generator)
        let layers = block.residual.layers
        #expect(layers.count == 5)
        #expect(layers[0] is Convolution2D && layers[1] is ChannelBatchNormalisation && layers[2] is ActivationLayer)
        #expect(layers[3] is Convolution2D && layers[4] is ChannelBatchNormalisation)
        let x = generator.normalTensor(shape: [4, 3, 5, 5], mean: 2, standardDeviation: 3)
        let preActivation = layers[1].forward(layers[0].forward(x, training: true), training: true)
        let plane = 5 * 5
        for channel in 0..<3 {
            var values: [Double] = []
            for n in 0..<4 {
                let start = (n * 3 + channel) * plane
                values += preActivation.scalars[start..<(start + plane)].map(Double.init)
            }
            let mean = values.reduce(0, +) / Double(values.count)
            let variance = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(values.count)
            #expect(abs(mean) < 1e-5, "channel \(channel): mean \(mean)")
            #expect(isApproximatelyEqual(variance, 1, relativeTolerance: 1e-3), "channel \(channel): variance \(variance)")
        }
    }

    @Test("E-44: a 2 x 2 kernel takes 5 x 5 to 3 x 3 only when dilated by 2 (effective size 3); undilated it gives 4 x 4")
    func dilationOfFigure233() {
        #expect(convolutionOutputSize(input: 5, kernel: 2, dilation: 2) == 3)
        #expect(convolutionOutputSize(input: 5, kernel: 2, dilation: 1) == 4)
        let geometry = ConvolutionGeometry(channels: 1, height: 5, width: 5, outputChannels: 1, kernel: 2, dilation: 2)
        #expect(geometry.effectiveKernelHeight == 3)
        // The taps of the dilated kernel sit two apart: output (0, 0) reads x[0, 0], x[0, 2], x[2, 0], x[2, 2].
        let image = Tensor(shape: [1, 1, 5, 5], scalars: (0..<25).map(Float.init))
        let output = convolve2D(image, weights: Tensor(shape: [1, 1, 2, 2], repeating: 1), geometry: geometry)
        #expect(output.shape == [1, 1, 3, 3])
        #expect(output.scalars[0] == 0 + 2 + 10 + 12)
    }
}
