// Tensor+Softmax.swift: the softmax along one axis of a tensor of any rank, and its backward pass,
// MLiS II Eq. (2.2.9) and Eq. (2.2.10) applied to every fibre of the axis. Attention takes it along
// the last axis of its scores [B, T_q, T_k] (DL Padova "Self attention": the row-wise softmax of
// Q K^T / sqrt(d_k)); `Tensor.softmaxRows` (Numerics.swift) is the rank-2, last-axis case.
// Goals, in order: stable for any finite input (+-1000) and for -infinity entries (an attention mask
// M in {0, -inf} gives exactly 0); the backward rule beside the forward; whole contiguous rows through
// the kernels (max, exp, sum, scale), since attention calls it on B h T_q rows per layer; in place when
// the tensor is not shared.
// The plain twin, one coordinate at a time, is `Reference.softmax` in Kernels/Reference+Softmax.swift.
//
// Along axis a, with the layout [outer, extent, inner] of Tensor+Axes.swift, fibre (o, j) is the
// extent values x[o, i, j], i = 0 ..< extent; the softmax maps each fibre to a distribution:
//     s[o, i, j] = e^{x[o, i, j] - m[o, j]} / sum_i' e^{x[o, i', j] - m[o, j]},   m[o, j] = max_i x[o, i, j].
// Subtracting the maximum changes nothing mathematically and keeps every exponent <= 0.

extension Tensor {
    /// The softmax of every fibre along `axis`: each fibre becomes non-negative and sums to 1
    /// (MLiS II Eq. (2.2.9) per fibre). The shape is unchanged.
    ///
    /// ```swift
    /// Tensor([[1000, 999], [0, -.infinity]]).softmaxAlong(axis: 1)   // [[0.7311, 0.2689], [1, 0]]
    /// ```
    /// An entry of -infinity gets probability exactly 0 (a masked position). A fibre whose entries are
    /// all -infinity has no distribution: its outputs are NaN (a caller that masks must leave one entry
    /// of each fibre unmasked). e^x is `Kernels.exponential` (within 2 ulp of the C library's expf).
    ///
    /// Backward: `softmaxBackward(dJ/ds, output: s, alongAxis: axis)`.
    /// Precondition: 0 <= axis < rank.
    public func softmaxAlong(axis: Int) -> Tensor {
        var result = self
        result.formSoftmaxAlong(axis: axis)
        return result
    }

    /// `softmaxAlong(axis:)` in place: no second tensor of this size is made when this one is not shared
    /// (attention's scores, 2 MB for 32 sequences of 64 tokens in 4 heads).
    public mutating func formSoftmaxAlong(axis: Int) {
        requireAxis(axis, of: shape, "softmaxAlong(axis:)")
        let layout = AxisLayout(shape, axis: axis)
        guard layout.inner == 1 else {                 // strided fibres: line them up, then put them back
            let lined = (0..<rank).filter { $0 != axis } + [axis]
            self = permuted(lined).softmaxAlong(axis: rank - 1).permuted(inversePermutation(lined))
            return
        }
        scalars.withUnsafeMutableBufferPointer { values in
            for row in 0..<layout.outer {
                softmaxInPlace(UnsafeMutableBufferPointer(rebasing: values[(row * layout.extent)..<((row + 1) * layout.extent)]))
            }
        }
    }
}

/// One contiguous fibre replaced by its softmax, in three sweeps: the maximum m (kernel); e^(x - m)
/// eight at a time (`Kernels.exponential`), summed as it goes; one scaling by 1 / sum (kernel).
/// The last partial group of eight is padded with -infinity, whose exponential adds exactly 0.
func softmaxInPlace(_ fibre: UnsafeMutableBufferPointer<Float>) {
    guard let base = fibre.baseAddress, !fibre.isEmpty else { return }
    let count = fibre.count
    let largest = SIMD8<Float>(repeating: Kernels.maximum(UnsafeBufferPointer(fibre)))
    var sums = SIMD8<Float>()
    var i = 0
    while i + 8 <= count {
        let e = Kernels.exponential(Kernels.load8(base + i) - largest)
        Kernels.store8(e, base + i)
        sums += e
        i += 8
    }
    if i < count {
        var tail = SIMD8<Float>(repeating: -.infinity)
        for lane in 0..<(count - i) { tail[lane] = base[i + lane] }
        let e = Kernels.exponential(tail - largest)
        for lane in 0..<(count - i) { base[i + lane] = e[lane] }
        sums += e
    }
    Kernels.scale(1 / sums.sum(), fibre)
}

/// The backward pass of `softmaxAlong(axis:)`: with s the softmax and g = dJ/ds, the Jacobian of
/// Eq. (2.2.10), ds_i/dx_k = s_i (delta_ik - s_k), applied to g in each fibre:
///
///     dJ/dx_k = sum_i g_i s_i (delta_ik - s_k) = s_k (g_k - sum_i g_i s_i).
///
/// Entries with s_k = 0 (masked by -infinity) receive exactly 0.
/// Preconditions: `output` is the softmax along `axis` and `outputGradient` has its shape.
public func softmaxBackward(_ outputGradient: Tensor, output: Tensor, alongAxis axis: Int) -> Tensor {
    var gradient = outputGradient
    softmaxBackward(inPlace: &gradient, output: output, alongAxis: axis)
    return gradient
}

/// `softmaxBackward` in place: `gradient` holds dJ/ds on entry and dJ/dx on return.
public func softmaxBackward(inPlace gradient: inout Tensor, output: Tensor, alongAxis axis: Int) {
    requireAxis(axis, of: output.shape, "softmaxBackward")
    requireShapes(gradient.shape == output.shape, "softmaxBackward: dJ/ds vs s", gradient.shape, output.shape)
    let layout = AxisLayout(output.shape, axis: axis)
    guard layout.inner == 1 else {
        let lined = (0..<output.rank).filter { $0 != axis } + [axis]
        gradient = softmaxBackward(gradient.permuted(lined), output: output.permuted(lined), alongAxis: output.rank - 1)
            .permuted(inversePermutation(lined))
        return
    }
    output.scalars.withUnsafeBufferPointer { s in
        gradient.scalars.withUnsafeMutableBufferPointer { g in
            for row in 0..<layout.outer {
                let range = (row * layout.extent)..<((row + 1) * layout.extent)
                let projection = Kernels.dot(UnsafeBufferPointer(rebasing: g[range]), UnsafeBufferPointer(rebasing: s[range]))   // sum_i g_i s_i
                for k in range { g[k] = s[k] * (g[k] - projection) }
            }
        }
    }
}
