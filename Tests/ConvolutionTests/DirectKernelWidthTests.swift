// The direct convolution's two inner loops, 24 positions in SIMD8 and 64 positions in SIMD16 (chosen
// by the CPU: AVX-512 or not), both run on every machine: the same bits as each other, and the
// loops of Eq. (2.2.5) up to rounding, on planes long enough to reach the 64-position step.

import Testing
import Core
@testable import Convolution

@Suite("Direct convolution: the SIMD16 step equals the SIMD8 step bit for bit")
struct DirectKernelWidthTests {
    @Test("Forward, wide and narrow inner loops, both input layouts, leftover filters and planes of 64-784 positions (seed 111)",
          arguments: [(28, 1, 8), (28, 8, 16), (8, 8, 16), (8, 1, 8), (10, 2, 6), (9, 7, 5), (11, 16, 4), (13, 3, 9)])
    func wideEqualsNarrow(shape: (side: Int, inputs: Int, outputs: Int)) {
        var generator = Xoshiro256StarStar(seed: 111)
        let g = ConvolutionGeometry(channels: shape.inputs, height: shape.side, width: shape.side, outputChannels: shape.outputs,
                                    kernel: 3, padding: .same)
        let x = randomTensor(g.inputShape(batch: 3), &generator)
        let w = randomTensor(g.weightShape, &generator)
        let b = randomTensor([g.outputChannels], &generator)
        let wide = DirectConvolution.forward(x, weights: w, bias: b, geometry: g, threads: 1, wide: true)
        let narrow = DirectConvolution.forward(x, weights: w, bias: b, geometry: g, threads: 1, wide: false)
        let twoThreads = DirectConvolution.forward(x, weights: w, bias: b, geometry: g, threads: 2, wide: true)
        #expect(wide == narrow, "\(g): wide and narrow differ by \(largestDifference(wide, narrow))")
        #expect(wide == twoThreads, "\(g): one and two threads differ")
        let expected = convolve2D(x, weights: w, bias: b, geometry: g, algorithm: .reference)
        #expect(isClose(wide, expected), "\(g): differs from the loops by \(largestDifference(wide, expected))")
    }
}
