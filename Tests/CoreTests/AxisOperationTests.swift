// Tests of the operations that move data along an axis (Tensor+Axes.swift, Tensor+Permutation.swift):
// the doc comments' examples, the fast versions against their plain twins in Reference+Tensor.swift
// on awkward shapes (they only copy values, so they must agree exactly), and round trips.

import Testing
import Core

@Suite("Axis operations: concatenate, split, slice, gather, repeat, permute")
struct AxisOperationTests {
    @Test("The doc comments' examples")
    func examples() {
        let a = Tensor([[1, 2]]), b = Tensor([[3, 4], [5, 6]])
        #expect(Tensor(concatenating: [a, b], alongAxis: 0) == Tensor([[1, 2], [3, 4], [5, 6]]))
        #expect(Tensor(concatenating: [b, b], alongAxis: 1) == Tensor([[3, 4, 3, 4], [5, 6, 5, 6]]))
        #expect(Tensor([[1, 2, 3], [4, 5, 6]]).split(alongAxis: 1, sizes: [1, 2]) == [Tensor([[1], [4]]), Tensor([[2, 3], [5, 6]])])
        #expect(Tensor([[1, 2], [3, 4], [5, 6]]).sliced(1..<3) == Tensor([[3, 4], [5, 6]]))
        #expect(Tensor([[1, 2, 3], [4, 5, 6]]).gathering([2, 0, 2], alongAxis: 1) == Tensor([[3, 1, 3], [6, 4, 6]]))
        #expect(Tensor([[1, 2], [3, 4]]).gathering([1, 1, 0], alongAxis: 0) == Tensor([[1, 2], [3, 4]]).gatheringRows([1, 1, 0]))
        #expect(Tensor(shape: [2, 3]).repeated(4, alongNewAxis: 1).shape == [2, 4, 3])
        #expect(Tensor(shape: [3], scalars: [1, 2, 3]).repeated(2, alongNewAxis: 0) == Tensor([[1, 2, 3], [1, 2, 3]]))
        #expect(Tensor(shape: [3], scalars: [1, 2, 3]).repeated(2, alongNewAxis: 1) == Tensor([[1, 1], [2, 2], [3, 3]]))
        #expect(Tensor(shape: [64, 3, 28, 28]).permuted([0, 2, 3, 1]).shape == [64, 28, 28, 3])
        let x = Tensor([[1, 2, 3], [4, 5, 6]])
        #expect(x.permuted([1, 0]) == x.transposed())
        #expect(inversePermutation([2, 0, 1]) == [1, 2, 0])
    }

    @Test("Concatenate, split, slice and gather equal their plain twins exactly (seed 31)",
          arguments: AxisTestSupport.shapesAndAxes)
    func movesMatchReference(shape: [Int], axis: Int) {
        let x = AxisTestSupport.randomTensor(shape, seed: 31)
        let extent = shape[axis]
        var before = shape, after = shape
        (before[axis], after[axis]) = (1, 2)
        let parts = [AxisTestSupport.randomTensor(before, seed: 32), x, AxisTestSupport.randomTensor(after, seed: 33)]
        let joined = Tensor(concatenating: parts, alongAxis: axis)
        #expect(joined == Reference.concatenated(parts, alongAxis: axis), "concatenate \(shape) along \(axis)")
        #expect(joined.split(alongAxis: axis, sizes: [1, extent, 2]) == parts, "split undoes concatenate")

        let sizes = [0, extent / 2, extent - extent / 2]
        #expect(x.split(alongAxis: axis, sizes: sizes) == Reference.split(x, alongAxis: axis, sizes: sizes), "split \(shape)")
        let range = min(1, extent)..<extent
        #expect(x.sliced(range, alongAxis: axis) == Reference.sliced(x, range, alongAxis: axis), "slice \(shape) \(range)")
        let indices = extent == 0 ? [] : [extent - 1, 0, extent - 1, extent / 2]
        #expect(x.gathering(indices, alongAxis: axis) == Reference.gathering(x, indices, alongAxis: axis), "gather \(shape)")
    }

    @Test("Slicing the first axis, the default, is a contiguous run of whole entries (seed 34)")
    func firstAxisSlice() {
        let batch = AxisTestSupport.randomTensor([7, 3, 5], seed: 34)
        let entries = batch.sliced(2..<5)
        #expect(entries.shape == [3, 3, 5])
        #expect(entries.scalars == Array(batch.scalars[(2 * 15)..<(5 * 15)]))
        #expect(batch.sliced(0..<7) == batch && batch.sliced(3..<3).shape == [0, 3, 5])
    }

    @Test("Repeating along a new axis equals the plain twin at every position (seed 35)",
          arguments: AxisTestSupport.awkwardShapes)
    func repeatMatchesReference(shape: [Int]) {
        let x = AxisTestSupport.randomTensor(shape, seed: 35)
        for axis in 0...shape.count {
            for count in [0, 1, 3] {
                #expect(x.repeated(count, alongNewAxis: axis) == Reference.repeated(x, count, alongNewAxis: axis),
                        "repeat \(shape) \(count) times along new axis \(axis)")
            }
        }
    }

    @Test("Every permutation of the axes equals the plain twin, and the inverse undoes it (seed 36)",
          arguments: AxisTestSupport.awkwardShapes)
    func permutationsMatchReference(shape: [Int]) {
        let x = AxisTestSupport.randomTensor(shape, seed: 36)
        for axes in permutations(of: Array(shape.indices)) {
            let permuted = x.permuted(axes)
            #expect(permuted == Reference.permuted(x, axes), "permute \(shape) by \(axes)")
            #expect(permuted.permuted(inversePermutation(axes)) == x, "inverse of \(axes)")
        }
    }

    @Test("Images [N, C, H, W] to channels last and back (seed 37)")
    func channelsLastRoundTrip() {
        let images = AxisTestSupport.randomTensor([3, 5, 7, 17], seed: 37)
        let last = images.permuted([0, 2, 3, 1])
        #expect(last == Reference.permuted(images, [0, 2, 3, 1]))
        #expect(last.permuted([0, 3, 1, 2]) == images)
    }

    /// All orderings of `items` (Heap's algorithm would do; recursion reads better for four items).
    func permutations(of items: [Int]) -> [[Int]] {
        guard items.count > 1 else { return [items] }
        return items.indices.flatMap { i in
            permutations(of: Array(items[..<i] + items[(i + 1)...])).map { [items[i]] + $0 }
        }
    }
}
