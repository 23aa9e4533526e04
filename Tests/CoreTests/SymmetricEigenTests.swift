// Tests of SymmetricEigenvalues.swift: the cyclic Jacobi eigen-solver (values and vectors) on a
// matrix with known eigenpairs, on seeded random symmetric matrices (A v = lambda v, V orthonormal,
// A = V diag(lambda) V^T, the trace), on a repeated eigenvalue, and an asymmetric matrix stopping.

import Testing
import Core

/// A random symmetric n x n matrix with N(0, 1) entries (the upper triangle mirrored).
private func randomSymmetric(_ n: Int, _ generator: inout Xoshiro256StarStar) -> DoubleMatrix {
    var matrix = DoubleMatrix(size: n, entries: [Double](repeating: 0, count: n * n))
    for i in 0..<n {
        for j in i..<n {
            let value = generator.normalDouble()
            (matrix[i, j], matrix[j, i]) = (value, value)
        }
    }
    return matrix
}

/// A v, for the row-major matrix A.
private func apply(_ matrix: DoubleMatrix, _ v: [Double]) -> [Double] {
    (0..<matrix.size).map { i in (0..<matrix.size).reduce(0.0) { $0 + matrix[i, $1] * v[$1] } }
}

private func dot(_ a: [Double], _ b: [Double]) -> Double { zip(a, b).reduce(0) { $0 + $1.0 * $1.1 } }

@Suite("Symmetric eigendecomposition (cyclic Jacobi, Golub & Van Loan Sec. 8.5)")
struct SymmetricEigenTests {
    @Test("The path graph's Laplacian: eigenvalues 0, 1, 3 with eigenvectors (1, 1, 1)/sqrt 3, (1, 0, -1)/sqrt 2, (1, -2, 1)/sqrt 6 up to sign")
    func pathLaplacian() {
        let laplacian = DoubleMatrix(size: 3, entries: [1, -1, 0, -1, 2, -1, 0, -1, 1])
        let decomposition = SymmetricEigendecomposition(laplacian)
        #expect(isApproximatelyEqual(decomposition.values, [0, 1, 3], absoluteTolerance: 1e-14))
        let expected: [[Double]] = [[1, 1, 1].map { $0 / 3.0.squareRoot() }, [1, 0, -1].map { $0 / 2.0.squareRoot() },
                                    [1, -2, 1].map { $0 / 6.0.squareRoot() }]
        for (vector, truth) in zip(decomposition.vectors, expected) {
            #expect(isApproximatelyEqual(abs(dot(vector, truth)), 1, absoluteTolerance: 1e-14), "\(vector) vs \(truth)")
        }
        #expect(symmetricEigenvalues(Tensor([[1, -1, 0], [-1, 2, -1], [0, -1, 1]])) == decomposition.values)
    }

    @Test("Random symmetric matrices (n = 1, 2, 5, 20, 64): A v = lambda v, V^T V = I, A = V diag(lambda) V^T, trace = sum lambda, increasing (seed 31)")
    func randomMatrices() {
        var generator = Xoshiro256StarStar(seed: 31)
        for n in [1, 2, 5, 20, 64] {
            let matrix = randomSymmetric(n, &generator)
            let decomposition = SymmetricEigendecomposition(matrix)
            let (values, vectors) = (decomposition.values, decomposition.vectors)
            #expect(zip(values, values.dropFirst()).allSatisfy { $0 <= $1 }, "n = \(n): increasing")
            for (lambda, v) in zip(values, vectors) {
                #expect(isApproximatelyEqual(apply(matrix, v), v.map { lambda * $0 }, absoluteTolerance: 1e-11), "n = \(n), lambda \(lambda)")
            }
            for i in 0..<n {
                for j in 0..<n {
                    #expect(abs(dot(vectors[i], vectors[j]) - (i == j ? 1 : 0)) < 1e-13, "n = \(n): v\(i) . v\(j)")
                    let rebuilt = (0..<n).reduce(0.0) { $0 + vectors[$1][i] * values[$1] * vectors[$1][j] }
                    #expect(abs(rebuilt - matrix[i, j]) < 1e-11, "n = \(n): A[\(i), \(j)]")
                }
            }
            let trace = (0..<n).reduce(0.0) { $0 + matrix[$1, $1] }
            #expect(isApproximatelyEqual(values.reduce(0, +), trace, absoluteTolerance: 1e-11))
        }
    }

    @Test("A repeated eigenvalue: diag(2, 2, 5) rotated keeps 2, 2, 5, and the two vectors of 2 span the plane orthogonal to the one of 5")
    func repeatedEigenvalue() {
        // Q diag(2, 2, 5) Q^T with Q the rotation by 30 degrees about (0, 0, 1) then about (1, 0, 0).
        let (c, s) = (3.0.squareRoot() / 2, 0.5)
        let q: [[Double]] = [[c, -s, 0], [s * c, c * c, -s], [s * s, c * s, c]]
        let lambda: [Double] = [2, 2, 5]
        var matrix = DoubleMatrix(size: 3, entries: [Double](repeating: 0, count: 9))
        for i in 0..<3 {
            for j in i..<3 {
                let value = (0..<3).reduce(0.0) { $0 + q[i][$1] * lambda[$1] * q[j][$1] }
                (matrix[i, j], matrix[j, i]) = (value, value)
            }
        }
        let decomposition = SymmetricEigendecomposition(matrix)
        #expect(isApproximatelyEqual(decomposition.values, [2, 2, 5], absoluteTolerance: 1e-13))
        let top = (0..<3).map { q[$0][2] }
        #expect(abs(abs(dot(decomposition.vectors[2], top)) - 1) < 1e-13)
        #expect(abs(dot(decomposition.vectors[0], top)) < 1e-13 && abs(dot(decomposition.vectors[1], top)) < 1e-13)
    }

    @Test("An asymmetric matrix stops, naming the first pair that differs")
    func asymmetricStops() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = SymmetricEigendecomposition(DoubleMatrix(size: 2, entries: [1, 2, 3, 1]))
        }
        #expect(standardErrorText(result).contains("SymmetricEigendecomposition: entries (0, 1) = 2.0 and (1, 0) = 3.0 differ"))
    }
}
