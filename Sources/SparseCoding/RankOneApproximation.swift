// RankOneApproximation.swift: the rank-1 approximation at the heart of K-SVD's atom update
// (MLiS II Sec. 2.8.3, step 3: "using a method such as singular value decomposition (SVD) to update
// the atom"), computed by power iteration of our own.
// Goals, in order: never worse than the starting atom (so K-SVD's objective cannot increase); the
// leading singular pair to Float precision when the top singular value is separated; cheap.
//
// The best rank-1 approximation of E [n, m] in the Frobenius norm is sigma_1 u_1 v_1^T (Eckart-Young),
// with u_1 the top eigenvector of M = E E^T [n, n]. Power iteration u <- M u / ||M u|| converges to
// u_1 at the rate (sigma_2 / sigma_1)^2 per step. For unit u the best coefficients are c = E^T u and
//     ||E - u c^T||_F^2 = ||E||_F^2 - u^T M u,
// and for a positive semidefinite M the Rayleigh quotient u^T M u of the power iterates never
// decreases. Started from the current atom d_k, every iterate is therefore at least as good as d_k
// with its best coefficients, which is at least as good as d_k with its current ones.

import Core

/// The rank-1 approximation u c^T of a matrix E [n, m]: u has unit norm and c = E^T u = sigma_1 v_1.
public struct RankOneApproximation: Sendable {
    /// u, unit norm, length n: the new atom in K-SVD.
    public let direction: [Float]
    /// c = E^T u, length m: the new coefficients of the signals that use the atom (sigma_1 v_1).
    public let coefficients: [Float]
    /// ||c|| = sqrt(u^T E E^T u), sigma_1 once converged.
    public let singularValue: Float
    /// The power iterations taken.
    public let iterations: Int
}

/// The rank-1 approximation of E [n, m] by power iteration on E E^T started from `start` (length n,
/// any non-zero vector; K-SVD passes the current atom). Stops when u moves by less than `tolerance`
/// (Euclidean) or after `maximumIterations`.
///
/// ```swift
/// let E = Tensor([[3, 0], [4, 0]])                        // = (0.6, 0.8)^T (5, 0)
/// let r = rankOneApproximation(of: E, start: [1, 0])
/// print(r.direction, r.coefficients)                      // [0.6, 0.8] [5.0, 0.0]
/// ```
/// Preconditions: `start` has length n and is not zero.
public func rankOneApproximation(of E: Tensor, start: [Float], maximumIterations: Int = 200,
                                 tolerance: Double = 1e-6) -> RankOneApproximation {
    requireShapes(E.rank == 2 && start.count == E.rows, "rankOneApproximation (E [n, m] and a start vector of length n)",
                  E.shape, [start.count])
    return rankOneApproximation(columns: E.transposed().scalars, length: E.rows, count: E.columns, start: start,
                                maximumIterations: maximumIterations, tolerance: tolerance)
}

/// The same, for E given by its m columns stored one after another (`columns` has m * n values).
/// Each power step is u <- E (E^T u) / ||E (E^T u)||: m inner products and m axpys on contiguous columns
/// through Core's kernels (cheaper than forming E E^T, since from a good start few steps are needed).
func rankOneApproximation(columns: [Float], length n: Int, count m: Int, start: [Float],
                          maximumIterations: Int = 200, tolerance: Double = 1e-6) -> RankOneApproximation {
    let startNorm = euclideanNorm(start)
    require(startNorm > 0 && startNorm.isFinite, "rankOneApproximation: the start vector must be non-zero and finite")
    var u = start.map { $0 / startNorm }
    var coefficients = [Float](repeating: 0, count: m)
    var iterations = 0
    columns.withUnsafeBufferPointer { table in
        func project(_ u: [Float]) -> [Float] {                   // c = E^T u
            u.withUnsafeBufferPointer { d in (0..<m).map { Kernels.dot(rowBuffer(table, $0, width: n), d) } }
        }
        coefficients = project(u)
        while iterations < maximumIterations {
            var next = [Float](repeating: 0, count: n)             // E c = E E^T u
            next.withUnsafeMutableBufferPointer { target in
                for i in 0..<m { Kernels.axpy(coefficients[i], rowBuffer(table, i, width: n), target) }
            }
            let norm = euclideanNorm(next)
            guard norm > 0 && norm.isFinite else { break }          // E^T u = 0: keep u
            next = next.map { $0 / norm }
            iterations += 1
            let change = zip(next, u).reduce(0.0) { $0 + Double($1.0 - $1.1) * Double($1.0 - $1.1) }.squareRoot()
            u = next
            coefficients = project(u)
            if change < tolerance { break }
        }
    }
    return RankOneApproximation(direction: u, coefficients: coefficients, singularValue: euclideanNorm(coefficients),
                                iterations: iterations)
}
