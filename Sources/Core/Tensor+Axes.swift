// Tensor+Axes.swift: moving data along one axis of a tensor of any rank: concatenation and split,
// slicing a range of entries, gathering entries, permuting the axes, and repeating along a new axis.
// Reductions along an axis (sum, mean, maximum, norm) are in Tensor+Reductions.swift.
// Goals, in order: every axis and shape checked, with a message naming the operation and the shapes;
// each operation's backward rule written beside it; whole contiguous runs copied at once. The plain
// index-loop twins, which the tests compare against, are in Kernels/Reference+Tensor.swift.
//
// Row-major layout seen along axis a: a tensor of shape [s_0, ..., s_(r-1)] is
//     outer = s_0 ... s_(a-1) blocks of extent = s_a runs of inner = s_(a+1) ... s_(r-1) elements,
// and element (o, i, j) of that view is at flat index (o extent + i) inner + j. Along axis 0 there is
// one block, so a range of rows (or of batch entries) is one contiguous run.
//
// All of these only move values, so each is linear, and its backward pass is its adjoint: another
// move of the same kind (concatenate <-> split, repeat <-> sum, permute <-> inverse permute).

/// The view [outer, extent, inner] of a row-major shape along one axis (see the file header).
struct AxisLayout {
    let outer: Int
    let extent: Int
    let inner: Int

    /// The layout of `shape` along `axis`. Precondition (checked by the caller): 0 <= axis < rank.
    init(_ shape: [Int], axis: Int) {
        outer = shape[..<axis].reduce(1, *)
        extent = shape[axis]
        inner = shape[(axis + 1)...].reduce(1, *)
    }

    /// The elements of one block: extent x inner.
    var block: Int { extent * inner }
}

/// Stops unless 0 <= axis < shape.count, naming the operation and the shape.
func requireAxis(_ axis: Int, of shape: [Int], _ operation: String) {
    require(axis >= 0 && axis < shape.count,
            "\(operation): axis \(axis) does not exist in shape \(shape) (its axes are 0..<\(shape.count))")
}

/// For each of `blocks` blocks, copies `run` elements from source[b sourceBlock + sourceStart]
/// to target[b targetBlock + targetStart]: the one loop behind concatenate, split and slice.
func copyRuns(blocks: Int, run: Int, from source: UnsafePointer<Float>, sourceBlock: Int, sourceStart: Int,
              to target: UnsafeMutablePointer<Float>, targetBlock: Int, targetStart: Int) {
    guard run > 0 else { return }
    for b in 0..<blocks {
        copyRun(from: source + b * sourceBlock + sourceStart, to: target + b * targetBlock + targetStart, count: run)
    }
}

/// Copies `count` contiguous elements; a single one by assignment (a library copy call costs more).
@inline(__always)
func copyRun(from source: UnsafePointer<Float>, to target: UnsafeMutablePointer<Float>, count: Int) {
    if count == 1 { target.pointee = source.pointee } else { target.update(from: source, count: count) }
}

extension Tensor {
    /// The tensors joined along `axis`, in order: extents along `axis` add up, every other extent is shared.
    ///
    /// ```swift
    /// let a = Tensor([[1, 2]]), b = Tensor([[3, 4], [5, 6]])
    /// Tensor(concatenating: [a, b], alongAxis: 0)   // [[1, 2], [3, 4], [5, 6]], shape [3, 2]
    /// ```
    /// Backward: dJ/d(parts) = (dJ/d(result)).split(alongAxis: axis, sizes: the parts' extents).
    /// Preconditions: at least one part; all parts of one rank, equal in every extent but `axis`.
    public init(concatenating parts: [Tensor], alongAxis axis: Int) {
        require(!parts.isEmpty, "Tensor(concatenating:alongAxis:): no tensors to concatenate")
        let first = parts[0].shape
        requireAxis(axis, of: first, "Tensor(concatenating:alongAxis:)")
        var shape = first
        shape[axis] = 0
        // Over the shapes, not `for part in parts`: Swift 6.3.1 crashed compiling that loop in a
        // release build ("Found outside of lifetime use!" in CopyPropagation).
        for partShape in parts.map(\.shape) {
            requireShapes(partShape.count == first.count
                          && partShape.indices.allSatisfy { $0 == axis || partShape[$0] == first[$0] },
                          "Tensor(concatenating:alongAxis: \(axis))", first, partShape)
            shape[axis] += partShape[axis]
        }
        self.init(shape: shape)
        let target = AxisLayout(shape, axis: axis)
        var start = 0
        scalars.withUnsafeMutableBufferPointer { result in
            for part in parts {
                let source = AxisLayout(part.shape, axis: axis)
                part.scalars.withUnsafeBufferPointer { values in
                    guard let from = values.baseAddress, let to = result.baseAddress else { return }
                    copyRuns(blocks: target.outer, run: source.block, from: from, sourceBlock: source.block, sourceStart: 0,
                             to: to, targetBlock: target.block, targetStart: start * target.inner)
                }
                start += source.extent
            }
        }
    }

    /// The tensor cut along `axis` into consecutive pieces of extents `sizes`.
    ///
    /// ```swift
    /// Tensor([[1, 2, 3], [4, 5, 6]]).split(alongAxis: 1, sizes: [1, 2])   // [[1], [4]] and [[2, 3], [5, 6]]
    /// ```
    /// Backward: dJ/d(self) = Tensor(concatenating: the pieces' gradients, alongAxis: axis).
    /// Preconditions: `sizes` are >= 0 and add up to the extent of `axis`.
    public func split(alongAxis axis: Int, sizes: [Int]) -> [Tensor] {
        requireAxis(axis, of: shape, "split")
        require(sizes.allSatisfy { $0 >= 0 } && sizes.reduce(0, +) == shape[axis],
                "split: sizes \(sizes) do not add up to the extent \(shape[axis]) of axis \(axis) in shape \(shape)")
        var start = 0
        return sizes.map { size in
            defer { start += size }
            return sliced(start..<(start + size), alongAxis: axis)
        }
    }

    /// The entries `range` along `axis` (by default the first axis: a range of rows, or of the
    /// examples of a batch, which is one contiguous copy).
    ///
    /// ```swift
    /// Tensor([[1, 2], [3, 4], [5, 6]]).sliced(1..<3)   // [[3, 4], [5, 6]]
    /// ```
    /// Backward: dJ/d(self) is dJ/d(result) put back in place, zeros elsewhere:
    /// Tensor(concatenating: [zeros before, dJ/d(result), zeros after], alongAxis: axis).
    /// Precondition: `range` lies inside 0..<shape[axis].
    public func sliced(_ range: Range<Int>, alongAxis axis: Int = 0) -> Tensor {
        requireAxis(axis, of: shape, "sliced")
        require(range.lowerBound >= 0 && range.upperBound <= shape[axis],
                "sliced: range \(range) is outside 0..<\(shape[axis]), axis \(axis) of shape \(shape)")
        var resultShape = shape
        resultShape[axis] = range.count
        var result = Tensor(shape: resultShape)
        let source = AxisLayout(shape, axis: axis), target = AxisLayout(resultShape, axis: axis)
        scalars.withUnsafeBufferPointer { values in
            result.scalars.withUnsafeMutableBufferPointer { output in
                guard let from = values.baseAddress, let to = output.baseAddress else { return }
                copyRuns(blocks: source.outer, run: target.block, from: from, sourceBlock: source.block,
                         sourceStart: range.lowerBound * source.inner, to: to, targetBlock: target.block, targetStart: 0)
            }
        }
        return result
    }

    /// The entries at `indices` along `axis`, in that order (an index may repeat): columns of a
    /// matrix with axis 1, a mini-batch with axis 0 (`gatheringRows` is that case for matrices).
    ///
    /// Backward: `gatheringBackward`, which adds each gradient entry back at its index.
    /// Precondition: every index lies in 0..<shape[axis].
    public func gathering(_ indices: [Int], alongAxis axis: Int) -> Tensor {
        requireAxis(axis, of: shape, "gathering")
        for index in indices {
            require(index >= 0 && index < shape[axis],
                    "gathering: index \(index) is outside 0..<\(shape[axis]), axis \(axis) of shape \(shape)")
        }
        var resultShape = shape
        resultShape[axis] = indices.count
        var result = Tensor(shape: resultShape)
        let source = AxisLayout(shape, axis: axis), target = AxisLayout(resultShape, axis: axis)
        scalars.withUnsafeBufferPointer { values in
            result.scalars.withUnsafeMutableBufferPointer { output in
                guard let from = values.baseAddress, let to = output.baseAddress else { return }
                for b in 0..<source.outer {                       // the output is written in order
                    for (position, index) in indices.enumerated() {
                        copyRun(from: from + b * source.block + index * source.inner,
                                to: to + b * target.block + position * target.inner, count: source.inner)
                    }
                }
            }
        }
        return result
    }

    /// `count` copies of the tensor stacked along a new axis inserted at position `axis`
    /// (0...rank): shape [2, 3] repeated 4 times along new axis 1 is [2, 4, 3]. It is the
    /// broadcast that lets a reduced tensor meet the one it came from, e.g. x - mean(x) along an axis.
    ///
    /// Backward: dJ/d(self) = (dJ/d(result)).sum(alongAxis: axis).
    /// Preconditions: 0 <= axis <= rank, count >= 0.
    public func repeated(_ count: Int, alongNewAxis axis: Int) -> Tensor {
        require(axis >= 0 && axis <= rank && count >= 0,
                "repeated: cannot insert an axis at \(axis) of shape \(shape) (0...\(rank)) with \(count) copies")
        var resultShape = shape
        resultShape.insert(count, at: axis)
        var result = Tensor(shape: resultShape)
        let target = AxisLayout(resultShape, axis: axis)
        scalars.withUnsafeBufferPointer { values in
            result.scalars.withUnsafeMutableBufferPointer { output in
                guard let from = values.baseAddress, let to = output.baseAddress else { return }
                for b in 0..<target.outer {                       // the output is written in order
                    let run = from + b * target.inner, copies = to + b * target.block
                    if target.inner == 1 {
                        copies.update(repeating: run.pointee, count: count)
                    } else {
                        for copy in 0..<count { copyRun(from: run, to: copies + copy * target.inner, count: target.inner) }
                    }
                }
            }
        }
        return result
    }
}

/// The adjoint of `gathering`: a tensor of `inputShape`, zero except that entry `indices[p]` along
/// `axis` receives entry p of `outputGradient` (added, so a repeated index collects every copy's gradient).
/// Precondition: `outputGradient` has the shape `gathering(indices, alongAxis: axis)` gives.
public func gatheringBackward(_ outputGradient: Tensor, indices: [Int], alongAxis axis: Int, inputShape: [Int]) -> Tensor {
    requireAxis(axis, of: inputShape, "gatheringBackward")
    var expected = inputShape
    expected[axis] = indices.count
    requireShapes(outputGradient.shape == expected, "gatheringBackward: dJ/d(result) vs the gathered shape",
                  outputGradient.shape, expected)
    var gradient = Tensor(shape: inputShape)
    let source = AxisLayout(expected, axis: axis), target = AxisLayout(inputShape, axis: axis)
    outputGradient.scalars.withUnsafeBufferPointer { dy in
        gradient.scalars.withUnsafeMutableBufferPointer { dx in
            for (position, index) in indices.enumerated() {
                require(index >= 0 && index < target.extent,
                        "gatheringBackward: index \(index) is outside 0..<\(target.extent), axis \(axis) of shape \(inputShape)")
                for b in 0..<source.outer {
                    let from = b * source.block + position * source.inner, to = b * target.block + index * target.inner
                    Kernels.axpy(1, UnsafeBufferPointer(rebasing: dy[from..<(from + source.inner)]),
                                 UnsafeMutableBufferPointer(rebasing: dx[to..<(to + target.inner)]))
                }
            }
        }
    }
    return gradient
}
