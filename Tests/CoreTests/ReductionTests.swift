// Tests of the reductions along an axis (Tensor+Reductions.swift): the doc comments' examples, the
// edge cases (NaN, empty axes), and the fast versions against their plain twins on awkward shapes.

import Testing
import Foundation
import Core

@Suite("Reductions along an axis: sum, mean, maximum, norm")
struct ReductionTests {
    @Test("The doc comments' examples: the reduced axis is removed")
    func examples() {
        let x = Tensor([[1, 2, 3], [4, 5, 6]])
        #expect(x.sum(alongAxis: 1) == Tensor(shape: [2], scalars: [6, 15]))
        #expect(x.sum(alongAxis: 0) == Tensor(shape: [3], scalars: [5, 7, 9]))
        #expect(x.mean(alongAxis: 1) == Tensor(shape: [2], scalars: [2, 5]))
        #expect(x.maximum(alongAxis: 0) == Tensor(shape: [3], scalars: [4, 5, 6]))
        #expect(Tensor([[3, 4], [0, 0]]).norm(alongAxis: 1) == Tensor(shape: [2], scalars: [5, 0]))
        #expect(Tensor([[0, 3, 1, 3], [2, 0, 2, -1]]).argmaximum(alongAxis: 1) == [1, 0])
        #expect(x.sum(alongAxis: 1).repeated(3, alongNewAxis: 1).shape == x.shape)
    }

    @Test("NaN wins the maximum and its index; an empty axis sums to 0, has maximum -infinity and mean NaN")
    func edgeCases() {
        let x = Tensor([[1, .nan, 5], [2, 7, -.infinity]])
        #expect(x.maximum(alongAxis: 1).scalars[0].isNaN && x.maximum(alongAxis: 1).scalars[1] == 7)
        #expect(x.argmaximum(alongAxis: 1) == [1, 1])
        let column = Tensor(shape: [3, 2], scalars: [1, 2, .nan, 0, 3, 1])
        #expect(column.maximum(alongAxis: 0).scalars[0].isNaN && column.argmaximum(alongAxis: 0) == [1, 0])
        let empty = Tensor(shape: [2, 0, 3])
        #expect(empty.sum(alongAxis: 1) == Tensor(shape: [2, 3]))
        #expect(empty.maximum(alongAxis: 1) == Tensor(shape: [2, 3], repeating: -.infinity))
        #expect(empty.mean(alongAxis: 1).scalars.allSatisfy { $0.isNaN })
        #expect(empty.sum(alongAxis: 0).shape == [0, 3])
    }

    /// When the reduced values are strided (inner > 1) the fast version adds them in the plain order,
    /// so the answers are identical; when they are contiguous it uses SIMD partial sums, and the two
    /// agree within the rounding bound of a sum of `extent` terms (KernelTestSupport). Norms are sums
    /// of positive terms (no cancellation), so a relative 1e-5 (about 20 n eps for n <= 17) bounds them.
    @Test("sum, mean, maximum, argmaximum and norm equal their plain twins (seed 41)", arguments: AxisTestSupport.shapesAndAxes)
    func reductionsMatchReference(shape: [Int], axis: Int) {
        let x = AxisTestSupport.randomTensor(shape, seed: 41)
        let extent = shape[axis], contiguous = shape[(axis + 1)...].reduce(1, *) == 1
        #expect(x.maximum(alongAxis: axis) == Reference.maximum(x, alongAxis: axis))
        if extent > 0 { #expect(x.argmaximum(alongAxis: axis) == Reference.argmaximum(x, alongAxis: axis)) }
        let (sum, plainSum) = (x.sum(alongAxis: axis), Reference.sum(x, alongAxis: axis))
        let (mean, plainMean) = (x.mean(alongAxis: axis), Reference.mean(x, alongAxis: axis))
        let (norm, plainNorm) = (x.norm(alongAxis: axis), Reference.norm(x, alongAxis: axis))
        #expect(sum.shape == plainSum.shape && mean.shape == plainMean.shape && norm.shape == plainNorm.shape)
        guard contiguous else {
            #expect(sum == plainSum && norm == plainNorm, "strided \(shape) along \(axis)")
            #expect(zip(mean.scalars, plainMean.scalars).allSatisfy { $0 == $1 || ($0.isNaN && $1.isNaN) })
            return
        }
        let magnitudes = x.map(abs).sum(alongAxis: axis)
        for i in 0..<sum.count {
            #expect(KernelTestSupport.isWithinRoundingBound(sum.scalars[i], plainSum.scalars[i], terms: extent,
                                                            magnitude: magnitudes.scalars[i]), "sum \(shape) along \(axis)")
            #expect(KernelTestSupport.isWithinRoundingBound(mean.scalars[i], plainMean.scalars[i], terms: extent + 1,
                                                            magnitude: magnitudes.scalars[i] / Float(max(extent, 1))))
            #expect(isApproximatelyEqual(norm.scalars[i], plainNorm.scalars[i], relativeTolerance: 1e-5), "norm \(shape)")
        }
    }

    @Test("A long contiguous axis: sums over 1000 values within the rounding bound (seed 42)")
    func longContiguousAxis() {
        let x = AxisTestSupport.randomTensor([3, 1000], seed: 42)
        let (fast, plain, magnitudes) = (x.sum(alongAxis: 1), Reference.sum(x, alongAxis: 1), x.map(abs).sum(alongAxis: 1))
        for i in 0..<3 {
            #expect(KernelTestSupport.isWithinRoundingBound(fast.scalars[i], plain.scalars[i], terms: 1000, magnitude: magnitudes.scalars[i]))
        }
        #expect(x.sum(alongAxis: 0) == Reference.sum(x, alongAxis: 0))
    }
}
