// Checks for exercise 35 (the causal mask). Run: swift run --package-path Exercises exercises 35

import ExerciseCheck
import Core
import Attention
import Exercise35

check("M for T = 3 is [[0, -inf, -inf], [0, 0, -inf], [0, 0, 0]], and the library's causal mask for T = 1...6") {
    let m = lookAheadMask(length: 3)
    expect(m.shape == [3, 3] && m.scalars == [0, -.infinity, -.infinity, 0, 0, -.infinity, 0, 0, 0], "got \(m)")
    for length in 1...6 { expect(lookAheadMask(length: length) == causalMask(length: length), "T = \(length)") }
}

check("The worked example (Sec. 15.3): with Q = K = I_2, V = [[1, 2], [3, 4]], the output is [[1, 2], [2.3395, 3.3395]]") {
    let identity = Tensor([[1, 0], [0, 1]])
    let output = maskedAttention(queries: identity, keys: identity, values: Tensor([[1, 2], [3, 4]]), mask: lookAheadMask(length: 2))
    expect(isApproximatelyEqual(output.scalars, [1, 2, 2.3395230987, 3.3395230987], absoluteTolerance: 1e-6),
            "expected [[1, 2], [2.3395, 3.3395]], got \(output)")
}

check("On random sequences the first output row is V's first row, and every row agrees with the library (seed 351)") {
    var generator = Xoshiro256StarStar(seed: 351)
    for (length, dk, dv) in [(4, 3, 2), (7, 5, 6)] {
        let q = generator.normalTensor(shape: [length, dk]), k = generator.normalTensor(shape: [length, dk])
        let v = generator.normalTensor(shape: [length, dv])
        let yours = maskedAttention(queries: q, keys: k, values: v, mask: lookAheadMask(length: length))
        expect(isApproximatelyEqual(yours.row(0), v.row(0), absoluteTolerance: 1e-6), "row 0 must be V's row 0")
        let expected = scaledDotProductAttention(queries: q, keys: k, values: v, mask: causalMask(length: length)).output
        expect(isApproximatelyEqual(yours.scalars, expected.scalars, absoluteTolerance: 1e-5), "T = \(length)")
    }
}

runChecks()
