// GEMMTests.swift: `Kernels.gemm` (packed, blocked, threaded) against the naive triple loop `Reference.gemm`.
// Goals, in order: every transpose case on every small shape (an exhaustive sweep, so the ragged
// edges of the 6 x 16 tiles are all hit); awkward larger shapes that cross the k slices (512) and
// column blocks (2048); padded leading dimensions; alpha and beta other than 1 and 0; beta == 0 with
// NaN in C; bit-identical answers for one and two threads, and for the two micro-kernels (6 x 16 and
// 8 x 32, both run on every machine whatever the CPU picks). The sizes stay small for a debug build.

import Foundation
import Testing
import Core

/// One GEMM problem, stored with padded leading dimensions.
struct GEMMCase: CustomStringConvertible {
    var m: Int, n: Int, k: Int
    var transposeA = false, transposeB = false
    var alpha: Float = 1, beta: Float = 0
    /// Extra columns in each stored row (lda = width + padding); the padding holds NaN, so any read
    /// outside the matrix would poison the answer.
    var padding = 0
    var seed: UInt64 = 1
    /// The register tile; every test that names none uses this CPU's choice.
    var microKernel = GEMMMicroKernel.preferred

    var description: String {
        "m=\(m) n=\(n) k=\(k) transposeA=\(transposeA) transposeB=\(transposeB) alpha=\(alpha) beta=\(beta) padding=\(padding) seed=\(seed) microKernel=\(microKernel)"
    }

    var lda: Int { (transposeA ? m : k) + padding }
    var ldb: Int { (transposeB ? k : n) + padding }
    var ldc: Int { n + padding }

    /// A row-major array of `rows` x `leadingDimension`, random in the first `columns` of each row, NaN after.
    func storage(rows: Int, columns: Int, leadingDimension: Int, seed: UInt64) -> [Float] {
        var values = KernelTestSupport.randomFloats(rows * leadingDimension, seed: seed)
        for i in 0..<rows { for j in columns..<leadingDimension { values[i * leadingDimension + j] = .nan } }
        return values
    }

    /// Runs `Kernels.gemm` (with `threads`) and `Reference.gemm` on the same inputs; returns both C.
    func run(threads: Int = 1, cIsNaN: Bool = false) -> (fast: [Float], slow: [Float], bound: [Float]) {
        let a = storage(rows: transposeA ? k : m, columns: transposeA ? m : k, leadingDimension: lda, seed: seed)
        let b = storage(rows: transposeB ? n : k, columns: transposeB ? k : n, leadingDimension: ldb, seed: seed + 1)
        var c = storage(rows: m, columns: n, leadingDimension: ldc, seed: seed + 2)
        if cIsNaN { c = [Float](repeating: .nan, count: c.count) }
        var fast = c, slow = c
        // The rounding bound of each entry: |alpha| (|A| |B|)_ij + |beta| |C_ij| (see KernelTestSupport).
        var bound = c.map { cIsNaN ? 0 : abs($0) }
        let (absA, absB) = (a.map { abs($0) }, b.map { abs($0) })
        fast.withUnsafeMutableBufferPointer { fast in slow.withUnsafeMutableBufferPointer { slow in
            bound.withUnsafeMutableBufferPointer { bound in
                Kernels.gemm(transposeA: transposeA, transposeB: transposeB, m: m, n: n, k: k, alpha: alpha,
                             a: a, lda: lda, b: b, ldb: ldb, beta: beta, c: fast.baseAddress!, ldc: ldc,
                             threads: threads, microKernel: microKernel)
                Reference.gemm(transposeA: transposeA, transposeB: transposeB, m: m, n: n, k: k, alpha: alpha,
                               a: a, lda: lda, b: b, ldb: ldb, beta: beta, c: slow.baseAddress!, ldc: ldc)
                Reference.gemm(transposeA: transposeA, transposeB: transposeB, m: m, n: n, k: k,
                               alpha: abs(alpha), a: absA, lda: lda, b: absB, ldb: ldb, beta: abs(beta),
                               c: bound.baseAddress!, ldc: ldc)
            }
        } }
        return (fast, slow, bound)
    }

    /// The first entry of C where the two answers differ by more than the rounding bound, or
    /// where the padding of C changed; nil if there is none.
    func firstMismatch(threads: Int = 1, cIsNaN: Bool = false) -> String? {
        let (fast, slow, bound) = run(threads: threads, cIsNaN: cIsNaN)
        for i in 0..<m {
            for j in 0..<ldc {
                let index = i * ldc + j
                if j >= n {
                    if !fast[index].isNaN { return "\(self): padding C[\(i), \(j)] was overwritten" }
                    continue
                }
                if !KernelTestSupport.isWithinRoundingBound(fast[index], slow[index], terms: k, magnitude: bound[index]) {
                    return "\(self): C[\(i), \(j)] simd \(fast[index]) reference \(slow[index])"
                }
            }
        }
        return nil
    }
}

@Suite("GEMM: packed SIMD == naive triple loop")
struct GEMMTests {
    static let transposes = [(false, false), (true, false), (false, true), (true, true)]

    @Test("every small shape, every transpose (exhaustive over m, n, k in {1, 2, 3, 6, 7, 16, 17}, seed 1)")
    func exhaustiveSmallShapes() {
        let sizes = [1, 2, 3, 6, 7, 16, 17]
        for (transposeA, transposeB) in Self.transposes {
            for m in sizes { for n in sizes { for k in sizes {
                let problem = GEMMCase(m: m, n: n, k: k, transposeA: transposeA, transposeB: transposeB)
                let mismatch = problem.firstMismatch()
                #expect(mismatch == nil, "\(mismatch ?? "")")
            } } }
        }
    }

    @Test("awkward shapes, padded leading dimensions, alpha and beta (seed 7)", arguments: [
        (33, 33, 33), (130, 130, 130), (7, 130, 33), (130, 7, 33), (33, 7, 130), (1, 1, 1000),
        (20, 30, 1030),     // k crosses two slice boundaries (3 slices of 344)
        (3, 2100, 5),       // n crosses the 2048-column block
    ])
    func awkwardShapes(shape: (Int, Int, Int)) {
        for (transposeA, transposeB) in Self.transposes {
            for (alpha, beta) in [(Float(1), Float(0)), (0.5, -1.5), (-2, 1)] {
                let problem = GEMMCase(m: shape.0, n: shape.1, k: shape.2, transposeA: transposeA,
                                       transposeB: transposeB, alpha: alpha, beta: beta, padding: 3, seed: 7)
                let mismatch = problem.firstMismatch()
                #expect(mismatch == nil, "\(mismatch ?? "")")
            }
        }
    }

    @Test("beta == 0 never reads C: C full of NaN gives a finite answer (seed 3)")
    func betaZeroIgnoresNaNInC() {
        for (transposeA, transposeB) in Self.transposes {
            for (m, n, k) in [(7, 17, 5), (40, 50, 600)] {
                let problem = GEMMCase(m: m, n: n, k: k, transposeA: transposeA, transposeB: transposeB,
                                       alpha: 1.5, beta: 0, padding: 2, seed: 3)
                let (fast, _, _) = problem.run(cIsNaN: true)
                let finite = (0..<m).allSatisfy { i in (0..<n).allSatisfy { fast[i * problem.ldc + $0].isFinite } }
                #expect(finite, "\(problem)")
                #expect(problem.firstMismatch(cIsNaN: true) == nil)
            }
        }
    }

    @Test("alpha == 0 or k == 0: C <- beta C exactly, A and B unread")
    func degenerateProducts() {
        let nan = [Float](repeating: .nan, count: 12)
        for (alpha, k, beta) in [(Float(0), 4, Float(2)), (1, 0, 2), (0, 3, 0)] {
            var c: [Float] = [1, 2, 3, 4, 5, 6]
            Kernels.gemm(transposeA: false, transposeB: false, m: 2, n: 3, k: k, alpha: alpha, a: nan, lda: 4,
                         b: nan, ldb: 3, beta: beta, c: &c, ldc: 3)
            #expect(c == [1, 2, 3, 4, 5, 6].map { beta * $0 }, "alpha=\(alpha) k=\(k) beta=\(beta)")
        }
    }

    @Test("a worked product: [[1, 2], [3, 4]] [[5, 6], [7, 8]] = [[19, 22], [43, 50]], and its transposes")
    func workedProduct() {
        let a: [Float] = [1, 2, 3, 4], b: [Float] = [5, 6, 7, 8]
        var c = [Float](repeating: .nan, count: 4)
        Kernels.gemm(transposeA: false, transposeB: false, m: 2, n: 2, k: 2, alpha: 1, a: a, lda: 2,
                     b: b, ldb: 2, beta: 0, c: &c, ldc: 2)
        #expect(c == [19, 22, 43, 50])
        Kernels.gemm(transposeA: true, transposeB: false, m: 2, n: 2, k: 2, alpha: 1, a: a, lda: 2,
                     b: b, ldb: 2, beta: 0, c: &c, ldc: 2)
        #expect(c == [26, 30, 38, 44])     // A^T B
        Kernels.gemm(transposeA: false, transposeB: true, m: 2, n: 2, k: 2, alpha: 1, a: a, lda: 2,
                     b: b, ldb: 2, beta: 0, c: &c, ldc: 2)
        #expect(c == [17, 23, 39, 53])     // A B^T
    }

    @Test("two threads give bit-for-bit the answer of one (wide and tall shapes, seed 5)",
          arguments: [(256, 240, 160), (700, 48, 256)])
    func threadsAgree(shape: (Int, Int, Int)) {
        for (transposeA, transposeB) in Self.transposes {
            let problem = GEMMCase(m: shape.0, n: shape.1, k: shape.2, transposeA: transposeA,
                                   transposeB: transposeB, alpha: 0.75, beta: 0.25, padding: 1, seed: 5)
            let one = problem.run(threads: 1).fast, two = problem.run(threads: 2)
            #expect(one.elementsEqual(two.fast) { $0 == $1 || ($0.isNaN && $1.isNaN) }, "\(problem)")
            #expect(problem.firstMismatch(threads: 2) == nil)
        }
    }

    @Test("negative sizes and short leading dimensions stop with a precondition")
    func badArgumentsStop() async {
        await #expect(processExitsWith: .failure) {
            var c = [Float](repeating: 0, count: 4)
            let a = [Float](repeating: 1, count: 4)
            Kernels.gemm(transposeA: false, transposeB: false, m: 2, n: 2, k: 2, alpha: 1, a: a, lda: 1,
                         b: a, ldb: 2, beta: 0, c: &c, ldc: 2)
        }
    }
}

@Suite("GEMM micro-kernels: 6 x 16 and 8 x 32 both == naive, and equal to each other bit for bit")
struct GEMMMicroKernelTests {
    @Test("every small shape around both tiles' edges, every transpose, each micro-kernel (m, n, k in {1, 5, 6, 7, 8, 9, 16, 17, 31, 32, 33}, seed 11)",
          arguments: GEMMMicroKernel.allCases)
    func exhaustiveSmallShapes(microKernel: GEMMMicroKernel) {
        let sizes = [1, 5, 6, 7, 8, 9, 16, 17, 31, 32, 33]
        var failures: [String] = []
        for (transposeA, transposeB) in GEMMTests.transposes {
            for m in sizes { for n in sizes { for k in sizes {
                let problem = GEMMCase(m: m, n: n, k: k, transposeA: transposeA, transposeB: transposeB,
                                       alpha: 0.5, beta: -1, padding: 1, seed: 11, microKernel: microKernel)
                if let mismatch = problem.firstMismatch() { failures.append(mismatch) }
            } } }
        }
        #expect(failures.isEmpty, "\(failures.prefix(3))")
    }

    @Test("the two micro-kernels give the same bits: A read in place (not transposed) and packed (transposed, or a ragged strip), ragged edges, two threads (seed 13)",
          arguments: [(64, 64, 64), (128, 128, 128), (72, 96, 40), (61, 45, 77), (300, 70, 260), (40, 50, 1030)])
    func kernelsAgreeBitForBit(shape: (Int, Int, Int)) {
        for (transposeA, transposeB) in GEMMTests.transposes {
            for threads in [1, 2] {
                var problem = GEMMCase(m: shape.0, n: shape.1, k: shape.2, transposeA: transposeA, transposeB: transposeB,
                                       alpha: 0.75, beta: 0.25, padding: 2, seed: 13, microKernel: .sixBySixteen)
                let narrow = problem.run(threads: threads).fast
                problem.microKernel = .eightByThirtyTwo
                let wide = problem.run(threads: threads).fast
                #expect(narrow.elementsEqual(wide) { $0 == $1 || ($0.isNaN && $1.isNaN) }, "\(problem) threads=\(threads)")
                #expect(problem.firstMismatch(threads: threads) == nil)
            }
        }
    }

    @Test("beta == 0 with C full of NaN, for the 8 x 32 kernel reading A in place and packed (seed 17)")
    func wideKernelBetaZeroIgnoresNaN() {
        for (m, n, k) in [(16, 64, 24), (33, 40, 600)] {
            let problem = GEMMCase(m: m, n: n, k: k, alpha: 1.5, beta: 0, padding: 2, seed: 17, microKernel: .eightByThirtyTwo)
            #expect(problem.firstMismatch(cIsNaN: true) == nil)
        }
    }

    @Test("the preferred micro-kernel follows the CPU: 8 x 32 exactly when /proc/cpuinfo lists avx512f")
    func preferredFollowsTheCPU() {
        #if os(Linux)
        let flags = (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8)) ?? ""
        let avx512 = flags.split(separator: "\n").first { $0.hasPrefix("flags") }?.split(separator: " ").contains("avx512f") ?? false
        #expect(GEMMMicroKernel.preferred == (avx512 ? .eightByThirtyTwo : .sixBySixteen))
        #endif
        #expect(GEMMMicroKernel.eightByThirtyTwo.tileRows == 8 && GEMMMicroKernel.eightByThirtyTwo.tileColumns == 32)
    }
}
