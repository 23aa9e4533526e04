// Tests of orthogonal matching pursuit (MLiS II Sec. 2.8, Eq. (2.8.3)): WORKED-NUMBERS.md's hand example
// (WORKED-NUMBERS.md 8.3, derived values: the notes have no numeric example), exact recovery of
// sparse signals, the orthogonality of the residual, the epsilon rule, and the batch form.

import Testing
import Core
import SparseCoding

/// WORKED-NUMBERS.md's 3 x 4 dictionary: the three unit vectors and (1, 1, 0)/sqrt(2).
let handDictionary = Tensor([[1, 0, 0, 0.70710678], [0, 1, 0, 0.70710678], [0, 0, 1, 0]])

/// A random k-sparse signal x = D alpha over `dictionary`: distinct atoms, coefficients of size 1 to 2
/// with random signs (well away from zero, so that the support is identifiable).
func sparseSignal(_ dictionary: Tensor, sparsity: Int, generator: inout Xoshiro256StarStar) -> (x: [Float], alpha: [Float]) {
    let support = Array(generator.permutation(dictionary.columns).prefix(sparsity))
    var alpha = [Float](repeating: 0, count: dictionary.columns)
    for atom in support { alpha[atom] = (generator.uniformInt(below: 2) == 0 ? -1 : 1) * generator.uniform(1, 2) }
    let x = synthesise(dictionary: dictionary, codes: Tensor(column: alpha)).scalars
    return (x, alpha)
}

@Suite("Orthogonal matching pursuit (MLiS II 2.8, Eq. (2.8.3))")
struct OrthogonalMatchingPursuitTests {
    @Test("Sec. 8.3 (derived): x = (2, 0, 3) -- correlations (2, 0, 3, 1.4142), atom 3 then atom 1, alpha = (2, 0, 3, 0)")
    func handExample() {
        let result = orthogonalMatchingPursuit(signal: [2, 0, 3], dictionary: handDictionary, sparsity: 4)
        #expect(result.steps.count == 2)
        #expect(isApproximatelyEqual(result.steps[0].correlations, [2, 0, 3, 1.4142135], relativeTolerance: 1e-6))
        #expect(result.steps[0].atom == 2)                       // atom 3, 1-based
        #expect(isApproximatelyEqual(result.steps[0].residualNorm, 2))  // the residual (2, 0, 0)
        #expect(isApproximatelyEqual(result.steps[1].correlations, [2, 0, 0, 1.4142135], relativeTolerance: 1e-6,
                                     absoluteTolerance: 1e-7))
        #expect(result.steps[1].atom == 0)                       // atom 1, 1-based
        #expect(result.code(atomCount: 4) == [2, 0, 3, 0])
        #expect(result.residualNorm == 0)
        #expect(result.stop == .residualWithinTolerance)         // ||r|| = 0 <= epsilon = 0
    }

    @Test("Sec. 8.3 (derived): x = (1, 1, 0) -- atom 4 first, alpha = (0, 0, 0, sqrt 2 = 1.4142135624)")
    func diagonalAtom() {
        let result = orthogonalMatchingPursuit(signal: [1, 1, 0], dictionary: handDictionary, sparsity: 4)
        #expect(result.support == [3])
        #expect(isApproximatelyEqual(result.coefficients[0], 1.4142135624, relativeTolerance: 1e-6))
        #expect(result.residualNorm < 1e-6)
    }

    @Test("Random 3-sparse signals in a 30 x 60 Gaussian dictionary: exact support and coefficients (seed 101)")
    func exactRecovery() {
        var generator = Xoshiro256StarStar(seed: 101)
        let dictionary = randomDictionary(signalLength: 30, atoms: 60, generator: &generator)
        for trial in 0..<50 {
            let (x, alpha) = sparseSignal(dictionary, sparsity: 3, generator: &generator)
            let result = orthogonalMatchingPursuit(signal: x, dictionary: dictionary, sparsity: 3)
            let recovered = result.code(atomCount: 60)
            #expect(Set(result.support) == Set(alpha.indices.filter { alpha[$0] != 0 }), "trial \(trial)")
            #expect(isApproximatelyEqual(recovered, alpha, relativeTolerance: 1e-4, absoluteTolerance: 1e-5), "trial \(trial)")
        }
    }

    @Test("After every step the residual is orthogonal to every chosen atom (least squares), seed 102")
    func residualOrthogonalToSupport() {
        var generator = Xoshiro256StarStar(seed: 102)
        let dictionary = randomDictionary(signalLength: 20, atoms: 40, generator: &generator)
        let x = (0..<20).map { _ in generator.normal() }              // dense: never represented exactly
        let result = orthogonalMatchingPursuit(signal: x, dictionary: dictionary, sparsity: 8)
        #expect(result.steps.count == 8 && result.stop == .sparsityReached)
        for atom in result.support {
            let correlation = zip(column(atom, of: dictionary), result.residual).reduce(Float(0)) { $0 + $1.0 * $1.1 }
            #expect(abs(correlation) < 1e-5 * euclidean(x), "atom \(atom): d . r = \(correlation)")
        }
        // Each step can only lower the residual: the new least squares has one more free coefficient.
        let norms = result.steps.map(\.residualNorm)
        #expect(zip(norms, norms.dropFirst()).allSatisfy { $1 <= $0 })
    }

    @Test("Eq. (2.8.3): it stops at the first step where ||x - D alpha||_2 <= epsilon (seed 103)")
    func epsilonRule() {
        var generator = Xoshiro256StarStar(seed: 103)
        let dictionary = randomDictionary(signalLength: 20, atoms: 40, generator: &generator)
        let x = (0..<20).map { _ in generator.normal() }
        let full = orthogonalMatchingPursuit(signal: x, dictionary: dictionary, sparsity: 10)
        let norms = full.steps.map(\.residualNorm)
        let epsilon = (norms[3] + norms[4]) / 2                       // between the 4th and 5th residual
        let stopped = orthogonalMatchingPursuit(signal: x, dictionary: dictionary, sparsity: 10, tolerance: epsilon)
        #expect(stopped.stop == .residualWithinTolerance)
        #expect(stopped.support == Array(full.support.prefix(5)))
        #expect(stopped.residualNorm <= epsilon && norms[3] > epsilon)
        // epsilon above ||x||: nothing to do.
        let none = orthogonalMatchingPursuit(signal: x, dictionary: dictionary, sparsity: 10, tolerance: euclidean(x) * 1.01)
        #expect(none.support.isEmpty && none.stop == .residualWithinTolerance)
    }

    @Test("Atoms need not have unit norm: the choice is by angle, |d_j . r| / ||d_j|| (seed 104)")
    func unnormalisedAtoms() {
        var generator = Xoshiro256StarStar(seed: 104)
        let unit = randomDictionary(signalLength: 25, atoms: 50, generator: &generator)
        var scaled = unit
        for j in 0..<50 { let s = generator.uniform(0.1, 10); for i in 0..<25 { scaled[i, j] *= s } }
        let (x, _) = sparseSignal(unit, sparsity: 4, generator: &generator)
        let a = orthogonalMatchingPursuit(signal: x, dictionary: unit, sparsity: 4)
        let b = orthogonalMatchingPursuit(signal: x, dictionary: scaled, sparsity: 4)
        #expect(a.support == b.support)
    }

    @Test("Batch-OMP (Gram form) gives the single-signal supports and coefficients (seed 105, 1 and 2 threads)")
    func batchAgreesWithSingle() {
        var generator = Xoshiro256StarStar(seed: 105)
        let dictionary = randomDictionary(signalLength: 24, atoms: 64, generator: &generator)
        let signals = generator.normalTensor(shape: [24, 300])
        for threads in [1, 2] {
            let codes = batchOrthogonalMatchingPursuit(signals: signals, dictionary: dictionary, sparsity: 6, threads: threads)
            for p in 0..<300 {
                let single = orthogonalMatchingPursuit(signal: column(p, of: signals), dictionary: dictionary, sparsity: 6)
                #expect(codes.support(of: p) == single.support, "signal \(p)")
                #expect(isApproximatelyEqual(codes.coefficients(of: p), single.coefficients, relativeTolerance: 1e-3,
                                             absoluteTolerance: 1e-4), "signal \(p)")
            }
        }
    }

    @Test("Batch-OMP follows the epsilon rule and reconstructs exactly-sparse signals (seed 106)")
    func batchTolerance() {
        var generator = Xoshiro256StarStar(seed: 106)
        let dictionary = randomDictionary(signalLength: 20, atoms: 50, generator: &generator)
        let signals = generator.normalTensor(shape: [20, 40])
        let epsilon: Float = 1.5
        let codes = batchOrthogonalMatchingPursuit(signals: signals, dictionary: dictionary, sparsity: 20, tolerance: epsilon)
        let reconstruction = synthesise(dictionary: dictionary, codes: codes)
        for p in 0..<40 {
            let single = orthogonalMatchingPursuit(signal: column(p, of: signals), dictionary: dictionary, sparsity: 20,
                                                   tolerance: epsilon)
            #expect(codes.support(of: p) == single.support, "signal \(p)")
            let error = euclidean(zip(column(p, of: signals), column(p, of: reconstruction)).map { $0 - $1 })
            #expect(error <= epsilon * 1.0001, "signal \(p): ||x - D gamma|| = \(error)")
        }
        // 3-sparse signals in a 30 x 60 dictionary (as in `exactRecovery`) come back exactly.
        let wide = randomDictionary(signalLength: 30, atoms: 60, generator: &generator)
        let sparse = (0..<50).map { _ in sparseSignal(wide, sparsity: 3, generator: &generator) }
        let sparseCodes = batchOrthogonalMatchingPursuit(signals: matrix(columns: sparse.map(\.x)), dictionary: wide, sparsity: 3)
        let recovered = sparseCodes.matrix()
        let wrong = (0..<50).filter { p in
            !isApproximatelyEqual(column(p, of: recovered), sparse[p].alpha, relativeTolerance: 1e-4, absoluteTolerance: 1e-5)
        }
        #expect(wrong.isEmpty, "signals recovered wrongly: \(wrong)")
    }
}

func euclidean(_ v: [Float]) -> Float { v.reduce(0) { $0 + $1 * $1 }.squareRoot() }
