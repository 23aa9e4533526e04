// The squash of DL Padova "Dynamic routing": WORKED-NUMBERS.md's derived values (Sec. 10.3), its length
// n^2 / (1 + n^2) < 1, the tensor version against the per-vector formula, s = 0 and huge s, and the
// backward pass against central differences in Double.

import Foundation
import Testing
import Core
import Capsules

@Suite("Squash: v = (||s||^2 / (1 + ||s||^2)) s / ||s||")
struct SquashTests {
    @Test("Sec. 10.3: squash(3, 4) = (15/26, 20/26) with length 25/26; squash(0.1, 0) = (0.0099009901, 0); squash(1, 0) = (0.5, 0)")
    func indexedValues() {
        let v = squash(Tensor([[3, 4], [0.1, 0], [1, 0]]))
        let expected: [Float] = [15.0 / 26, 20.0 / 26, 0.0099009901, 0, 0.5, 0]
        #expect(isApproximatelyEqual(v.scalars, expected, relativeTolerance: 1e-6, absoluteTolerance: 1e-7), "\(v.scalars)")
        #expect(isApproximatelyEqual(v.norm(alongAxis: 1).scalars, [25.0 / 26, 0.0099009901, 0.5], relativeTolerance: 1e-6))
        let reference = squashReference([3, 4])
        #expect(isApproximatelyEqual(reference, [15.0 / 26, 20.0 / 26], relativeTolerance: 1e-12))
        #expect(isApproximatelyEqual(squashedLength(5), 25.0 / 26, relativeTolerance: 1e-12))
    }

    @Test("The length is n^2 / (1 + n^2): below 1 for every s, about n^2 for short s; the direction is kept (seed 11)")
    func lengthAndDirection() {
        var generator = Xoshiro256StarStar(seed: 11)
        for scale: Float in [1e-3, 0.1, 1, 10, 1e4] {
            let s = generator.normalTensor(shape: [20, 16], standardDeviation: scale)
            let v = squash(s)
            let (inputLengths, lengths) = (s.norm(alongAxis: 1), v.norm(alongAxis: 1))
            for k in 0..<20 {
                let n = Double(inputLengths.scalars[k])
                #expect(isApproximatelyEqual(Double(lengths.scalars[k]), n * n / (1 + n * n), relativeTolerance: 1e-5), "scale \(scale)")
                // Below 1 exactly; in Float a length of n^2 / (1 + n^2) with n > 3000 rounds to 1 (within an ulp).
                #expect(lengths.scalars[k] < 1 || (n > 3000 && lengths.scalars[k] - 1 <= Float.ulpOfOne), "scale \(scale): length \(lengths.scalars[k])")
                let cosine = (0..<16).reduce(0.0) { $0 + Double(s[k, $1] * v[k, $1]) } / (n * Double(lengths.scalars[k]))
                #expect(isApproximatelyEqual(cosine, 1, relativeTolerance: 1e-5))
            }
        }
    }

    @Test("The tensor squash equals the notes' formula vector by vector, at any rank [..., D] (seed 12)")
    func tensorAgreesWithReference() {
        var generator = Xoshiro256StarStar(seed: 12)
        let s = generator.normalTensor(shape: [3, 5, 7])
        let v = squash(s)
        for capsule in 0..<15 {
            let part = Array(s.scalars[(capsule * 7)..<((capsule + 1) * 7)]).map(Double.init)
            let expected = squashReference(part).map(Float.init)
            #expect(isApproximatelyEqual(Array(v.scalars[(capsule * 7)..<((capsule + 1) * 7)]), expected,
                                         relativeTolerance: 1e-5, absoluteTolerance: 1e-7))
        }
    }

    @Test("s = 0: value 0 and gradient 0 (no NaN); long s = 1e15: length 1, finite gradient; tiny s = 1e-30: finite")
    func zeroAndHuge() {
        let zero = Tensor(shape: [2, 3])
        #expect(squash(zero).scalars == [0, 0, 0, 0, 0, 0])
        #expect(squashBackward(Tensor([[1, -2, 3], [0.5, 0.5, 0.5]]), input: zero).scalars == [0, 0, 0, 0, 0, 0])
        #expect(squashReference([0, 0]) == [0, 0])
        let huge = Tensor([[1e15, 0, 0]])
        #expect(squash(huge).scalars == [1, 0, 0])
        #expect(squashBackward(Tensor([[1, 1, 1]]), input: huge).scalars.allSatisfy { $0.isFinite })
        let tiny = Tensor([[1e-30, 0, 0]])
        #expect(squash(tiny).scalars.allSatisfy { $0.isFinite })
        #expect(squashBackward(Tensor([[1, 1, 1]]), input: tiny).scalars.allSatisfy { $0.isFinite })
    }

    @Test("Backward: dJ/ds = f(n) g + f'(n) (u . g) u matches central differences in Double, short and long s (seed 13)")
    func gradientCheck() {
        var generator = Xoshiro256StarStar(seed: 13)
        for scale: Float in [0.05, 0.7, 3] {
            let s = generator.normalTensor(shape: [4, 5], standardDeviation: scale)
            let weighting = generator.normalTensor(shape: [4, 5])
            let analytic = squashBackward(weighting, input: s)
            let error = GradientCheck.error(analytic: analytic.doubles, at: s.doubles) { x in
                let v = (0..<4).flatMap { squashReference(Array(x[($0 * 5)..<(($0 + 1) * 5)])) }
                return weightedSum(v, weighting)
            }
            #expect(error < gradientTolerance, "scale \(scale): error \(error)")
        }
    }
}
