// Output sizes, parameter counts and receptive fields: CONV-6 to CONV-12 and the errata E-22, E-36,
// E-37, E-38, E-54, E-58; the architectures' derived numbers (CaffeNet, DAT300's ResNet).

import Testing
import Core
import NeuralNetworks
import Convolution

@Suite("Sizes and parameter counts (CONV-6 to CONV-12)")
struct SizeTests {
    @Test("CONV-6a, Fig. 2.2.2: 3 x 3 input, 3 x 3 kernel, half (same) padding P = (K - 1)/2 = 1 -> 3 x 3")
    func samePadding() {
        let g = ConvolutionGeometry(channels: 1, height: 3, width: 3, outputChannels: 1, kernel: 3, padding: .same)
        #expect((g.padTop, g.padLeft, g.outputHeight, g.outputWidth) == (1, 1, 3, 3))
    }

    @Test("CONV-6b, E-37: full padding P = K - 1 = 2 on a 3 x 3 input gives 5 x 5, not the caption's 3 x 3")
    func fullPadding() {
        let g = ConvolutionGeometry(channels: 1, height: 3, width: 3, outputChannels: 1, kernel: 3, padding: .full)
        #expect((g.padTop, g.outputHeight, g.outputWidth) == (2, 5, 5))
        #expect(convolutionOutputSize(input: 3, kernel: 3, padding: 2) == 5)
        // Every placement that overlaps the image: a 1 x 1 image of 1 through a kernel of ones gives
        // the kernel's 9 positions.
        let ones = ConvolutionGeometry(channels: 1, height: 3, width: 3, outputChannels: 1, kernel: 3, padding: .full)
        let y = convolve2D(Tensor(shape: [1, 1, 3, 3], repeating: 1), weights: Tensor(shape: [1, 1, 3, 3], repeating: 1), geometry: ones)
        #expect(y.scalars == [1, 2, 3, 2, 1, 2, 4, 6, 4, 2, 3, 6, 9, 6, 3, 2, 4, 6, 4, 2, 1, 2, 3, 2, 1])
    }

    @Test("CONV-6c, Fig. 2.2.4: 5 x 5 input, 3 x 3 kernel, stride 2 -> 2 x 2")
    func strideTwo() {
        #expect(ConvolutionGeometry(channels: 1, height: 5, width: 5, outputChannels: 1, kernel: 3, stride: 2).outputHeight == 2)
        #expect(convolutionOutputSize(input: 5, kernel: 3, stride: 2) == 2)
    }

    @Test("CONV-6d, Fig. 2.3.3: a 2 x 2 kernel dilated by 2 spans 3 x 3, so a 5 x 5 input gives 3 x 3; the taps read every other pixel")
    func dilation() {
        let g = ConvolutionGeometry(channels: 1, height: 5, width: 5, outputChannels: 1, kernel: 2, dilation: 2)
        #expect((g.effectiveKernelHeight, g.outputHeight, g.outputWidth) == (3, 3, 3))
        let image = Tensor(shape: [1, 1, 5, 5], scalars: (0..<25).map(Float.init))
        let y = convolve2D(image, weights: Tensor(shape: [1, 1, 2, 2], repeating: 1), geometry: g)
        #expect(y.scalars[0] == 0 + 2 + 10 + 12)        // pixels (0, 0), (0, 2), (2, 0), (2, 2)
    }

    @Test("CONV-7, Sec. 2.3.5: a dense unit on a 5 x 5 input has 5 x 5 + 1 = 26 parameters, a 3 x 3 kernel 3 x 3 + 1 = 10, a locally connected 3 x 3 layer 9 x 10 = 90 (derived)")
    func denseVersusConvolution() {
        #expect(denseParameterCount(inputs: 25, outputs: 1) == 26)
        let g = ConvolutionGeometry(channels: 1, height: 5, width: 5, outputChannels: 1, kernel: 3)
        #expect(g.parameterCount == 10)
        #expect(locallyConnectedParameterCount(g) == 90)
    }

    @Test("CONV-8, Sec. 2.5 (VGGNet): two stacked 3 x 3 layers see 5 x 5, as one 5 x 5 does, with 18 C^2 weights against 25 C^2 (73,728 and 102,400 at C = 64)")
    func stackedKernels() {
        #expect(receptiveField(of: [ReceptiveFieldLayer(kernel: 3), ReceptiveFieldLayer(kernel: 3)]) == 5)
        #expect(receptiveField(of: [ReceptiveFieldLayer(kernel: 5)]) == 5)
        let two = 2 * convolutionParameterCount(kernelHeight: 3, kernelWidth: 3, inputChannels: 64, outputChannels: 64, bias: false)
        let one = convolutionParameterCount(kernelHeight: 5, kernelWidth: 5, inputChannels: 64, outputChannels: 64, bias: false)
        #expect((two, one) == (73_728, 102_400))
        // Strides multiply what later kernels see: 3x3 stride 2, then 3x3, sees 1 + 2 + 2 x 2 = 7.
        #expect(receptiveField(of: [ReceptiveFieldLayer(kernel: 3, stride: 2), ReceptiveFieldLayer(kernel: 3)]) == 7)
    }

    @Test("CONV-9, 10, 11 (DAT300): (32, 32, 3) with 8 filters: 5x5 -> (28, 28, 8), 608, 32; padding 2 -> (32, 32, 8); 2x2 stride 2 padding 2 -> (18, 18, 8), 104, 32")
    func datExamples() {
        var generator = Xoshiro256StarStar(seed: 1)
        let cases: [(kernel: Int, stride: Int, padding: Int, size: Int, parameters: Int)] = [(5, 1, 0, 28, 608), (5, 1, 2, 32, 608), (2, 2, 2, 18, 104)]
        for example in cases {
            let layer = Convolution2D(inputChannels: 3, outputChannels: 8, kernel: example.kernel, stride: example.stride,
                                      padding: .symmetric(example.padding), generator: &generator)
            #expect(layer(Tensor(shape: [1, 3, 32, 32])).shape == [1, 8, example.size, example.size], "\(example)")
            #expect(layer.parameterCount == example.parameters)
            #expect(convolutionOutputSize(input: 32, kernel: example.kernel, stride: example.stride, padding: example.padding) == example.size)
            #expect(convolutionInputSize(output: example.size, kernel: example.kernel, stride: example.stride, padding: example.padding) == 32)
        }
    }

    @Test("E-36: Eq. (2.2.7) as printed, (K_x K_y O_z + 1) I_z, gives 603 and 1731 where the right (K_x K_y I_z + 1) O_z gives 608 and 1792")
    func parameterFormula() {
        func printed(_ k: Int, _ inputs: Int, _ outputs: Int) -> Int { (k * k * outputs + 1) * inputs }
        #expect(printed(5, 3, 8) == 603)
        #expect(convolutionParameterCount(kernelHeight: 5, kernelWidth: 5, inputChannels: 3, outputChannels: 8) == 608)
        #expect(printed(3, 3, 64) == 1731)
        #expect(convolutionParameterCount(kernelHeight: 3, kernelWidth: 3, inputChannels: 3, outputChannels: 64) == 1792)
    }

    @Test("E-38: the output size depends on the input size even when S divides I - K + 2P (K = 3, S = 2: I = 5 -> 2, I = 7 -> 3); the parameter count does not")
    func funFact() {
        #expect(convolutionOutputSize(input: 5, kernel: 3, stride: 2) == 2)
        #expect(convolutionOutputSize(input: 7, kernel: 3, stride: 2) == 3)
        let small = ConvolutionGeometry(channels: 3, height: 5, width: 5, outputChannels: 4, kernel: 3, stride: 2)
        let large = ConvolutionGeometry(channels: 3, height: 7, width: 7, outputChannels: 4, kernel: 3, stride: 2)
        #expect(small.parameterCount == large.parameterCount)
    }

    @Test("E-22, E-58: EnzyNet's 32 -> (32 - 9)/2 + 1 = 12.5 is floored to 12 (then 8, then 4 after pooling); the DAT300 'receptive field' formula gives back 31, not 32")
    func flooredSizes() {
        let first = convolutionOutputSize(input: 32, kernel: 9, stride: 2)
        let second = convolutionOutputSize(input: first, kernel: 5)
        let pooled = PoolingGeometry(channels: 1, height: second, width: second, size: 2).outputHeight
        #expect((first, second, pooled) == (12, 8, 4))
        #expect(convolutionInputSize(output: 12, kernel: 9, stride: 2) == 31)
        #expect(convolutionOutputSize(input: 31, kernel: 9, stride: 2) == 12)
    }

    @Test("CONV-12 (DAT300 Flatten): [[a, b, c], [d, e, f], [g, h, i]] flattens row by row; a [N, C, H, W] batch to [N, C H W]")
    func flatten() {
        let image = Tensor(shape: [1, 1, 3, 3], scalars: (1...9).map(Float.init))
        #expect(Flatten()(image).scalars == (1...9).map(Float.init))
        #expect(Flatten()(Tensor(shape: [2, 3, 4, 5])).shape == [2, 60])
    }

    @Test("Pooling sizes: Fig. 2.2.5's 3 x 3 max pool on 5 x 5 (stride 1) is 3 x 3; DAT300's MaxPooling2D(2, 2) halves 28 to 14; ZeroPadding2D((2, 2)) makes 28 into 32")
    func poolingSizes() {
        #expect(PoolingGeometry(channels: 1, height: 5, width: 5, size: 3, stride: 1).outputHeight == 3)
        #expect(MaxPooling2D(size: 2)(Tensor(shape: [1, 4, 28, 28])).shape == [1, 4, 14, 14])
        #expect(ConvolutionGeometry(channels: 1, height: 28, width: 28, outputChannels: 1, kernel: 1, padding: .symmetric(2)).outputHeight == 32)
    }

    @Test("E-54: a depthwise separable 3 x 3 layer costs 1/N + 1/9 of a standard one: speed-ups 7.02, 7.89, 8.69, 8.92 for N = 32, 64, 256, 1024 (a reduction, not an increase)")
    func mobileNet() {
        let speedUps = [32, 64, 256, 1024].map { 1 / depthwiseSeparableCostRatio(outputChannels: $0, kernel: 3) }
        #expect(zip(speedUps, [7.02, 7.89, 8.69, 8.92]).allSatisfy { abs($0 - $1) < 0.005 }, "\(speedUps)")
        // The layers agree: depthwise (C K^2 + C) and pointwise ((C + 1) N) against (C K^2 + 1) N.
        var generator = Xoshiro256StarStar(seed: 3)
        let depthwise = DepthwiseConvolution2D(channels: 64, kernel: 3, generator: &generator)
        let pointwise = Convolution2D(inputChannels: 64, outputChannels: 128, kernel: 1, generator: &generator)
        let standard = Convolution2D(inputChannels: 64, outputChannels: 128, kernel: 3, generator: &generator)
        #expect((depthwise.weights.count + depthwise.bias.count, pointwise.parameterCount, standard.parameterCount) == (640, 8_320, 73_856))
    }

    @Test("Derived: CaffeNet's conv1 (227 x 227, 11 x 11, stride 4) gives 55 x 55")
    func caffeNet() {
        #expect(convolutionOutputSize(input: 227, kernel: 11, stride: 4) == 55)
    }

    @Test("Derived: DAT300's ResNet (64 x 64 x 3, Conv2D 64, two residual blocks with batch norm, Conv2D 3) has 152,259 parameters, 151,747 trainable")
    func datResNet() {
        var generator = Xoshiro256StarStar(seed: 4)
        let network = Network([
            Convolution2D(inputChannels: 3, outputChannels: 64, kernel: 3, padding: .same, generator: &generator),
            ResidualBlock(channels: 64, batchNormalisation: true, generator: &generator),
            ResidualBlock(channels: 64, batchNormalisation: true, generator: &generator),
            Convolution2D(inputChannels: 64, outputChannels: 3, kernel: 3, padding: .same, generator: &generator),
        ])
        #expect(network.parameters.reduce(0) { $0 + $1.count } == 152_259)
        #expect(network.trainableParameterCount == 151_747)
    }
}
