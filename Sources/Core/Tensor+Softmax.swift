// Tensor+Softmax.swift: the softmax along one axis of a tensor of any rank, and its backward pass,
// MLiS II Eq. (2.2.9) and Eq. (2.2.10) applied to every fibre of the axis. Attention takes it along
// the last axis of its scores [B, T_q, T_k] (DL Padova "Self attention": the row-wise softmax of
// Q K^T / sqrt(d_k)); `Tensor.softmaxRows` (Numerics.swift) is the rank-2, last-axis case.
// Goals, in order: stable for any finite input (+-1000) and for -infinity entries (an attention mask
// M in {0, -inf} gives exactly 0); the backward rule beside the forward; whole contiguous rows through
// the kernels (max, sum, scale), since attention calls it on B H T_q rows per layer.
// The plain twin, one coordinate at a time, is `Reference.softmax` in Kernels/Reference+Softmax.swift.
//
// Along axis a, with the layout [outer, extent, inner] of Tensor+Axes.swift, fibre (o, j) is the
// extent values x[o, i, j], i = 0 ..< extent; the softmax maps each fibre to a distribution:
//     s[o, i, j] = e^{x[o, i, j] - m[o, j]} / sum_i' e^{x[o, i', j] - m[o, j]},   m[o, j] = max_i x[o, i, j].
// Subtracting the maximum changes nothing mathematically and keeps every exponent <= 0.

import Foundation

extension Tensor {
    /// The softmax of every fibre along `axis`: each fibre becomes non-negative and sums to 1
    /// (MLiS II Eq. (2.2.9) per fibre). The shape is unchanged.
    ///
    /// ```swift
    /// Tensor([[1000, 999], [0, -.infinity]]).softmaxAlong(axis: 1)   // [[0.7311, 0.2689], [1, 0]]
    /// ```
    /// An entry of -infinity gets probability exactly 0 (a masked position). A fibre whose entries are
    /// all -infinity has no distribution: its outputs are NaN (a caller that masks must leave one entry
    /// of each fibre unmasked).
    ///
    /// Backward: `softmaxBackward(dJ/ds, output: s, alongAxis: axis)`.
    /// Precondition: 0 <= axis < rank.
    public func softmaxAlong(axis: Int) -> Tensor {
        requireAxis(axis, of: shape, "softmaxAlong(axis:)")
        let layout = AxisLayout(shape, axis: axis)
        guard layout.inner == 1 else {                 // strided fibres: line them up, then put them back
            let lined = (0..<rank).filter { $0 != axis } + [axis]
            return permuted(lined).softmaxAlong(axis: rank - 1).permuted(inversePermutation(lined))
        }
        var result = self
        result.scalars.withUnsafeMutableBufferPointer { values in
            for row in 0..<layout.outer {
                softmaxInPlace(UnsafeMutableBufferPointer(rebasing: values[(row * layout.extent)..<((row + 1) * layout.extent)]))
            }
        }
        return result
    }
}

/// One contiguous fibre replaced by its softmax: the maximum (kernel), e^{x - max} (the C library's
/// expf, once per element), the sum (kernel) and one scaling by 1 / sum (kernel).
func softmaxInPlace(_ fibre: UnsafeMutableBufferPointer<Float>) {
    guard !fibre.isEmpty else { return }
    let largest = Kernels.maximum(UnsafeBufferPointer(fibre))
    for i in 0..<fibre.count { fibre[i] = exp(fibre[i] - largest) }
    Kernels.scale(1 / Kernels.sum(UnsafeBufferPointer(fibre)), fibre)
}

/// The backward pass of `softmaxAlong(axis:)`: with s the softmax and g = dJ/ds, the Jacobian of
/// Eq. (2.2.10), ds_i/dx_k = s_i (delta_ik - s_k), applied to g in each fibre:
///
///     dJ/dx_k = sum_i g_i s_i (delta_ik - s_k) = s_k (g_k - sum_i g_i s_i).
///
/// Entries with s_k = 0 (masked by -infinity) receive exactly 0.
/// Preconditions: `output` is the softmax along `axis` and `outputGradient` has its shape.
public func softmaxBackward(_ outputGradient: Tensor, output: Tensor, alongAxis axis: Int) -> Tensor {
    requireAxis(axis, of: output.shape, "softmaxBackward")
    requireShapes(outputGradient.shape == output.shape, "softmaxBackward: dJ/ds vs s", outputGradient.shape, output.shape)
    let layout = AxisLayout(output.shape, axis: axis)
    guard layout.inner == 1 else {
        let lined = (0..<output.rank).filter { $0 != axis } + [axis]
        return softmaxBackward(outputGradient.permuted(lined), output: output.permuted(lined), alongAxis: output.rank - 1)
            .permuted(inversePermutation(lined))
    }
    var gradient = Tensor(shape: output.shape)
    outputGradient.scalars.withUnsafeBufferPointer { g in
        output.scalars.withUnsafeBufferPointer { s in
            gradient.scalars.withUnsafeMutableBufferPointer { dx in
                for row in 0..<layout.outer {
                    let range = (row * layout.extent)..<((row + 1) * layout.extent)
                    let (gRow, sRow) = (UnsafeBufferPointer(rebasing: g[range]), UnsafeBufferPointer(rebasing: s[range]))
                    let projection = Kernels.dot(gRow, sRow)                  // sum_i g_i s_i
                    for k in range { dx[k] = s[k] * (g[k] - projection) }
                }
            }
        }
    }
    return gradient
}
