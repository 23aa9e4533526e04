// Exercise 11: K-SVD's atom update by a rank-1 approximation.   Practises MLiS II Sec. 2.8.3, step 3 and
// Eq. (2.8.17): "taking all signals that use the given atom, subtracting the contribution from other
// atoms, and using a method such as SVD to update the atom".
// Check:  swift run --package-path Exercises exercises 11     (one hint at a time: exercises --hint 11)
// See it running:  swift run sparse-coding
//
// E [n, m] holds, as columns, the residuals of the m signals that use atom k, with atom k's own
// contribution added back. The best replacement of (d_k, its m coefficients) is the rank-1 matrix
// u c^T closest to E: u the top left singular vector of E, c = E^T u = sigma_1 v_1. Find u by power
// iteration from the current atom d:
//     u_0 = d,    u_(t+1) = E (E^T u_t) / ||E (E^T u_t)||,
// then return u and c = E^T u. Starting from d makes the update never worse than keeping d.
// On the 4 x 3 problem "8.3 K-SVD" (see WORKED-NUMBERS.md) this lowers ||X - D Gamma||_F from 0.0347248 to 0.0329981.

import Core

/// The new atom u (unit norm, length n) and coefficients c = E^T u (length m) after `iterations` power steps.
/// - Parameters:
///   - E: the restricted residual [n, m] (columns: the signals that use the atom).
///   - atom: the current atom d_k, unit norm, length n (the start of the iteration).
///   - iterations: the number of power steps (>= 1).
public func rankOneAtomUpdate(residual E: Tensor, atom: [Float], iterations: Int) -> (atom: [Float], coefficients: [Float]) {
    // TODO: power iteration from `atom`, then the coefficients c = E^T u.
    return (atom, [Float](repeating: 0, count: E.columns))
}
