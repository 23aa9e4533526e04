// GEMM.swift: the general matrix product C <- alpha op(A) op(B) + beta C, blocked for the caches and
// split across threads. The packing is in GEMMPacking.swift, the micro-kernels (6 x 16 for AVX2, 8 x 32
// for AVX-512, chosen at run time) in GEMMMicroKernel.swift and GEMMWideMicroKernel.swift.
// Goals, in order: the BLAS semantics exactly (all four transpose cases, any leading dimensions,
// beta == 0 never reads C; the same answer for any thread count); the rounding of a dot product of
// length k; speed at OpenBLAS's or above on one core (AVX2 or AVX-512), and nearly twice that on two.
//
// The algorithm is the one of Goto & van de Geijn, "Anatomy of high-performance matrix
// multiplication", ACM TOMS 34(3), 2008, with the two innermost loops in the order that suited this
// machine best (measured below):
//
//   for each block of `columnBlock` columns of C
//     for each slice of at most `depthBlock` values of k    pack op(B)[slice, block] into NR-wide panels
//       for each strip of MR rows of C                      pack op(A)[strip, slice] into one MR-tall panel
//         for each NR-wide B panel, left to right           (the A panel, 12-16 KiB, stays in L1)
//           C[MR x NR tile] <- alpha (A panel)(B panel) + beta C[tile]
//
// with MR x NR = 6 x 16 (AVX2) or 8 x 32 (AVX-512). The 6 x 16 micro-kernel does 96 multiply-adds per
// k step from 6 + 16 = 22 loaded floats, the 8 x 32 one 256 from 40, so the loops are bound by the FMA
// units, not by memory. A small A, not transposed, is read in place by the 8 x 32 kernel instead of
// being packed (`GEMMBlocking.largestUnpackedA`). Packing copies every operand into that one
// layout, so the transposes cost only the copy (O(mk + kn) against O(mnk) for the product).
//
// Why rows of tiles, not columns: walking C left to right touches its cache lines in order, and the
// hardware prefetcher fetches them early; walking down a column of tiles (the BLIS order) jumps by
// ldc each time and cost about 8% at n = 1024 on this CPU. The B panels stream from L2/L3 in order,
// which the prefetcher also hides.
//
// Threads share the packed B panels of a slice and split the MR-row strips of C between them; each
// strip packs its own A panel, so nothing is packed twice and no two threads write the same entry.

/// A read-only matrix seen through two strides: element (i, j) is `base[i * rowStride + j * columnStride]`.
/// A row-major matrix with leading dimension ld is (ld, 1); its transpose, read in place, is (1, ld).
struct StridedMatrix: @unchecked Sendable {   // Only read, from threads that finish before gemm returns.
    let base: UnsafePointer<Float>
    let rowStride: Int
    let columnStride: Int

    /// op(M) for a row-major M with leading dimension `leadingDimension`.
    init(_ base: UnsafePointer<Float>, leadingDimension: Int, transposed: Bool) {
        self.base = base
        (rowStride, columnStride) = transposed ? (1, leadingDimension) : (leadingDimension, 1)
    }

    init(base: UnsafePointer<Float>, rowStride: Int, columnStride: Int) {
        (self.base, self.rowStride, self.columnStride) = (base, rowStride, columnStride)
    }

    @inline(__always) subscript(row: Int, column: Int) -> Float {
        base[row * rowStride + column * columnStride]
    }

    /// The submatrix whose element (0, 0) is this one's (row, column).
    func offset(row: Int, column: Int) -> StridedMatrix {
        StridedMatrix(base: base + row * rowStride + column * columnStride,
                      rowStride: rowStride, columnStride: columnStride)
    }
}

/// The row-major output C; element (i, j) is `base[i * leadingDimension + j]`.
struct OutputMatrix: @unchecked Sendable {   // Threads write disjoint strips of rows.
    let base: UnsafeMutablePointer<Float>
    let leadingDimension: Int

    func offset(row: Int, column: Int) -> OutputMatrix {
        OutputMatrix(base: base + row * leadingDimension + column, leadingDimension: leadingDimension)
    }
}

/// Block sizes and thresholds, chosen by measurement (the tile sizes belong to the `GEMMMicroKernel`).
enum GEMMBlocking {
    /// The longest k slice (KC). The A panel, at most 8 x 512 floats = 16 KiB, stays in the 32 KiB L1
    /// cache, and C is read and written once per slice (fewer slices, less C traffic: 256 was ~5% slower).
    static let depthBlock = 512
    /// Columns of B packed at a time (NC, a multiple of 32): 512 x 2048 floats = 4 MiB, in L3.
    static let columnBlock = 2048
    /// Below this many multiply-adds per thread (about 25 us of work), a second thread costs more
    /// than it saves. With `parallelFor`'s spinning helpers, two threads at 128^3 (2^20 each) ran
    /// 109 GFLOP/s against 83 on one (numpy/OpenBLAS 108 on two); with Dispatch, whose sleeping
    /// thread took 30-100 us to wake, the threshold had to be 2^22 (CONVENTIONS.md, "Threads").
    static let minimumMultiplyAddsPerThread = 1 << 20
    /// The wide kernel reads a full strip of A (not transposed) in place, without packing it, when A
    /// has at most this many entries. Measured at n = 64, 128 and 256: 70 -> 85, 90 -> 100 and
    /// 101 -> 108 GFLOP/s; at n = 384 to 1024 about 5 % better still (even with lda = 1024, whose
    /// eight rows share their L1 sets). Beyond 2^20 entries it was not measured, so A is packed.
    static let largestUnpackedA = 1 << 20
}

extension Kernels {
    /// C <- alpha op(A) op(B) + beta C, row-major; op(A) is m x k, op(B) is k x n, C is m x n.
    ///
    /// - If `transposeA`, A is stored k x m and op(A) = A^T, so op(A)[i, p] = a[p * lda + i];
    ///   otherwise A is stored m x k and op(A)[i, p] = a[i * lda + p]. The same for B (k x n or n x k).
    /// - C[i, j] = c[i * ldc + j]. When beta == 0, C is only written (it may hold NaN or garbage);
    ///   when alpha == 0 or k == 0, A and B are not read, as in the reference BLAS.
    /// - `threads`: how many threads may share the work (1 or 2 on this machine). More than one is
    ///   used only when each gets at least `GEMMBlocking.minimumMultiplyAddsPerThread` multiply-adds
    ///   and one 6-row strip of C; the work is then cut into about 16 x `threads` chunks for
    ///   `parallelFor`. The answer is bit-for-bit the same for any count.
    /// - `microKernel`: the register tile, by default the one for this CPU (`GEMMMicroKernel.preferred`).
    ///   The answer is bit-for-bit the same for either.
    ///
    /// Preconditions: m, n, k >= 0; threads >= 1; each leading dimension is at least the stored
    /// width (lda >= k, or >= m if transposed; ldb >= n, or >= k if transposed; ldc >= n).
    public static func gemm(transposeA: Bool, transposeB: Bool, m: Int, n: Int, k: Int,
                            alpha: Float, a: UnsafePointer<Float>, lda: Int,
                            b: UnsafePointer<Float>, ldb: Int,
                            beta: Float, c: UnsafeMutablePointer<Float>, ldc: Int, threads: Int = 1,
                            microKernel: GEMMMicroKernel = .preferred) {
        require(m >= 0 && n >= 0 && k >= 0, "gemm: negative size m=\(m) n=\(n) k=\(k)")
        require(threads >= 1, "gemm: threads must be at least 1, got \(threads)")
        require(lda >= max(1, transposeA ? m : k),
                     "gemm: lda=\(lda) is less than the \(transposeA ? "m=\(m)" : "k=\(k)") columns of A")
        require(ldb >= max(1, transposeB ? k : n),
                     "gemm: ldb=\(ldb) is less than the \(transposeB ? "k=\(k)" : "n=\(n)") columns of B")
        require(ldc >= max(1, n), "gemm: ldc=\(ldc) is less than the n=\(n) columns of C")
        guard m > 0, n > 0 else { return }

        let output = OutputMatrix(base: c, leadingDimension: ldc)
        if k == 0 || alpha == 0 {
            scaleMatrix(output, rows: m, columns: n, by: beta)
            return
        }
        let left = StridedMatrix(a, leadingDimension: lda, transposed: transposeA)
        let right = StridedMatrix(b, leadingDimension: ldb, transposed: transposeB)

        // A second thread only pays when each gets enough multiply-adds, and at least two strips.
        let strips = (m + microKernel.tileRows - 1) / microKernel.tileRows
        let useful = min(threads, strips, m * n * k / GEMMBlocking.minimumMultiplyAddsPerThread)
        multiplyBlocked(m: m, n: n, k: k, alpha: alpha, a: left, b: right, beta: beta, c: output,
                        threads: max(1, useful), microKernel: microKernel)
    }

    /// C <- beta C for the degenerate products (k == 0 or alpha == 0); beta == 0 writes zeros.
    static func scaleMatrix(_ c: OutputMatrix, rows: Int, columns: Int, by beta: Float) {
        if beta == 1 { return }
        for i in 0..<rows {
            let row = UnsafeMutableBufferPointer(start: c.base + i * c.leadingDimension, count: columns)
            if beta == 0 { row.update(repeating: 0) } else { scale(beta, row) }
        }
    }

    /// The blocked loops of the header comment. With several threads, the calling thread packs the
    /// B panels of each k slice, then all threads take chunks of strips of C from a shared queue
    /// (`parallelFor` hands them out), each packing its own A panels. Every entry of C sees the same
    /// operations in the same order whatever the thread count and the micro-kernel.
    static func multiplyBlocked(m: Int, n: Int, k: Int, alpha: Float, a: StridedMatrix, b: StridedMatrix,
                                beta: Float, c: OutputMatrix, threads: Int, microKernel: GEMMMicroKernel) {
        let (tileRows, tileColumns) = (microKernel.tileRows, microKernel.tileColumns)
        // k is cut into equal slices of at most `depthBlock` (k = 600 gives 300 + 300, not 512 + 88).
        let slices = (k + GEMMBlocking.depthBlock - 1) / GEMMBlocking.depthBlock
        let depthBlock = (k + slices - 1) / slices
        let columnBlock = min(GEMMBlocking.columnBlock, roundUp(n, to: tileColumns))
        // About 16 chunks of strips per thread: a thread slowed by another process takes fewer, and
        // the last chunk, which one thread may finish alone, is short (4 per thread measured ~3% slower).
        let strips = (m + tileRows - 1) / tileRows
        let stripsPerChunk = threads == 1 ? strips : max(1, strips / (16 * threads))
        let chunks = (strips + stripsPerChunk - 1) / stripsPerChunk
        let readsAInPlace = microKernel == .eightByThirtyTwo && a.columnStride == 1
            && m * k <= GEMMBlocking.largestUnpackedA

        // 64-byte alignment: every B panel row starts on a cache line, and no load splits two lines.
        let packedB = SharedPanels(count: depthBlock * columnBlock)
        defer { packedB.base.deallocate() }

        for columnStart in stride(from: 0, to: n, by: columnBlock) {
            let columns = min(columnBlock, n - columnStart)
            for depthStart in stride(from: 0, to: k, by: depthBlock) {
                let depth = min(depthBlock, k - depthStart)
                // Packing B is cheap (O(k n) against O(m n k)); the calling thread does it alone, so
                // the other threads are woken once per slice, not twice.
                packPanelsOfB(b.offset(row: depthStart, column: columnStart), depth: depth, columns: columns,
                              tileColumns: tileColumns, into: packedB.base)
                // The first k slice applies beta; the later ones add to what is already in C.
                let betaForSlice: Float = depthStart == 0 ? beta : 1
                inParallel(chunks, threads: threads) { chunk in
                    let packedA = UnsafeMutablePointer<Float>.allocateAligned(count: tileRows * depth)
                    defer { packedA.deallocate() }
                    let firstStrip = chunk * stripsPerChunk, endStrip = min(strips, firstStrip + stripsPerChunk)
                    for tileRow in stride(from: firstStrip * tileRows, to: min(m, endStrip * tileRows), by: tileRows) {
                        let rows = min(tileRows, m - tileRow)
                        let strip = a.offset(row: tileRow, column: depthStart)
                        // A[r, p] = aBase[r * aRowStride + p * aColumnStride]: in place, or the packed panel.
                        let inPlace = readsAInPlace && rows == tileRows
                        if !inPlace {
                            packPanelOfA(strip, rows: rows, depth: depth, tileRows: tileRows, into: packedA)
                        }
                        let (aBase, aRowStride, aColumnStride) = inPlace ? (strip.base, strip.rowStride, 1)
                                                                         : (UnsafePointer(packedA), 1, tileRows)
                        for tileColumn in stride(from: 0, to: columns, by: tileColumns) {
                            let tile = c.offset(row: tileRow, column: columnStart + tileColumn)
                            let tileWidth = min(tileColumns, columns - tileColumn)
                            if microKernel == .eightByThirtyTwo {
                                multiplyWideTile(depth: depth, a: aBase, aRowStride: aRowStride, aColumnStride: aColumnStride,
                                                 b: packedB.base + tileColumn * depth, alpha: alpha, beta: betaForSlice,
                                                 c: tile, rows: rows, columns: tileWidth)
                            } else {
                                multiplyTile(depth: depth, a: aBase, b: packedB.base + tileColumn * depth,
                                             alpha: alpha, beta: betaForSlice, c: tile, rows: rows, columns: tileWidth)
                            }
                        }
                    }
                }
            }
        }
    }

    /// Runs body(0), ..., body(iterations - 1) on up to `threads` threads (`parallelFor`: the
    /// calling thread and helpers that spin between loops) and returns when all have finished.
    static func inParallel(_ iterations: Int, threads: Int, _ body: @Sendable (Int) -> Void) {
        parallelFor(iterations, threads: threads, body)
    }

    /// The smallest multiple of `multiple` that is >= value.
    static func roundUp(_ value: Int, to multiple: Int) -> Int {
        (value + multiple - 1) / multiple * multiple
    }
}

/// The packed B panels of one k slice, written by the calling thread and then read by all.
struct SharedPanels: @unchecked Sendable {   // Every read starts after the writes have ended.
    let base: UnsafeMutablePointer<Float>
    init(count: Int) { base = .allocateAligned(count: count) }
}

extension UnsafeMutablePointer where Pointee == Float {
    /// `count` uninitialised floats starting on a 64-byte boundary (a cache line); free with `deallocate()`.
    static func allocateAligned(count: Int) -> UnsafeMutablePointer<Float> {
        UnsafeMutableRawPointer.allocate(byteCount: max(count, 1) * MemoryLayout<Float>.stride, alignment: 64)
            .bindMemory(to: Float.self, capacity: max(count, 1))
    }
}
