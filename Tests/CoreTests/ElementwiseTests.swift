// Tests of the elementwise operations (Tensor+Elementwise.swift, Kernels+Divide.swift): the SIMD
// kernels against plain loops (one rounding per element, so exactly equal), and the IEEE edge cases.

import Testing
import Foundation
import Core

@Suite("Elementwise product, quotient and maps")
struct ElementwiseTests {
    @Test("Kernels.divide equals the plain loop exactly (seeds 51, 52)", arguments: KernelTestSupport.awkwardLengths)
    func divideKernel(length: Int) {
        let x = KernelTestSupport.randomFloats(length, seed: 51)
        let y = KernelTestSupport.randomFloats(length, seed: 52)
        var fast = [Float](repeating: 0, count: length), plain = fast
        x.withUnsafeBufferPointer { x in
            y.withUnsafeBufferPointer { y in
                fast.withUnsafeMutableBufferPointer { Kernels.divide(x, y, into: $0) }
                plain.withUnsafeMutableBufferPointer { Reference.divide(x, y, into: $0) }
            }
        }
        #expect(fast == plain, "divide, length \(length)")
    }

    @Test("Product, quotient, square root, square, exp and log equal one plain operation per element (seeds 53, 54)",
          arguments: AxisTestSupport.awkwardShapes)
    func mapsMatchPlainLoops(shape: [Int]) {
        let x = AxisTestSupport.randomTensor(shape, seed: 53), y = AxisTestSupport.randomTensor(shape, seed: 54)
        let positive = x.map { abs($0) + 0.5 }
        #expect(x.multipliedElementwise(by: y).scalars == zip(x.scalars, y.scalars).map { $0 * $1 })
        #expect(x.dividedElementwise(by: y).scalars == zip(x.scalars, y.scalars).map { $0 / $1 })
        #expect(positive.squareRoot().scalars == positive.scalars.map { $0.squareRoot() })
        #expect(x.squared().scalars == x.scalars.map { $0 * $0 })
        #expect(x.exponential().scalars == x.scalars.map { exp($0) })
        #expect(positive.logarithm().scalars == positive.scalars.map { log($0) })
        #expect(x.multipliedElementwise(by: y).shape == shape && x.squared().shape == shape)
    }

    @Test("IEEE at the edges: x/0, 0/0, log 0, log of a negative, sqrt(-0), exp(-1000)")
    func edges() {
        let quotient = Tensor(shape: [3], scalars: [1, -1, 0]).dividedElementwise(by: Tensor(shape: [3]))
        #expect(quotient.scalars[0] == .infinity && quotient.scalars[1] == -.infinity && quotient.scalars[2].isNaN)
        let logs = Tensor(shape: [3], scalars: [0, -1, 1]).logarithm()
        #expect(logs.scalars[0] == -.infinity && logs.scalars[1].isNaN && logs.scalars[2] == 0)
        let roots = Tensor(shape: [2], scalars: [-0.0, 4]).squareRoot()
        #expect(roots.scalars[0] == 0 && roots.scalars[0].sign == .minus && roots.scalars[1] == 2)
        #expect(Tensor(shape: [2], scalars: [-1000, 0]).exponential().scalars == [0, 1])
        #expect(Tensor([[3, 4]]).norm == 5)
    }
}
