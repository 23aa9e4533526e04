// Tests that shape mismatches stop the program with a message naming the operation and both shapes,
// even though Core is compiled with -O (where `precondition` would trap silently; see Require.swift).
// Each runs in a child process (Swift Testing's exit tests) and reads its standard error.

import Testing
import Core

func standardErrorText(_ result: ExitTest.Result?) -> String {
    String(decoding: result?.standardErrorContent ?? [], as: UTF8.self)
}

@Suite("Shape errors name the operation and both shapes")
struct ShapeErrorTests {
    @Test("matmul of [2, 3] by [2, 3]")
    func matmulMismatch() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = matmul(Tensor(shape: [2, 3]), Tensor(shape: [2, 3]))
        }
        #expect(standardErrorText(result).contains("matmul: shapes [2, 3] and [2, 3] do not fit"))
    }

    @Test("adding tensors of shapes [2, 2] and [4]")
    func addMismatch() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            var a = Tensor(shape: [2, 2])
            a.add(Tensor(shape: [4]))
        }
        #expect(standardErrorText(result).contains("add: shapes [2, 2] and [4] do not fit"))
    }

    @Test("a tensor whose scalars do not fill its shape")
    func badInit() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Tensor(shape: [2, 3], scalars: [1, 2])
        }
        #expect(standardErrorText(result).contains("shape [2, 3] needs 6 scalars, got 2"))
    }
}

@Suite("Kernel length errors name the operation and both lengths")
struct KernelLengthErrorTests {
    @Test("dot of lengths 3 and 2")
    func dotMismatch() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            let x: [Float] = [1, 2, 3], y: [Float] = [1, 2]
            _ = x.withUnsafeBufferPointer { a in y.withUnsafeBufferPointer { Kernels.dot(a, $0) } }
        }
        #expect(standardErrorText(result).contains("dot: lengths 3 and 2 differ"))
    }
}
