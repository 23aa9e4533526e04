// Kernels+Exponential.swift: e^x for a whole array, eight lanes at a time, the kernel behind the
// softmax (Tensor+Softmax.swift: attention takes it on B h T^2 scores per layer). Its plain twin is
// `Reference.exponential`, the C library's expf once per element.
// Goals, in order: within 2 ulp of the correctly rounded e^x over Float's normal range; IEEE answers
// at the edges (e^-inf = 0, e^+inf = +inf, overflow to +inf, NaN stays NaN; results below the smallest
// normal Float, 1.2e-38, are flushed to 0); no call per element (the C library's expf is a function
// call the loop cannot vectorise: 4 ns per element here, against about 0.4 ns for this kernel).
//
// The method is Cephes' expf (S. L. Moshier, "Cephes Math Library", 1989), in SIMD:
//     n = round(x log2 e),   r = x - n ln 2   (ln 2 split into a short head and a tail, so n ln 2 is exact enough),
//     e^x = 2^n e^r,         e^r = 1 + r + r^2 P(r) on |r| <= ln 2 / 2, P a degree-5 minimax polynomial.
// The rounding uses the "magic number" 1.5 * 2^23: adding it to a Float of magnitude < 2^22 rounds it
// to an integer held in the low bits of the sum's mantissa, so n is read back as integer bits without a
// conversion instruction. 2^n is built from its exponent bits as 2^(n1) 2^(n2), n1 = floor(n/2), so
// both factors stay normal for every n in [-126, 128].

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension Kernels {
    /// y_i <- e^{x_i}. Precondition: equal lengths. `y` may be the same memory as `x` (in place).
    ///
    /// Within 2 ulp of e^x for x in [-87.33, 88.72]; 0 below (including -infinity), +infinity above
    /// (including +infinity), NaN for NaN. The tail (fewer than 8 elements) goes through the same
    /// SIMD function, so every element gets the same answer wherever it stands.
    @inlinable
    public static func exponential(_ x: UnsafeBufferPointer<Float>, into y: UnsafeMutableBufferPointer<Float>) {
        requireEqualLengths("exponential", x.count, y.count)
        let n = x.count
        guard n > 0, let xs = x.baseAddress, let ys = y.baseAddress else { return }
        var i = 0
        while i + 8 <= n {
            store8(exponential8(load8(xs + i)), ys + i)
            i += 8
        }
        guard i < n else { return }
        var tail = SIMD8<Float>()
        for lane in 0..<(n - i) { tail[lane] = xs[i + lane] }
        let values = exponential8(tail)
        for lane in 0..<(n - i) { ys[i + lane] = values[lane] }
    }

    /// e^x in each of eight lanes (see the file header for the method and the edges).
    @inlinable @inline(__always)
    public static func exponential8(_ x: SIMD8<Float>) -> SIMD8<Float> {
        let upper: Float = 88.72283935546875            // just above ln(greatest finite Float)
        let lower: Float = -87.33654022216797           // ln(least normal Float)
        let magic = SIMD8<Float>(repeating: 12582912)   // 1.5 * 2^23
        // Clamped by comparisons and selects: `clamped(lowerBound:upperBound:)` and `pointwiseMin` are
        // generic calls on two halves here (measured 3x slower for the whole kernel). NaN passes through.
        let clamped = x.replacing(with: lower, where: x .< lower).replacing(with: upper, where: x .> upper)
        let shifted = magic.addingProduct(clamped, SIMD8(repeating: 1.44269504088896341))   // x log2 e + magic
        let n = shifted - magic                                                              // round(x log2 e)
        var r = clamped.addingProduct(n, SIMD8(repeating: -0.693359375))                     // x - n ln 2 (head)
        r = r.addingProduct(n, SIMD8(repeating: 2.12194440e-4))                              // ... (tail)
        var p = SIMD8<Float>(repeating: 1.9875691500e-4)
        p = SIMD8(repeating: 1.3981999507e-3).addingProduct(p, r)
        p = SIMD8(repeating: 8.3334519073e-3).addingProduct(p, r)
        p = SIMD8(repeating: 4.1665795894e-2).addingProduct(p, r)
        p = SIMD8(repeating: 1.6666665459e-1).addingProduct(p, r)
        p = SIMD8(repeating: 5.0000001201e-1).addingProduct(p, r)
        let expR = (r + 1).addingProduct(p, r * r)                                           // 1 + r + r^2 P(r)
        let exponent = unsafeBitCast(shifted, to: SIMD8<Int32>.self) &- unsafeBitCast(magic, to: SIMD8<Int32>.self)
        let half = exponent &>> 1
        let bias = SIMD8<Int32>(repeating: 127)
        let first = unsafeBitCast((half &+ bias) &<< 23, to: SIMD8<Float>.self)                 // 2^(n1)
        let second = unsafeBitCast((exponent &- half &+ bias) &<< 23, to: SIMD8<Float>.self)    // 2^(n - n1)
        var result = expR * first * second
        result.replace(with: .infinity, where: x .> upper)
        result.replace(with: 0, where: x .< lower)
        result.replace(with: x, where: x .!= x)                                              // NaN stays NaN
        return result
    }
}

extension Reference {
    /// y_i <- e^{x_i} with the C library's expf, one element at a time: the twin of `Kernels.exponential`.
    public static func exponential(_ x: UnsafeBufferPointer<Float>, into y: UnsafeMutableBufferPointer<Float>) {
        requireEqualLengths("exponential", x.count, y.count)
        for i in 0..<x.count { y[i] = expf(x[i]) }
    }
}
