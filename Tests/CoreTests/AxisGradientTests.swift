// The backward rules written beside the axis operations, reductions, elementwise maps and
// batchedMatmul, checked against central differences in Double (GradientCheck) on seeded inputs.
// J = sum_j c_j y_j with fixed random weights c, so dJ/dy = c and the rule must turn c into dJ/dx.
//
// The forward passes in Double: an operation that only moves values, applied to the tensor of flat
// indices, says which input each output reads (AxisTestSupport.sourceIndices); a reduction's values
// are the fibres of AxisTestSupport.fibres; the maps and products are written out in Double here.

import Testing
import Foundation
import Core

@Suite("Backward rules of the tensor operations against central differences")
struct AxisGradientTests {
    static let cases: [(shape: [Int], axis: Int)] =
        [[7], [3, 17], [2, 7, 3], [2, 3, 4, 5]].flatMap { shape in shape.indices.map { (shape, $0) } }

    /// The gradient-check error of `backward` (output weights to input gradients) for an operation
    /// `forward` that only moves values, at the concatenated elements of `inputs`.
    func moveError(_ inputs: [Tensor], seed: UInt64, forward: ([Tensor]) -> [Tensor], backward: ([Tensor]) -> [Tensor]) -> Double {
        var offset = 0
        let indexInputs = inputs.map { input in
            defer { offset += input.count }
            return AxisTestSupport.indexTensor(input.shape, offset: offset)
        }
        let indexOutputs = forward(indexInputs)
        let map = indexOutputs.flatMap { AxisTestSupport.sourceIndices(of: $0) }
        let weights = indexOutputs.enumerated().map { AxisTestSupport.randomTensor($0.element.shape, seed: seed + UInt64($0.offset)) }
        let x = inputs.flatMap(\.doubles)
        #expect(forward(inputs).flatMap(\.doubles) == map.map { x[$0] }, "the index map reproduces the forward pass")
        return GradientCheck.error(analytic: backward(weights).flatMap(\.doubles), at: x) {
            AxisTestSupport.weightedSum($0, map: map, weights: weights.flatMap(\.scalars))
        }
    }

    @Test("Concatenate <-> split, slice, gather, repeat and permute (seed 71)", arguments: cases)
    func moves(shape: [Int], axis: Int) {
        let x = AxisTestSupport.randomTensor(shape, seed: 71), extent = shape[axis]
        var other = shape
        other[axis] = 2
        let parts = [x, AxisTestSupport.randomTensor(other, seed: 72)]
        let sizes = [extent, 2]
        var errors = [String: Double]()
        errors["concatenate"] = moveError(parts, seed: 73, forward: { [Tensor(concatenating: $0, alongAxis: axis)] },
                                          backward: { $0[0].split(alongAxis: axis, sizes: sizes) })
        let joined = Tensor(concatenating: parts, alongAxis: axis)
        errors["split"] = moveError([joined], seed: 74, forward: { $0[0].split(alongAxis: axis, sizes: sizes) },
                                    backward: { [Tensor(concatenating: $0, alongAxis: axis)] })
        let range = 1..<extent
        errors["slice"] = moveError([x], seed: 75, forward: { [$0[0].sliced(range, alongAxis: axis)] }, backward: { gradients in
            var (before, after) = (shape, shape)
            (before[axis], after[axis]) = (range.lowerBound, extent - range.upperBound)
            return [Tensor(concatenating: [Tensor(shape: before), gradients[0], Tensor(shape: after)], alongAxis: axis)]
        })
        let indices = [extent - 1, 0, extent - 1]
        errors["gather"] = moveError([x], seed: 76, forward: { [$0[0].gathering(indices, alongAxis: axis)] },
                                     backward: { [gatheringBackward($0[0], indices: indices, alongAxis: axis, inputShape: shape)] })
        errors["repeat"] = moveError([x], seed: 77, forward: { [$0[0].repeated(3, alongNewAxis: axis)] },
                                     backward: { [$0[0].sum(alongAxis: axis)] })
        let axes = Array(shape.indices.reversed()).rotated(by: axis)
        errors["permute"] = moveError([x], seed: 78, forward: { [$0[0].permuted(axes)] },
                                      backward: { [$0[0].permuted(inversePermutation(axes))] })
        for (name, error) in errors { #expect(error < axisGradientTolerance, "\(name) \(shape) along \(axis): error \(error)") }
    }

    @Test("Sum, mean, maximum and norm along an axis (seed 81)", arguments: cases)
    func reductions(shape: [Int], axis: Int) {
        let x = AxisTestSupport.randomTensor(shape, seed: 81), extent = shape[axis]
        let fibres = AxisTestSupport.fibres(shape, axis: axis)
        let c = AxisTestSupport.randomTensor(x.sum(alongAxis: axis).shape, seed: 82)
        func check(_ name: String, _ analytic: Tensor, _ reduce: @escaping ([Double]) -> Double) {
            let error = GradientCheck.error(analytic: analytic.doubles, at: x.doubles) { values in
                zip(fibres, c.scalars).reduce(0.0) { $0 + Double($1.1) * reduce($1.0.map { values[$0] }) }
            }
            #expect(error < axisGradientTolerance, "\(name) \(shape) along \(axis): error \(error)")
        }
        check("sum", c.repeated(extent, alongNewAxis: axis)) { $0.reduce(0, +) }
        check("mean", (1 / Float(extent)) * c.repeated(extent, alongNewAxis: axis)) { $0.reduce(0, +) / Double($0.count) }
        check("maximum", maximumBackward(c, winners: x.argmaximum(alongAxis: axis), alongAxis: axis, inputShape: shape)) { $0.max()! }
        check("norm", normBackward(c, input: x, norms: x.norm(alongAxis: axis), alongAxis: axis)) {
            $0.reduce(0) { $0 + $1 * $1 }.squareRoot()
        }
    }

    @Test("At a zero vector the norm passes no gradient; the maximum's gradient goes to the first winner")
    func kinks() {
        let x = Tensor([[0, 0, 0], [3, 4, 0]])
        let gradient = normBackward(Tensor(shape: [2], scalars: [1, 1]), input: x, norms: x.norm(alongAxis: 1), alongAxis: 1)
        #expect(gradient == Tensor([[0, 0, 0], [0.6, 0.8, 0]]))
        let tie = Tensor([[2, 5, 5]])
        #expect(maximumBackward(Tensor(shape: [1], scalars: [1]), winners: tie.argmaximum(alongAxis: 1), alongAxis: 1,
                                inputShape: [1, 3]) == Tensor([[0, 1, 0]]))
    }

    @Test("Elementwise product, quotient, exp, log, square root and square (seed 91)")
    func elementwise() {
        let x = AxisTestSupport.randomTensor([3, 7], seed: 91), y = AxisTestSupport.randomTensor([3, 7], seed: 92).map { $0 + 3 }
        let positive = x.map { abs($0) + 0.5 }, c = AxisTestSupport.randomTensor([3, 7], seed: 93)
        func error(_ analytic: Tensor, at point: Tensor, _ f: @escaping (Double, Int) -> Double) -> Double {
            GradientCheck.error(analytic: analytic.doubles, at: point.doubles) { values in
                values.indices.reduce(0.0) { $0 + Double(c.scalars[$1]) * f(values[$1], $1) }
            }
        }
        let (xs, ys) = (x.doubles, y.doubles)
        let errors: [(String, Double)] = [
            ("product, d/dx", error(c.multipliedElementwise(by: y), at: x) { $0 * ys[$1] }),
            ("product, d/dy", error(c.multipliedElementwise(by: x), at: y) { xs[$1] * $0 }),
            ("quotient, d/dx", error(c.dividedElementwise(by: y), at: x) { $0 / ys[$1] }),
            ("quotient, d/dy", error(-1 * c.multipliedElementwise(by: x).dividedElementwise(by: y.squared()), at: y) { xs[$1] / $0 }),
            ("exp", error(c.multipliedElementwise(by: x.exponential()), at: x) { value, _ in exp(value) }),
            ("log", error(c.dividedElementwise(by: positive), at: positive) { value, _ in log(value) }),
            ("square root", error(c.dividedElementwise(by: 2 * positive.squareRoot()), at: positive) { value, _ in value.squareRoot() }),
            ("square", error(2 * x.multipliedElementwise(by: c), at: x) { value, _ in value * value }),
        ]
        for (name, value) in errors { #expect(value < axisGradientTolerance, "\(name): error \(value)") }
    }

    @Test("batchedMatmul: dJ/dA = dJ/dC B^T and dJ/dB = A^T dJ/dC, entry by entry (seed 95)")
    func batchedProduct() {
        let (batch, m, k, n) = (2, 3, 4, 5)
        let a = AxisTestSupport.randomTensor([batch, m, k], seed: 95), b = AxisTestSupport.randomTensor([batch, k, n], seed: 96)
        let c = AxisTestSupport.randomTensor([batch, m, n], seed: 97)
        func loss(_ a: [Double], _ b: [Double]) -> Double {
            var total = 0.0
            for e in 0..<batch {
                for i in 0..<m {
                    for j in 0..<n {
                        let entry = (0..<k).reduce(0.0) { $0 + a[(e * m + i) * k + $1] * b[(e * k + $1) * n + j] }
                        total += Double(c.scalars[(e * m + i) * n + j]) * entry
                    }
                }
            }
            return total
        }
        let errorA = GradientCheck.error(analytic: batchedMatmul(c, b, transposeB: true).doubles, at: a.doubles) { loss($0, b.doubles) }
        let errorB = GradientCheck.error(analytic: batchedMatmul(a, c, transposeA: true).doubles, at: b.doubles) { loss(a.doubles, $0) }
        #expect(errorA < axisGradientTolerance && errorB < axisGradientTolerance, "errors \(errorA), \(errorB)")
    }
}

extension Array {
    /// The array rotated left by `count` places: [a, b, c].rotated(by: 1) is [b, c, a].
    func rotated(by count: Int) -> [Element] {
        guard !isEmpty else { return self }
        let shift = count % self.count
        return Array(self[shift...] + self[..<shift])
    }
}
