// KSVD.swift: the K-SVD dictionary update of MLiS II Sec. 2.8.3, step 3 and Eq. (2.8.17),
//     min_D ||X - D Gamma*||_F^2,
// solved atom by atom (Aharon, Elad & Bruckstein, IEEE Trans. Signal Processing 54(11), 2006, Sec. IV).
// Goals, in order: the paper's update exactly (only the signals that use atom k, only their non-zero
// coefficients, a rank-1 approximation of the restricted residual); the objective never increases;
// O(n |omega_k|) work per atom by keeping the residual R = X - D Gamma up to date.
//
// For atom k with users omega_k = { j : Gamma_(k, j) != 0 }, the error without atom k on those signals is
//     E_k = X_(omega) - sum_(i != k) d_i Gamma_(i, omega) = R_(omega) + d_k Gamma_(k, omega),
// and ||X - D Gamma||_F^2 = ||E_k - d_k Gamma_(k, omega)||_F^2 + (terms without d_k or Gamma_(k, omega)).
// The best (d_k, Gamma_(k, omega)) with ||d_k|| = 1 is the rank-1 approximation u_1 (sigma_1 v_1^T) of E_k.
// Restricting to omega_k keeps every zero of Gamma a zero: the sparsity pattern of OMP is preserved.

import Core

extension LearningState {
    /// The K-SVD update of atom k and of its coefficients (Aharon et al. 2006, Fig. 2, stage 2).
    /// Returns false, changing nothing, when no signal uses atom k.
    mutating func updateAtomKSVD(_ k: Int, users: [(signal: Int, slot: Int)]) -> Bool {
        guard !users.isEmpty else { return false }
        let n = length
        var restricted = [Float](repeating: 0, count: users.count * n)   // E_k, one column per user
        let oldAtom = atoms.atom(k)
        // E_k = R_omega + d_k Gamma_(k, omega).
        residual.withUnsafeBufferPointer { r in
            oldAtom.withUnsafeBufferPointer { atom in
                restricted.withUnsafeMutableBufferPointer { e in
                    for (index, user) in users.enumerated() {
                        let column = mutableRowBuffer(e, index, width: n)
                        _ = column.initialize(from: rowBuffer(r, user.signal, width: n))
                        Kernels.axpy(codes[signal: user.signal, slot: user.slot], atom, column)
                    }
                }
            }
        }
        let best = rankOneApproximation(columns: restricted, length: n, count: users.count, start: oldAtom)
        atoms.setAtom(k, best.direction)
        // New coefficients c = E_k^T u and new residual R_omega = E_k - u c^T.
        restricted.withUnsafeBufferPointer { e in
            best.direction.withUnsafeBufferPointer { atom in
                residual.withUnsafeMutableBufferPointer { r in
                    for (index, user) in users.enumerated() {
                        let column = mutableRowBuffer(r, user.signal, width: n)
                        _ = column.initialize(from: rowBuffer(e, index, width: n))
                        Kernels.axpy(-best.coefficients[index], atom, column)
                    }
                }
            }
        }
        for (index, user) in users.enumerated() { codes[signal: user.signal, slot: user.slot] = best.coefficients[index] }
        return true
    }
}

/// One K-SVD atom update in the notes' orientation: atom k of D [n, K] and row k of Gamma (on the
/// signals that use atom k) replaced by the rank-1 approximation of the restricted residual E_k
/// (see the file header). ||X - D Gamma||_F never increases, and d_k keeps unit norm.
///
/// ```swift
/// var D = dictionary, codes = batchOrthogonalMatchingPursuit(signals: X, dictionary: D, sparsity: 3)
/// let before = representationError(signals: X, dictionary: D, codes: codes.matrix())
/// _ = updateAtom(0, dictionary: &D, codes: &codes, signals: X)
/// // representationError(...) <= before
/// ```
///
/// Returns false, changing nothing, when no signal uses atom k (K-SVD then replaces the atom).
/// Preconditions: X [n, P], D [n, K], codes over K atoms and P signals, 0 <= k < K.
public func updateAtom(_ k: Int, dictionary: inout Tensor, codes: inout SparseCodes, signals: Tensor) -> Bool {
    requireDictionary(dictionary, "updateAtom")
    require(k >= 0 && k < dictionary.columns, "updateAtom: atom \(k) is out of range 0..<\(dictionary.columns)")
    var state = LearningState(signals: signals, dictionary: dictionary, codes: codes)
    let updated = state.updateAtomKSVD(k, users: state.codes.users()[k])
    dictionary = state.dictionary
    codes = state.codes
    return updated
}
