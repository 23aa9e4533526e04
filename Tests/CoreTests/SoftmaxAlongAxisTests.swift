// Tests of the softmax along an axis (Tensor+Softmax.swift): the doc comment's example, the fast
// version against its plain twin (Reference+Softmax.swift) on awkward shapes, the rank-2 case against
// `softmaxRows`, extremes and masked (-infinity) entries, and the backward rule against central
// differences in Double.

import Foundation
import Testing
import Core

@Suite("Softmax along an axis (MLiS II Eq. (2.2.9), Eq. (2.2.10) per fibre)")
struct SoftmaxAlongAxisTests {
    @Test("The doc comment's example: (1000, 999) is (0.7311, 0.2689), and -infinity gets exactly 0")
    func example() {
        let s = Tensor([[1000, 999], [0, -.infinity]]).softmaxAlong(axis: 1)
        #expect(isApproximatelyEqual(s.scalars, [0.7310585786, 0.2689414214, 1, 0], absoluteTolerance: 1e-7), "got \(s)")
        #expect(s[1, 1] == 0 && s[1, 0] == 1)
    }

    @Test("Fast and plain twins agree, and every fibre sums to 1 (seed 41)", arguments: AxisTestSupport.shapesAndAxes)
    func matchesReference(shape: [Int], axis: Int) {
        let x = 5 * AxisTestSupport.randomTensor(shape, seed: 41)
        let (fast, plain) = (x.softmaxAlong(axis: axis), Reference.softmax(x, alongAxis: axis))
        #expect(fast.shape == shape)
        #expect(isApproximatelyEqual(fast.scalars, plain.scalars, absoluteTolerance: 1e-6), "\(shape) along \(axis)")
        guard shape[axis] > 0 else { return }
        let sums = fast.sum(alongAxis: axis)
        #expect(sums.scalars.allSatisfy { abs($0 - 1) < 1e-5 }, "\(shape) along \(axis): sums \(sums.scalars)")
        let g = AxisTestSupport.randomTensor(shape, seed: 42)
        #expect(isApproximatelyEqual(softmaxBackward(g, output: fast, alongAxis: axis).scalars,
                                     Reference.softmaxBackward(g, output: fast, alongAxis: axis).scalars, absoluteTolerance: 1e-6))
    }

    @Test("Along the last axis of a matrix it is softmaxRows; a causal mask of -infinity gives exact zeros above the diagonal")
    func rowsAndMasks() {
        let x = 3 * AxisTestSupport.randomTensor([4, 4], seed: 43)
        #expect(isApproximatelyEqual(x.softmaxAlong(axis: 1).scalars, x.softmaxRows().scalars, absoluteTolerance: 1e-7))
        var masked = x
        for i in 0..<4 { for j in (i + 1)..<4 { masked[i, j] = -.infinity } }
        let s = masked.softmaxAlong(axis: 1)
        #expect((0..<4).allSatisfy { i in ((i + 1)..<4).allSatisfy { s[i, $0] == 0 } })
        #expect(s[0, 0] == 1)
        let g = AxisTestSupport.randomTensor([4, 4], seed: 44)
        let dx = softmaxBackward(g, output: s, alongAxis: 1)
        #expect((0..<4).allSatisfy { i in ((i + 1)..<4).allSatisfy { dx[i, $0] == 0 } }, "masked entries get no gradient")
    }

    @Test("Logits of +-1000 along a strided axis stay finite; an all -infinity fibre is NaN, as documented")
    func extremes() {
        let s = Tensor([[1000, -1000], [-1000, 1000]]).softmaxAlong(axis: 0)
        #expect(s == Tensor([[1, 0], [0, 1]]))
        let empty = Tensor([[-.infinity, -.infinity]]).softmaxAlong(axis: 1)
        #expect(empty.scalars.allSatisfy { $0.isNaN })
    }

    @Test("softmaxBackward matches central differences in Double (seed 45)", arguments: [([5], 0), ([3, 6], 1), ([3, 6], 0), ([2, 3, 4], 1), ([2, 3, 4], 2)])
    func gradient(shape: [Int], axis: Int) {
        let x = AxisTestSupport.randomTensor(shape, seed: 45), c = AxisTestSupport.randomTensor(shape, seed: 46)
        let fibres = AxisTestSupport.fibres(shape, axis: axis)
        let analytic = softmaxBackward(c, output: x.softmaxAlong(axis: axis), alongAxis: axis)
        let error = GradientCheck.error(analytic: analytic.doubles, at: x.doubles) { values in
            var total = 0.0
            for fibre in fibres {
                let top = fibre.map { values[$0] }.max()!
                let e = fibre.map { exp(values[$0] - top) }
                let sum = e.reduce(0, +)
                for (position, index) in fibre.enumerated() { total += Double(c.scalars[index]) * e[position] / sum }
            }
            return total
        }
        #expect(error < axisGradientTolerance, "\(shape) along \(axis): error \(error)")
    }
}
