// Solution to Exercise 11: K-SVD's atom update by a rank-1 approximation (MLiS II Sec. 2.8.3, Eq. (2.8.17)).
//
// Why power iteration on E E^T: its top eigenvector is E's top left singular vector u_1, and each step
// multiplies the u_1 component by sigma_1^2 and the others by sigma_i^2, so u turns towards u_1 at the
// rate (sigma_2 / sigma_1)^2. Why start from the current atom: ||E - u (E^T u)^T||_F^2 = ||E||^2 -
// ||E^T u||^2,
// and ||E^T u|| never decreases along the iteration (E E^T is positive semidefinite), so the new atom is
// never worse than the old one -- the property that keeps K-SVD's objective from rising.

import Core

public func rankOneAtomUpdate(residual E: Tensor, atom: [Float], iterations: Int) -> (atom: [Float], coefficients: [Float]) {
    var u = atom
    for _ in 0..<iterations {
        let c = matmul(E, Tensor(column: u), transposeA: true)          // E^T u
        let next = matmul(E, c).scalars                                 // E E^T u
        let norm = next.reduce(0) { $0 + $1 * $1 }.squareRoot()
        guard norm > 0 else { break }                                   // E^T u = 0: nothing to turn towards
        u = next.map { $0 / norm }
    }
    return (u, matmul(E, Tensor(column: u), transposeA: true).scalars)
}
