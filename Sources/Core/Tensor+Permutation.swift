// Tensor+Permutation.swift: reordering the axes of a tensor, the transpose of any rank (images
// [N, C, H, W] as [N, H, W, C], attention heads [B, T, H, D] as [B, H, T, D]).
// Goals, in order: numpy's convention (axis i of the result is axis axes[i] of the input), checked;
// the backward pass as the inverse permutation; whole runs copied when trailing axes stay in place.
// The plain twin, one coordinate at a time, is `Reference.permuted` in Kernels/Reference+Tensor.swift.

/// The row-major strides of `shape`: stride_i = s_(i+1) ... s_(r-1), so element (i_0, ..., i_(r-1))
/// is at sum_k i_k stride_k.
func rowMajorStrides(_ shape: [Int]) -> [Int] {
    var strides = [Int](repeating: 1, count: shape.count)
    for axis in stride(from: shape.count - 2, through: 0, by: -1) { strides[axis] = strides[axis + 1] * shape[axis + 1] }
    return strides
}

/// Stops unless `axes` holds each of 0..<rank once.
func requirePermutation(_ axes: [Int], of shape: [Int], _ operation: String) {
    require(axes.count == shape.count && axes.sorted() == Array(0..<shape.count),
            "\(operation): \(axes) is not a permutation of the axes 0..<\(shape.count) of shape \(shape)")
}

/// The permutation that undoes `axes`: x.permuted(axes).permuted(inversePermutation(axes)) == x.
/// Precondition: `axes` holds each of 0..<axes.count once.
public func inversePermutation(_ axes: [Int]) -> [Int] {
    require(axes.sorted() == Array(0..<axes.count), "inversePermutation: \(axes) is not a permutation of 0..<\(axes.count)")
    var inverse = [Int](repeating: 0, count: axes.count)
    for (position, axis) in axes.enumerated() { inverse[axis] = position }
    return inverse
}

extension Tensor {
    /// The tensor with its axes reordered: axis i of the result is axis `axes[i]` of self, so
    /// result[i_0, ..., i_(r-1)] = self[j] with j_(axes[k]) = i_k. For a matrix, `permuted([1, 0])`
    /// is the transpose.
    ///
    /// ```swift
    /// let images = Tensor(shape: [64, 3, 28, 28])
    /// images.permuted([0, 2, 3, 1]).shape            // [64, 28, 28, 3]: channels last
    /// ```
    /// Backward: dJ/d(self) = (dJ/d(result)).permuted(inversePermutation(axes)).
    /// Precondition: `axes` holds each of 0..<rank once.
    ///
    /// The trailing axes that stay in place form contiguous runs, copied whole; the axes in front are
    /// walked in the result's order (an odometer), with the input offset kept up to date by strides.
    public func permuted(_ axes: [Int]) -> Tensor {
        requirePermutation(axes, of: shape, "permuted")
        var kept = rank                                       // axes kept..<rank stay where they are
        while kept > 0 && axes[kept - 1] == kept - 1 { kept -= 1 }
        if kept == 0 || count == 0 { return reshaped(axes.map { shape[$0] }) }
        let resultShape = axes.map { shape[$0] }
        let strides = rowMajorStrides(shape)
        let sourceStrides = axes.map { strides[$0] }
        let run = resultShape[kept...].reduce(1, *)           // contiguous in both
        let (lastExtent, lastStride) = (resultShape[kept - 1], sourceStrides[kept - 1])
        let outerRank = kept - 1
        let rows = resultShape[..<outerRank].reduce(1, *)
        var result = Tensor(shape: resultShape)
        scalars.withUnsafeBufferPointer { input in
            result.scalars.withUnsafeMutableBufferPointer { output in
                let (source, target) = (input.baseAddress!, output.baseAddress!)
                var index = [Int](repeating: 0, count: outerRank)
                var sourceOffset = 0, targetOffset = 0
                for _ in 0..<rows {
                    for t in 0..<lastExtent {
                        let from = source + sourceOffset + t * lastStride
                        if run == 1 { target[targetOffset + t] = from.pointee } else {
                            (target + targetOffset + t * run).update(from: from, count: run)
                        }
                    }
                    targetOffset += lastExtent * run
                    var axis = outerRank - 1                  // advance the odometer
                    while axis >= 0 {
                        index[axis] += 1
                        sourceOffset += sourceStrides[axis]
                        if index[axis] < resultShape[axis] { break }
                        sourceOffset -= sourceStrides[axis] * resultShape[axis]
                        index[axis] = 0
                        axis -= 1
                    }
                }
            }
        }
        return result
    }
}
