// Checks for exercise 10 (one OMP step). Run: swift run --package-path Exercises exercises 10

import ExerciseCheck
import Core
import SparseCoding
import Exercise10

let handDictionary = Tensor([[1, 0, 0, 0.70710678], [0, 1, 0, 0.70710678], [0, 0, 1, 0]])

check("x = (2, 0, 3): the first step picks atom 2 (coefficient 3), the second atom 0 (coefficients 3, 2)") {
    let first = ompStep(dictionary: handDictionary, signal: [2, 0, 3], support: [])
    expect(first.atom == 2, "the largest |d_j . x| is 3, for atom 2; got atom \(first.atom)")
    expect(isApproximatelyEqual(first.coefficients, [3], relativeTolerance: 1e-5), "got \(first.coefficients)")
    let second = ompStep(dictionary: handDictionary, signal: [2, 0, 3], support: [2])
    expect(second.atom == 0, "the residual (2, 0, 0) correlates most with atom 0; got atom \(second.atom)")
    expect(isApproximatelyEqual(second.coefficients, [3, 2], relativeTolerance: 1e-5), "coefficients on [2, 0]: got \(second.coefficients)")
}

check("x = (1, 1, 0): the diagonal atom 3 first, with coefficient sqrt 2") {
    let step = ompStep(dictionary: handDictionary, signal: [1, 1, 0], support: [])
    expect(step.atom == 3 && isApproximatelyEqual(step.coefficients, [1.4142135], relativeTolerance: 1e-5), "got \(step)")
}

check("Every step agrees with the library's OMP on random 20 x 40 problems (seed 1010)") {
    var generator = Xoshiro256StarStar(seed: 1010)
    let dictionary = randomDictionary(signalLength: 20, atoms: 40, generator: &generator)
    for trial in 0..<10 {
        let x = (0..<20).map { _ in generator.normal() }
        let expected = orthogonalMatchingPursuit(signal: x, dictionary: dictionary, sparsity: 5)
        var support: [Int] = []
        for step in expected.steps {
            let got = ompStep(dictionary: dictionary, signal: x, support: support)
            guard got.atom == step.atom,
                  isApproximatelyEqual(got.coefficients, step.coefficients, relativeTolerance: 1e-3, absoluteTolerance: 1e-4)
            else {
                expect(false, "trial \(trial), after support \(support): expected atom \(step.atom) with \(step.coefficients), got \(got)")
                return
            }
            support = step.support
        }
    }
}

runChecks()
