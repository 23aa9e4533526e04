// GEMMSmall.swift: C = op(A) op(B) for small matrices (attention's per-head products, 64 x 64 x 16),
// without the packing and blocking of GEMM.swift, for `batchedMatmul`, which makes hundreds of them.
// Goals, in order: the answers of `Kernels.gemm` (each entry the same sequence of fused multiply-adds,
// p = 0, 1, ..., k - 1, from zero, so the two agree bit for bit whenever k <= 512); then speed where the
// packed GEMM's fixed costs dominate: two packings, two allocations and a ragged 6-row panel per call
// cost as much as the arithmetic of a 64 x 64 x 16 product (measured 18 % of multi-head attention).
//
// The method: op(B) is copied once into a zero-padded row-major scratch of k x roundUp(n, 16) (a plain
// copy, or a transpose when B is stored transposed), then the same 6 x 16 register tile as the
// micro-kernel (GEMMMicroKernel.swift) runs over C, broadcasting entries of op(A) read in place. A ragged
// last strip of rows repeats its last row for the missing ones and stores only the rows that exist.

/// The six rows of op(A) a register tile reads (a ragged strip repeats its last row).
typealias SixRows = (UnsafePointer<Float>, UnsafePointer<Float>, UnsafePointer<Float>,
                     UnsafePointer<Float>, UnsafePointer<Float>, UnsafePointer<Float>)

extension Kernels {
    /// Whether `smallGEMM` is the better choice for an m x k times k x n product: one register tile's
    /// worth of k (at most 512, one slice of the packed GEMM) and at most 2^18 multiply-adds.
    @inlinable
    public static func isSmallProduct(m: Int, n: Int, k: Int) -> Bool {
        k <= 512 && n <= 512 && m * n * k <= 1 << 18
    }

    /// C <- op(A) op(B) (alpha = 1, beta = 0: C is only written), row-major, with `gemm`'s conventions
    /// for the transposes and leading dimensions. `scratch` must hold k * roundUp(n, 16) floats.
    ///
    /// Preconditions: m, n, k >= 1 and each leading dimension at least the stored width, as for `gemm`.
    public static func smallGEMM(transposeA: Bool, transposeB: Bool, m: Int, n: Int, k: Int,
                                 a: UnsafePointer<Float>, lda: Int, b: UnsafePointer<Float>, ldb: Int,
                                 c: UnsafeMutablePointer<Float>, ldc: Int, scratch: UnsafeMutablePointer<Float>) {
        require(m >= 1 && n >= 1 && k >= 1 && k <= 512, "smallGEMM: needs 1 <= m, n and 1 <= k <= 512, got m=\(m) n=\(n) k=\(k)")
        let width = (n + 15) / 16 * 16
        for p in 0..<k {                                             // op(B) row p into scratch row p, zero-padded
            let row = scratch + p * width
            if transposeB {
                for j in 0..<n { row[j] = b[j * ldb + p] }
            } else {
                row.update(from: b + p * ldb, count: n)
            }
            for j in n..<width { row[j] = 0 }
        }
        let (rowStride, columnStride) = transposeA ? (1, lda) : (lda, 1)   // op(A)[i, p] = a[i rowStride + p columnStride]
        for firstRow in stride(from: 0, to: m, by: 6) {
            let rows = min(6, m - firstRow)
            let rowOfA = { (r: Int) in a + min(firstRow + r, m - 1) * rowStride }
            let rowsOfA = (rowOfA(0), rowOfA(1), rowOfA(2), rowOfA(3), rowOfA(4), rowOfA(5))
            for firstColumn in stride(from: 0, to: n, by: 16) {
                smallTile(rowsOfA: rowsOfA, columnStride: columnStride, b: scratch + firstColumn, ldb: width, depth: k,
                          c: c + firstRow * ldc + firstColumn, ldc: ldc, rows: rows, columns: min(16, n - firstColumn))
            }
        }
    }

    /// One 6 x 16 tile: C[r, j] = sum_p A[r, p] B[p, j], the fused multiply-adds in the order of p.
    @inline(__always)
    static func smallTile(rowsOfA a: SixRows, columnStride: Int, b: UnsafePointer<Float>, ldb: Int, depth: Int,
                          c: UnsafeMutablePointer<Float>, ldc: Int, rows: Int, columns: Int) {
        var (c00, c01, c10, c11) = (SIMD8<Float>(), SIMD8<Float>(), SIMD8<Float>(), SIMD8<Float>())
        var (c20, c21, c30, c31) = (SIMD8<Float>(), SIMD8<Float>(), SIMD8<Float>(), SIMD8<Float>())
        var (c40, c41, c50, c51) = (SIMD8<Float>(), SIMD8<Float>(), SIMD8<Float>(), SIMD8<Float>())
        let (a0, a1, a2, a3, a4, a5) = a
        for p in 0..<depth {
            let b0 = load8(b + p * ldb), b1 = load8(b + p * ldb + 8)
            let offset = p * columnStride
            var broadcast = SIMD8<Float>(repeating: a0[offset])
            c00.addProduct(broadcast, b0); c01.addProduct(broadcast, b1)
            broadcast = SIMD8<Float>(repeating: a1[offset])
            c10.addProduct(broadcast, b0); c11.addProduct(broadcast, b1)
            broadcast = SIMD8<Float>(repeating: a2[offset])
            c20.addProduct(broadcast, b0); c21.addProduct(broadcast, b1)
            broadcast = SIMD8<Float>(repeating: a3[offset])
            c30.addProduct(broadcast, b0); c31.addProduct(broadcast, b1)
            broadcast = SIMD8<Float>(repeating: a4[offset])
            c40.addProduct(broadcast, b0); c41.addProduct(broadcast, b1)
            broadcast = SIMD8<Float>(repeating: a5[offset])
            c50.addProduct(broadcast, b0); c51.addProduct(broadcast, b1)
        }
        storeRow(c, c00, c01, columns: columns)
        if rows > 1 { storeRow(c + ldc, c10, c11, columns: columns) }
        if rows > 2 { storeRow(c + 2 * ldc, c20, c21, columns: columns) }
        if rows > 3 { storeRow(c + 3 * ldc, c30, c31, columns: columns) }
        if rows > 4 { storeRow(c + 4 * ldc, c40, c41, columns: columns) }
        if rows > 5 { storeRow(c + 5 * ldc, c50, c51, columns: columns) }
    }

    /// c[0..<columns] <- the first `columns` of (sum0, sum1).
    @inline(__always)
    static func storeRow(_ c: UnsafeMutablePointer<Float>, _ sum0: SIMD8<Float>, _ sum1: SIMD8<Float>, columns: Int) {
        if columns == 16 {
            store8(sum0, c)
            store8(sum1, c + 8)
            return
        }
        for j in 0..<columns { c[j] = j < 8 ? sum0[j] : sum1[j - 8] }
    }
}
