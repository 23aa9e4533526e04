// Kernels.swift: TEMPORARY naive stand-in with the final API; the SIMD versions replace it.

/// The hand-vectorised kernels every module calls for loops over large arrays.
public enum Kernels {
    /// x . y
    @inlinable public static func dot(_ x: UnsafeBufferPointer<Float>, _ y: UnsafeBufferPointer<Float>) -> Float {
        Reference.dot(x, y)
    }
    /// y <- alpha x + y
    @inlinable public static func axpy(_ alpha: Float, _ x: UnsafeBufferPointer<Float>, _ y: UnsafeMutableBufferPointer<Float>) {
        Reference.axpy(alpha, x, y)
    }
    /// x <- alpha x
    @inlinable public static func scale(_ alpha: Float, _ x: UnsafeMutableBufferPointer<Float>) {
        Reference.scale(alpha, x)
    }
    @inlinable public static func sum(_ x: UnsafeBufferPointer<Float>) -> Float {
        var s: Float = 0
        for v in x { s += v }
        return s
    }
    /// C = alpha op(A) op(B) + beta C, row-major; op(A) is m x k, op(B) is k x n.
    public static func gemm(transposeA: Bool, transposeB: Bool, m: Int, n: Int, k: Int,
                            alpha: Float, a: UnsafePointer<Float>, lda: Int,
                            b: UnsafePointer<Float>, ldb: Int,
                            beta: Float, c: UnsafeMutablePointer<Float>, ldc: Int, threads: Int = 1) {
        Reference.gemm(transposeA: transposeA, transposeB: transposeB, m: m, n: n, k: k, alpha: alpha,
                       a: a, lda: lda, b: b, ldb: ldb, beta: beta, c: c, ldc: ldc)
    }
}

/// Readable twins of `Kernels`, the oracle the tests compare against.
public enum Reference {
    public static func dot(_ x: UnsafeBufferPointer<Float>, _ y: UnsafeBufferPointer<Float>) -> Float {
        precondition(x.count == y.count, "dot: lengths \(x.count) and \(y.count) differ")
        var s: Float = 0
        for i in 0..<x.count { s += x[i] * y[i] }
        return s
    }
    public static func axpy(_ alpha: Float, _ x: UnsafeBufferPointer<Float>, _ y: UnsafeMutableBufferPointer<Float>) {
        precondition(x.count == y.count, "axpy: lengths \(x.count) and \(y.count) differ")
        for i in 0..<x.count { y[i] += alpha * x[i] }
    }
    public static func scale(_ alpha: Float, _ x: UnsafeMutableBufferPointer<Float>) {
        for i in 0..<x.count { x[i] *= alpha }
    }
    public static func gemm(transposeA: Bool, transposeB: Bool, m: Int, n: Int, k: Int,
                            alpha: Float, a: UnsafePointer<Float>, lda: Int,
                            b: UnsafePointer<Float>, ldb: Int,
                            beta: Float, c: UnsafeMutablePointer<Float>, ldc: Int) {
        for i in 0..<m {
            for j in 0..<n {
                var s: Float = 0
                for p in 0..<k {
                    let aip = transposeA ? a[p * lda + i] : a[i * lda + p]
                    let bpj = transposeB ? b[j * ldb + p] : b[p * ldb + j]
                    s += aip * bpj
                }
                c[i * ldc + j] = alpha * s + (beta == 0 ? 0 : beta * c[i * ldc + j])
            }
        }
    }
}
