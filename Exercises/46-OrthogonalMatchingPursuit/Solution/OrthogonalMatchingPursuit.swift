// Exercise 46: orthogonal matching pursuit, the whole loop, with its epsilon stop.
// Practises MLiS II Sec. 2.8: the sparse-coding problem of Eq. (2.8.2) and its noisy form
// Eq. (2.8.3), min ||alpha||_0 subject to ||x - D alpha||_2 <= epsilon, solved greedily by OMP.
// See it running: `swift run sparse-coding` (it traces OMP step by step, then codes digits).
// Check: swift run --package-path Exercises exercises 46
// Hints, one at a time: swift run --package-path Exercises exercises --hint 46
//
// Start with the residual r = x and an empty support. Repeat: stop if the support holds
// `maximumAtoms` atoms or ||r||_2 <= epsilon; otherwise add the atom most correlated with r
// (largest |d_j . r| / ||d_j||, first on ties), re-fit ALL coefficients on the support by least
// squares (the normal equations; Core's `solveLinearSystem` solves them), and recompute r.
// Atoms are numbered from 0 (atom j is `atoms[j]`).

import Core

/// The support chosen by the pursuit, in the order chosen, its coefficients and ||x - D alpha||_2.
public struct PursuitOutcome: Equatable, Sendable {
    public var support: [Int] = []
    public var coefficients: [Double] = []
    public var residualNorm = 0.0
    public init() {}
}

func dot(_ a: [Double], _ b: [Double]) -> Double { zip(a, b).reduce(0) { $0 + $1.0 * $1.1 } }

/// Orthogonal matching pursuit on one signal.   Eq. (2.8.3)
/// - Parameters:
///   - signal: x, length n.
///   - atoms: the K columns d_j of the dictionary D, each of length n.
///   - maximumAtoms: the sparsity limit.
///   - epsilon: stop as soon as ||x - D alpha||_2 <= epsilon.
public func orthogonalMatchingPursuit(signal x: [Double], atoms: [[Double]], maximumAtoms: Int,
                                      epsilon: Double) -> PursuitOutcome {
    var outcome = PursuitOutcome()
    var residual = x
    outcome.residualNorm = dot(x, x).squareRoot()
    while outcome.support.count < maximumAtoms && outcome.residualNorm > epsilon {
        let scores = atoms.map { abs(dot($0, residual)) / dot($0, $0).squareRoot() }
        guard let best = scores.indices.filter({ !outcome.support.contains($0) }).max(by: { scores[$0] < scores[$1] || (scores[$0] == scores[$1] && $0 > $1) })
        else { break }
        outcome.support.append(best)
        let chosen = outcome.support.map { atoms[$0] }
        let gram = DoubleMatrix(size: chosen.count, entries: chosen.flatMap { a in chosen.map { dot(a, $0) } })
        guard let gamma = try? solveLinearSystem(gram, chosen.map { dot($0, x) }) else { break }
        outcome.coefficients = gamma
        residual = x
        for (atom, value) in zip(chosen, gamma) { residual = zip(residual, atom).map { $0 - value * $1 } }
        outcome.residualNorm = dot(residual, residual).squareRoot()
    }
    return outcome
}
