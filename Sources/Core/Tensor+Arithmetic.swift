// Tensor+Arithmetic.swift: matrix products (one, or one per batch entry) and elementwise arithmetic
// on `Tensor`, all through the SIMD kernels of `Kernels` (no loops over large arrays here).

/// op(A) op(B), with op the identity or the transpose: the three products backprop needs
/// (A B for the forward pass, A^T B for weight gradients, A B^T for input gradients).
/// Precondition: the inner dimensions agree; otherwise it stops and names both shapes.
public func matmul(_ a: Tensor, _ b: Tensor, transposeA: Bool = false, transposeB: Bool = false,
                   threads: Int = 1) -> Tensor {
    requireShapes(a.rank == 2 && b.rank == 2, "matmul", a.shape, b.shape)
    let (m, k) = transposeA ? (a.columns, a.rows) : (a.rows, a.columns)
    let (kB, n) = transposeB ? (b.columns, b.rows) : (b.rows, b.columns)
    requireShapes(k == kB, "matmul\(transposeA ? " (A transposed)" : "")\(transposeB ? " (B transposed)" : "")",
                  a.shape, b.shape)
    var c = Tensor(shape: [m, n])
    guard m > 0, n > 0 else { return c }
    if k == 0 { return c }
    a.scalars.withUnsafeBufferPointer { aBuffer in
        b.scalars.withUnsafeBufferPointer { bBuffer in
            c.scalars.withUnsafeMutableBufferPointer { cBuffer in
                Kernels.gemm(transposeA: transposeA, transposeB: transposeB, m: m, n: n, k: k, alpha: 1,
                             a: aBuffer.baseAddress!, lda: a.columns, b: bBuffer.baseAddress!, ldb: b.columns,
                             beta: 0, c: cBuffer.baseAddress!, ldc: n, threads: threads)
            }
        }
    }
    return c
}

/// op(A_b) op(B_b) for every batch entry b: [B, M, K] times [B, K, N] is [B, M, N], with one GEMM per
/// entry. With `transposeA`, A is stored [B, K, M]; with `transposeB`, B is stored [B, N, K] (so
/// Q K^T of attention is `batchedMatmul(q, k, transposeB: true)`).
///
/// ```swift
/// let a = Tensor(shape: [2, 3, 4]), b = Tensor(shape: [2, 4, 5])
/// batchedMatmul(a, b).shape                                   // [2, 3, 5]
/// ```
/// Backward of C = A B: dJ/dA = batchedMatmul(dJ/dC, B, transposeB: true) and
/// dJ/dB = batchedMatmul(A, dJ/dC, transposeA: true), entry by entry the rules of `matmul`.
/// Precondition: both rank 3, the same batch size, the inner dimensions agree; otherwise it stops
/// and names both shapes.
public func batchedMatmul(_ a: Tensor, _ b: Tensor, transposeA: Bool = false, transposeB: Bool = false,
                          threads: Int = 1) -> Tensor {
    requireShapes(a.rank == 3 && b.rank == 3 && a.shape[0] == b.shape[0], "batchedMatmul ([B, M, K] and [B, K, N])",
                  a.shape, b.shape)
    let (batch, aRows, aColumns, bRows, bColumns) = (a.shape[0], a.shape[1], a.shape[2], b.shape[1], b.shape[2])
    let (m, k) = transposeA ? (aColumns, aRows) : (aRows, aColumns)
    let (kB, n) = transposeB ? (bColumns, bRows) : (bRows, bColumns)
    requireShapes(k == kB, "batchedMatmul\(transposeA ? " (A transposed)" : "")\(transposeB ? " (B transposed)" : "")",
                  a.shape, b.shape)
    var c = Tensor(shape: [batch, m, n])
    guard m > 0, n > 0, k > 0 else { return c }
    a.scalars.withUnsafeBufferPointer { aBuffer in
        b.scalars.withUnsafeBufferPointer { bBuffer in
            c.scalars.withUnsafeMutableBufferPointer { cBuffer in
                // Small entries (attention's heads) skip the packing of `gemm`: `smallGEMM`, same answers.
                let small = Kernels.isSmallProduct(m: m, n: n, k: k)
                let scratch = UnsafeMutablePointer<Float>.allocate(capacity: small ? k * ((n + 15) / 16 * 16) : 1)
                defer { scratch.deallocate() }
                for entry in 0..<batch {
                    let (aEntry, bEntry, cEntry) = (aBuffer.baseAddress! + entry * m * k, bBuffer.baseAddress! + entry * k * n,
                                                    cBuffer.baseAddress! + entry * m * n)
                    if small {
                        Kernels.smallGEMM(transposeA: transposeA, transposeB: transposeB, m: m, n: n, k: k, a: aEntry, lda: aColumns,
                                          b: bEntry, ldb: bColumns, c: cEntry, ldc: n, scratch: scratch)
                    } else {
                        Kernels.gemm(transposeA: transposeA, transposeB: transposeB, m: m, n: n, k: k, alpha: 1, a: aEntry, lda: aColumns,
                                     b: bEntry, ldb: bColumns, beta: 0, c: cEntry, ldc: n, threads: threads)
                    }
                }
            }
        }
    }
    return c
}

extension Tensor {
    /// self <- self + alpha x (the kernel `axpy`). Precondition: equal shapes.
    public mutating func add(_ x: Tensor, scaledBy alpha: Float = 1) {
        requireShapes(shape == x.shape, "add", shape, x.shape)
        x.scalars.withUnsafeBufferPointer { xBuffer in
            scalars.withUnsafeMutableBufferPointer { Kernels.axpy(alpha, xBuffer, $0) }
        }
    }

    /// self <- alpha self.
    public mutating func scale(by alpha: Float) {
        scalars.withUnsafeMutableBufferPointer { Kernels.scale(alpha, $0) }
    }

    public static func + (left: Tensor, right: Tensor) -> Tensor {
        var result = left
        result.add(right)
        return result
    }

    public static func - (left: Tensor, right: Tensor) -> Tensor {
        requireShapes(left.shape == right.shape, "subtract", left.shape, right.shape)
        var result = left
        result.add(right, scaledBy: -1)
        return result
    }

    public static func * (alpha: Float, tensor: Tensor) -> Tensor {
        var result = tensor
        result.scale(by: alpha)
        return result
    }

    /// The sum of all elements.
    public func sum() -> Float {
        scalars.withUnsafeBufferPointer { Kernels.sum($0) }
    }

    /// The inner product <self, other> of two tensors of equal shape, summed over all elements.
    public func dot(_ other: Tensor) -> Float {
        requireShapes(shape == other.shape, "dot", shape, other.shape)
        return scalars.withUnsafeBufferPointer { x in other.scalars.withUnsafeBufferPointer { Kernels.dot(x, $0) } }
    }

    /// Each row plus the row vector `bias` (shape [1, columns] or [columns]): Z = X W + b.
    public func addingRowVector(_ bias: Tensor) -> Tensor {
        requireShapes(rank == 2 && bias.count == columns, "addingRowVector", shape, bias.shape)
        var result = self
        let n = columns
        bias.scalars.withUnsafeBufferPointer { b in
            result.scalars.withUnsafeMutableBufferPointer { z in
                for i in 0..<rows {
                    Kernels.axpy(1, b, UnsafeMutableBufferPointer(rebasing: z[(i * n)..<((i + 1) * n)]))
                }
            }
        }
        return result
    }

    /// Column sums (shape [1, columns]): the bias gradient sum_i Delta_i.
    public func columnSums() -> Tensor {
        let ones = Tensor(shape: [rows, 1], repeating: 1)
        return matmul(ones, self, transposeA: true)
    }

    /// The index of the largest element of each row (the predicted class).
    public func argmaxPerRow() -> [Int] {
        (0..<rows).map { i in
            let r = row(i)
            var best = 0
            for j in 1..<max(r.count, 1) where r[j] > r[best] { best = j }
            return best
        }
    }

    /// The elementwise map f(x), with a scalar closure (for the few non-hot uses; hot maps use
    /// `Kernels.map` with a SIMD body).
    public func map(_ transform: (Float) -> Float) -> Tensor {
        Tensor(shape: shape, scalars: scalars.map(transform))
    }
}
