// LinearSolve.swift: small dense linear systems in Double, for the normal equations
// (MLiS II Eq. (1.2.6)) and ridge regression (Eq. (1.7.3)).
// Goals, in order: report a singular system clearly instead of returning garbage; enough accuracy
// for P up to a few hundred; readable. Gaussian elimination with partial pivoting (Golub & Van Loan,
// Matrix Computations, Alg. 3.4.1): at column k the row with the largest |a_ik| becomes the pivot, so
// every multiplier has |l_ik| <= 1.

/// The system A x = b has no unique solution: a pivot fell below the tolerance.
public struct SingularMatrixError: Error, CustomStringConvertible {
    public let column: Int
    public let pivot: Double
    public var description: String {
        "the matrix is singular (or nearly): the largest pivot for column \(column) is \(pivot). "
            + "For the normal equations this means the features are linearly dependent; "
            + "ridge regression (lambda > 0) has a unique solution."
    }
}

/// A dense square matrix in Double, row-major.
public struct DoubleMatrix: Equatable, Sendable {
    public let size: Int
    public var entries: [Double]

    public init(size: Int, entries: [Double]) {
        require(entries.count == size * size,
                     "DoubleMatrix: a \(size)x\(size) matrix needs \(size * size) entries, got \(entries.count)")
        self.size = size
        self.entries = entries
    }

    public subscript(i: Int, j: Int) -> Double {
        get { entries[i * size + j] }
        set { entries[i * size + j] = newValue }
    }
}

/// Solves A X = B for X (B has `size` rows and any number of columns, row-major) by Gaussian
/// elimination with partial pivoting. Throws `SingularMatrixError` when a pivot is at most
/// `relativeTolerance` times the largest entry of A.
public func solveLinearSystem(_ matrix: DoubleMatrix, _ rightHandSide: [Double],
                              relativeTolerance: Double = 1e-12) throws -> [Double] {
    let n = matrix.size
    require(n > 0 && rightHandSide.count % n == 0,
                 "solveLinearSystem: a right-hand side of \(rightHandSide.count) values does not fit a \(n)x\(n) matrix")
    let m = rightHandSide.count / n
    var a = matrix
    var b = rightHandSide
    let threshold = relativeTolerance * max(a.entries.map(abs).max() ?? 0, .leastNormalMagnitude)
    for k in 0..<n {
        let pivotRow = (k..<n).max { abs(a[$0, k]) < abs(a[$1, k]) }!
        guard abs(a[pivotRow, k]) > threshold else { throw SingularMatrixError(column: k, pivot: a[pivotRow, k]) }
        if pivotRow != k {
            for j in 0..<n { (a[k, j], a[pivotRow, j]) = (a[pivotRow, j], a[k, j]) }
            for j in 0..<m { b.swapAt(k * m + j, pivotRow * m + j) }
        }
        for i in (k + 1)..<n {
            let multiplier = a[i, k] / a[k, k]
            if multiplier == 0 { continue }
            for j in k..<n { a[i, j] -= multiplier * a[k, j] }
            for j in 0..<m { b[i * m + j] -= multiplier * b[k * m + j] }
        }
    }
    for k in stride(from: n - 1, through: 0, by: -1) {
        for j in 0..<m {
            var value = b[k * m + j]
            for i in (k + 1)..<n { value -= a[k, i] * b[i * m + j] }
            b[k * m + j] = value / a[k, k]
        }
    }
    return b
}
