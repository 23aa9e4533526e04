// OrthogonalMatchingPursuit.swift: the greedy approach of MLiS II Sec. 2.8 ("greedy methods such as
// orthogonal matching pursuit (OMP)") to Eq. (2.8.3),
//     min ||alpha||_0  subject to  ||x - D alpha||_2 <= epsilon,
// for one signal, with every step recorded so that a student can follow it.
// Goals, in order: exactly the algorithm of Pati, Rezaiifar & Krishnaprasad (1993) -- choose the atom
// most correlated with the residual, re-fit ALL chosen coefficients by least squares, repeat; the
// least squares grown by a Cholesky update (Cholesky.swift), not solved afresh; the stopping rules
// named. For many signals at once, see `batchOrthogonalMatchingPursuit` (the same answers, faster).

import Core

/// Why a pursuit stopped.
public enum PursuitStop: String, Sendable {
    /// k atoms were chosen (the sparsity limit).
    case sparsityReached
    /// ||x - D alpha||_2 <= epsilon, the constraint of Eq. (2.8.3).
    case residualWithinTolerance
    /// No atom correlates with the residual any more (max_j |d_j . r| / ||d_j|| <= 1e-5 ||x||): the
    /// residual is orthogonal to the whole dictionary up to Float rounding, so there is nothing left
    /// that another atom could explain (e.g. x is represented exactly).
    case residualOrthogonalToAtoms
    /// The best atom is a linear combination of the chosen ones (least squares would be singular).
    case atomsLinearlyDependent
}

/// One iteration of OMP: the correlations it saw, the atom it chose, the re-fitted coefficients.
public struct PursuitStep: Sendable {
    /// d_j . r for every atom j, with r the residual BEFORE this step (what the choice was made on).
    public let correlations: [Float]
    /// The atom chosen: the largest |d_j . r| / ||d_j|| among the atoms not chosen yet.
    public let atom: Int
    /// The support after this step, in the order the atoms were chosen.
    public let support: [Int]
    /// The least-squares coefficients on that support, argmin_gamma ||x - D_I gamma||_2.
    public let coefficients: [Float]
    /// ||x - D_I gamma||_2 after the re-fit.
    public let residualNorm: Float
}

/// The outcome of OMP on one signal.
public struct PursuitResult: Sendable {
    /// The chosen atoms, in order.
    public let support: [Int]
    /// Their coefficients (alpha restricted to the support).
    public let coefficients: [Float]
    /// r = x - D alpha.
    public let residual: [Float]
    /// Every iteration, in order.
    public let steps: [PursuitStep]
    /// Which rule stopped the pursuit.
    public let stop: PursuitStop

    /// ||r||_2.
    public var residualNorm: Float { euclideanNorm(residual) }

    /// The dense code alpha of length K (zeros off the support).
    public func code(atomCount: Int) -> [Float] {
        var alpha = [Float](repeating: 0, count: atomCount)
        for (atom, value) in zip(support, coefficients) { alpha[atom] = value }
        return alpha
    }
}

/// The relative size (times ||x||) below which every correlation counts as zero: Float rounding leaves
/// residuals of about 1e-7 ||x|| after an exact fit, so 1e-5 is safely above it.
public let pursuitOrthogonalityTolerance: Float = 1e-5

/// Orthogonal matching pursuit on one signal x   Eq. (2.8.3) (MLiS II Sec. 2.8, "greedy methods").
///
/// r_0 = x, I_0 = {}. At step s: choose i_s = argmax_j |d_j . r_(s-1)| / ||d_j|| (for unit-norm atoms,
/// simply the largest |d_j^T r|); re-fit gamma_s = argmin ||x - D_(I_s) gamma||_2; r_s = x - D_(I_s) gamma_s.
/// Because the fit is least squares, r_s is orthogonal to every chosen atom, so no atom is chosen twice.
/// Stops when k atoms are chosen, when ||r|| <= epsilon (`tolerance`), or earlier (see `PursuitStop`).
///
/// ```swift
/// let D = Tensor([[1, 0, 0, 0.70710678], [0, 1, 0, 0.70710678], [0, 0, 1, 0]])
/// let result = orthogonalMatchingPursuit(signal: [2, 0, 3], dictionary: D, sparsity: 3)
/// print(result.support, result.coefficients)      // [2, 0] [3.0, 2.0]: alpha = (2, 0, 3, 0)
/// ```
///
/// Shapes: `signal` has length n, D is [n, K]. Preconditions: the lengths agree, 1 <= k <= K, no zero
/// atom, epsilon >= 0 (each stops with a message naming the values).
public func orthogonalMatchingPursuit(signal: [Float], dictionary: Tensor, sparsity: Int,
                                      tolerance: Float = 0) -> PursuitResult {
    requireDictionary(dictionary, "orthogonalMatchingPursuit")
    requireShapes(signal.count == dictionary.rows, "orthogonalMatchingPursuit (a signal of length n needs D [n, K])",
                  [signal.count], dictionary.shape)
    requireSparsity(sparsity, atomCount: dictionary.columns, "orthogonalMatchingPursuit")
    requireNonNegative(Double(tolerance), "the tolerance epsilon", "orthogonalMatchingPursuit")

    let atoms = AtomTable(dictionary)
    let inverseNorms = columnNorms(dictionary).map { 1 / $0 }
    let signalNorm = euclideanNorm(signal)
    var residual = signal
    var residualNorm = signalNorm
    var support: [Int] = []
    var isChosen = [Bool](repeating: false, count: atoms.count)
    var factor = IncrementalCholesky(capacity: sparsity)
    var projections: [Double] = []                              // D_I^T x, grown with the support
    var coefficients: [Float] = []
    var steps: [PursuitStep] = []
    var stop = PursuitStop.sparsityReached

    while true {
        if support.count == sparsity { stop = .sparsityReached; break }
        if residualNorm <= tolerance { stop = .residualWithinTolerance; break }
        let correlations = atoms.correlations(with: residual)  // D^T r
        guard let best = mostCorrelatedAtom(correlations, inverseNorms: inverseNorms, excluding: isChosen),
              abs(correlations[best]) * inverseNorms[best] > pursuitOrthogonalityTolerance * signalNorm
        else { stop = .residualOrthogonalToAtoms; break }

        let crossProducts = support.map { Double(atoms.dot(atom: $0, atom: best)) }
        guard factor.append(crossProducts: crossProducts, squaredNorm: Double(atoms.dot(atom: best, atom: best))) else {
            stop = .atomsLinearlyDependent; break
        }
        support.append(best)
        isChosen[best] = true
        projections.append(Double(atoms.dot(atom: best, signal)))
        coefficients = factor.solve(projections).map { Float($0) }   // (D_I^T D_I) gamma = D_I^T x
        residual = signal
        for (atom, value) in zip(support, coefficients) { atoms.add(-value, atom: atom, to: &residual) }
        residualNorm = euclideanNorm(residual)
        steps.append(PursuitStep(correlations: correlations, atom: best, support: support,
                                 coefficients: coefficients, residualNorm: residualNorm))
    }
    return PursuitResult(support: support, coefficients: coefficients, residual: residual, steps: steps, stop: stop)
}

/// argmax_j |c_j| / ||d_j|| over the atoms not chosen yet (the first on ties); nil if all are chosen.
func mostCorrelatedAtom(_ correlations: [Float], inverseNorms: [Float], excluding isChosen: [Bool]) -> Int? {
    correlations.withUnsafeBufferPointer { c in
        inverseNorms.withUnsafeBufferPointer { w in
            isChosen.withUnsafeBufferPointer { chosen in
                var best = -1
                var bestScore: Float = -1
                for j in 0..<c.count where !chosen[j] {
                    let score = abs(c[j]) * w[j]
                    if score > bestScore { (best, bestScore) = (j, score) }
                }
                return best < 0 ? nil : best
            }
        }
    }
}
