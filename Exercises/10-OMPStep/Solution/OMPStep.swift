// Solution to Exercise 10: one step of orthogonal matching pursuit (MLiS II Sec. 2.8, Eq. (2.8.3)).
//
// Why the residual is recomputed from the least-squares fit: after the fit, r is orthogonal to every
// chosen atom, so |d_j . r| is 0 for them and the argmax never picks an atom twice (we still skip them,
// so that rounding cannot). Why all coefficients are re-fitted: the new atom is rarely orthogonal to the
// old ones, so the best weights of the old atoms change once it joins; keeping them (matching pursuit)
// leaves part of x unexplained in the span of the chosen atoms.

import Core

public func ompStep(dictionary: Tensor, signal: [Float], support: [Int]) -> (atom: Int, coefficients: [Float]) {
    let gamma = leastSquaresCoefficients(dictionary: dictionary, signal: signal, atoms: support)
    var residual = signal                                             // r = x - D_S gamma
    for (atom, value) in zip(support, gamma) {
        for (i, d) in column(atom, of: dictionary).enumerated() { residual[i] -= value * d }
    }
    var best = -1
    var largest: Float = -1
    for j in 0..<dictionary.columns where !support.contains(j) {     // argmax_j |d_j . r|
        let correlation = abs(zip(column(j, of: dictionary), residual).reduce(Float(0)) { $0 + $1.0 * $1.1 })
        if correlation > largest { (best, largest) = (j, correlation) }
    }
    return (best, leastSquaresCoefficients(dictionary: dictionary, signal: signal, atoms: support + [best]))
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
