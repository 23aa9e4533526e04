// Exit tests: a wrong axis, mismatched shapes or a bad permutation stop the program with a message
// naming the operation and the shapes (Require.swift).

import Testing
import Core

@Suite("Axis operations stop on bad input, naming the operation and the shapes")
struct AxisShapeErrorTests {
    @Test("An axis the tensor does not have")
    func missingAxis() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Tensor(shape: [2, 3]).sum(alongAxis: 2)
        }
        #expect(standardErrorText(result).contains("sum(alongAxis:): axis 2 does not exist in shape [2, 3] (its axes are 0..<2)"))
    }

    @Test("Concatenating [2, 3] and [3, 3] along axis 1")
    func concatenationMismatch() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Tensor(concatenating: [Tensor(shape: [2, 3]), Tensor(shape: [3, 3])], alongAxis: 1)
        }
        #expect(standardErrorText(result).contains("Tensor(concatenating:alongAxis: 1): shapes [2, 3] and [3, 3] do not fit"))
    }

    @Test("Split sizes that do not add up, a slice out of range, a bad permutation")
    func badArguments() async {
        let split = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Tensor(shape: [2, 5]).split(alongAxis: 1, sizes: [2, 2])
        }
        #expect(standardErrorText(split).contains("split: sizes [2, 2] do not add up to the extent 5 of axis 1 in shape [2, 5]"))
        let slice = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Tensor(shape: [4, 2]).sliced(3..<6)
        }
        #expect(standardErrorText(slice).contains("sliced: range 3..<6 is outside 0..<4, axis 0 of shape [4, 2]"))
        let permutation = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Tensor(shape: [2, 3, 4]).permuted([0, 2, 2])
        }
        #expect(standardErrorText(permutation).contains("permuted: [0, 2, 2] is not a permutation of the axes 0..<3 of shape [2, 3, 4]"))
    }

    @Test("batchedMatmul of [2, 3, 4] by [2, 5, 6], and elementwise quotient of [2, 2] by [4]")
    func productMismatch() async {
        let product = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = batchedMatmul(Tensor(shape: [2, 3, 4]), Tensor(shape: [2, 5, 6]))
        }
        #expect(standardErrorText(product).contains("batchedMatmul: shapes [2, 3, 4] and [2, 5, 6] do not fit"))
        let quotient = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Tensor(shape: [2, 2]).dividedElementwise(by: Tensor(shape: [4]))
        }
        #expect(standardErrorText(quotient).contains("dividedElementwise: shapes [2, 2] and [4] do not fit"))
    }
}
