// The three convolution algorithms (plain loops, im2col + GEMM, direct SIMD) agree on random shapes,
// strides, paddings and dilations, forward and backward; im2col and col2im are adjoint.

import Testing
import Core
import Convolution

@Suite("Convolution algorithms agree")
struct AlgorithmTests {
    @Test("Forward: im2col + GEMM and direct SIMD equal the loops of Eq. (2.2.5) on 60 random geometries (seed 101)")
    func forwardAgrees() {
        var generator = Xoshiro256StarStar(seed: 101)
        for trial in 0..<60 {
            let g = randomGeometry(&generator)
            let batch = 1 + generator.uniformInt(below: 3)
            let x = randomTensor(g.inputShape(batch: batch), &generator)
            let w = randomTensor(g.weightShape, &generator)
            let b = randomTensor([g.outputChannels], &generator)
            let expected = convolve2D(x, weights: w, bias: b, geometry: g, algorithm: .reference)
            for algorithm in [ConvolutionAlgorithm.im2col, .direct, .automatic] {
                let y = convolve2D(x, weights: w, bias: b, geometry: g, algorithm: algorithm)
                #expect(isClose(y, expected), "trial \(trial), \(algorithm), \(g): differs by \(largestDifference(y, expected))")
            }
        }
    }

    @Test("Backward: dX, dW and db of im2col and direct equal the loops on 60 random geometries (seed 102)")
    func backwardAgrees() {
        var generator = Xoshiro256StarStar(seed: 102)
        for trial in 0..<60 {
            let g = randomGeometry(&generator)
            let batch = 1 + generator.uniformInt(below: 3)
            let x = randomTensor(g.inputShape(batch: batch), &generator)
            let w = randomTensor(g.weightShape, &generator)
            let dy = randomTensor(g.outputShape(batch: batch), &generator)
            let expected = convolve2DBackward(input: x, outputGradient: dy, weights: w, geometry: g, algorithm: .reference)
            for algorithm in [ConvolutionAlgorithm.im2col, .direct, .automatic] {
                let got = convolve2DBackward(input: x, outputGradient: dy, weights: w, geometry: g, algorithm: algorithm)
                #expect(isClose(got.input!, expected.input!), "trial \(trial), \(algorithm) dX, \(g)")
                #expect(isClose(got.weights, expected.weights), "trial \(trial), \(algorithm) dW, \(g)")
                #expect(isClose(got.bias, expected.bias), "trial \(trial), \(algorithm) db, \(g)")
            }
        }
    }

    @Test("Direct SIMD equals the loops with 1-6 channels, 4-9 filters and planes of 1-100 outputs, forward and backward (seed 105)")
    func directWithManyFilters() {
        // The random geometries above have at most 3 filters; these reach the four-filter blocks, the
        // filters left over after them, planes shorter than 8, 24 and 64 positions or not a multiple of 8,
        // and both layouts of the inputs (the input gradient swaps channels and filters).
        var generator = Xoshiro256StarStar(seed: 105)
        for trial in 0..<40 {
            let base = randomGeometry(&generator, stride: 1)
            let side = 1 + generator.uniformInt(below: 10)
            let g = ConvolutionGeometry(channels: 1 + generator.uniformInt(below: 6), height: side + base.effectiveKernelHeight - 1,
                                        width: 1 + generator.uniformInt(below: 10) + base.effectiveKernelWidth - 1,
                                        outputChannels: 4 + generator.uniformInt(below: 6), kernelHeight: base.kernelHeight,
                                        kernelWidth: base.kernelWidth, padding: .valid, dilation: base.dilation)
            let batch = 1 + generator.uniformInt(below: 3)
            let x = randomTensor(g.inputShape(batch: batch), &generator)
            let w = randomTensor(g.weightShape, &generator)
            let b = randomTensor([g.outputChannels], &generator)
            let dy = randomTensor(g.outputShape(batch: batch), &generator)
            let y = convolve2D(x, weights: w, bias: b, geometry: g, algorithm: .direct)
            let expected = convolve2D(x, weights: w, bias: b, geometry: g, algorithm: .reference)
            #expect(isClose(y, expected), "trial \(trial), \(g): differs by \(largestDifference(y, expected))")
            let got = convolve2DBackward(input: x, outputGradient: dy, weights: w, geometry: g, algorithm: .direct)
            let reference = convolve2DBackward(input: x, outputGradient: dy, weights: w, geometry: g, algorithm: .reference)
            #expect(isClose(got.input!, reference.input!) && isClose(got.weights, reference.weights), "trial \(trial), \(g)")
        }
    }

    @Test("Larger batches split across threads give the same numbers bit for bit as one thread (seed 103)")
    func threadsDoNotChangeResults() {
        var generator = Xoshiro256StarStar(seed: 103)
        let g = ConvolutionGeometry(channels: 4, height: 28, width: 28, outputChannels: 8, kernel: 3, padding: .same)
        let x = randomTensor(g.inputShape(batch: 40), &generator)
        let w = randomTensor(g.weightShape, &generator)
        let dy = randomTensor(g.outputShape(batch: 40), &generator)
        for algorithm in [ConvolutionAlgorithm.im2col, .direct] {
            let one = convolve2DBackward(input: x, outputGradient: dy, weights: w, geometry: g, algorithm: algorithm, threads: 1)
            let two = convolve2DBackward(input: x, outputGradient: dy, weights: w, geometry: g, algorithm: algorithm, threads: 2)
            #expect(one.weights == two.weights && one.input == two.input && one.bias == two.bias, "\(algorithm)")
            #expect(convolve2D(x, weights: w, geometry: g, algorithm: algorithm, threads: 1)
                == convolve2D(x, weights: w, geometry: g, algorithm: algorithm, threads: 2), "\(algorithm)")
        }
    }

    @Test("im2col and col2im are adjoint: <im2col(x), y> = <x, col2im(y)> on 30 random geometries (seed 104)")
    func im2colAdjoint() {
        var generator = Xoshiro256StarStar(seed: 104)
        for _ in 0..<30 {
            let g = randomGeometry(&generator)
            let x = randomTensor([g.inputChannels, g.inputHeight, g.inputWidth], &generator)
            let y = randomTensor([g.patchSize, g.outputArea], &generator)
            let left = Double(im2col(x, geometry: g).dot(y)), right = Double(x.dot(col2im(y, geometry: g)))
            #expect(isApproximatelyEqual(left, right, relativeTolerance: 1e-4, absoluteTolerance: 1e-4), "\(g): \(left) vs \(right)")
        }
    }
}
