// Kernels+Exponential.swift: e^x, the sigmoid and tanh eight floats at a time, for the gates of
// recurrent networks (an LSTM step takes five of them per unit and example; through the scalar
// `exp` and `tanh` of the C library they cost more than the step's matrix product). Their plain
// twins, through Foundation, are `Reference.exponential`, `Reference.sigmoid` and `Reference.tanh`.
// Goals, in order: within a few units in the last place of Foundation's results (tested over the
// whole range, and at 0, +-1000, +-infinity and NaN); the same answer for an element wherever it sits
// in the buffer (the tail goes through the vector code too); fast (no calls, no branches per element).
//
// e^x (Cody & Waite's reduction, as in Cephes' expf): n = round(x log2 e), r = x - n ln 2 with ln 2
// split in two so that n ln 2 is exact, e^r by a degree-6 polynomial on |r| <= ln(2)/2, and 2^n put
// straight into the exponent bits. sigmoid and tanh are written with e = e^(-|x|) <= 1, so nothing
// overflows: sigmoid(x) = 1/(1 + e) for x >= 0 and e/(1 + e) otherwise; tanh(x) = sign(x)(1 - e')/(1 + e')
// with e' = e^(-2|x|), and for |x| < 0.625, where 1 - e' loses digits, Cephes' odd polynomial.

import Foundation

extension Kernels {
    /// e^x for eight floats: within 2 ulp of `Foundation.exp` for -87.3 <= x <= 88.3; 0 below
    /// (where the true value is subnormal or underflows), +infinity above, NaN for NaN.
    @inlinable @inline(__always)
    public static func exponential(_ x: SIMD8<Float>) -> SIMD8<Float> {
        let (low, high): (Float, Float) = (-87.33654, 88.37626)
        let clamped = x.replacing(with: low, where: x .< low).replacing(with: high, where: x .> high)
        let n = (clamped * 1.44269504088896341).rounded(.toNearestOrEven)                // x log2 e
        let r = clamped - n * 0.693359375 + n * 2.12194440e-4                             // x - n ln 2, in two parts
        var p = SIMD8<Float>(repeating: 1.9875691500e-4)
        p = p * r + 1.3981999507e-3
        p = p * r + 8.3334519073e-3
        p = p * r + 4.1665795894e-2
        p = p * r + 1.6666665459e-1
        p = p * r + 5.0000001201e-1
        p = p * (r * r) + r + 1                                                          // e^r
        // 2^n from its bits: n + 127 + 2^23 is a float whose low mantissa bits are the biased exponent
        // n + 127 (in 1 ... 254), which the shift moves into the exponent field (no checked conversion).
        let biased = unsafeBitCast(n + 8_388_735, to: SIMD8<UInt32>.self)
        let scale = unsafeBitCast(biased &<< 23, to: SIMD8<Float>.self)
        return (p * scale).replacing(with: 0, where: x .< low).replacing(with: .infinity, where: x .> high)
            .replacing(with: x, where: x .!= x)
    }

    /// sigmoid(x) = 1/(1 + e^-x) for eight floats, with e = e^(-|x|): 1/(1 + e) for x >= 0, e/(1 + e) below.
    @inlinable @inline(__always)
    public static func sigmoid(_ x: SIMD8<Float>) -> SIMD8<Float> {
        let e = exponential(-magnitude(x))
        let positive = 1 / (1 + e)
        return positive.replacing(with: e * positive, where: x .< 0)
    }

    /// tanh(x) for eight floats: sign(x)(1 - e)/(1 + e) with e = e^(-2|x|), and x + x^3 P(x^2) for |x| < 0.625.
    @inlinable @inline(__always)
    public static func tanh(_ x: SIMD8<Float>) -> SIMD8<Float> {
        let size = magnitude(x)
        let e = exponential(-2 * size)
        let ratio = (1 - e) / (1 + e)                                                    // tanh |x|
        let large = ratio.replacing(with: -ratio, where: x .< 0)
        let z = x * x
        var p = SIMD8<Float>(repeating: -5.70498872745e-3)
        p = p * z + 2.06390887954e-2
        p = p * z - 5.37397155531e-2
        p = p * z + 1.33314422036e-1
        p = p * z - 3.33332819422e-1
        let small = p * z * x + x
        return large.replacing(with: small, where: size .< 0.625).replacing(with: x, where: x .!= x)
    }

    /// |x| for eight floats (the sign bit cleared).
    @inlinable @inline(__always)
    static func magnitude(_ x: SIMD8<Float>) -> SIMD8<Float> {
        unsafeBitCast(unsafeBitCast(x, to: SIMD8<UInt32>.self) & 0x7FFF_FFFF, to: SIMD8<Float>.self)
    }

    /// y_i <- e^(x_i). Precondition: equal lengths; `y` may be `x` (in place).
    @inlinable
    public static func exponential(_ x: UnsafeBufferPointer<Float>, into y: UnsafeMutableBufferPointer<Float>) {
        requireEqualLengths("exponential", x.count, y.count)
        mapPadded(x, into: y) { exponential($0) }
    }

    /// y_i <- sigmoid(x_i). Precondition: equal lengths; `y` may be `x` (in place).
    @inlinable
    public static func sigmoid(_ x: UnsafeBufferPointer<Float>, into y: UnsafeMutableBufferPointer<Float>) {
        requireEqualLengths("sigmoid", x.count, y.count)
        mapPadded(x, into: y) { sigmoid($0) }
    }

    /// y_i <- tanh(x_i). Precondition: equal lengths; `y` may be `x` (in place).
    @inlinable
    public static func tanh(_ x: UnsafeBufferPointer<Float>, into y: UnsafeMutableBufferPointer<Float>) {
        requireEqualLengths("tanh", x.count, y.count)
        mapPadded(x, into: y) { tanh($0) }
    }

    /// `vector` on eight elements at a time, the last fewer than eight padded with zeros, so every
    /// element gets the same arithmetic wherever it sits.
    @inlinable @inline(__always)
    static func mapPadded(_ x: UnsafeBufferPointer<Float>, into y: UnsafeMutableBufferPointer<Float>,
                          _ vector: (SIMD8<Float>) -> SIMD8<Float>) {
        let n = x.count
        guard n > 0, let xs = x.baseAddress, let ys = y.baseAddress else { return }
        var i = 0
        while i + 8 <= n {
            store8(vector(load8(xs + i)), ys + i)
            i += 8
        }
        guard i < n else { return }
        var tail = SIMD8<Float>(repeating: 0)
        for k in 0..<(n - i) { tail[k] = xs[i + k] }
        let result = vector(tail)
        for k in 0..<(n - i) { ys[i + k] = result[k] }
    }
}

extension Reference {
    /// y_i <- e^(x_i) through Foundation. Precondition: equal lengths.
    public static func exponential(_ x: UnsafeBufferPointer<Float>, into y: UnsafeMutableBufferPointer<Float>) {
        requireEqualLengths("exponential", x.count, y.count)
        for i in 0..<x.count { y[i] = Foundation.exp(x[i]) }
    }

    /// y_i <- sigmoid(x_i) (Core's stable scalar sigmoid). Precondition: equal lengths.
    public static func sigmoid(_ x: UnsafeBufferPointer<Float>, into y: UnsafeMutableBufferPointer<Float>) {
        requireEqualLengths("sigmoid", x.count, y.count)
        for i in 0..<x.count { y[i] = Core.sigmoid(x[i]) }
    }

    /// y_i <- tanh(x_i) through Foundation. Precondition: equal lengths.
    public static func tanh(_ x: UnsafeBufferPointer<Float>, into y: UnsafeMutableBufferPointer<Float>) {
        requireEqualLengths("tanh", x.count, y.count)
        for i in 0..<x.count { y[i] = Foundation.tanh(x[i]) }
    }
}
