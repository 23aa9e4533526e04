// KSVDPlain.swift: the K-SVD atom update of MLiS II Sec. 2.8.3 (step 3, Eq. 2.8.17) written a second
// time, plainly: whole matrices in the notes' orientation and Core's tensor operations, one line per
// step of the derivation in KSVD.swift's header. It is the readable twin of `updateAtomKSVD`, whose
// pointer loops on a residual kept up to date are what the benchmark and `learnDictionary` run; the
// tests check that the two give the same atom and coefficients.
//
// Orientation (Sec. 2.8, Fig. 2.8.2): X [n, P] holds one signal per column, D [n, K] one atom per
// column, Gamma [K, P] the codes, X ~ D Gamma. For atom k:
//     omega_k = { j : Gamma[k, j] != 0 }                       the signals that use atom k
//     E_k     = X_omega - D Gamma_omega + d_k gamma^k_omega    their error without atom k
//     E_k     ~ u c^T, ||u|| = 1                               its best rank-1 approximation
//     d_k <- u,   gamma^k_omega <- c^T                         new atom, new coefficients (zeros stay zeros)

import Core

/// The K-SVD update of atom k on dense matrices: d_k and the non-zero entries of row k of Gamma
/// replaced by the rank-1 approximation u c^T of E_k (see the file header), found by power iteration
/// started from the current atom, as `updateAtom` does.
///
/// Eq. (2.8.17)
///
/// ```swift
/// var D = dictionary, Gamma = codes.matrix()
/// _ = updateAtomPlain(0, dictionary: &D, codes: &Gamma, signals: X)   // the same as updateAtom(0, ...)
/// ```
/// Returns false, changing nothing, when no signal uses atom k.
/// Preconditions: X [n, P], D [n, K], Gamma [K, P], 0 <= k < K.
public func updateAtomPlain(_ k: Int, dictionary D: inout Tensor, codes Gamma: inout Tensor, signals X: Tensor) -> Bool {
    requireShapes(X.rank == 2 && D.rank == 2 && Gamma.rank == 2 && X.rows == D.rows && Gamma.shape == [D.columns, X.columns],
                  "updateAtomPlain (X [n, P], D [n, K], Gamma [K, P])", X.shape, D.shape + Gamma.shape)
    require(k >= 0 && k < D.columns, "updateAtomPlain: atom \(k) is out of range 0..<\(D.columns)")
    let users = (0..<X.columns).filter { Gamma[k, $0] != 0 }                          // omega_k
    guard !users.isEmpty else { return false }
    let atom = D.sliced(k..<(k + 1), alongAxis: 1)                                     // d_k, [n, 1]
    let codesOfUsers = Gamma.gathering(users, alongAxis: 1)                            // Gamma_omega, [K, |omega|]
    let error = X.gathering(users, alongAxis: 1) - matmul(D, codesOfUsers)
        + matmul(atom, codesOfUsers.sliced(k..<(k + 1)))                              // E_k, [n, |omega|]
    let (direction, coefficients) = rankOneByPowerIteration(error, start: atom)
    D = Tensor(concatenating: [D.sliced(0..<k, alongAxis: 1), direction, D.sliced((k + 1)..<D.columns, alongAxis: 1)],
               alongAxis: 1)
    for (index, signal) in users.enumerated() { Gamma[k, signal] = coefficients.scalars[index] }
    return true
}

/// The leading singular pair of E [n, m] by power iteration on E E^T: u <- E (E^T u) / ||E (E^T u)||
/// from `start` [n, 1] (normalised), until u moves by less than `tolerance` or after
/// `maximumIterations`; then c = E^T u [m, 1]. If E^T u becomes 0, u is kept. The same iteration as
/// `rankOneApproximation(of:start:)`, written with matrix products instead of column loops.
func rankOneByPowerIteration(_ E: Tensor, start: Tensor, maximumIterations: Int = 200,
                             tolerance: Float = 1e-6) -> (direction: Tensor, coefficients: Tensor) {
    require(start.norm > 0 && start.norm.isFinite, "rankOneByPowerIteration: the start vector must be non-zero and finite")
    var u = (1 / start.norm) * start
    for _ in 0..<maximumIterations {
        let next = matmul(E, matmul(E, u, transposeA: true))                           // E E^T u
        guard next.norm > 0 && next.norm.isFinite else { break }
        let normalised = (1 / next.norm) * next
        let change = (normalised - u).norm
        u = normalised
        if change < tolerance { break }
    }
    return (u, matmul(E, u, transposeA: true))
}
