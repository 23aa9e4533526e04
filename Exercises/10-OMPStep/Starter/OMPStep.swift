// Exercise 10: one step of orthogonal matching pursuit.   Practises MLiS II Sec. 2.8, Eq. (2.8.3) and
// its text ("greedy methods such as OMP gradually introduce non-zeroes").
// Check:  swift run --package-path Exercises exercises 10     (one hint at a time: exercises --hint 10)
// See it running:  swift run sparse-coding
//
// OMP has chosen the atoms in `support` so far. One more step:
//     1. fit the chosen atoms by least squares, gamma = argmin ||x - D_S gamma||  (given below),
//     2. the residual r = x - D_S gamma  (r = x while nothing is chosen),
//     3. the next atom is the one most correlated with r: argmax_j |d_j . r| over the atoms NOT yet chosen,
//     4. re-fit ALL coefficients by least squares on the grown support (that is the "orthogonal" in OMP:
//        plain matching pursuit would only add a coefficient for the new atom).
// The atoms (columns of D) have unit norm. With D = [e1, e2, e3, (e1 + e2)/sqrt 2] and x = (2, 0, 3),
// the first step picks atom 2 (0-based) with coefficient 3; from support [2] the next picks atom 0,
// and the coefficients on [2, 0] are [3, 2].

import Core

/// The next atom OMP chooses after `support`, and the least-squares coefficients on `support + [atom]`
/// (in that order).
/// - Parameters:
///   - dictionary: D [n, K], unit-norm atoms as columns.
///   - signal: x, n values.
///   - support: the atoms chosen so far, in order (may be empty).
public func ompStep(dictionary: Tensor, signal: [Float], support: [Int]) -> (atom: Int, coefficients: [Float]) {
    // TODO: steps 2-4 above (step 1 is `leastSquaresCoefficients(dictionary:signal:atoms:)`).
    return (0, [])
}

/// argmin_gamma ||x - D_S gamma||_2 for the atoms S = `atoms`, by the normal equations in Double.
public func leastSquaresCoefficients(dictionary: Tensor, signal: [Float], atoms: [Int]) -> [Float] {
    guard !atoms.isEmpty else { return [] }
    let columns = atoms.map { column($0, of: dictionary).map(Double.init) }
    let x = signal.map(Double.init)
    func dot(_ a: [Double], _ b: [Double]) -> Double { zip(a, b).reduce(0) { $0 + $1.0 * $1.1 } }
    let gram = DoubleMatrix(size: atoms.count, entries: columns.flatMap { a in columns.map { dot(a, $0) } })
    guard let gamma = try? solveLinearSystem(gram, columns.map { dot($0, x) }) else { return atoms.map { _ in 0 } }
    return gamma.map { Float($0) }
}

/// Column `j` of a matrix as an array (an atom d_j of D).
func column(_ j: Int, of matrix: Tensor) -> [Float] {
    require(matrix.rank == 2 && j >= 0 && j < matrix.columns, "column: index \(j) out of range for shape \(matrix.shape)")
    return (0..<matrix.rows).map { matrix[$0, j] }
}
