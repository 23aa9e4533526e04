// Tensor+Elementwise.swift: the elementwise product and quotient of two tensors of one shape, the
// maps exp, log, square root and square, and the Euclidean norm of a whole tensor.
// Goals, in order: shapes checked, with both named; IEEE results (no clamping: see `logarithm`);
// the product, quotient, square root and square through SIMD kernels, bit-identical to plain loops
// (`Reference.multiply`, `Reference.divide`, `Reference.map`): each rounds once per element.
//
// exp and log have no SIMD form in the standard library, so they call the C library once per
// element; they are for the few places that need them on a whole tensor, not for hot loops.

import Foundation

extension Tensor {
    /// The elementwise (Hadamard) product self ⊙ other, the ⊙ of MLiS II Eq. (1.3.6).
    ///
    /// Backward: dJ/d(self) = dJ/dz ⊙ other and dJ/d(other) = dJ/dz ⊙ self.
    /// Precondition: equal shapes.
    public func multipliedElementwise(by other: Tensor) -> Tensor {
        combined(with: other, "multipliedElementwise") { Kernels.multiply($0, $1, into: $2) }
    }

    /// The elementwise quotient self ⊘ other (IEEE: x / 0 is +-infinity, 0 / 0 is NaN).
    ///
    /// Backward: dJ/d(self) = dJ/dz ⊘ other and dJ/d(other) = -dJ/dz ⊙ self ⊘ (other ⊙ other).
    /// Precondition: equal shapes.
    public func dividedElementwise(by other: Tensor) -> Tensor {
        combined(with: other, "dividedElementwise") { Kernels.divide($0, $1, into: $2) }
    }

    /// e^x for every element (C library `expf`; overflows to +infinity above about 88.7).
    ///
    /// Backward: dJ/dx = dJ/dy ⊙ e^x, i.e. ⊙ the result.
    public func exponential() -> Tensor { map { exp($0) } }

    /// The natural logarithm of every element: -infinity at 0 and NaN below it, as IEEE says. Losses
    /// that take the log of a probability want `clampedLog` (Numerics.swift) instead.
    ///
    /// Backward: dJ/dx = dJ/dy ⊘ x.
    public func logarithm() -> Tensor { map { log($0) } }

    /// sqrt(x) for every element (NaN below 0, -0 at -0).
    ///
    /// Backward: dJ/dx = dJ/dy ⊘ (2 sqrt(x)), infinite at 0.
    public func squareRoot() -> Tensor {
        mapped { Kernels.map($0, into: $1, { $0.squareRoot() }, { $0.squareRoot() }) }
    }

    /// x^2 for every element.
    ///
    /// Backward: dJ/dx = 2 x ⊙ dJ/dy.
    public func squared() -> Tensor {
        mapped { Kernels.map($0, into: $1, { $0 * $0 }, { $0 * $0 }) }
    }

    /// The Euclidean norm sqrt(sum of squares) of all elements, through the dot kernel. For norms
    /// along one axis see `norm(alongAxis:)`.
    public var norm: Float { dot(self).squareRoot() }

    /// A tensor of the same shape written by `body(input, output)`.
    private func mapped(_ body: (UnsafeBufferPointer<Float>, UnsafeMutableBufferPointer<Float>) -> Void) -> Tensor {
        var result = Tensor(shape: shape)
        scalars.withUnsafeBufferPointer { input in result.scalars.withUnsafeMutableBufferPointer { body(input, $0) } }
        return result
    }

    /// A tensor of the same shape written by `body(self, other, output)`, after checking the shapes.
    private func combined(with other: Tensor, _ operation: String,
                          _ body: (UnsafeBufferPointer<Float>, UnsafeBufferPointer<Float>, UnsafeMutableBufferPointer<Float>) -> Void)
        -> Tensor {
        requireShapes(shape == other.shape, operation, shape, other.shape)
        var result = Tensor(shape: shape)
        scalars.withUnsafeBufferPointer { x in
            other.scalars.withUnsafeBufferPointer { y in result.scalars.withUnsafeMutableBufferPointer { body(x, y, $0) } }
        }
        return result
    }
}
