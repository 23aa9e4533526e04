// MethodOfOptimalDirections.swift: MOD, the least-squares dictionary update that K-SVD is compared with
// (Engan, Aase & Husoy, ICASSP 1999; Aharon, Elad & Bruckstein 2006, Sec. III-C). It solves Eq. (2.8.17)
//     min_D ||X - D Gamma||_F^2
// for all atoms at once with Gamma fixed: setting the gradient -2 (X - D Gamma) Gamma^T to zero gives
//     D = X Gamma^T (Gamma Gamma^T)^(-1).
// Goals, in order: the closed form solved in Double; the released toolbox's handling of its two
// weak spots (a tiny ridge 1e-7 I when Gamma Gamma^T is singular, a random atom for an unused one);
// then the columns scaled to unit norm, as the sparse-coding stage expects.

import Core

/// grad_D ||X - D Gamma||_F^2 = -2 (X - D Gamma) Gamma^T, shape [n, K]. MOD's D makes it zero.
/// Shapes: X [n, P], D [n, K], Gamma [K, P].
public func representationErrorGradient(signals: Tensor, dictionary: Tensor, codes: Tensor) -> Tensor {
    requireShapes(signals.rank == 2 && dictionary.rank == 2 && codes.rank == 2 && signals.rows == dictionary.rows
                  && dictionary.columns == codes.rows && codes.columns == signals.columns,
                  "representationErrorGradient (X [n, P] against D [n, K] Gamma [K, P])", signals.shape,
                  [dictionary.rows, dictionary.columns, codes.columns])
    let residual = signals - matmul(dictionary, codes)
    return -2 * matmul(residual, codes, transposeB: true)
}

/// The least-squares dictionary D = X Gamma^T (Gamma Gamma^T + ridge I)^(-1)   Eq. (2.8.17), solved for D,
/// without normalisation: the exact minimiser of ||X - D Gamma||_F^2 + ridge ||D||_F^2.
/// Returns nil if the system is singular (ridge = 0 and an unused atom, or linearly dependent rows).
/// Shapes: X [n, P], codes over K atoms and P signals -> D [n, K].
public func leastSquaresDictionary(signals: Tensor, codes: SparseCodes, ridge: Double = 0) -> Tensor? {
    requireShapes(signals.rank == 2 && signals.columns == codes.signalCount,
                  "leastSquaresDictionary (X [n, P] and codes of P signals)", signals.shape, [codes.atomCount, codes.signalCount])
    requireNonNegative(ridge, "the ridge", "leastSquaresDictionary")
    let (n, K) = (signals.rows, codes.atomCount)
    let signalsByRow = signals.transposed().scalars
    // B^T = Gamma X^T [K, n] and C = Gamma Gamma^T [K, K], accumulated over the non-zeros only.
    var crossMoments = [Double](repeating: 0, count: K * n)
    var gram = DoubleMatrix(size: K, entries: [Double](repeating: 0, count: K * K))
    for p in 0..<codes.signalCount {
        let support = codes.support(of: p), values = codes.coefficients(of: p)
        for (a, gammaA) in zip(support, values) {
            for i in 0..<n { crossMoments[a * n + i] += Double(gammaA) * Double(signalsByRow[p * n + i]) }
            for (b, gammaB) in zip(support, values) { gram[a, b] += Double(gammaA) * Double(gammaB) }
        }
    }
    for k in 0..<K { gram[k, k] += ridge }
    guard let atomsByRow = try? solveLinearSystem(gram, crossMoments) else { return nil }   // C D^T = B^T
    return Tensor(shape: [K, n], doubles: atomsByRow).transposed()
}

extension LearningState {
    /// The MOD update of the whole dictionary, as in the authors' released MOD.m: the ridge 1e-7 I,
    /// a random N(0, 1) atom for any that came out zero (an atom no signal uses), then unit norms.
    /// The codes are kept, so the residual is recomputed.
    mutating func updateDictionaryMOD(generator: inout Xoshiro256StarStar) {
        let X = Tensor(shape: [signalCount, length], scalars: signals).transposed()
        guard var dictionary = leastSquaresDictionary(signals: X, codes: codes, ridge: 1e-7) else { return }
        let norms = columnNorms(dictionary)
        for k in 0..<dictionary.columns where !(norms[k] > 1e-20) {
            for i in 0..<length { dictionary[i, k] = generator.normal() }
        }
        atoms = AtomTable(normalisedColumns(dictionary))
        recomputeResidual()
    }
}
