// SymmetricEigenvalues.swift: the eigenvalues and eigenvectors of a real symmetric matrix by the
// cyclic Jacobi method, in Double. Used to check the spectra the notes rely on (a graph Laplacian's,
// positive semidefinite with one zero per connected component; the normalised adjacency's, in
// [-1, 1]) and to find principal components (the top eigenvectors of a covariance matrix), against
// which an autoencoder's subspace is compared.
// Goals, in order: correct to about 1e-12 on the matrices of the course (up to a hundred rows or
// so); short and readable (Golub & Van Loan, "Matrix Computations", 4th ed., Sec. 8.5); speed does
// not matter here. Moved from GraphNetworks (which used the eigenvalues only) so that every module
// shares one solver; the eigenvectors were added then.
//
// Each Jacobi rotation J(p, q, theta) zeroes the entry (p, q) of A <- J^T A J and keeps A symmetric
// with the same eigenvalues. Sweeping over every p < q again and again drives the off-diagonal part
// to zero (quadratically, at the end); the diagonal is then the spectrum, and the product of the
// rotations V = J_1 J_2 ... holds the eigenvectors in its columns (A_0 = V diag(lambda) V^T).

/// The eigenvalues of a real symmetric matrix, in increasing order, and a unit eigenvector of each.
///
/// ```swift
/// let laplacian = DoubleMatrix(size: 3, entries: [1, -1, 0, -1, 2, -1, 0, -1, 1])   // the path 0 - 1 - 2
/// let decomposition = SymmetricEigendecomposition(laplacian)
/// print(decomposition.values.map { formatted($0) })     // ["0.0000", "1.0000", "3.0000"]
/// print(decomposition.vectors[0].map { formatted($0) })  // ["0.5774", "0.5774", "0.5774"] (or its negative)
/// ```
/// An eigenvector's sign is arbitrary; for a repeated eigenvalue any orthonormal basis of its
/// eigenspace may come back. The vectors are orthonormal to about 1e-15.
public struct SymmetricEigendecomposition: Sendable {
    /// lambda_1 <= lambda_2 <= ... <= lambda_n.
    public let values: [Double]
    /// `vectors[k]` is a unit eigenvector of `values[k]`, n numbers.
    public let vectors: [[Double]]

    /// Preconditions: a square, symmetric matrix (entries (i, j) and (j, i) equal), otherwise it
    /// stops and names the first asymmetric pair.
    public init(_ matrix: DoubleMatrix) {
        let n = matrix.size
        var a = matrix.entries   // row-major, n x n
        for i in 0..<n {
            for j in (i + 1)..<max(n, i + 1) {
                require(a[i * n + j] == a[j * n + i],
                        "SymmetricEigendecomposition: entries (\(i), \(j)) = \(a[i * n + j]) and (\(j), \(i)) = \(a[j * n + i]) differ")
            }
        }
        var v = [Double](repeating: 0, count: n * n)
        for i in 0..<n { v[i * n + i] = 1 }
        let scale = max(a.map(abs).max() ?? 0, Double.leastNormalMagnitude)
        for _ in 0..<100 {
            var offDiagonal = 0.0
            for p in 0..<n { for q in (p + 1)..<max(n, p + 1) { offDiagonal += a[p * n + q] * a[p * n + q] } }
            if offDiagonal.squareRoot() <= 1e-15 * scale { break }
            for p in 0..<n {
                for q in (p + 1)..<max(n, p + 1) where a[p * n + q] != 0 {
                    rotate(&a, vectors: &v, n: n, p: p, q: q)
                }
            }
        }
        let order = (0..<n).sorted { a[$0 * n + $0] < a[$1 * n + $1] }
        values = order.map { a[$0 * n + $0] }
        vectors = order.map { k in (0..<n).map { v[$0 * n + k] } }
    }
}

/// The eigenvalues of the symmetric matrix `matrix`, in increasing order.
///
/// ```swift
/// let laplacian = Graph(nodeCount: 3, edges: [(0, 1), (1, 2)]).laplacian   // GraphNetworks
/// print(symmetricEigenvalues(laplacian).map { formatted($0) })   // ["0.0000", "1.0000", "3.0000"]
/// ```
/// Preconditions: a square, symmetric matrix (entries (i, j) and (j, i) equal), otherwise it stops
/// and names the first asymmetric pair.
public func symmetricEigenvalues(_ matrix: Tensor) -> [Double] {
    require(matrix.rank == 2 && matrix.rows == matrix.columns,
            "symmetricEigenvalues: needs a square matrix, got shape \(matrix.shape)")
    return SymmetricEigendecomposition(DoubleMatrix(size: matrix.rows, entries: matrix.doubles)).values
}

/// One Jacobi rotation that makes a_pq = 0 (Golub & Van Loan, Algorithm 8.5.1, "sym.schur2"):
/// with tau = (a_qq - a_pp) / (2 a_pq), t = sign(tau) / (|tau| + sqrt(1 + tau^2)) is the smaller root
/// of t^2 + 2 tau t - 1 = 0, c = 1 / sqrt(1 + t^2), s = t c; then A <- J^T A J on rows and columns p, q,
/// and V <- V J on columns p, q.
private func rotate(_ a: inout [Double], vectors v: inout [Double], n: Int, p: Int, q: Int) {
    let tau = (a[q * n + q] - a[p * n + p]) / (2 * a[p * n + q])
    let t = (tau >= 0 ? 1.0 : -1.0) / (abs(tau) + (1 + tau * tau).squareRoot())
    let c = 1 / (1 + t * t).squareRoot()
    let s = t * c
    for k in 0..<n {   // columns p and q: A <- A J, V <- V J
        let (akp, akq) = (a[k * n + p], a[k * n + q])
        a[k * n + p] = c * akp - s * akq
        a[k * n + q] = s * akp + c * akq
        let (vkp, vkq) = (v[k * n + p], v[k * n + q])
        v[k * n + p] = c * vkp - s * vkq
        v[k * n + q] = s * vkp + c * vkq
    }
    for k in 0..<n {   // rows p and q: A <- J^T A
        let (apk, aqk) = (a[p * n + k], a[q * n + k])
        a[p * n + k] = c * apk - s * aqk
        a[q * n + k] = s * apk + c * aqk
    }
}
