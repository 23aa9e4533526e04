// Impossible shapes stop the program with a message naming the operation and the sizes, even though
// the module is compiled with -O (Core's `require`). Each runs in a child process (an exit test).

import Testing
import Core
import Convolution

@Suite("Impossible shapes stop with a message naming them")
struct BadInputTests {
    @Test("A kernel larger than the padded input")
    func kernelTooLarge() async {
        let stopped = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = ConvolutionGeometry(channels: 1, height: 4, width: 4, outputChannels: 1, kernel: 5)
        }
        #expect(standardError(of: stopped).contains(
            "ConvolutionGeometry: the kernel (5 x 5 with dilation 1) is larger than the padded input (4 x 4 = 4 x 4 with padding valid)"))
        let dilated = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = convolutionOutputSize(input: 4, kernel: 3, dilation: 2)
        }
        #expect(standardError(of: dilated).contains("convolutionOutputSize: the kernel (5) is larger than the padded input (4 + 2 x 0)"))
    }

    @Test("An input whose channels do not match the weights")
    func channelMismatch() async {
        let stopped = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            let g = ConvolutionGeometry(channels: 3, height: 8, width: 8, outputChannels: 4, kernel: 3)
            _ = convolve2D(Tensor(shape: [2, 1, 8, 8]), weights: Tensor(shape: [4, 3, 3, 3]), geometry: g)
        }
        #expect(standardError(of: stopped).contains("convolve2D: input [N, C, H, W] vs weights [O, C, K_h, K_w] (C = 3, H x W = 8 x 8): shapes [2, 1, 8, 8] and [4, 3, 3, 3] do not fit"))
        let layer = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            var generator = Xoshiro256StarStar(seed: 1)
            _ = Convolution2D(inputChannels: 3, outputChannels: 8, kernel: 3, generator: &generator)(Tensor(shape: [1, 64]))
        }
        #expect(standardError(of: layer).contains("Convolution2D.forward: input [N, C, H, W] vs weights [O, C, K_h, K_w]: shapes [1, 64] and [8, 3, 3, 3] do not fit"))
    }

    @Test("A bias of the wrong length, and negative padding")
    func biasAndPadding() async {
        let bias = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            let g = ConvolutionGeometry(channels: 1, height: 4, width: 4, outputChannels: 2, kernel: 3)
            _ = convolve2D(Tensor(shape: [1, 1, 4, 4]), weights: Tensor(shape: [2, 1, 3, 3]), bias: Tensor(shape: [3]), geometry: g)
        }
        #expect(standardError(of: bias).contains("convolve2D: bias vs [O] with O = 2: shapes [3] and [2] do not fit"))
        let padding = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = ConvolutionGeometry(channels: 1, height: 4, width: 4, outputChannels: 1, kernel: 3,
                                    padding: .explicit(top: -1, bottom: 0, left: 0, right: 0))
        }
        #expect(standardError(of: padding).contains("Padding: amounts must be >= 0, got top -1, bottom 0, left 0, right 0"))
    }

    @Test("A pooling window larger than the image; a ROC curve without negatives")
    func poolingAndROC() async {
        let pool = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = MaxPooling2D(size: 3)(Tensor(shape: [1, 1, 2, 2]))
        }
        #expect(standardError(of: pool).contains("PoolingGeometry: the window (3) is larger than the padded input (2 x 2 with padding 0)"))
        let roc = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = ROCCurve(scores: [0.1, 0.9], labels: [true, true])
        }
        #expect(standardError(of: roc).contains("ROCCurve: needs at least one positive and one negative, got 2 and 0"))
    }
}
