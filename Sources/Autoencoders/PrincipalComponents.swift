// PrincipalComponents.swift: principal component analysis (the top eigenvectors of the covariance
// matrix, by Core's symmetric eigen-solver) and the principal angles between two subspaces, to show
// what DAT300's linear autoencoder learns: the subspace of the top principal components (Baldi &
// Hornik 1989). DAT300 "Autoencoders": "used for dimensionality reduction".
// Goals, in order: plain Double linear algebra with no hidden step (centre, covariance, eigenvectors;
// Gram-Schmidt, a small eigenproblem); exact enough to tell an angle of 0.1 degree from 0.
//
// Principal angles (Golub & Van Loan Sec. 6.4.3): with orthonormal bases Q_A (k vectors) and Q_B
// (l vectors) of two subspaces, the cosines of the angles are the singular values of Q_A Q_B^T, i.e.
// the square roots of the eigenvalues of (Q_A Q_B^T)(Q_A Q_B^T)^T. All angles 0: the same subspace.

import Core
import Foundation

/// The principal components of the rows of a data matrix X [N, d]: the eigenvectors of its covariance
/// C = (1/N) sum_i (x_i - m)(x_i - m)^T, by decreasing eigenvalue (the variance along each).
///
/// ```swift
/// let pca = PrincipalComponents(train.images)       // the digits: d = 64
/// print(pca.variances.prefix(3))                    // the variance along the top three directions
/// let plane = pca.top(2)                            // two unit vectors of 64 numbers
/// ```
public struct PrincipalComponents: Sendable {
    /// m, the mean of the rows (d numbers).
    public let mean: [Double]
    /// The eigenvalues of C, largest first.
    public let variances: [Double]
    /// Unit eigenvectors of C, in the order of `variances` (each d numbers; the sign is arbitrary).
    public let directions: [[Double]]

    /// Precondition: X is a matrix with at least one row.
    public init(_ data: Tensor) {
        require(data.rank == 2 && data.rows >= 1, "PrincipalComponents: needs a data matrix [N, d] with N >= 1, got shape \(data.shape)")
        let (n, d) = (data.rows, data.columns)
        let x = data.doubles
        let mean = (0..<d).map { j in (0..<n).reduce(0.0) { $0 + x[$1 * d + j] } / Double(n) }
        var covariance = DoubleMatrix(size: d, entries: [Double](repeating: 0, count: d * d))
        for i in 0..<n {
            let centred = (0..<d).map { x[i * d + $0] - mean[$0] }
            for j in 0..<d where centred[j] != 0 {
                for k in j..<d { covariance[j, k] += centred[j] * centred[k] }
            }
        }
        for j in 0..<d {
            for k in j..<d {
                covariance[j, k] /= Double(n)
                covariance[k, j] = covariance[j, k]
            }
        }
        let decomposition = SymmetricEigendecomposition(covariance)
        self.mean = mean
        variances = decomposition.values.reversed()
        directions = decomposition.vectors.reversed()
    }

    /// The first `count` directions, largest variance first. Precondition: 1 <= count <= d.
    public func top(_ count: Int) -> [[Double]] {
        require(count >= 1 && count <= directions.count, "PrincipalComponents.top: count must lie in 1...\(directions.count), got \(count)")
        return Array(directions.prefix(count))
    }

    /// (1/N) sum_i ||x_i - x^_i||^2, where x^_i = m + the projection of x_i - m onto the top `components`
    /// directions: PCA's own reconstruction error on the rows of `data` [N, d], the floor of any
    /// rank-`components` linear autoencoder on the data PCA was fitted on. Precondition: d matches.
    public func reconstructionError(_ data: Tensor, components: Int) -> Double {
        requireShapes(data.rank == 2 && data.columns == mean.count, "PrincipalComponents.reconstructionError: data [N, d] vs d",
                      data.shape, [mean.count])
        let top = top(components)
        var total = 0.0
        for i in 0..<data.rows {
            let centred = zip(data.row(i), mean).map { Double($0) - $1 }
            let coordinates = top.map { dot(centred, $0) }
            for j in centred.indices {
                let residual = centred[j] - zip(coordinates, top).reduce(0) { $0 + $1.0 * $1.1[j] }
                total += residual * residual
            }
        }
        return total / Double(max(data.rows, 1))
    }
}

/// The principal angles, in radians and increasing, between the subspace spanned by the vectors `a`
/// and the one spanned by `b` (each vector d numbers): min(k, l) angles in [0, pi/2].
///
/// ```swift
/// print(principalAngles([[1, 0, 0], [0, 1, 0]], [[1, 1, 0], [0, 0, 1]]))   // [0.0, 1.5707963267948966]
/// ```
/// Preconditions: each set non-empty and linearly independent, all vectors of one length.
public func principalAngles(_ a: [[Double]], _ b: [[Double]]) -> [Double] {
    require(!a.isEmpty && !b.isEmpty && Set((a + b).map(\.count)).count == 1,
            "principalAngles: needs two non-empty sets of vectors of one length, got lengths \(a.map(\.count)) and \(b.map(\.count))")
    let (qa, qb) = (orthonormalBasis(a), orthonormalBasis(b))
    let (small, large) = qa.count <= qb.count ? (qa, qb) : (qb, qa)
    let m = small.map { u in large.map { v in dot(u, v) } }           // [k, l], k <= l: the cosines' matrix
    var gram = DoubleMatrix(size: small.count, entries: [Double](repeating: 0, count: small.count * small.count))
    for i in 0..<small.count {
        for j in i..<small.count {
            let value = dot(m[i], m[j])
            (gram[i, j], gram[j, i]) = (value, value)
        }
    }
    let cosines = SymmetricEigendecomposition(gram).values.reversed().map { min(max($0, 0), 1).squareRoot() }
    return cosines.map { acos($0) }
}

/// An orthonormal basis of the span of `vectors` by modified Gram-Schmidt, applied twice ("twice is
/// enough", Giraud et al. 2005) so the result is orthonormal to rounding. Precondition: independent.
func orthonormalBasis(_ vectors: [[Double]]) -> [[Double]] {
    var basis: [[Double]] = []
    for vector in vectors {
        var v = vector
        for _ in 0..<2 {
            for q in basis {
                let projection = dot(v, q)
                for k in v.indices { v[k] -= projection * q[k] }
            }
        }
        let norm = dot(v, v).squareRoot()
        require(norm > 1e-12 * max(dot(vector, vector).squareRoot(), .leastNormalMagnitude),
                "principalAngles: the vectors are linearly dependent (vector \(basis.count) lies in the span of the ones before)")
        basis.append(v.map { $0 / norm })
    }
    return basis
}

func dot(_ a: [Double], _ b: [Double]) -> Double {
    zip(a, b).reduce(0) { $0 + $1.0 * $1.1 }
}
