// Exercise 47: one K-SVD sweep, every atom of the dictionary updated in turn.
// Practises MLiS II Sec. 2.8.3: dictionary learning, Eq. (2.8.14), and its step (3) with K-SVD,
// Eq. (2.8.17): for each atom, the signals that use it, their error without it, and its best rank-1
// approximation (exercise 11 wrote that last step alone).
// See it running: `swift run sparse-coding` (K-SVD recovers a dictionary, then denoises digits).
// Check: swift run --package-path Exercises exercises 47
// Hints, one at a time: swift run --package-path Exercises exercises --hint 47
//
// X ~ D Gamma with one signal per column. For k = 0, 1, ..., K - 1 in order, each step using the atoms
// and codes as the previous steps left them:
//   omega_k = the signals j with Gamma[k][j] != 0 (if none, leave atom k alone);
//   E_k     = the error of those signals without atom k's contribution;
//   replace atom k by the unit vector u and those signals' coefficients on atom k by c, where u c^T is
//   the best rank-1 approximation of E_k. Find u by power iteration on E_k E_k^T started from the
//   current atom, until u moves by less than 1e-10 (at most 500 steps); then the coefficients c that
//   go with u. Codes that were 0 stay 0.

/// The dictionary and codes after one K-SVD sweep over all atoms.   Eq. (2.8.17)
/// - Parameters:
///   - signals: the P signals x_j, each of length n (the columns of X).
///   - atoms: the K atoms d_k, each of length n (the columns of D).
///   - codes: Gamma as K rows of P coefficients: codes[k][j] is atom k's coefficient in signal j.
/// - Returns: the new atoms (unit norm where updated) and codes.
public func kSVDSweep(signals: [[Double]], atoms: [[Double]], codes: [[Double]]) -> (atoms: [[Double]], codes: [[Double]]) {
    let (atoms, codes) = (atoms, codes)
    // TODO: for each atom k in order: omega_k, the columns of E_k, u by power iteration from atom k,
    //       c = E_k^T u; write u into atom k and c into row k of the codes (at omega_k only).
    return (atoms, codes)
}

func dot(_ a: [Double], _ b: [Double]) -> Double { zip(a, b).reduce(0) { $0 + $1.0 * $1.1 } }

func normalised(_ v: [Double]) -> [Double] {
    let norm = dot(v, v).squareRoot()
    return norm > 0 ? v.map { $0 / norm } : v
}
