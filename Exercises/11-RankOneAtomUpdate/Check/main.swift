// Checks for exercise 11 (K-SVD's atom update). Run: swift run --package-path Exercises exercises 11

import ExerciseCheck
import Core
import SparseCoding
import Exercise11

/// ||E - u c^T||_F.
func error(_ E: Tensor, _ u: [Float], _ c: [Float]) -> Float {
    (E - matmul(Tensor(column: u), Tensor(column: c), transposeB: true)).scalars.reduce(0) { $0 + $1 * $1 }.squareRoot()
}

check("A rank-1 E = (0.6, 0.8)^T (5, 0, 10) is recovered exactly from the start (1, 0)") {
    let result = rankOneAtomUpdate(residual: Tensor([[3, 0, 6], [4, 0, 8]]), atom: [1, 0], iterations: 20)
    expect(isApproximatelyEqual(result.atom, [0.6, 0.8], relativeTolerance: 1e-4), "atom: got \(result.atom)")
    expect(isApproximatelyEqual(result.coefficients, [5, 0, 10], relativeTolerance: 1e-4, absoluteTolerance: 1e-5),
            "coefficients: got \(result.coefficients)")
}

check("The worked 4 x 3 problem (Sec. 8.3): updating atom 0 lowers ||X - D Gamma||_F from 0.0347248 to 0.0329981") {
    // Atom 0 of the worked D, and E = the residual of its two users (signals 0 and 2) with d_0 added back.
    let d0: [Float] = [0.4608745827847686, -0.12821212638964588, -0.4561475536913542, 0.7503903509847418]
    let E = Tensor(shape: [4, 2], doubles: [
        0.4580617086032552, 0.2198857858803331, -0.1305976624553795, -0.06610408448548874,
        -0.4506964984644779, -0.2299021665916544, 0.7476941477113227, 0.3852183115051278,
    ])
    let before = error(E, d0, [1, 0.5])
    expect(isApproximatelyEqual(before, 0.0164231294, relativeTolerance: 1e-4), "the residual with the old atom: \(before)")
    let result = rankOneAtomUpdate(residual: E, atom: d0, iterations: 50)
    let after = error(E, result.atom, result.coefficients)
    // The other signals' error is unchanged: 0.0347248^2 - before^2 + after^2 = 0.0329981^2.
    let total = (0.0347248452877452 * 0.0347248452877452 - Double(before * before) + Double(after * after)).squareRoot()
    expect(isApproximatelyEqual(total, 0.03299814, relativeTolerance: 1e-3), "||X - D Gamma||_F after the update: \(total)")
    expect(abs(result.atom.reduce(0) { $0 + $1 * $1 } - 1) < 1e-5, "the atom must keep unit norm")
}

check("Never worse than the start, and the same as the library's rank-1 approximation (seed 1011)") {
    var generator = Xoshiro256StarStar(seed: 1011)
    for trial in 0..<10 {
        let E = generator.normalTensor(shape: [6, 9])
        var start = (0..<6).map { _ in generator.normal() }
        let norm = start.reduce(0) { $0 + $1 * $1 }.squareRoot()
        start = start.map { $0 / norm }
        let startCoefficients = matmul(E, Tensor(column: start), transposeA: true).scalars
        let result = rankOneAtomUpdate(residual: E, atom: start, iterations: 300)
        let expected = rankOneApproximation(of: E, start: start, maximumIterations: 300, tolerance: 0)
        expect(error(E, result.atom, result.coefficients) <= error(E, start, startCoefficients) * 1.00001, "trial \(trial)")
        expect(isApproximatelyEqual(error(E, result.atom, result.coefficients),
                                     error(E, expected.direction, expected.coefficients), relativeTolerance: 1e-3),
                "trial \(trial): got \(result.coefficients), expected \(expected.coefficients)")
    }
}

runChecks()
