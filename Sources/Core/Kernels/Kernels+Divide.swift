// Kernels+Divide.swift: the elementwise quotient, the one two-input kernel Tensor+Elementwise.swift
// needs beyond Kernels.swift's add, subtract and multiply. Its plain twin is `Reference.divide`.

extension Kernels {
    /// z <- x ⊘ y, the elementwise quotient (IEEE division: one rounding per element, so the SIMD
    /// body and the scalar tail agree bit for bit with the plain loop).
    /// Precondition: all three lengths equal. `z` may be the same memory as `x` or `y`.
    @inlinable
    public static func divide(_ x: UnsafeBufferPointer<Float>, _ y: UnsafeBufferPointer<Float>,
                              into z: UnsafeMutableBufferPointer<Float>) {
        requireEqualLengths("divide", x.count, y.count, z.count)
        zip(x, y, into: z, { $0 / $1 }, { $0 / $1 })
    }
}
