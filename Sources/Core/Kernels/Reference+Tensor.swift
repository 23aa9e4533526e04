// Reference+Tensor.swift: plain twins of the tensor operations in Tensor+Axes.swift,
// Tensor+Permutation.swift, Tensor+Reductions.swift, Tensor+Elementwise.swift and `batchedMatmul`,
// the oracle the tests compare them against.
// Goals, in order: obviously correct (every output element from its coordinates, mapped to the input's
// as the definition reads); the same shapes and edge cases as the fast versions; speed does not matter.
//
// The reductions add in the order i = 0, 1, ... along the axis. The fast versions do the same when the
// reduced values are strided, and use several SIMD partial sums when they are contiguous, so the two
// agree exactly in the first case and to rounding in the second.

extension Reference {
    /// The coordinates (i_0, ..., i_(r-1)) of flat index `index` in a row-major `shape`.
    static func coordinates(of index: Int, in shape: [Int]) -> [Int] {
        var coordinates = [Int](repeating: 0, count: shape.count)
        var rest = index
        for axis in stride(from: shape.count - 1, through: 0, by: -1) {
            coordinates[axis] = rest % shape[axis]
            rest /= shape[axis]
        }
        return coordinates
    }

    /// The flat index of `coordinates` in a row-major `shape` (Horner's rule on the extents).
    static func flatIndex(of coordinates: [Int], in shape: [Int]) -> Int {
        var index = 0
        for (axis, coordinate) in coordinates.enumerated() { index = index * shape[axis] + coordinate }
        return index
    }

    /// `Tensor(concatenating:alongAxis:)`: along `axis`, the coordinate says which part, after
    /// subtracting the extents of the parts before it.
    public static func concatenated(_ parts: [Tensor], alongAxis axis: Int) -> Tensor {
        var shape = parts[0].shape
        shape[axis] = parts.map { $0.shape[axis] }.reduce(0, +)
        var result = Tensor(shape: shape)
        for index in 0..<result.count {
            var position = coordinates(of: index, in: shape)
            var part = 0
            while position[axis] >= parts[part].shape[axis] {
                position[axis] -= parts[part].shape[axis]
                part += 1
            }
            result.scalars[index] = parts[part].scalars[flatIndex(of: position, in: parts[part].shape)]
        }
        return result
    }

    /// `gathering(_:alongAxis:)`: result[..., p, ...] = x[..., indices[p], ...].
    public static func gathering(_ x: Tensor, _ indices: [Int], alongAxis axis: Int) -> Tensor {
        var shape = x.shape
        shape[axis] = indices.count
        var result = Tensor(shape: shape)
        for index in 0..<result.count {
            var position = coordinates(of: index, in: shape)
            position[axis] = indices[position[axis]]
            result.scalars[index] = x.scalars[flatIndex(of: position, in: x.shape)]
        }
        return result
    }

    /// `sliced(_:alongAxis:)`: the gather of the indices in `range`.
    public static func sliced(_ x: Tensor, _ range: Range<Int>, alongAxis axis: Int) -> Tensor {
        gathering(x, Array(range), alongAxis: axis)
    }

    /// `split(alongAxis:sizes:)`: consecutive slices.
    public static func split(_ x: Tensor, alongAxis axis: Int, sizes: [Int]) -> [Tensor] {
        var start = 0
        var pieces = [Tensor]()
        for size in sizes {
            pieces.append(sliced(x, start..<(start + size), alongAxis: axis))
            start += size
        }
        return pieces
    }

    /// `permuted(_:)`: result[i_0, ..., i_(r-1)] = x[j] with j_(axes[k]) = i_k.
    public static func permuted(_ x: Tensor, _ axes: [Int]) -> Tensor {
        let shape = axes.map { x.shape[$0] }
        var result = Tensor(shape: shape)
        for index in 0..<result.count {
            let position = coordinates(of: index, in: shape)
            var source = [Int](repeating: 0, count: axes.count)
            for k in 0..<axes.count { source[axes[k]] = position[k] }
            result.scalars[index] = x.scalars[flatIndex(of: source, in: x.shape)]
        }
        return result
    }

    /// `repeated(_:alongNewAxis:)`: result[..., c, ...] = x[..., ...] for every c of the new axis.
    public static func repeated(_ x: Tensor, _ count: Int, alongNewAxis axis: Int) -> Tensor {
        var shape = x.shape
        shape.insert(count, at: axis)
        var result = Tensor(shape: shape)
        for index in 0..<result.count {
            var position = coordinates(of: index, in: shape)
            position.remove(at: axis)
            result.scalars[index] = x.scalars[flatIndex(of: position, in: x.shape)]
        }
        return result
    }

    /// `sum(alongAxis:)`: s = sum_i x[..., i, ...], added in the order of i.
    public static func sum(_ x: Tensor, alongAxis axis: Int) -> Tensor {
        reduced(x, alongAxis: axis, initial: 0) { total, value in total + value }
    }

    /// `mean(alongAxis:)`: the sum divided by the extent.
    public static func mean(_ x: Tensor, alongAxis axis: Int) -> Tensor {
        sum(x, alongAxis: axis).map { $0 / Float(x.shape[axis]) }
    }

    /// `maximum(alongAxis:)`: the largest value, NaN if any value is NaN, -infinity if there is none.
    public static func maximum(_ x: Tensor, alongAxis axis: Int) -> Tensor {
        reduced(x, alongAxis: axis, initial: -.infinity) { best, value in value > best || value.isNaN ? value : best }
    }

    /// `argmaximum(alongAxis:)`: the index of the first largest value (or of the first NaN).
    public static func argmaximum(_ x: Tensor, alongAxis axis: Int) -> [Int] {
        var shape = x.shape
        shape.remove(at: axis)
        let outputs = shape.reduce(1, *)
        return (0..<outputs).map { index in
            var position = coordinates(of: index, in: shape)
            position.insert(0, at: axis)
            var best = 0
            var bestValue = x.scalars[flatIndex(of: position, in: x.shape)]
            for i in 0..<x.shape[axis] where !bestValue.isNaN {
                position[axis] = i
                let value = x.scalars[flatIndex(of: position, in: x.shape)]
                if value > bestValue || value.isNaN { (best, bestValue) = (i, value) }
            }
            return best
        }
    }

    /// `norm(alongAxis:)`: sqrt(sum_i x[..., i, ...]^2).
    public static func norm(_ x: Tensor, alongAxis axis: Int) -> Tensor {
        reduced(x, alongAxis: axis, initial: 0) { total, value in total + value * value }.map { $0.squareRoot() }
    }

    /// total = combine(total, x[..., i, ...]) for i = 0, 1, ..., from `initial`, for every output.
    static func reduced(_ x: Tensor, alongAxis axis: Int, initial: Float, _ combine: (Float, Float) -> Float) -> Tensor {
        var shape = x.shape
        shape.remove(at: axis)
        var result = Tensor(shape: shape)
        for index in 0..<result.count {
            var position = coordinates(of: index, in: shape)
            position.insert(0, at: axis)
            var total = initial
            for i in 0..<x.shape[axis] {
                position[axis] = i
                total = combine(total, x.scalars[flatIndex(of: position, in: x.shape)])
            }
            result.scalars[index] = total
        }
        return result
    }

    /// `batchedMatmul`: C[b, i, j] = sum_p op(A)[b, i, p] op(B)[b, p, j], the naive triple loop per entry.
    public static func batchedMatmul(_ a: Tensor, _ b: Tensor, transposeA: Bool = false, transposeB: Bool = false) -> Tensor {
        let (m, k) = transposeA ? (a.shape[2], a.shape[1]) : (a.shape[1], a.shape[2])
        let n = transposeB ? b.shape[1] : b.shape[2]
        var c = Tensor(shape: [a.shape[0], m, n])
        for entry in 0..<a.shape[0] {
            for i in 0..<m {
                for j in 0..<n {
                    var total: Float = 0
                    for p in 0..<k {
                        let aip = a.scalars[flatIndex(of: transposeA ? [entry, p, i] : [entry, i, p], in: a.shape)]
                        let bpj = b.scalars[flatIndex(of: transposeB ? [entry, j, p] : [entry, p, j], in: b.shape)]
                        total += aip * bpj
                    }
                    c.scalars[flatIndex(of: [entry, i, j], in: c.shape)] = total
                }
            }
        }
        return c
    }

    /// z <- x ⊘ y (elementwise quotient). Precondition: all three lengths equal.
    public static func divide(_ x: UnsafeBufferPointer<Float>, _ y: UnsafeBufferPointer<Float>,
                              into z: UnsafeMutableBufferPointer<Float>) {
        requireEqualLengths("divide", x.count, y.count, z.count)
        for i in 0..<x.count { z[i] = x[i] / y[i] }
    }
}
