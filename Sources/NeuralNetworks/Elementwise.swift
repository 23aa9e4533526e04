// Elementwise.swift: the elementwise maps the activations, losses and optimisers of this module are
// written with, e.g. the product ⊙ of MLiS II Eq. (1.3.6).
// Goals, in order: one checked place for "same shape, one loop"; loops over raw buffers that the
// optimiser compiles to straight vector code (no bounds or copy-on-write checks per element).
// These are small helpers for this module's maps, public so that a layer or loss written in another
// module uses them too; the product ⊙ and ReLU use Core's SIMD kernels, and matrix products go
// through Core's `matmul`.

import Core

/// f(x) for every element of `x`, any shape: `mapElements(z) { max($0, 0) }`.
@inline(__always)
public func mapElements(_ x: Tensor, _ transform: (Float) -> Float) -> Tensor {
    var result = Tensor(shape: x.shape)
    x.scalars.withUnsafeBufferPointer { input in
        result.scalars.withUnsafeMutableBufferPointer { output in
            for i in 0..<input.count { output[i] = transform(input[i]) }
        }
    }
    return result
}

/// f(x, y) for every pair of elements: `combineElements(a, b, "MyLoss") { $0 - $1 }`.
/// Precondition: equal shapes (the stop message names `operation` and both shapes).
@inline(__always)
public func combineElements(_ x: Tensor, _ y: Tensor, _ operation: @autoclosure () -> String,
                     _ combine: (Float, Float) -> Float) -> Tensor {
    requireShapes(x.shape == y.shape, operation(), x.shape, y.shape)
    var result = Tensor(shape: x.shape)
    x.scalars.withUnsafeBufferPointer { first in
        y.scalars.withUnsafeBufferPointer { second in
            result.scalars.withUnsafeMutableBufferPointer { output in
                for i in 0..<output.count { output[i] = combine(first[i], second[i]) }
            }
        }
    }
    return result
}

/// f(x, y, z) for every triple of elements. Precondition: equal shapes.
@inline(__always)
public func combineElements(_ x: Tensor, _ y: Tensor, _ z: Tensor, _ operation: @autoclosure () -> String,
                     _ combine: (Float, Float, Float) -> Float) -> Tensor {
    requireShapes(x.shape == y.shape, operation(), x.shape, y.shape)
    requireShapes(x.shape == z.shape, operation(), x.shape, z.shape)
    var result = Tensor(shape: x.shape)
    x.scalars.withUnsafeBufferPointer { first in
        y.scalars.withUnsafeBufferPointer { second in
            z.scalars.withUnsafeBufferPointer { third in
                result.scalars.withUnsafeMutableBufferPointer { output in
                    for i in 0..<output.count { output[i] = combine(first[i], second[i], third[i]) }
                }
            }
        }
    }
    return result
}

/// sign(x): -1, 0 or 1 (0 at 0, the subgradient MAE and L1 use there).
@inline(__always)
func sign(_ x: Float) -> Float {
    x > 0 ? 1 : (x < 0 ? -1 : 0)
}
