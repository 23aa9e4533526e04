// Checks for exercise 34 (attention by hand). Run: swift run --package-path Exercises exercises 34

import ExerciseCheck
import Core
import Attention
import Exercise34

let identity = Tensor([[1, 0], [0, 1]])

check("The worked example (Sec. 15.3): weights [[0.6698, 0.3302], [0.3302, 0.6698]], output [[1.6605, 2.6605], [2.3395, 3.3395]]") {
    let weights = attentionWeights(queries: identity, keys: identity)
    expect(isApproximatelyEqual(weights.scalars, [0.6697615493, 0.3302384507, 0.3302384507, 0.6697615493], absoluteTolerance: 1e-6),
            "expected [[0.6698, 0.3302], [0.3302, 0.6698]], got \(weights)")
    let output = attention(queries: identity, keys: identity, values: Tensor([[1, 2], [3, 4]]))
    expect(isApproximatelyEqual(output.scalars, [1.6604769013, 2.6604769013, 2.3395230987, 3.3395230987], absoluteTolerance: 1e-6),
            "expected [[1.6605, 2.6605], [2.3395, 3.3395]], got \(output)")
}

check("The scaling is by sqrt(d_k): with d_k = 4 and Q = K = 2 I (scores 4 / 2 = 2 on the diagonal), row 0 of A is (e^2, 1, 1, 1) / (e^2 + 3)") {
    let q = Tensor(shape: [4, 4], scalars: (0..<16).map { $0 % 5 == 0 ? 2 : 0 })
    let weights = attentionWeights(queries: q, keys: q)
    let e2 = Float(7.3890560989)
    expect(isApproximatelyEqual(weights.row(0), [e2 / (e2 + 3), 1 / (e2 + 3), 1 / (e2 + 3), 1 / (e2 + 3)], absoluteTolerance: 1e-6),
            "got \(weights.row(0))")
}

check("Agrees with the library on random queries, keys and values of several sizes, and stays finite at scores of 1000 (seed 341)") {
    var generator = Xoshiro256StarStar(seed: 341)
    for (tq, tk, dk, dv) in [(3, 5, 4, 2), (6, 6, 8, 8), (1, 4, 3, 5)] {
        let q = generator.normalTensor(shape: [tq, dk]), k = generator.normalTensor(shape: [tk, dk])
        let v = generator.normalTensor(shape: [tk, dv])
        let expected = scaledDotProductAttention(queries: q, keys: k, values: v)
        let weights = attentionWeights(queries: q, keys: k)
        expect(isApproximatelyEqual(weights.scalars, expected.weights.scalars, absoluteTolerance: 1e-5), "weights, T_q \(tq), T_k \(tk)")
        expect(isApproximatelyEqual(attention(queries: q, keys: k, values: v).scalars, expected.output.scalars, absoluteTolerance: 1e-5),
                "output, T_q \(tq), T_k \(tk), d_k \(dk), d_v \(dv)")
    }
    let large = attentionWeights(queries: Tensor([[1000, 0]]), keys: Tensor([[1, 0], [0.99, 0]]))
    expect(large.scalars.allSatisfy { $0.isFinite } && large.scalars[0] > 0.99, "scores near 707 must not overflow: \(large)")
}

runChecks()
