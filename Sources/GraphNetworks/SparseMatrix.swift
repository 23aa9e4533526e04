// SparseMatrix.swift: a matrix in compressed sparse row (CSR) form, and its products with dense
// matrices: the propagation S H of a graph layer (MLiS II Eq. (2.9.3), Eq. (2.9.4)) and its adjoint S^T G
// for the backward pass.
// Goals, in order: products equal to the dense `matmul` (tests compare them); memory and time that
// grow with the number of edges, not with N^2 (MLiS II Sec. 2.9.2 warns that the adjacency matrix
// of a large graph fills memory); every row of work through Core's `Kernels.axpy`.
//
// CSR keeps, row by row, only the non-zero entries: row i's entries are
//     values[rowStarts[i] ..< rowStarts[i + 1]]  in the columns  columnIndices[same range].
// The path graph 0 - 1 - 2 has A = [[0, 1, 0], [1, 0, 1], [0, 1, 0]]:
//     rowStarts = [0, 1, 3, 4], columnIndices = [1, 0, 2, 1], values = [1, 1, 1, 1].

import Core

/// A `rows` x `columns` matrix that stores only its non-zero entries, row by row.
///
/// ```swift
/// let a = SparseMatrix(dense: Tensor([[0, 1, 0], [1, 0, 1], [0, 1, 0]]))
/// print(a.nonzeroCount)                          // 4
/// print(a.times(Tensor(column: [1, 2, 3])).scalars)   // [2.0, 4.0, 2.0]: each node sums its neighbours
/// ```
public struct SparseMatrix: Equatable, Sendable {
    public let rows: Int
    public let columns: Int
    /// rowStarts[i]..<rowStarts[i + 1] indexes row i's entries; rowStarts.count == rows + 1.
    public let rowStarts: [Int]
    /// The column of each stored entry, increasing within a row.
    public let columnIndices: [Int]
    /// The value of each stored entry.
    public let values: [Float]

    /// A matrix from its entries (row, column, value), in any order; entries equal to 0 are dropped.
    /// Preconditions: every index is in range and no (row, column) is given twice.
    public init(rows: Int, columns: Int, entries: [(row: Int, column: Int, value: Float)]) {
        require(rows >= 0 && columns >= 0, "SparseMatrix: negative size \(rows) x \(columns)")
        var perRow = [[(column: Int, value: Float)]](repeating: [], count: rows)
        for entry in entries {
            require((0..<rows).contains(entry.row) && (0..<columns).contains(entry.column),
                    "SparseMatrix: entry (\(entry.row), \(entry.column)) is outside \(rows) x \(columns)")
            if entry.value != 0 { perRow[entry.row].append((entry.column, entry.value)) }
        }
        var starts = [0]
        var indices: [Int] = []
        var stored: [Float] = []
        for (row, list) in perRow.enumerated() {
            let sorted = list.sorted { $0.column < $1.column }
            for (a, b) in zip(sorted, sorted.dropFirst()) {
                require(a.column != b.column, "SparseMatrix: entry (\(row), \(a.column)) is given twice")
            }
            indices += sorted.map(\.column)
            stored += sorted.map(\.value)
            starts.append(indices.count)
        }
        self.rows = rows
        self.columns = columns
        self.rowStarts = starts
        self.columnIndices = indices
        self.values = stored
    }

    /// The non-zero entries of a dense matrix. Precondition: rank 2.
    public init(dense: Tensor) {
        require(dense.rank == 2, "SparseMatrix(dense:): needs a matrix, got shape \(dense.shape)")
        var entries: [(row: Int, column: Int, value: Float)] = []
        for i in 0..<dense.rows {
            for j in 0..<dense.columns where dense[i, j] != 0 { entries.append((i, j, dense[i, j])) }
        }
        self.init(rows: dense.rows, columns: dense.columns, entries: entries)
    }

    /// The number of stored (non-zero) entries: 2|E| for an adjacency matrix.
    public var nonzeroCount: Int { values.count }

    /// The same matrix as a dense `Tensor` of shape [rows, columns].
    public var dense: Tensor {
        var result = Tensor(shape: [rows, columns])
        for i in 0..<rows {
            for p in rowStarts[i]..<rowStarts[i + 1] { result[i, columnIndices[p]] = values[p] }
        }
        return result
    }

    /// The stored entries of row i as (column, value) pairs.
    public func row(_ i: Int) -> [(column: Int, value: Float)] {
        require((0..<rows).contains(i), "SparseMatrix.row: row \(i) is outside 0..<\(rows)")
        return (rowStarts[i]..<rowStarts[i + 1]).map { (columnIndices[$0], values[$0]) }
    }

    /// Whether the matrix equals its transpose.
    public var isSymmetric: Bool {
        rows == columns && self == transposed()
    }

    /// The transpose, shape [columns, rows].
    public func transposed() -> SparseMatrix {
        var entries: [(row: Int, column: Int, value: Float)] = []
        entries.reserveCapacity(nonzeroCount)
        for i in 0..<rows {
            for p in rowStarts[i]..<rowStarts[i + 1] { entries.append((columnIndices[p], i, values[p])) }
        }
        return SparseMatrix(rows: columns, columns: rows, entries: entries)
    }

    /// S H, shape [rows, F], for a dense H of shape [columns, F]: row i is sum_j S_ij H_j, one
    /// `axpy` per stored entry, so the cost is nonzeroCount * F rather than rows * columns * F.
    /// Precondition: H has `columns` rows; otherwise it stops and names both shapes.
    public func times(_ h: Tensor) -> Tensor {
        requireShapes(h.rank == 2 && h.rows == columns, "SparseMatrix.times (S H)", [rows, columns], h.shape)
        let width = h.columns
        var result = Tensor(shape: [rows, width])
        guard width > 0 else { return result }
        h.scalars.withUnsafeBufferPointer { input in
            result.scalars.withUnsafeMutableBufferPointer { output in
                for i in 0..<rows {
                    let target = UnsafeMutableBufferPointer(rebasing: output[(i * width)..<((i + 1) * width)])
                    for p in rowStarts[i]..<rowStarts[i + 1] {
                        let j = columnIndices[p]
                        Kernels.axpy(values[p], UnsafeBufferPointer(rebasing: input[(j * width)..<((j + 1) * width)]), target)
                    }
                }
            }
        }
        return result
    }

    /// S^T G, shape [columns, F], for a dense G of shape [rows, F], without forming S^T: entry
    /// S_ij sends S_ij G_i to row j. The adjoint of `times`: <S H, G> = <H, S^T G>.
    /// Precondition: G has `rows` rows; otherwise it stops and names both shapes.
    public func transposedTimes(_ g: Tensor) -> Tensor {
        requireShapes(g.rank == 2 && g.rows == rows, "SparseMatrix.transposedTimes (S^T G)", [rows, columns], g.shape)
        let width = g.columns
        var result = Tensor(shape: [columns, width])
        guard width > 0 else { return result }
        g.scalars.withUnsafeBufferPointer { input in
            result.scalars.withUnsafeMutableBufferPointer { output in
                for i in 0..<rows {
                    let source = UnsafeBufferPointer(rebasing: input[(i * width)..<((i + 1) * width)])
                    for p in rowStarts[i]..<rowStarts[i + 1] {
                        let j = columnIndices[p]
                        Kernels.axpy(values[p], source, UnsafeMutableBufferPointer(rebasing: output[(j * width)..<((j + 1) * width)]))
                    }
                }
            }
        }
        return result
    }
}
