// Kernels.swift: the hand-vectorised loops every module calls for work over large arrays
// (dot, axpy, scale, add, subtract, multiply, sum, maximum, map, relu); GEMM is in GEMM.swift.
// Goals, in order: the same answers as `Reference` up to rounding (same preconditions, same results at
// NaN, -0 and empty inputs); stable sums (several partial sums, which also lower the rounding error);
// fast (explicit SIMD8<Float>, one AVX2 register, with a scalar loop for the tail).
//
// Why by hand: a scalar `for` loop summing floats does not vectorise, because the compiler must keep
// the strict left-to-right order of the additions. A reduction with one SIMD8 accumulator waits on
// the previous add every iteration (latency 3-4 cycles); four independent accumulators keep both
// FMA units busy (see the shared CONVENTIONS.md, "Swift numeric traps").
//
// Everything here is `@inlinable`, so other modules get a copy specialised for their closures.

/// The hand-vectorised kernels. Each has a plain-loop twin in `Reference` with the same signature.
///
/// ```swift
/// var y: [Float] = [1, 1, 1]
/// let x: [Float] = [1, 2, 3]
/// x.withUnsafeBufferPointer { x in y.withUnsafeMutableBufferPointer { y in
///     Kernels.axpy(2, x, y)          // y = [3, 5, 7]
/// } }
/// ```
public enum Kernels {
    /// x . y = sum_i x_i y_i. Shapes: x and y have length n. Precondition: equal lengths.
    ///
    /// Four SIMD8 partial sums (32 products in flight), added together at the end.
    @inlinable
    public static func dot(_ x: UnsafeBufferPointer<Float>, _ y: UnsafeBufferPointer<Float>) -> Float {
        requireEqualLengths("dot", x.count, y.count)
        let n = x.count
        guard n > 0, let xs = x.baseAddress, let ys = y.baseAddress else { return 0 }
        var (sum0, sum1, sum2, sum3) = (SIMD8<Float>(), SIMD8<Float>(), SIMD8<Float>(), SIMD8<Float>())
        var i = 0
        while i + 32 <= n {
            sum0.addProduct(load8(xs + i), load8(ys + i))
            sum1.addProduct(load8(xs + i + 8), load8(ys + i + 8))
            sum2.addProduct(load8(xs + i + 16), load8(ys + i + 16))
            sum3.addProduct(load8(xs + i + 24), load8(ys + i + 24))
            i += 32
        }
        while i + 8 <= n {
            sum0.addProduct(load8(xs + i), load8(ys + i))
            i += 8
        }
        var total = ((sum0 + sum1) + (sum2 + sum3)).sum()
        while i < n {
            total += xs[i] * ys[i]
            i += 1
        }
        return total
    }

    /// y <- alpha x + y. Precondition: equal lengths.
    @inlinable
    public static func axpy(_ alpha: Float, _ x: UnsafeBufferPointer<Float>, _ y: UnsafeMutableBufferPointer<Float>) {
        requireEqualLengths("axpy", x.count, y.count)
        let n = x.count
        guard n > 0, let xs = x.baseAddress, let ys = y.baseAddress else { return }
        let alphas = SIMD8<Float>(repeating: alpha)
        var i = 0
        while i + 8 <= n {
            // Written as alpha * x + y (rounded twice), not a fused multiply-add, so the result is
            // bit-identical to `Reference.axpy` and to the scalar tail below.
            store8(alphas * load8(xs + i) + load8(UnsafePointer(ys + i)), ys + i)
            i += 8
        }
        while i < n {
            ys[i] += alpha * xs[i]
            i += 1
        }
    }

    /// x <- alpha x.
    @inlinable
    public static func scale(_ alpha: Float, _ x: UnsafeMutableBufferPointer<Float>) {
        map(UnsafeBufferPointer(x), into: x, { $0 * alpha }, { $0 * alpha })
    }

    /// z <- x + y. Precondition: all three lengths equal. `z` may be the same memory as `x` or `y`.
    @inlinable
    public static func add(_ x: UnsafeBufferPointer<Float>, _ y: UnsafeBufferPointer<Float>,
                           into z: UnsafeMutableBufferPointer<Float>) {
        requireEqualLengths("add", x.count, y.count, z.count)
        zip(x, y, into: z, { $0 + $1 }, { $0 + $1 })
    }

    /// z <- x - y. Precondition: all three lengths equal. `z` may be the same memory as `x` or `y`.
    @inlinable
    public static func subtract(_ x: UnsafeBufferPointer<Float>, _ y: UnsafeBufferPointer<Float>,
                                into z: UnsafeMutableBufferPointer<Float>) {
        requireEqualLengths("subtract", x.count, y.count, z.count)
        zip(x, y, into: z, { $0 - $1 }, { $0 - $1 })
    }

    /// z <- x ⊙ y, the elementwise (Hadamard) product, as in Δ = ∂J/∂a ⊙ Φ′(z).
    /// Precondition: all three lengths equal. `z` may be the same memory as `x` or `y`.
    @inlinable
    public static func multiply(_ x: UnsafeBufferPointer<Float>, _ y: UnsafeBufferPointer<Float>,
                                into z: UnsafeMutableBufferPointer<Float>) {
        requireEqualLengths("multiply", x.count, y.count, z.count)
        zip(x, y, into: z, { $0 * $1 }, { $0 * $1 })
    }

    /// sum_i x_i (0 for an empty buffer), with four SIMD8 partial sums.
    @inlinable
    public static func sum(_ x: UnsafeBufferPointer<Float>) -> Float {
        let n = x.count
        guard n > 0, let xs = x.baseAddress else { return 0 }
        var (sum0, sum1, sum2, sum3) = (SIMD8<Float>(), SIMD8<Float>(), SIMD8<Float>(), SIMD8<Float>())
        var i = 0
        while i + 32 <= n {
            sum0 += load8(xs + i)
            sum1 += load8(xs + i + 8)
            sum2 += load8(xs + i + 16)
            sum3 += load8(xs + i + 24)
            i += 32
        }
        while i + 8 <= n {
            sum0 += load8(xs + i)
            i += 8
        }
        var total = ((sum0 + sum1) + (sum2 + sum3)).sum()
        while i < n {
            total += xs[i]
            i += 1
        }
        return total
    }

    /// max_i x_i; NaN if any element is NaN; -infinity for an empty buffer.
    ///
    /// Each lane keeps its largest value with `replace(with:where:)`, a compare and a blend
    /// (`pointwiseMax` compiled to scalar code here, 12x slower). A comparison with NaN is always
    /// false, so NaN would be skipped: a mask remembers which lanes ever saw one (x != x only for NaN).
    @inlinable
    public static func maximum(_ x: UnsafeBufferPointer<Float>) -> Float {
        let n = x.count
        guard n > 0, let xs = x.baseAddress else { return -.infinity }
        var best0 = SIMD8<Float>(repeating: -.infinity), best1 = best0
        var sawNaN = SIMDMask<SIMD8<Int32>>()
        var i = 0
        while i + 16 <= n {
            let (v0, v1) = (load8(xs + i), load8(xs + i + 8))
            best0.replace(with: v0, where: v0 .> best0)
            best1.replace(with: v1, where: v1 .> best1)
            sawNaN = sawNaN .| (v0 .!= v0) .| (v1 .!= v1)
            i += 16
        }
        if any(sawNaN) { return .nan }
        best0.replace(with: best1, where: best1 .> best0)
        var best = best0.max()
        while i < n {
            if xs[i].isNaN { return .nan }
            if xs[i] > best { best = xs[i] }
            i += 1
        }
        return best
    }

    /// y_i <- f(x_i), with `vector` applied to 8 elements at a time and `scalar` to the tail.
    /// The two closures must compute the same function. Precondition: equal lengths.
    /// `y` may be the same memory as `x` (in place), but must not partly overlap it.
    ///
    /// ```swift
    /// Kernels.map(x, into: y, { $0 * $0 }, { $0 * $0 })     // y = x²
    /// ```
    @inlinable
    public static func map(_ x: UnsafeBufferPointer<Float>, into y: UnsafeMutableBufferPointer<Float>,
                           _ vector: (SIMD8<Float>) -> SIMD8<Float>, _ scalar: (Float) -> Float) {
        requireEqualLengths("map", x.count, y.count)
        let n = x.count
        guard n > 0, let xs = x.baseAddress, let ys = y.baseAddress else { return }
        var i = 0
        while i + 8 <= n {
            store8(vector(load8(xs + i)), ys + i)
            i += 8
        }
        while i < n {
            ys[i] = scalar(xs[i])
            i += 1
        }
    }

    /// y_i <- ReLU(x_i) = max(x_i, 0), the example of `map`. Precondition: equal lengths.
    ///
    /// Written as "0 where x < 0, else x", so ReLU(-0) = -0 and ReLU(NaN) = NaN, in both halves.
    @inlinable
    public static func relu(_ x: UnsafeBufferPointer<Float>, into y: UnsafeMutableBufferPointer<Float>) {
        map(x, into: y,
            { $0.replacing(with: 0, where: $0 .< 0) },
            { $0 < 0 ? 0 : $0 })
    }

    // MARK: Helpers

    /// z_i <- f(x_i, y_i), the two-input version of `map` (lengths already checked).
    @inlinable
    static func zip(_ x: UnsafeBufferPointer<Float>, _ y: UnsafeBufferPointer<Float>,
                    into z: UnsafeMutableBufferPointer<Float>,
                    _ vector: (SIMD8<Float>, SIMD8<Float>) -> SIMD8<Float>, _ scalar: (Float, Float) -> Float) {
        let n = x.count
        guard n > 0, let xs = x.baseAddress, let ys = y.baseAddress, let zs = z.baseAddress else { return }
        var i = 0
        while i + 8 <= n {
            store8(vector(load8(xs + i), load8(ys + i)), zs + i)
            i += 8
        }
        while i < n {
            zs[i] = scalar(xs[i], ys[i])
            i += 1
        }
    }

    /// Eight floats from `pointer` (any alignment).
    @inlinable @inline(__always)
    static func load8(_ pointer: UnsafePointer<Float>) -> SIMD8<Float> {
        UnsafeRawPointer(pointer).loadUnaligned(as: SIMD8<Float>.self)
    }

    /// Writes eight floats to `pointer` (any alignment).
    @inlinable @inline(__always)
    static func store8(_ value: SIMD8<Float>, _ pointer: UnsafeMutablePointer<Float>) {
        UnsafeMutableRawPointer(pointer).storeBytes(of: value, as: SIMD8<Float>.self)
    }
}
