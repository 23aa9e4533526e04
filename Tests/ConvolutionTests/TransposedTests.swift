// Transposed convolution (CONV-5, MLiS II Eq. (2.3.3), Eq. (2.3.4), Eq. (2.3.5)), adjointness, the
// checkerboard artefact
// and resize-convolution (Sec. 2.3.6), pooling values.

import Testing
import Core
import Convolution

@Suite("Transposed convolution and up-sampling (CONV-5)")
struct TransposedTests {
    let notesOutput: [Float] = [1, 4, 7, 6, 6, 17, 21, 7, 11, 20, 13, 4, 6, 5, 4, 1]

    @Test("Eq. (2.3.3): K*^T is the printed 16 x 4 matrix; Eq. (2.3.5): K*^T D* for D = [[1, 2], [3, 1]] is the printed 4 x 4 output")
    func notesExample() {
        let g = ConvolutionGeometry(channels: 1, height: 4, width: 4, outputChannels: 1, kernel: 3)
        let kStar = ConvolutionMatrix(weights: Tensor(shape: [1, 1, 3, 3], scalars: notesKernel), geometry: g)
        let printed: [[Float]] = [[1, 0, 0, 0], [2, 1, 0, 0], [3, 2, 0, 0], [0, 3, 0, 0], [3, 0, 1, 0], [4, 3, 2, 1], [2, 4, 3, 2],
                                  [0, 2, 0, 3], [2, 0, 3, 0], [1, 2, 4, 3], [1, 1, 2, 4], [0, 1, 0, 2], [0, 0, 2, 0], [0, 0, 1, 2],
                                  [0, 0, 1, 1], [0, 0, 0, 1]]
        #expect(kStar.matrix.transposed() == Tensor(printed))
        let d = Tensor(shape: [1, 2, 2], scalars: [1, 2, 3, 1])
        #expect(kStar.applyTransposed(d).scalars == notesOutput)
    }

    @Test("CONV-5 as a layer: the strided up-sampling layer gives the same 4 x 4 from 2 x 2, (I - 1)S + K = 4; scatter-add and a full-padded correlation with the flipped kernel agree; <K* I*, D*> = <I*, K*^T D*> = 550")
    func asLayer() {
        let d = Tensor(shape: [1, 1, 2, 2], scalars: [1, 2, 3, 1])
        let kernel = Tensor(shape: [1, 1, 3, 3], scalars: notesKernel)
        let layer = TransposedConvolution2D(weights: kernel, bias: Tensor(shape: [1]))
        #expect(layer(d).scalars == notesOutput)
        #expect(transposedConvolutionOutputSize(input: 2, kernel: 3) == 4)
        // Scatter-add: D[i, j] K added at offset (i, j).
        var scattered = [Float](repeating: 0, count: 16)
        for (i, j) in [(0, 0), (0, 1), (1, 0), (1, 1)] {
            for t in 0..<9 { scattered[(i + t / 3) * 4 + j + t % 3] += d.scalars[i * 2 + j] * notesKernel[t] }
        }
        #expect(scattered == notesOutput)
        // Full padding (P = 2) and the kernel flipped.
        let full = ConvolutionGeometry(channels: 1, height: 2, width: 2, outputChannels: 1, kernel: 3, padding: .full)
        let flipped = Tensor(shape: [1, 1, 3, 3], scalars: notesKernel.reversed())
        #expect(convolve2D(d, weights: flipped, geometry: full).scalars == notesOutput)
        let image = Tensor(shape: [1, 1, 4, 4], scalars: notesImage)
        let g = ConvolutionGeometry(channels: 1, height: 4, width: 4, outputChannels: 1, kernel: 3)
        #expect(convolve2D(image, weights: kernel, geometry: g).dot(d) == 550)
        #expect(image.dot(layer(d)) == 550)
    }

    @Test("Adjointness <conv(x), y> = <x, conv^T(y)> on 30 random geometries, channels, strides, paddings and dilations (seed 401)")
    func adjointness() {
        var generator = Xoshiro256StarStar(seed: 401)
        for _ in 0..<30 {
            let g = randomGeometry(&generator)
            let batch = 1 + generator.uniformInt(below: 2)
            let (x, w) = (randomTensor(g.inputShape(batch: batch), &generator), randomTensor(g.weightShape, &generator))
            let y = randomTensor(g.outputShape(batch: batch), &generator)
            let left = Double(convolve2D(x, weights: w, geometry: g).dot(y))
            let right = Double(x.dot(convolve2DInputGradient(y, weights: w, geometry: g)))
            #expect(isApproximatelyEqual(left, right, relativeTolerance: 1e-4, absoluteTolerance: 1e-3), "\(g): \(left) vs \(right)")
        }
    }

    @Test("Output sizes: valid (I - 1)S + K; Keras 'same' I S; explicit padding crops; the layer maps 3 x 5 by a 4 x 4 kernel, stride 2, to 8 x 12")
    func outputSizes() {
        let valid = TransposedConvolutionGeometry(channels: 1, height: 3, width: 5, outputChannels: 2, kernelHeight: 4, kernelWidth: 4, stride: 2)
        #expect((valid.outputHeight, valid.outputWidth) == ((3 - 1) * 2 + 4, (5 - 1) * 2 + 4))
        let same = TransposedConvolutionGeometry(channels: 1, height: 3, width: 5, outputChannels: 2, kernelHeight: 4, kernelWidth: 4,
                                                 stride: 2, padding: .same)
        #expect((same.outputHeight, same.outputWidth) == (6, 10))
        var generator = Xoshiro256StarStar(seed: 402)
        let layer = TransposedConvolution2D(inputChannels: 1, outputChannels: 2, kernel: 4, stride: 2, generator: &generator)
        #expect(layer(Tensor(shape: [1, 1, 3, 5])).shape == [1, 2, 8, 12])
    }

    @Test("E-CONV-1: 'same' gives I S only when it crops K - S pixels (Keras); the half padding P = (K - 1)/2 of Sec. 2.2.2 gives (I - 1)S + 1: 5, not 6, for I = 3, K = 3, S = 2")
    func samePaddingOfTransposedConvolution() {
        let same = TransposedConvolutionGeometry(channels: 1, height: 3, width: 3, outputChannels: 1, kernelHeight: 3, kernelWidth: 3,
                                                 stride: 2, padding: .same)
        #expect(same.outputHeight == 3 * 2)
        let half = TransposedConvolutionGeometry(channels: 1, height: 3, width: 3, outputChannels: 1, kernelHeight: 3, kernelWidth: 3,
                                                 stride: 2, padding: .symmetric((3 - 1) / 2))
        #expect(half.outputHeight == 5)
        #expect(transposedConvolutionOutputSize(input: 3, kernel: 3, stride: 2, padding: 1) == 5)
        // With stride 1 the two agree: K - S = K - 1 = 2P.
        #expect(TransposedConvolutionGeometry(channels: 1, height: 3, width: 3, outputChannels: 1, kernelHeight: 3, kernelWidth: 3,
                                              padding: .same).outputHeight == 3)
    }

    @Test("Sec. 2.3.6, checkerboard: on a constant input a 3 x 3 kernel with stride 2 (3 not divisible by 2) gives interior values 1, 2 and 4; a 4 x 4 kernel with stride 2 gives 4 everywhere inside; resize-convolution gives 9 everywhere inside")
    func checkerboard() {
        let input = Tensor(shape: [1, 1, 4, 4], repeating: 1)
        func interior(_ y: Tensor, margin: Int) -> Set<Float> {
            let (height, width) = (y.shape[2], y.shape[3])
            return Set((margin..<(height - margin)).flatMap { r in (margin..<(width - margin)).map { y.scalars[r * width + $0] } })
        }
        let uneven = TransposedConvolution2D(weights: Tensor(shape: [1, 1, 3, 3], repeating: 1), bias: Tensor(shape: [1]), stride: 2)
        #expect(interior(uneven(input), margin: 2) == [1, 2, 4])
        let even = TransposedConvolution2D(weights: Tensor(shape: [1, 1, 4, 4], repeating: 1), bias: Tensor(shape: [1]), stride: 2)
        #expect(interior(even(input), margin: 2) == [4])
        let upsampled = Upsampling2D(factor: 2)(input)
        let g = ConvolutionGeometry(channels: 1, height: 8, width: 8, outputChannels: 1, kernel: 3, padding: .same)
        #expect(interior(convolve2D(upsampled, weights: Tensor(shape: [1, 1, 3, 3], repeating: 1), geometry: g), margin: 1) == [9])
        #expect(interior(bilinearUpsampled(input, factor: 2), margin: 0) == [1])
    }

    @Test("Bilinear up-sampling by 2 of the row [0, 1] puts the new pixels at 1/4 and 3/4: two rows [0, 0.25, 0.75, 1]")
    func bilinear() {
        #expect(bilinearUpsampled(Tensor(shape: [1, 1, 1, 2], scalars: [0, 1]), factor: 2).scalars == [0, 0.25, 0.75, 1, 0, 0.25, 0.75, 1])
    }
}

@Suite("Pooling values (MLiS II Sec. 2.2.3)")
struct PoolingTests {
    @Test("Max pooling 2 x 2 keeps the largest of each window and sends the gradient to it (first on a tie); average pooling shares it equally")
    func values() {
        let x = Tensor(shape: [1, 1, 2, 4], scalars: [1, 5, 2, 0, 3, 4, 8, 8])
        let g = PoolingGeometry(channels: 1, height: 2, width: 4, size: 2)
        let (y, winners) = maxPool2D(x, geometry: g)
        #expect(y.scalars == [5, 8] && winners == [1, 6])
        #expect(maxPool2DBackward(Tensor(shape: [1, 1, 1, 2], scalars: [10, 20]), winners: winners, inputShape: x.shape).scalars
            == [0, 10, 0, 0, 0, 0, 20, 0])
        #expect(averagePool2D(x, geometry: g).scalars == [13.0 / 4, 18.0 / 4])
        #expect(averagePool2DBackward(Tensor(shape: [1, 1, 1, 2], scalars: [4, 8]), geometry: g).scalars == [1, 1, 2, 2, 1, 1, 2, 2])
    }

    @Test("Fig. 2.2.5: a 3 x 3 max pool with stride 1 on a 5 x 5 input; overlapping windows add their gradients on a shared winner")
    func overlapping() {
        let x = Tensor(shape: [1, 1, 5, 5], scalars: (0..<25).map { Float($0 == 12 ? 100 : $0 % 7) })
        let g = PoolingGeometry(channels: 1, height: 5, width: 5, size: 3, stride: 1)
        let (y, winners) = maxPool2D(x, geometry: g)
        #expect(y.scalars == [Float](repeating: 100, count: 9))      // the centre pixel is in every window
        #expect(maxPool2DBackward(Tensor(shape: [1, 1, 3, 3], repeating: 1), winners: winners, inputShape: x.shape).scalars[12] == 9)
    }

    @Test("Padding never wins a max (negative inputs) and is not counted in an average")
    func padding() {
        let x = Tensor(shape: [1, 1, 2, 2], scalars: [-1, -2, -3, -4])
        let g = PoolingGeometry(channels: 1, height: 2, width: 2, size: 2, stride: 2, padding: 1)
        #expect(maxPool2D(x, geometry: g).output.scalars == [-1, -2, -3, -4])
        #expect(averagePool2D(x, geometry: g).scalars == [-1, -2, -3, -4])
    }
}
