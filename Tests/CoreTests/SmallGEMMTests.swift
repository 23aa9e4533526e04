// SmallGEMMTests.swift: `Kernels.smallGEMM` (no packing, for batchedMatmul's small entries) against
// `Kernels.gemm`, bit for bit (the same fused multiply-adds in the same order; GEMMTests check gemm
// against the naive `Reference.gemm`), and batchedMatmul against its plain twin: every transpose case, ragged rows (m not a multiple of 6) and columns (n not a
// multiple of 16), padded leading dimensions full of NaN (a read outside a matrix would show).

import Testing
import Core

@Suite("Kernels.smallGEMM: the packed GEMM's answers without the packing")
struct SmallGEMMTests {
    static let transposes = [(false, false), (false, true), (true, false), (true, true)]

    @Test("Equal to Kernels.gemm bit for bit (itself checked against Reference.gemm in GEMMTests), m = 1...13, n up to 65, k up to 64 (seed 61)",
          arguments: transposes)
    func sweep(transposeA: Bool, transposeB: Bool) {
        var failures: [String] = []
        for m in 1...13 {
            for n in [1, 7, 8, 9, 15, 16, 17, 33, 65] {
                for k in [1, 5, 16, 17, 64] {
                    let problem = GEMMCase(m: m, n: n, k: k, transposeA: transposeA, transposeB: transposeB, padding: 3, seed: 61)
                    let a = problem.storage(rows: transposeA ? k : m, columns: transposeA ? m : k, leadingDimension: problem.lda, seed: 61)
                    let b = problem.storage(rows: transposeB ? n : k, columns: transposeB ? k : n, leadingDimension: problem.ldb, seed: 62)
                    var small = [Float](repeating: -7, count: m * problem.ldc), packed = small
                    var scratch = [Float](repeating: .nan, count: k * ((n + 15) / 16 * 16))
                    small.withUnsafeMutableBufferPointer { c in scratch.withUnsafeMutableBufferPointer { s in
                        Kernels.smallGEMM(transposeA: transposeA, transposeB: transposeB, m: m, n: n, k: k, a: a, lda: problem.lda,
                                          b: b, ldb: problem.ldb, c: c.baseAddress!, ldc: problem.ldc, scratch: s.baseAddress!)
                    } }
                    packed.withUnsafeMutableBufferPointer { c in
                        Kernels.gemm(transposeA: transposeA, transposeB: transposeB, m: m, n: n, k: k, alpha: 1, a: a, lda: problem.lda,
                                     b: b, ldb: problem.ldb, beta: 0, c: c.baseAddress!, ldc: problem.ldc)
                    }
                    if small != packed { failures.append("m=\(m) n=\(n) k=\(k)") }
                }
            }
        }
        #expect(failures.isEmpty, "differs from Kernels.gemm (or wrote outside C) at \(failures.prefix(5))")
    }

    @Test("batchedMatmul chooses it for attention's heads and still equals its plain twin (seed 64)")
    func batched() {
        #expect(Kernels.isSmallProduct(m: 64, n: 64, k: 16) && !Kernels.isSmallProduct(m: 2048, n: 64, k: 64))
        var generator = Xoshiro256StarStar(seed: 64)
        let q = generator.normalTensor(shape: [3, 10, 4]), k = generator.normalTensor(shape: [3, 10, 4])
        let scores = batchedMatmul(q, k, transposeB: true)
        #expect(isApproximatelyEqual(scores.scalars, Reference.batchedMatmul(q, k, transposeB: true).scalars,
                                     relativeTolerance: 1e-5, absoluteTolerance: 1e-6))
    }
}
