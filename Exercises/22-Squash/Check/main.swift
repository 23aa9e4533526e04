// Checks for exercise 22 (the squash). Run: swift run --package-path Exercises exercises 22

import Foundation
import ExerciseCheck
import Core
import Capsules
import Exercise22

check("By hand: squash(3, 4) = (15/26, 20/26) with length 25/26; squash(0.1, 0) = (0.0099009901, 0); squash(1, 0) = (0.5, 0); s = 0 gives 0 (no NaN)") {
    let cases: [(s: [Double], expected: [Double])] = [([3, 4], [15.0 / 26, 20.0 / 26]), ([0.1, 0], [0.0099009901, 0]), ([1, 0], [0.5, 0])]
    for (s, expected) in cases {
        let v = squashVector(s)
        expect(isApproximatelyEqual(v, expected, absoluteTolerance: 1e-9), "squash(\(s)) should be \(expected); got \(v)")
    }
    expect(isApproximatelyEqual(lengthAfterSquash(5), 25.0 / 26, absoluteTolerance: 1e-12), "the length for n = 5 should be 25/26")
    expect(isApproximatelyEqual(lengthAfterSquash(0.1), 0.0099009901, absoluteTolerance: 1e-9), "the length for n = 0.1 should be 0.0099")
    // (merged: s = 0 gives the zero vector (no NaN), and the length of 0 is 0)
    let v = squashVector([0, 0, 0])
    expect(v == [0, 0, 0], "squash(0) should be (0, 0, 0); got \(v)")
    expect(lengthAfterSquash(0) == 0, "lengthAfterSquash(0) == 0: expected \(0), got \(lengthAfterSquash(0))")
}

check("On random vectors (seed 221): equal to the library's squash, same direction, length n^2/(1 + n^2) < 1") {
    var generator = Xoshiro256StarStar(seed: 221)
    for _ in 0..<20 {
        let dimension = 1 + generator.uniformInt(below: 16)
        let scale = [0.01, 0.5, 2, 30][generator.uniformInt(below: 4)]
        let s = (0..<dimension).map { _ in scale * generator.normalDouble() }
        let v = squashVector(s)
        expect(isApproximatelyEqual(v, squashReference(s), relativeTolerance: 1e-9, absoluteTolerance: 1e-15), "s = \(s)")
        let n = s.reduce(0) { $0 + $1 * $1 }.squareRoot()
        let length = v.reduce(0) { $0 + $1 * $1 }.squareRoot()
        expect(isApproximatelyEqual(length, lengthAfterSquash(n), relativeTolerance: 1e-9) && length < 1, "n = \(n): length \(length)")
        let cosine = zip(s, v).reduce(0) { $0 + $1.0 * $1.1 } / (n * length)
        expect(isApproximatelyEqual(cosine, 1, relativeTolerance: 1e-9), "the direction should not change")
    }
}

runChecks()
