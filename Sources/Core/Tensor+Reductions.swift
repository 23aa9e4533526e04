// Tensor+Reductions.swift: sum, mean, maximum and Euclidean norm along one axis of a tensor of any
// rank, with the backward rules of the maximum and the norm (the sum's and mean's are a `repeated`).
// Goals, in order: one convention (below), checked axes; stable sums through the SIMD kernels; each
// backward rule beside its forward. The plain twins are in Kernels/Reference+Tensor.swift.
//
// Convention: the reduced axis is removed. [N, C] summed along axis 1 is [N]; along axis 0 it is [C].
// To line a result up with its input again (x - mean, x / norm), repeat it along the same axis:
// `m.repeated(shape[axis], alongNewAxis: axis)` has the input's shape again.
//
// With the layout [outer, extent, inner] of Tensor+Axes.swift, output (o, j) reduces the extent values
// at (o, i, j). When inner = 1 the values are contiguous and one kernel call (`Kernels.sum`, `dot`,
// `maximum`, with their several SIMD partial sums) reduces them; otherwise the runs of inner values
// are combined into the output run one after another, i = 0, 1, ..., in the order of the plain loop.

extension Tensor {
    /// s[o, j] = sum_i x[o, i, j]: the sum along `axis`, which is removed (extent 0 sums to 0).
    ///
    /// ```swift
    /// Tensor([[1, 2, 3], [4, 5, 6]]).sum(alongAxis: 1)   // [6, 15], shape [2]
    /// ```
    /// Backward: dJ/dx = (dJ/ds).repeated(shape[axis], alongNewAxis: axis).
    public func sum(alongAxis axis: Int) -> Tensor {
        reduced(alongAxis: axis, "sum(alongAxis:)", initial: 0, contiguous: { Kernels.sum($0) },
                accumulate: { run, total in Kernels.add(run, UnsafeBufferPointer(total), into: total) })
    }

    /// The mean along `axis` (removed): the sum divided by the extent (NaN for an extent of 0).
    ///
    /// Backward: dJ/dx = (1 / shape[axis]) (dJ/dm).repeated(shape[axis], alongNewAxis: axis).
    public func mean(alongAxis axis: Int) -> Tensor {
        var result = sum(alongAxis: axis)
        let extent = Float(shape[axis])
        result.scalars.withUnsafeMutableBufferPointer { sums in
            Kernels.map(UnsafeBufferPointer(sums), into: sums, { $0 / SIMD8(repeating: extent) }, { $0 / extent })
        }
        return result
    }

    /// The largest value along `axis` (removed); NaN where a reduced value is NaN, -infinity for an
    /// extent of 0. (Named `maximum`, as in `Kernels`, so that Swift's `max(_:_:)` stays reachable
    /// inside extensions of Tensor.)
    ///
    /// Backward: `maximumBackward` with the winners from `argmaximum(alongAxis:)`.
    public func maximum(alongAxis axis: Int) -> Tensor {
        reduced(alongAxis: axis, "maximum(alongAxis:)", initial: -.infinity, contiguous: { Kernels.maximum($0) },
                accumulate: { run, best in
                    Kernels.zip(run, UnsafeBufferPointer(best), into: best,
                                { value, best in best.replacing(with: value, where: (value .> best) .| (value .!= value)) },
                                { value, best in value > best || value.isNaN ? value : best })
                })
    }

    /// For each output of `maximum(alongAxis:)`, in its row-major order, the index along `axis` of
    /// the value that won: the first largest, or the first NaN. Precondition: the extent is at least 1.
    public func argmaximum(alongAxis axis: Int) -> [Int] {
        requireAxis(axis, of: shape, "argmaximum(alongAxis:)")
        require(shape[axis] > 0, "argmaximum(alongAxis:): axis \(axis) of shape \(shape) is empty")
        let layout = AxisLayout(shape, axis: axis)
        var winners = [Int]()
        winners.reserveCapacity(layout.outer * layout.inner)
        scalars.withUnsafeBufferPointer { x in
            for o in 0..<layout.outer {
                for j in 0..<layout.inner {
                    let base = o * layout.block + j
                    var (best, bestValue) = (0, x[base])
                    for i in 1..<layout.extent where !bestValue.isNaN {
                        let value = x[base + i * layout.inner]
                        if value > bestValue || value.isNaN { (best, bestValue) = (i, value) }
                    }
                    winners.append(best)
                }
            }
        }
        return winners
    }

    /// ||x||_2 along `axis` (removed): sqrt(sum_i x[o, i, j]^2), e.g. the lengths of capsule vectors.
    ///
    /// Backward: `normBackward`, dJ/dx = (dJ/dn) x / ||x||.
    public func norm(alongAxis axis: Int) -> Tensor {
        reduced(alongAxis: axis, "norm(alongAxis:)", initial: 0, contiguous: { Kernels.dot($0, $0) },
                accumulate: { run, total in
                    Kernels.zip(run, UnsafeBufferPointer(total), into: total, { x, sum in sum + x * x }, { x, sum in sum + x * x })
                }).squareRoot()
    }

    /// The reduction skeleton: for every block o, either one `contiguous` call on the extent values
    /// (inner = 1), or `accumulate(run_i, output run)` for i = 0, 1, ... starting from `initial`.
    private func reduced(alongAxis axis: Int, _ operation: String, initial: Float,
                         contiguous: (UnsafeBufferPointer<Float>) -> Float,
                         accumulate: (UnsafeBufferPointer<Float>, UnsafeMutableBufferPointer<Float>) -> Void) -> Tensor {
        requireAxis(axis, of: shape, operation)
        var resultShape = shape
        resultShape.remove(at: axis)
        let layout = AxisLayout(shape, axis: axis)
        var result = Tensor(shape: resultShape, repeating: initial)
        scalars.withUnsafeBufferPointer { x in
            result.scalars.withUnsafeMutableBufferPointer { y in
                for o in 0..<layout.outer {
                    let block = o * layout.block
                    if layout.inner == 1 {
                        y[o] = contiguous(UnsafeBufferPointer(rebasing: x[block..<(block + layout.extent)]))
                        continue
                    }
                    let target = UnsafeMutableBufferPointer(rebasing: y[(o * layout.inner)..<((o + 1) * layout.inner)])
                    for i in 0..<layout.extent {
                        let start = block + i * layout.inner
                        accumulate(UnsafeBufferPointer(rebasing: x[start..<(start + layout.inner)]), target)
                    }
                }
            }
        }
        return result
    }
}

/// The backward pass of `maximum(alongAxis:)`: all of each output's gradient goes to the value that
/// won (`winners` from `argmaximum(alongAxis:)`), none to the others, as in max pooling.
/// Precondition: `outputGradient` has `inputShape` without `axis`, and one winner per element.
public func maximumBackward(_ outputGradient: Tensor, winners: [Int], alongAxis axis: Int, inputShape: [Int]) -> Tensor {
    requireAxis(axis, of: inputShape, "maximumBackward")
    var reducedShape = inputShape
    reducedShape.remove(at: axis)
    requireShapes(outputGradient.shape == reducedShape && winners.count == outputGradient.count,
                  "maximumBackward: dJ/d(max) vs the input shape", outputGradient.shape, inputShape)
    let layout = AxisLayout(inputShape, axis: axis)
    var gradient = Tensor(shape: inputShape)
    outputGradient.scalars.withUnsafeBufferPointer { dy in
        gradient.scalars.withUnsafeMutableBufferPointer { dx in
            for o in 0..<layout.outer {
                for j in 0..<layout.inner {
                    let output = o * layout.inner + j, winner = winners[output]
                    require(winner >= 0 && winner < layout.extent,
                            "maximumBackward: winner \(winner) is outside 0..<\(layout.extent), axis \(axis) of shape \(inputShape)")
                    dx[o * layout.block + winner * layout.inner + j] += dy[output]
                }
            }
        }
    }
    return gradient
}

/// The backward pass of n = ||x|| along `axis`: dn/dx_i = x_i / ||x||, so dJ/dx = (dJ/dn / n) x,
/// with the ratio repeated along `axis`. Where ||x|| = 0 the gradient is 0 (a subgradient: the norm
/// has no derivative at the origin).
/// Preconditions: `norms` is `input.norm(alongAxis: axis)` and `outputGradient` has its shape.
public func normBackward(_ outputGradient: Tensor, input: Tensor, norms: Tensor, alongAxis axis: Int) -> Tensor {
    requireAxis(axis, of: input.shape, "normBackward")
    requireShapes(outputGradient.shape == norms.shape, "normBackward: dJ/dn vs the norms", outputGradient.shape, norms.shape)
    var reducedShape = input.shape
    reducedShape.remove(at: axis)
    requireShapes(norms.shape == reducedShape, "normBackward: the norms vs the input", norms.shape, input.shape)
    var ratio = outputGradient
    for i in 0..<ratio.count {
        ratio.scalars[i] = norms.scalars[i] > 0 ? outputGradient.scalars[i] / norms.scalars[i] : 0
    }
    return input.multipliedElementwise(by: ratio.repeated(input.shape[axis], alongNewAxis: axis))
}
