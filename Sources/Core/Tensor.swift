// Tensor.swift: the value type every module computes with.
// Goals, in order: a shape that is always checked, and an element count no outside code can change
// (`scalars.count == count == shape product`, checked on every write); row-major storage the SIMD
// kernels can read directly; as little API as the course needs. The axis operations are in
// Tensor+Axes.swift and Tensor+Reductions.swift, the elementwise maps in Tensor+Elementwise.swift.
//
// The notes put one example per row: a design matrix X in R^{N x P} has shape [N, P]
// (MLiS II Sec. 1.2.1, Eq. 1.2.2), and a layer's weights W^(l) have shape [n_(l-1), n_l].

/// A row-major array of `Float` with a shape.
///
/// ```swift
/// let X = Tensor([[1, 0, 0], [1, 0, 1]])   // shape [2, 3]
/// print(X[1, 2])                           // 1.0
/// print(X.transposed().shape)              // [3, 2]
/// ```
public struct Tensor: Equatable, Sendable, CustomStringConvertible {
    /// The extent of each axis; `shape.reduce(1, *) == scalars.count`.
    public let shape: [Int]
    /// The number of elements, the product of `shape`: fixed when the tensor is made.
    public let count: Int
    /// The elements in row-major order (the last axis varies fastest).
    ///
    /// Elements may be written in place (`x.scalars[i] = v`, `withUnsafeMutableBufferPointer`), but
    /// the count may not change: a write that leaves `scalars.count != count` (an `append`, a
    /// shorter array) stops with a message naming the shape.
    ///
    /// Why accessors and not a `didSet`: another module writing `x.scalars[i] = v` through an
    /// observed property got a fresh copy of the whole array per write (measured with Swift 6.3.1:
    /// 20,000 writes took 39 ms, quadratic). These `@inlinable` accessors let the caller write in
    /// place; a scalar loop of writes from another module costs a few nanoseconds more per write
    /// than a bare stored property (the buffer's uniqueness check stays in the loop), and loops
    /// over `withUnsafeMutableBufferPointer` cost nothing more.
    public var scalars: [Float] {
        @inlinable get { storage }
        @inlinable _modify {
            yield &storage
            if _slowPath(storage.count != count) { countChanged(to: storage.count) }
        }
        @inlinable set {
            if _slowPath(newValue.count != count) { countChanged(to: newValue.count) }
            storage = newValue
        }
    }

    /// The elements behind `scalars`, whose accessors check every write.
    @usableFromInline var storage: [Float]

    /// A tensor of `shape` with every element `value`.
    public init(shape: [Int], repeating value: Float = 0) {
        require(shape.allSatisfy { $0 >= 0 }, "Tensor(shape:): negative extent in shape \(shape)")
        self.shape = shape
        self.count = shape.reduce(1, *)
        self.storage = [Float](repeating: value, count: count)
    }

    /// A tensor of `shape` holding `scalars` in row-major order.
    /// Precondition: `scalars.count` is the product of `shape`.
    public init(shape: [Int], scalars: [Float]) {
        require(shape.allSatisfy { $0 >= 0 } && shape.reduce(1, *) == scalars.count,
                     "Tensor(shape:scalars:): shape \(shape) needs \(shape.reduce(1, *)) scalars, got \(scalars.count)")
        self.shape = shape
        self.count = scalars.count
        self.storage = scalars
    }

    /// A matrix from its rows. Precondition: every row has the same length.
    public init(_ rows: [[Float]]) {
        let columns = rows.first?.count ?? 0
        for (index, row) in rows.enumerated() {
            require(row.count == columns,
                         "Tensor(rows): row 0 has \(columns) columns but row \(index) has \(row.count)")
        }
        self.init(shape: [rows.count, columns], scalars: rows.flatMap { $0 })
    }

    /// A column vector (shape [n, 1]), the notes' convention for w and Y.
    public init(column values: [Float]) {
        self.init(shape: [values.count, 1], scalars: values)
    }

    public var rank: Int { shape.count }

    /// Rows of a matrix. Precondition: rank 2.
    public var rows: Int { requireMatrix("rows"); return shape[0] }
    /// Columns of a matrix. Precondition: rank 2.
    public var columns: Int { requireMatrix("columns"); return shape[1] }

    /// Element (i, j) of a matrix.
    public subscript(row: Int, column: Int) -> Float {
        get { scalars[flatIndex(row, column)] }
        set { scalars[flatIndex(row, column)] = newValue }
    }

    /// The same elements with another shape of the same size.
    public func reshaped(_ newShape: [Int]) -> Tensor {
        require(newShape.reduce(1, *) == count,
                     "reshaped: cannot view shape \(shape) (\(count) elements) as \(newShape)")
        return Tensor(shape: newShape, scalars: scalars)
    }

    /// Row `i` of a matrix as an array.
    public func row(_ i: Int) -> [Float] {
        require(i >= 0 && i < rows, "row: index \(i) out of range for shape \(shape)")
        return Array(scalars[(i * columns)..<((i + 1) * columns)])
    }

    /// The matrix made of the rows at `indices`, in that order (a mini-batch).
    public func gatheringRows(_ indices: [Int]) -> Tensor {
        let width = columns
        var result = [Float]()
        result.reserveCapacity(indices.count * width)
        for i in indices {
            require(i >= 0 && i < rows, "gatheringRows: index \(i) out of range for shape \(shape)")
            result.append(contentsOf: scalars[(i * width)..<((i + 1) * width)])
        }
        return Tensor(shape: [indices.count, width], scalars: result)
    }

    /// The transpose of a matrix (shape [n, m] from [m, n]).
    public func transposed() -> Tensor {
        let (m, n) = (rows, columns)
        var result = Tensor(shape: [n, m])
        for i in 0..<m {
            for j in 0..<n { result.scalars[j * m + i] = scalars[i * n + j] }
        }
        return result
    }

    /// The matrix with a first column of ones: x~ = (1, x), so the bias is w_0 (MLiS II Eq. 1.1.4).
    public func prependingOnesColumn() -> Tensor {
        let (m, n) = (rows, columns)
        var result = Tensor(shape: [m, n + 1], repeating: 1)
        for i in 0..<m {
            for j in 0..<n { result.scalars[i * (n + 1) + j + 1] = scalars[i * n + j] }
        }
        return result
    }

    public var description: String {
        guard rank == 2 else { return "Tensor(shape: \(shape), scalars: \(scalars))" }
        let lines = (0..<rows).map { i in "  " + row(i).map { "\($0)" }.joined(separator: ", ") }
        return "Tensor \(shape)\n" + lines.joined(separator: "\n")
    }

    /// Stops: a write to `scalars` left `newCount` elements in a tensor of `count`.
    @usableFromInline @inline(never)
    func countChanged(to newCount: Int) -> Never {
        requirementFailed("Tensor.scalars: a tensor of shape \(shape) holds \(count) scalars, but this write leaves "
                          + "\(newCount); make a new Tensor(shape:scalars:) to change the count")
    }

    private func requireMatrix(_ operation: String) {
        require(rank == 2, "\(operation): needs a matrix (rank 2), got shape \(shape)")
    }

    private func flatIndex(_ row: Int, _ column: Int) -> Int {
        requireMatrix("subscript")
        require(row >= 0 && row < shape[0] && column >= 0 && column < shape[1],
                     "subscript: index (\(row), \(column)) out of range for shape \(shape)")
        return row * shape[1] + column
    }
}
