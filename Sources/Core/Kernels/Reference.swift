// Reference.swift: plain-loop twins of every kernel in `Kernels`, the oracle the tests compare against.
// Goals, in order: obviously correct (one loop per formula, written as the math reads); the same
// preconditions and edge-case answers as the fast kernels; speed does not matter here.
//
// These loops are deliberately scalar and in strict left-to-right order. The SIMD kernels sum in a
// different order (several accumulators, blocked k), so the two agree to rounding, not bit for bit;
// the tests bound the difference by the classical error bound |fl(x.y) - x.y| <= k eps sum |x_i y_i|.

/// Readable versions of `Kernels`: same signatures and semantics, plain loops.
///
/// ```swift
/// let x: [Float] = [1, 2, 3], y: [Float] = [4, 5, 6]
/// x.withUnsafeBufferPointer { x in y.withUnsafeBufferPointer { y in
///     print(Reference.dot(x, y))   // 32.0
/// } }
/// ```
public enum Reference {
    /// x . y = sum_i x_i y_i. Shapes: x and y have length n. Precondition: equal lengths.
    public static func dot(_ x: UnsafeBufferPointer<Float>, _ y: UnsafeBufferPointer<Float>) -> Float {
        requireEqualLengths("dot", x.count, y.count)
        var total: Float = 0
        for i in 0..<x.count { total += x[i] * y[i] }
        return total
    }

    /// y <- alpha x + y. Precondition: equal lengths.
    public static func axpy(_ alpha: Float, _ x: UnsafeBufferPointer<Float>, _ y: UnsafeMutableBufferPointer<Float>) {
        requireEqualLengths("axpy", x.count, y.count)
        for i in 0..<x.count { y[i] += alpha * x[i] }
    }

    /// x <- alpha x.
    public static func scale(_ alpha: Float, _ x: UnsafeMutableBufferPointer<Float>) {
        for i in 0..<x.count { x[i] *= alpha }
    }

    /// z <- x + y. Precondition: all three lengths equal.
    public static func add(_ x: UnsafeBufferPointer<Float>, _ y: UnsafeBufferPointer<Float>,
                           into z: UnsafeMutableBufferPointer<Float>) {
        requireEqualLengths("add", x.count, y.count, z.count)
        for i in 0..<x.count { z[i] = x[i] + y[i] }
    }

    /// z <- x - y. Precondition: all three lengths equal.
    public static func subtract(_ x: UnsafeBufferPointer<Float>, _ y: UnsafeBufferPointer<Float>,
                                into z: UnsafeMutableBufferPointer<Float>) {
        requireEqualLengths("subtract", x.count, y.count, z.count)
        for i in 0..<x.count { z[i] = x[i] - y[i] }
    }

    /// z <- x ⊙ y (elementwise, the Hadamard product). Precondition: all three lengths equal.
    public static func multiply(_ x: UnsafeBufferPointer<Float>, _ y: UnsafeBufferPointer<Float>,
                                into z: UnsafeMutableBufferPointer<Float>) {
        requireEqualLengths("multiply", x.count, y.count, z.count)
        for i in 0..<x.count { z[i] = x[i] * y[i] }
    }

    /// sum_i x_i (0 for an empty buffer).
    public static func sum(_ x: UnsafeBufferPointer<Float>) -> Float {
        var total: Float = 0
        for value in x { total += value }
        return total
    }

    /// max_i x_i; NaN if any element is NaN; -infinity for an empty buffer.
    public static func maximum(_ x: UnsafeBufferPointer<Float>) -> Float {
        var best = -Float.infinity
        for value in x {
            if value.isNaN { return .nan }
            if value > best { best = value }
        }
        return best
    }

    /// y_i <- f(x_i). Precondition: equal lengths. `y` may be the same memory as `x`.
    public static func map(_ x: UnsafeBufferPointer<Float>, into y: UnsafeMutableBufferPointer<Float>,
                           _ scalar: (Float) -> Float) {
        requireEqualLengths("map", x.count, y.count)
        for i in 0..<x.count { y[i] = scalar(x[i]) }
    }

    /// y_i <- ReLU(x_i) = max(x_i, 0). ReLU(-0) = -0 and ReLU(NaN) = NaN, as in `Kernels.relu`.
    public static func relu(_ x: UnsafeBufferPointer<Float>, into y: UnsafeMutableBufferPointer<Float>) {
        map(x, into: y) { $0 < 0 ? 0 : $0 }
    }

    /// C <- alpha op(A) op(B) + beta C, the naive triple loop (row-major storage).
    ///
    /// Shapes: op(A) is m x k, op(B) is k x n, C is m x n. If `transposeA`, A is stored k x m and
    /// op(A)[i, p] = a[p * lda + i]; otherwise op(A)[i, p] = a[i * lda + p]. The same for B.
    /// C[i, j] = c[i * ldc + j]. When beta == 0, C is not read (it may hold NaN).
    public static func gemm(transposeA: Bool, transposeB: Bool, m: Int, n: Int, k: Int,
                            alpha: Float, a: UnsafePointer<Float>, lda: Int,
                            b: UnsafePointer<Float>, ldb: Int,
                            beta: Float, c: UnsafeMutablePointer<Float>, ldc: Int) {
        for i in 0..<m {
            for j in 0..<n {
                var total: Float = 0
                for p in 0..<k {
                    let aip = transposeA ? a[p * lda + i] : a[i * lda + p]
                    let bpj = transposeB ? b[j * ldb + p] : b[p * ldb + j]
                    total += aip * bpj
                }
                c[i * ldc + j] = alpha * total + (beta == 0 ? 0 : beta * c[i * ldc + j])
            }
        }
    }
}

/// Stops with "operation: lengths a and b differ" (the shared length check of all vector kernels).
@inlinable
func requireEqualLengths(_ operation: StaticString, _ first: Int, _ second: Int,
                         file: StaticString = #file, line: UInt = #line) {
    require(first == second, "\(operation): lengths \(first) and \(second) differ", file: file, line: line)
}

/// Stops with "operation: lengths a, b and c differ" unless all three lengths are equal.
@inlinable
func requireEqualLengths(_ operation: StaticString, _ first: Int, _ second: Int, _ third: Int,
                         file: StaticString = #file, line: UInt = #line) {
    require(first == second && second == third,
                 "\(operation): lengths \(first), \(second) and \(third) differ", file: file, line: line)
}
