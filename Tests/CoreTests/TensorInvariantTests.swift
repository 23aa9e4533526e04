// Tests of the Tensor invariant (Tensor.swift): scalars.count == count == the product of the shape,
// kept against writes from outside Core. The stopping cases run in a child process (exit tests).

import Testing
import Core

@Suite("Tensor invariant: the element count is fixed by the shape")
struct TensorInvariantTests {
    @Test("In-place writes keep the tensor and its count")
    func inPlaceWrites() {
        var x = Tensor(shape: [2, 3])
        x.scalars[4] = 7
        x.scalars.withUnsafeMutableBufferPointer { $0[0] = 1 }
        x.scalars = [Float](repeating: 2, count: 6)
        x.scalars.replaceSubrange(0..<2, with: [5, 6])
        #expect(x.count == 6 && x.scalars == [5, 6, 2, 2, 2, 2])
        #expect(Tensor(shape: [2, 0, 3]).count == 0 && Tensor(shape: []).count == 1)
    }

    /// An observed property (`didSet`) handed another module a copy of the array for every element
    /// written, which made loops of writes quadratic; the accessors must yield the storage itself.
    @Test("Element writes from another module (this test target) stay in place: the buffer is not copied")
    func writesStayInPlace() {
        var x = Tensor(shape: [1000])
        let before = x.scalars.withUnsafeBufferPointer { UInt(bitPattern: $0.baseAddress) }
        for i in 0..<1000 { x.scalars[i] = Float(i) }
        x.scalars.withUnsafeMutableBufferPointer { $0[0] = -1 }
        let after = x.scalars.withUnsafeBufferPointer { UInt(bitPattern: $0.baseAddress) }
        #expect(before == after && x.scalars[999] == 999 && x.scalars[0] == -1)
    }

    @Test("Appending to scalars stops with a message naming the shape and both counts")
    func appendStops() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            var x = Tensor(shape: [2, 3])
            x.scalars.append(1)
        }
        #expect(standardErrorText(result).contains("Tensor.scalars: a tensor of shape [2, 3] holds 6 scalars, but this write leaves 7"))
    }

    @Test("Assigning a shorter array stops too")
    func shorterArrayStops() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            var x = Tensor(shape: [4])
            x.scalars = [1, 2]
        }
        #expect(standardErrorText(result).contains("a tensor of shape [4] holds 4 scalars, but this write leaves 2"))
    }
}
