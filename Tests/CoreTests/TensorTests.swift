// Tests of Tensor and its arithmetic (Tensor.swift, Tensor+Arithmetic.swift).

import Testing
@testable import Core

@Suite("Tensor")
struct TensorTests {
    @Test("Row-major layout, transpose and the ones column of Eq. (1.1.4)")
    func layout() {
        let x = Tensor([[1, 2, 3], [4, 5, 6]])
        #expect(x.shape == [2, 3])
        #expect(x[1, 0] == 4)
        #expect(x.transposed() == Tensor([[1, 4], [2, 5], [3, 6]]))
        #expect(x.prependingOnesColumn() == Tensor([[1, 1, 2, 3], [1, 4, 5, 6]]))
        #expect(x.gatheringRows([1, 1, 0]).row(0) == [4, 5, 6])
        #expect(x.reshaped([3, 2]).row(2) == [5, 6])
    }

    @Test("matmul and its transpose variants agree with explicit transposes")
    func products() {
        let a = Tensor([[1, 2], [3, 4], [5, 6]])        // 3x2
        let b = Tensor([[1, 0, -1], [2, 1, 0]])         // 2x3
        let ab = Tensor([[5, 2, -1], [11, 4, -3], [17, 6, -5]])
        #expect(matmul(a, b) == ab)
        #expect(matmul(a.transposed(), b, transposeA: true) == ab)
        #expect(matmul(a, b.transposed(), transposeB: true) == ab)
        #expect(matmul(a.transposed(), b.transposed(), transposeA: true, transposeB: true) == ab)
    }

    @Test("Elementwise arithmetic, sums and the bias row")
    func arithmetic() {
        let x = Tensor([[1, 2], [3, 4]])
        #expect(x + x == 2 * x)
        #expect((x - x).sum() == 0)
        #expect(x.dot(x) == 30)
        #expect(x.addingRowVector(Tensor([[10, 20]])) == Tensor([[11, 22], [13, 24]]))
        #expect(x.columnSums() == Tensor([[4, 6]]))
        #expect(Tensor([[0, 3, 1], [2, 0, 2]]).argmaxPerRow() == [1, 0])
    }
}
