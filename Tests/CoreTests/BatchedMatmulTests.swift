// Tests of batchedMatmul (Tensor+Arithmetic.swift): each entry is `matmul` of the slices, and the
// whole agrees with the naive triple loop within the rounding bound, in all four transpose cases.

import Testing
import Core

@Suite("Batched matrix product [B, M, K] x [B, K, N]")
struct BatchedMatmulTests {
    static let sizes: [(batch: Int, m: Int, k: Int, n: Int)] = [(1, 1, 1, 1), (3, 7, 17, 5), (2, 17, 1, 7), (4, 6, 16, 33), (2, 0, 3, 4), (2, 3, 0, 4)]

    @Test("Every transpose case equals the naive loop within the rounding bound (seed 61)", arguments: sizes)
    func matchesReference(batch: Int, m: Int, k: Int, n: Int) {
        for (transposeA, transposeB) in [(false, false), (true, false), (false, true), (true, true)] {
            let a = AxisTestSupport.randomTensor(transposeA ? [batch, k, m] : [batch, m, k], seed: 61)
            let b = AxisTestSupport.randomTensor(transposeB ? [batch, n, k] : [batch, k, n], seed: 62)
            let fast = batchedMatmul(a, b, transposeA: transposeA, transposeB: transposeB)
            let plain = Reference.batchedMatmul(a, b, transposeA: transposeA, transposeB: transposeB)
            let magnitude = Reference.batchedMatmul(a.map(abs), b.map(abs), transposeA: transposeA, transposeB: transposeB)
            #expect(fast.shape == [batch, m, n])
            for i in 0..<fast.count {
                #expect(KernelTestSupport.isWithinRoundingBound(fast.scalars[i], plain.scalars[i], terms: k,
                                                                magnitude: magnitude.scalars[i]),
                        "batchedMatmul \(batch)x\(m)x\(k)x\(n) transposeA=\(transposeA) transposeB=\(transposeB)")
            }
        }
    }

    @Test("Entry b is matmul of entry b of each factor, bit for bit (seed 63)")
    func entriesAreMatmul() {
        let a = AxisTestSupport.randomTensor([3, 7, 17], seed: 63), b = AxisTestSupport.randomTensor([3, 5, 17], seed: 64)
        let product = batchedMatmul(a, b, transposeB: true)
        for entry in 0..<3 {
            let left = a.sliced(entry..<(entry + 1)).reshaped([7, 17]), right = b.sliced(entry..<(entry + 1)).reshaped([5, 17])
            #expect(product.sliced(entry..<(entry + 1)).reshaped([7, 5]) == matmul(left, right, transposeB: true))
        }
    }
}
