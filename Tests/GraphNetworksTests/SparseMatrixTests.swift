// Tests of SparseMatrix.swift: the CSR form against the dense matrix, and the adjointness of its two
// products, <S H, G> = <H, S^T G>, which the backward pass of a graph layer relies on.

import Testing
import Core
import GraphNetworks

@Suite("Sparse (CSR) matrices")
struct SparseMatrixTests {
    @Test("The path graph in CSR form: rowStarts [0, 1, 3, 4], columns [1, 0, 2, 1]; A x sums the neighbours")
    func pathGraphLayout() {
        let a = pathGraph.sparseAdjacency
        #expect(a.rowStarts == [0, 1, 3, 4])
        #expect(a.columnIndices == [1, 0, 2, 1])
        #expect(a.values == [1, 1, 1, 1])
        #expect(a.times(Tensor(column: [1, 2, 3])) == Tensor(column: [2, 4, 2]))
        #expect(a.dense == pathGraph.adjacency)
        #expect(a.isSymmetric)
    }

    @Test("S H and S^T G equal the dense matmul, on random sparse matrices of several shapes (seed 13)")
    func agreesWithDenseProducts() {
        var generator = Xoshiro256StarStar(seed: 13)
        for (rows, columns, width) in [(1, 1, 1), (5, 7, 3), (40, 40, 16), (200, 200, 4), (9, 4, 0)] {
            let mask = generator.uniformTensor(shape: [rows, columns]).map { $0 < 0.15 ? 1 : 0 }
            var dense = generator.normalTensor(shape: [rows, columns])
            for i in dense.scalars.indices { dense.scalars[i] *= mask.scalars[i] }
            let sparse = SparseMatrix(dense: dense)
            #expect(sparse.dense == dense)
            let h = generator.normalTensor(shape: [columns, width])
            let g = generator.normalTensor(shape: [rows, width])
            #expect(isApproximatelyEqual(sparse.times(h).scalars, matmul(dense, h).scalars, absoluteTolerance: 1e-5),
                    "S H, \(rows) x \(columns) times width \(width)")
            #expect(isApproximatelyEqual(sparse.transposedTimes(g).scalars, matmul(dense, g, transposeA: true).scalars,
                                         absoluteTolerance: 1e-5), "S^T G, \(rows) x \(columns)")
            #expect(sparse.transposed().dense == dense.transposed())
        }
    }

    @Test("Adjointness: <S H, G> = <H, S^T G> for a random 60 x 50 sparse S (seed 17)")
    func adjointness() {
        var generator = Xoshiro256StarStar(seed: 17)
        let entries = (0..<300).map { _ in (generator.uniformInt(below: 60), generator.uniformInt(below: 50)) }
        var unique: [Int: Float] = [:]
        for (i, j) in entries { unique[i * 50 + j] = generator.normal() }
        let s = SparseMatrix(rows: 60, columns: 50, entries: unique.map { ($0.key / 50, $0.key % 50, $0.value) })
        let h = generator.normalTensor(shape: [50, 6])
        let g = generator.normalTensor(shape: [60, 6])
        let left = Double(s.times(h).dot(g)), right = Double(h.dot(s.transposedTimes(g)))
        #expect(isApproximatelyEqual(left, right, relativeTolerance: 1e-5), "\(left) against \(right)")
    }

    @Test("Entries equal to zero are not stored; rows come out sorted by column")
    func zerosDroppedAndSorted() {
        let s = SparseMatrix(rows: 2, columns: 3, entries: [(0, 2, 5), (0, 0, 1), (1, 1, 0)])
        #expect(s.nonzeroCount == 2)
        #expect(s.row(0).map(\.column) == [0, 2])
        #expect(s.row(1).isEmpty)
    }
}
