// GEMMWideMicroKernel.swift: the 8 x 32 GEMM micro-kernel for CPUs with AVX-512 (32 vector registers of
// 512 bits), C[tile] <- alpha (A rows)(B panel) + beta C[tile]; GEMMMicroKernel.swift chooses between
// it and the 6 x 16 kernel by the CPU the program runs on.
// Goals, in order: the same answers as the 6 x 16 kernel bit for bit (each entry of C is the same chain
// of fused multiply-adds, p = 0, 1, ..., depth - 1, from zero, then alpha sum + beta c), so the choice
// of kernel never changes a result; correct on the ragged edge; then every multiply-add a
// vfmadd231ps on a zmm register, the sixteen accumulators in registers for the whole k loop.
//
// The tile is 8 rows x 32 columns = 8 x 2 SIMD16<Float> = 16 accumulators. One k step:
//
//     b0, b1 <- B panel[p, 0..<16], B panel[p, 16..<32]      (2 loads, one cache line each)
//     for r in 0..<8:  a <- broadcast A[r, p]                  (1 broadcast load)
//                      acc[r][0] += a * b0;  acc[r][1] += a * b1   (2 FMAs)
//
// 16 FMAs (512 flops) per 10 loads, 16 + 2 + 1 = 19 of the 32 zmm registers. On AMD Zen 4, whose two
// FMA units are 256 bits wide, a zmm FMA occupies both for one cycle: the peak is the same 32 flops per
// cycle as with ymm, but the wide tile halves the loads per flop and the loop overhead per FMA
// (`swift run -c release benchmarks --only gemm` on Zen 4: 110-113 GFLOP/s at n = 512 against 94-96
// for the 6 x 16 kernel, and 102 against 70 at n = 64).
//
// A is read through two strides, A[r, p] = a[r * rowStride + p * columnStride]: a packed panel is
// (1, 8), and a small A not transposed is read in place as (lda, 1), which saves packing it
// (GEMM.swift says when).

extension Kernels {
    /// C[0..<rows, 0..<columns] <- alpha sum_p A[r, p] bPanel[p, :] + beta C (beta == 0: C unread).
    ///
    /// Shapes: A[r, p] = a[r * aRowStride + p * aColumnStride] for r < 8, p < depth (all 8 rows
    /// readable: a ragged strip comes packed and zero-padded); `b` a packed depth x 32 panel
    /// (b[p * 32 + j]); `c` points at the tile's corner, rows <= 8, columns <= 32.
    static func multiplyWideTile(depth: Int, a: UnsafePointer<Float>, aRowStride: Int, aColumnStride: Int,
                                 b: UnsafePointer<Float>, alpha: Float, beta: Float, c: OutputMatrix,
                                 rows: Int, columns: Int) {
        var (c00, c01, c10, c11) = (SIMD16<Float>(), SIMD16<Float>(), SIMD16<Float>(), SIMD16<Float>())
        var (c20, c21, c30, c31) = (SIMD16<Float>(), SIMD16<Float>(), SIMD16<Float>(), SIMD16<Float>())
        var (c40, c41, c50, c51) = (SIMD16<Float>(), SIMD16<Float>(), SIMD16<Float>(), SIMD16<Float>())
        var (c60, c61, c70, c71) = (SIMD16<Float>(), SIMD16<Float>(), SIMD16<Float>(), SIMD16<Float>())
        let (r1, r2, r3) = (aRowStride, 2 * aRowStride, 3 * aRowStride)
        let (r4, r5, r6, r7) = (4 * aRowStride, 5 * aRowStride, 6 * aRowStride, 7 * aRowStride)
        var (aStep, bStep) = (a, b)
        for _ in 0..<depth {
            let b0 = load16(bStep), b1 = load16(bStep + 16)
            var broadcast = SIMD16<Float>(repeating: aStep[0])
            c00.addProduct(broadcast, b0); c01.addProduct(broadcast, b1)
            broadcast = SIMD16<Float>(repeating: aStep[r1])
            c10.addProduct(broadcast, b0); c11.addProduct(broadcast, b1)
            broadcast = SIMD16<Float>(repeating: aStep[r2])
            c20.addProduct(broadcast, b0); c21.addProduct(broadcast, b1)
            broadcast = SIMD16<Float>(repeating: aStep[r3])
            c30.addProduct(broadcast, b0); c31.addProduct(broadcast, b1)
            broadcast = SIMD16<Float>(repeating: aStep[r4])
            c40.addProduct(broadcast, b0); c41.addProduct(broadcast, b1)
            broadcast = SIMD16<Float>(repeating: aStep[r5])
            c50.addProduct(broadcast, b0); c51.addProduct(broadcast, b1)
            broadcast = SIMD16<Float>(repeating: aStep[r6])
            c60.addProduct(broadcast, b0); c61.addProduct(broadcast, b1)
            broadcast = SIMD16<Float>(repeating: aStep[r7])
            c70.addProduct(broadcast, b0); c71.addProduct(broadcast, b1)
            aStep += aColumnStride
            bStep += 32
        }

        if rows == 8 && columns == 32 {
            let ldc = c.leadingDimension
            updateWideRow(c.base, c00, c01, alpha: alpha, beta: beta)
            updateWideRow(c.base + ldc, c10, c11, alpha: alpha, beta: beta)
            updateWideRow(c.base + 2 * ldc, c20, c21, alpha: alpha, beta: beta)
            updateWideRow(c.base + 3 * ldc, c30, c31, alpha: alpha, beta: beta)
            updateWideRow(c.base + 4 * ldc, c40, c41, alpha: alpha, beta: beta)
            updateWideRow(c.base + 5 * ldc, c50, c51, alpha: alpha, beta: beta)
            updateWideRow(c.base + 6 * ldc, c60, c61, alpha: alpha, beta: beta)
            updateWideRow(c.base + 7 * ldc, c70, c71, alpha: alpha, beta: beta)
            return
        }
        // The ragged edge: spill the tile, then update only the valid part of C with the same two
        // roundings (alpha * sum + beta * c) as `updateWideRow`.
        withUnsafeTemporaryAllocation(of: Float.self, capacity: 8 * 32) { tile in
            let t = tile.baseAddress!
            store16(c00, t); store16(c01, t + 16); store16(c10, t + 32); store16(c11, t + 48)
            store16(c20, t + 64); store16(c21, t + 80); store16(c30, t + 96); store16(c31, t + 112)
            store16(c40, t + 128); store16(c41, t + 144); store16(c50, t + 160); store16(c51, t + 176)
            store16(c60, t + 192); store16(c61, t + 208); store16(c70, t + 224); store16(c71, t + 240)
            for r in 0..<rows {
                let row = c.base + r * c.leadingDimension
                for j in 0..<columns {
                    let sum = t[r * 32 + j]
                    row[j] = beta == 0 ? alpha * sum : alpha * sum + beta * row[j]
                }
            }
        }
    }

    /// c[0..<32] <- alpha (sum0, sum1) + beta c[0..<32]; with beta == 0, c is not read.
    @inline(__always)
    static func updateWideRow(_ c: UnsafeMutablePointer<Float>, _ sum0: SIMD16<Float>, _ sum1: SIMD16<Float>,
                              alpha: Float, beta: Float) {
        if beta == 0 {
            store16(alpha * sum0, c)
            store16(alpha * sum1, c + 16)
        } else {
            store16(alpha * sum0 + beta * load16(UnsafePointer(c)), c)
            store16(alpha * sum1 + beta * load16(UnsafePointer(c + 16)), c + 16)
        }
    }

    /// Sixteen floats from `pointer` (any alignment: SIMD16<Float> itself is only 16-byte aligned).
    @inline(__always)
    static func load16(_ pointer: UnsafePointer<Float>) -> SIMD16<Float> {
        UnsafeRawPointer(pointer).loadUnaligned(as: SIMD16<Float>.self)
    }

    /// Writes sixteen floats to `pointer` (any alignment).
    @inline(__always)
    static func store16(_ value: SIMD16<Float>, _ pointer: UnsafeMutablePointer<Float>) {
        UnsafeMutableRawPointer(pointer).storeBytes(of: value, as: SIMD16<Float>.self)
    }
}
