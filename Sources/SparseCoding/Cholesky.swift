// Cholesky.swift: the least-squares solve inside orthogonal matching pursuit, grown one atom at a time.
// Goals, in order: exact enough (Double) that OMP's coefficients are the least-squares ones to Float
// precision; O(s^2) work per added atom instead of a fresh O(s^3) solve; say when a new atom is
// (numerically) a combination of the chosen ones.
//
// After OMP has chosen the atoms I = (i_1, ..., i_s), its coefficients solve the normal equations
//     (D_I^T D_I) gamma = D_I^T x.
// With the Cholesky factor D_I^T D_I = L L^T (L lower triangular), adding atom k appends one row:
//     L_new = [ L    0 ]      with  L w = D_I^T d_k   (forward substitution)
//             [ w^T  c ]      and   c = sqrt(||d_k||^2 - w^T w).
// (Golub & Van Loan, Matrix Computations, 4th ed., Sec. 4.2; Rubinstein, Zibulevsky & Elad, "Efficient
// implementation of the K-SVD algorithm using batch orthogonal matching pursuit", Technion CS-2008-08.)

import Core

/// The Cholesky factor L of a Gram matrix D_I^T D_I that grows by one atom at a time.
///
/// ```swift
/// var factor = IncrementalCholesky(capacity: 2)
/// _ = factor.append(crossProducts: [], squaredNorm: 4)        // L = [2]
/// _ = factor.append(crossProducts: [2], squaredNorm: 5)       // L = [[2, 0], [1, 2]]
/// print(factor.solve([4, 7]))                                 // [0.375, 1.25], the y of [[4, 2], [2, 5]] y = [4, 7]
/// ```
public struct IncrementalCholesky: Sendable {
    /// The rows of L, row-major in a `capacity` x `capacity` square (entries above the diagonal unused).
    private var lower: [Double]
    /// The number of atoms added so far (the size of L).
    public private(set) var size = 0
    /// The largest size L may reach.
    public let capacity: Int
    /// The relative size below which c^2 = ||d_k||^2 - w^T w counts as zero: the new atom lies (to
    /// working precision) in the span of the chosen ones, and least squares would be singular.
    public static let dependenceTolerance = 1e-10

    public init(capacity: Int) {
        self.capacity = max(capacity, 0)
        lower = [Double](repeating: 0, count: self.capacity * self.capacity)
    }

    /// Adds one atom d_k given b = D_I^T d_k (its inner products with the chosen atoms, in their order)
    /// and ||d_k||^2. Returns false, and leaves L unchanged, if d_k is (numerically) a combination of
    /// the chosen atoms. Precondition: `crossProducts.count == size < capacity`.
    public mutating func append(crossProducts: [Double], squaredNorm: Double) -> Bool {
        require(crossProducts.count == size && size < capacity,
                "IncrementalCholesky.append: \(crossProducts.count) cross products for a factor of size \(size) (capacity \(capacity))")
        var w = crossProducts
        forwardSubstitution(&w)
        let pivotSquared = squaredNorm - w.reduce(0) { $0 + $1 * $1 }
        guard pivotSquared > Self.dependenceTolerance * squaredNorm, squaredNorm > 0 else { return false }
        for (column, value) in w.enumerated() { lower[size * capacity + column] = value }
        lower[size * capacity + size] = pivotSquared.squareRoot()
        size += 1
        return true
    }

    /// y with L L^T y = rhs: forward substitution L z = rhs, then back substitution L^T y = z.
    /// Precondition: `rhs.count == size`.
    public func solve(_ rhs: [Double]) -> [Double] {
        var y: [Double] = []
        solve(rhs, into: &y)
        return y
    }

    /// The same, writing y into `y` (reusing its storage: no allocation in OMP's inner loop).
    public func solve(_ rhs: [Double], into y: inout [Double]) {
        require(rhs.count == size, "IncrementalCholesky.solve: \(rhs.count) values for a factor of size \(size)")
        y.removeAll(keepingCapacity: true)
        y.append(contentsOf: rhs)
        forwardSubstitution(&y)
        for i in stride(from: size - 1, through: 0, by: -1) {
            var value = y[i]
            for k in (i + 1)..<size { value -= lower[k * capacity + i] * y[k] }
            y[i] = value / lower[i * capacity + i]
        }
    }

    /// Empties the factor (size 0), keeping its storage for the next signal.
    public mutating func reset() { size = 0 }

    /// b <- z with L z = b (the first `b.count` rows of L), in place.
    private func forwardSubstitution(_ z: inout [Double]) {
        for i in 0..<z.count {
            var value = z[i]
            for k in 0..<i { value -= lower[i * capacity + k] * z[k] }
            z[i] = value / lower[i * capacity + i]
        }
    }
}
