// The checks of exercise 46: the two OMP traces of WORKED-NUMBERS.md 8.3, the epsilon and sparsity
// stops, and a 20 x 40 random dictionary against the SparseCoding module's OMP.

import ExerciseCheck
import Exercise46
import Core
import SparseCoding

/// WORKED-NUMBERS.md 8.3's D = [[1, 0, 0, 1/sqrt 2], [0, 1, 0, 1/sqrt 2], [0, 0, 1, 0]], as its 4 columns.
let atoms: [[Double]] = [[1, 0, 0], [0, 1, 0], [0, 0, 1], [(0.5).squareRoot(), (0.5).squareRoot(), 0]]

check("OMP, WORKED-NUMBERS.md 8.3: x = (2, 0, 3) picks atom 2 then atom 0, alpha = (2, 0, 3, 0); x = (1, 1, 0) picks atom 3 alone, sqrt 2") {
    let first = orthogonalMatchingPursuit(signal: [2, 0, 3], atoms: atoms, maximumAtoms: 3, epsilon: 1e-9)
    expect(first.support == [2, 0], "support: correlations (2, 0, 3, 1.414) pick atom 2, then (2, 0, 0, 1.414) pick atom 0; got \(first.support)")
    expect(first.coefficients.count == 2 && abs(first.coefficients[0] - 3) < 1e-9 && abs(first.coefficients[1] - 2) < 1e-9,
           "coefficients on the support should be (3, 2); got \(first.coefficients)")
    expectClose(first.residualNorm, 0, tolerance: 1e-9, "||r|| after two atoms")
    let second = orthogonalMatchingPursuit(signal: [1, 1, 0], atoms: atoms, maximumAtoms: 3, epsilon: 1e-9)
    expect(second.support == [3] && second.coefficients.count == 1 && abs(second.coefficients[0] - 2.0.squareRoot()) < 1e-9,
           "x = (1, 1, 0) is sqrt 2 times atom 3; got support \(second.support), coefficients \(second.coefficients)")
}

check("Eq. (2.8.3): the epsilon stop (||r|| = 2 after one atom: epsilon 2.5 stops there, 1.9 goes on) and the sparsity stop") {
    let loose = orthogonalMatchingPursuit(signal: [2, 0, 3], atoms: atoms, maximumAtoms: 3, epsilon: 2.5)
    expect(loose.support == [2] && abs(loose.residualNorm - 2) < 1e-9,
           "epsilon = 2.5: one atom, ||r|| = 2; got support \(loose.support), ||r|| = \(loose.residualNorm)")
    let tight = orthogonalMatchingPursuit(signal: [2, 0, 3], atoms: atoms, maximumAtoms: 3, epsilon: 1.9)
    expect(tight.support == [2, 0], "epsilon = 1.9: two atoms; got \(tight.support)")
    let limited = orthogonalMatchingPursuit(signal: [2, 0, 3], atoms: atoms, maximumAtoms: 1, epsilon: 0)
    expect(limited.support == [2] && abs(limited.residualNorm - 2) < 1e-9,
           "at most 1 atom: support [2], ||r|| = 2; got \(limited.support), \(limited.residualNorm)")
    let zero = orthogonalMatchingPursuit(signal: [0.1, 0, 0], atoms: atoms, maximumAtoms: 3, epsilon: 0.5)
    expect(zero.support.isEmpty && abs(zero.residualNorm - 0.1) < 1e-12,
           "||x|| = 0.1 <= epsilon = 0.5: no atom at all, ||r|| = ||x||; got \(zero.support), \(zero.residualNorm)")
}

check("A random 20 x 40 dictionary, x = 4 atoms + noise, epsilon = 0.05: the same support and coefficients as SparseCoding's OMP; r orthogonal to the chosen atoms") {
    var generator = Xoshiro256StarStar(seed: 46)
    let dictionary = generator.normalTensor(shape: [20, 40])
    let columns = (0..<40).map { j in (0..<20).map { Double(dictionary[$0, j]) } }
    var signal = [Double](repeating: 0, count: 20)
    for (atom, weight) in [(3, 2.0), (17, -1.5), (25, 1.0), (38, 0.7)] {
        for i in 0..<20 { signal[i] += weight * columns[atom][i] }
    }
    for i in 0..<20 { signal[i] += 0.01 * generator.normalDouble() }
    let reference = SparseCoding.orthogonalMatchingPursuit(signal: signal.map { Float($0) }, dictionary: dictionary,
                                                           sparsity: 10, tolerance: 0.05)
    let yours = orthogonalMatchingPursuit(signal: signal, atoms: columns, maximumAtoms: 10, epsilon: 0.05)
    expect(yours.support == reference.support, "support: SparseCoding chose \(reference.support); you chose \(yours.support)")
    expect(yours.coefficients.count == reference.coefficients.count
           && zip(yours.coefficients, reference.coefficients).allSatisfy { abs($0 - Double($1)) < 1e-3 },
           "coefficients: expected \(reference.coefficients); got \(yours.coefficients)")
    var residual = signal
    for (atom, value) in zip(yours.support, yours.coefficients) { for i in 0..<20 { residual[i] -= value * columns[atom][i] } }
    let largest = yours.support.map { j in abs(zip(residual, columns[j]).reduce(0) { $0 + $1.0 * $1.1 }) }.max() ?? 1
    expect(!yours.support.isEmpty && largest < 1e-9, "least squares leaves r orthogonal to every chosen atom; largest |d_j . r| = \(largest)")
    expectClose(yours.residualNorm, (residual.reduce(0) { $0 + $1 * $1 }).squareRoot(), tolerance: 1e-9, "residualNorm = ||x - D alpha||")
}

runChecks()
