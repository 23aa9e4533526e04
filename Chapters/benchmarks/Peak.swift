// Peak.swift: the float32 peak of one core, measured by a loop that does nothing but fused
// multiply-adds, so the GEMM and convolution figures can be printed as a fraction of the limit.
// Goals, in order: a loop the compiler cannot shorten (twelve independent accumulators, a result
// that is used) and that is bound only by the FMA units: twelve chains hide the 4-cycle latency of
// two FMA units; then the best of several runs, because the machine is shared.
//
// On AMD Zen 4 (two 256-bit FMA units) SIMD16 and SIMD8 give the same flops per cycle, 32; on a CPU
// with two 512-bit units SIMD16 gives twice SIMD8. Both are measured and the larger one is the peak.

import Foundation

/// One core's float32 peak in GFLOP/s (2 flops per lane of each FMA), best of `repeats` runs of the
/// SIMD16 and SIMD8 loops of about 2 ms each (short, so that some run between two interruptions).
func measuredPeakGigaflops(repeats: Int = 40) -> Double {
    let iterations = 500_000
    var best = 0.0
    var checksum: Float = 0
    for _ in 0..<repeats {
        var start = DispatchTime.now().uptimeNanoseconds
        checksum += fusedMultiplyAddLoop16(iterations: iterations)
        best = max(best, Double(iterations * 12 * 16 * 2) / Double(DispatchTime.now().uptimeNanoseconds - start))
        start = DispatchTime.now().uptimeNanoseconds
        checksum += fusedMultiplyAddLoop8(iterations: 2 * iterations)
        best = max(best, Double(2 * iterations * 12 * 8 * 2) / Double(DispatchTime.now().uptimeNanoseconds - start))
    }
    if checksum.isNaN { print("# (impossible: NaN)") }   // keeps the sums alive
    return best   // flops per nanosecond = GFLOP/s
}

/// acc_i <- acc_i + x y on twelve independent SIMD16 vectors, `iterations` times: 12 FMAs per
/// iteration and nothing else in the loop but the counter. Returns the sum of the accumulators.
/// (Concrete, not generic over the vector type: an unspecialised generic loop ran at half speed.)
@inline(never)
func fusedMultiplyAddLoop16(iterations: Int) -> Float {
    let x = SIMD16<Float>(repeating: 0.999_999), y = SIMD16<Float>(repeating: 1e-7)
    var (a0, a1, a2, a3) = (SIMD16<Float>(repeating: 0), SIMD16<Float>(repeating: 1), SIMD16<Float>(repeating: 2), SIMD16<Float>(repeating: 3))
    var (a4, a5, a6, a7) = (SIMD16<Float>(repeating: 4), SIMD16<Float>(repeating: 5), SIMD16<Float>(repeating: 6), SIMD16<Float>(repeating: 7))
    var (a8, a9, a10, a11) = (SIMD16<Float>(repeating: 8), SIMD16<Float>(repeating: 9), SIMD16<Float>(repeating: 10), SIMD16<Float>(repeating: 11))
    for _ in 0..<iterations {
        a0.addProduct(x, y); a1.addProduct(x, y); a2.addProduct(x, y); a3.addProduct(x, y)
        a4.addProduct(x, y); a5.addProduct(x, y); a6.addProduct(x, y); a7.addProduct(x, y)
        a8.addProduct(x, y); a9.addProduct(x, y); a10.addProduct(x, y); a11.addProduct(x, y)
    }
    return (((a0 + a1) + (a2 + a3)) + ((a4 + a5) + (a6 + a7)) + ((a8 + a9) + (a10 + a11))).sum()
}

/// The same with SIMD8 (ymm on AVX2 and AVX-512 CPUs alike).
@inline(never)
func fusedMultiplyAddLoop8(iterations: Int) -> Float {
    let x = SIMD8<Float>(repeating: 0.999_999), y = SIMD8<Float>(repeating: 1e-7)
    var (a0, a1, a2, a3) = (SIMD8<Float>(repeating: 0), SIMD8<Float>(repeating: 1), SIMD8<Float>(repeating: 2), SIMD8<Float>(repeating: 3))
    var (a4, a5, a6, a7) = (SIMD8<Float>(repeating: 4), SIMD8<Float>(repeating: 5), SIMD8<Float>(repeating: 6), SIMD8<Float>(repeating: 7))
    var (a8, a9, a10, a11) = (SIMD8<Float>(repeating: 8), SIMD8<Float>(repeating: 9), SIMD8<Float>(repeating: 10), SIMD8<Float>(repeating: 11))
    for _ in 0..<iterations {
        a0.addProduct(x, y); a1.addProduct(x, y); a2.addProduct(x, y); a3.addProduct(x, y)
        a4.addProduct(x, y); a5.addProduct(x, y); a6.addProduct(x, y); a7.addProduct(x, y)
        a8.addProduct(x, y); a9.addProduct(x, y); a10.addProduct(x, y); a11.addProduct(x, y)
    }
    return (((a0 + a1) + (a2 + a3)) + ((a4 + a5) + (a6 + a7)) + ((a8 + a9) + (a10 + a11))).sum()
}
