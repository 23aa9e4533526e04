// GEMMMicroKernel.swift: the 6 x 16 GEMM micro-kernel, C[tile] <- alpha (A panel)(B panel) + beta C[tile],
// and `GEMMMicroKernel`, the choice between it and the 8 x 32 kernel of GEMMWideMicroKernel.swift.
// Goals, in order: correct on the ragged edge (fewer than 6 rows or 16 columns) and with beta == 0
// never reading C; then every multiply-add a fused vfmadd231ps on a ymm register, with all twelve
// accumulators held in registers for the whole k loop.
//
// The tile is 6 rows x 16 columns = 6 x 2 SIMD8<Float> = 12 accumulators. One k step:
//
//     b0, b1 <- B panel[p, 0..<8], B panel[p, 8..<16]        (2 aligned loads)
//     for r in 0..<6:  a <- broadcast A panel[p, r]          (1 broadcast load)
//                      acc[r][0] += a * b0;  acc[r][1] += a * b1   (2 FMAs)
//
// That is 12 FMAs (192 flops) per 8 loads: 12 + 2 + 1 = 15 of the 16 ymm registers, and two FMA
// units at 4-cycle latency need 8 independent FMAs in flight, which 12 accumulators provide. BLIS
// uses the same 6 x 16 shape for single precision on AVX2 (bli_sgemm_haswell_asm_6x16).
//
// Measured on this CPU (AMD EPYC, AVX2, 2 x 256-bit FMA units): with the panels in cache the loop
// runs at 92 GFLOP/s, the peak of a core (a plain register-only FMA loop also gives 92-95). The
// compiled loop (swiftc -O -target-cpu native -emit-assembly) is unrolled twice: per k step one
// vbroadcastss per row, two vmovups of B and twelve `vfmadd231ps ymm`, with no call to fmaf.
// On an AVX-512 CPU (AMD Zen 4) the 8 x 32 kernel is faster (GEMMWideMicroKernel.swift) and is chosen.

#if canImport(Glibc)
import Glibc
#endif

/// The register tile of the GEMM, chosen once per process from the CPU's flags.
public enum GEMMMicroKernel: Sendable, CaseIterable, CustomStringConvertible {
    /// 6 x 16 with SIMD8<Float>: 12 ymm accumulators, for CPUs with 16 vector registers (AVX2).
    case sixBySixteen
    /// 8 x 32 with SIMD16<Float>: 16 zmm accumulators, for CPUs with AVX-512's 32 registers.
    case eightByThirtyTwo

    /// Rows of a C tile (MR).
    public var tileRows: Int { self == .sixBySixteen ? 6 : 8 }
    /// Columns of a C tile (NR).
    public var tileColumns: Int { self == .sixBySixteen ? 16 : 32 }

    public var description: String { self == .sixBySixteen ? "6x16" : "8x32" }

    /// The wide tile where the CPU has AVX-512 (the `avx512f` flag of /proc/cpuinfo on Linux), the
    /// 6 x 16 tile everywhere else. Both are compiled for the build machine (`-target-cpu native`):
    /// on a CPU without AVX-512 a SIMD16 operation becomes two ymm operations, correct but slower.
    public static let preferred: GEMMMicroKernel = cpuHasAVX512() ? .eightByThirtyTwo : .sixBySixteen

    /// Whether the running CPU reports AVX-512 Foundation; false where /proc/cpuinfo cannot be read.
    static func cpuHasAVX512() -> Bool {
        #if os(Linux)
        guard let file = fopen("/proc/cpuinfo", "r") else { return false }
        defer { fclose(file) }
        var line: UnsafeMutablePointer<CChar>? = nil
        var capacity = 0
        defer { free(line) }
        while getline(&line, &capacity, file) > 0, let line {
            let text = String(cString: line)
            if text.hasPrefix("flags") { return text.split(separator: " ").contains("avx512f") }
        }
        return false
        #else
        return false
        #endif
    }
}

extension Kernels {
    /// C[0..<rows, 0..<columns] <- alpha sum_p aPanel[p, :] bPanel[p, :] + beta C (beta == 0: C unread).
    ///
    /// Shapes: `a` is a packed 6 x depth panel (a[p * 6 + r]), `b` a packed depth x 16 panel
    /// (b[p * 16 + j]), 32-byte aligned; `c` points at the tile's corner, rows <= 6, columns <= 16.
    static func multiplyTile(depth: Int, a: UnsafePointer<Float>, b: UnsafePointer<Float>,
                             alpha: Float, beta: Float, c: OutputMatrix, rows: Int, columns: Int) {
        var (c00, c01, c10, c11) = (SIMD8<Float>(), SIMD8<Float>(), SIMD8<Float>(), SIMD8<Float>())
        var (c20, c21, c30, c31) = (SIMD8<Float>(), SIMD8<Float>(), SIMD8<Float>(), SIMD8<Float>())
        var (c40, c41, c50, c51) = (SIMD8<Float>(), SIMD8<Float>(), SIMD8<Float>(), SIMD8<Float>())
        var (aStep, bStep) = (a, b)
        for _ in 0..<depth {
            let b0 = load8(bStep), b1 = load8(bStep + 8)
            var broadcast = SIMD8<Float>(repeating: aStep[0])
            c00.addProduct(broadcast, b0); c01.addProduct(broadcast, b1)
            broadcast = SIMD8<Float>(repeating: aStep[1])
            c10.addProduct(broadcast, b0); c11.addProduct(broadcast, b1)
            broadcast = SIMD8<Float>(repeating: aStep[2])
            c20.addProduct(broadcast, b0); c21.addProduct(broadcast, b1)
            broadcast = SIMD8<Float>(repeating: aStep[3])
            c30.addProduct(broadcast, b0); c31.addProduct(broadcast, b1)
            broadcast = SIMD8<Float>(repeating: aStep[4])
            c40.addProduct(broadcast, b0); c41.addProduct(broadcast, b1)
            broadcast = SIMD8<Float>(repeating: aStep[5])
            c50.addProduct(broadcast, b0); c51.addProduct(broadcast, b1)
            aStep += 6
            bStep += 16
        }

        if rows == 6 && columns == 16 {
            // A whole tile: update C in place, one row (two vectors) at a time.
            let ldc = c.leadingDimension
            updateRow(c.base, c00, c01, alpha: alpha, beta: beta)
            updateRow(c.base + ldc, c10, c11, alpha: alpha, beta: beta)
            updateRow(c.base + 2 * ldc, c20, c21, alpha: alpha, beta: beta)
            updateRow(c.base + 3 * ldc, c30, c31, alpha: alpha, beta: beta)
            updateRow(c.base + 4 * ldc, c40, c41, alpha: alpha, beta: beta)
            updateRow(c.base + 5 * ldc, c50, c51, alpha: alpha, beta: beta)
            return
        }
        // The ragged edge: spill the tile to a buffer, then update only the valid part of C, with
        // the same arithmetic (alpha * sum + beta * c, two roundings) as `updateRow`.
        withUnsafeTemporaryAllocation(of: Float.self, capacity: 6 * 16) { tile in
            let t = tile.baseAddress!
            store8(c00, t); store8(c01, t + 8); store8(c10, t + 16); store8(c11, t + 24)
            store8(c20, t + 32); store8(c21, t + 40); store8(c30, t + 48); store8(c31, t + 56)
            store8(c40, t + 64); store8(c41, t + 72); store8(c50, t + 80); store8(c51, t + 88)
            for r in 0..<rows {
                let row = c.base + r * c.leadingDimension
                for j in 0..<columns {
                    let sum = t[r * 16 + j]
                    row[j] = beta == 0 ? alpha * sum : alpha * sum + beta * row[j]
                }
            }
        }
    }

    /// c[0..<16] <- alpha (sum0, sum1) + beta c[0..<16]; with beta == 0, c is not read.
    @inline(__always)
    static func updateRow(_ c: UnsafeMutablePointer<Float>, _ sum0: SIMD8<Float>, _ sum1: SIMD8<Float>,
                          alpha: Float, beta: Float) {
        if beta == 0 {
            store8(alpha * sum0, c)
            store8(alpha * sum1, c + 8)
        } else {
            store8(alpha * sum0 + beta * load8(UnsafePointer(c)), c)
            store8(alpha * sum1 + beta * load8(UnsafePointer(c + 8)), c + 8)
        }
    }
}
