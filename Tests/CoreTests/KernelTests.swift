// KernelTests.swift: the SIMD vector kernels of `Kernels` against their plain-loop twins in `Reference`.
// Goals, in order: every kernel on lengths that hit the SIMD body, the unrolled body and the scalar
// tail (0, 1, 3, 7, 8, 17, 31, 32, 33, 130, 1000); the edge cases named in the doc comments (NaN,
// -0, empty buffers); and fast in a debug `swift test` (the loops that matter run in Core, built -O).

import Testing
import Core

/// Seeded inputs and the error bound shared by KernelTests and GEMMTests.
enum KernelTestSupport {
    /// Lengths that exercise the 4 x 8 unrolled body, the single-vector body and the scalar tail.
    static let awkwardLengths = [0, 1, 3, 7, 8, 17, 31, 32, 33, 130, 1000]

    /// `count` floats uniform in [-1, 1) from the house generator, so a failure names its seed.
    static func randomFloats(_ count: Int, seed: UInt64) -> [Float] {
        var generator = Xoshiro256StarStar(seed: seed)
        return (0..<count).map { _ in generator.uniform(-1, 1) }
    }

    /// Whether `value` is within the classical rounding-error bound of a sum of `terms` products:
    ///
    ///     |value - reference| <= 2 (terms + 2) eps * magnitude,
    ///
    /// where magnitude = sum |x_i y_i| (+ |beta c| for GEMM). Each of the two results is within
    /// gamma_n magnitude ~ n u magnitude of the exact sum, whatever the order of the additions
    /// (Higham, "Accuracy and Stability of Numerical Algorithms", 2nd ed., Sec. 3.1), so their
    /// difference is within twice that; eps = 2u adds a factor 2 of slack. A relative tolerance on
    /// the result alone would fail on sums that cancel to near zero, so the bound scales with the
    /// magnitude of the terms, not of the answer.
    static func isWithinRoundingBound(_ value: Float, _ reference: Float, terms: Int, magnitude: Float) -> Bool {
        let bound = 2 * Float(terms + 2) * Float.ulpOfOne * magnitude + Float.leastNormalMagnitude
        return isApproximatelyEqual(value, reference, relativeTolerance: 0, absoluteTolerance: bound)
    }
}

@Suite("Vector kernels: SIMD == Reference")
struct KernelTests {
    @Test("dot matches the plain loop within the rounding bound (seed 11)", arguments: KernelTestSupport.awkwardLengths)
    func dotMatchesReference(length: Int) {
        let x = KernelTestSupport.randomFloats(length, seed: 11)
        let y = KernelTestSupport.randomFloats(length, seed: 12)
        let magnitude = zip(x, y).reduce(Float(0)) { $0 + abs($1.0 * $1.1) }
        x.withUnsafeBufferPointer { x in
            y.withUnsafeBufferPointer { y in
                let fast = Kernels.dot(x, y), slow = Reference.dot(x, y)
                #expect(KernelTestSupport.isWithinRoundingBound(fast, slow, terms: length, magnitude: magnitude),
                        "dot length \(length): simd \(fast) reference \(slow)")
            }
        }
    }

    @Test("dot of exactly representable values is exact: (1, 2, ..., 40) . (1, ..., 1) = 820")
    func dotExact() {
        let x = (1...40).map { Float($0) }, ones = [Float](repeating: 1, count: 40)
        x.withUnsafeBufferPointer { x in ones.withUnsafeBufferPointer { ones in
            #expect(Kernels.dot(x, ones) == 820)
            #expect(Kernels.sum(x) == 820)
        } }
    }

    @Test("sum matches the plain loop within the rounding bound (seed 13)", arguments: KernelTestSupport.awkwardLengths)
    func sumMatchesReference(length: Int) {
        let x = KernelTestSupport.randomFloats(length, seed: 13)
        let magnitude = x.reduce(Float(0)) { $0 + abs($1) }
        x.withUnsafeBufferPointer { x in
            let fast = Kernels.sum(x), slow = Reference.sum(x)
            #expect(KernelTestSupport.isWithinRoundingBound(fast, slow, terms: length, magnitude: magnitude),
                    "sum length \(length): simd \(fast) reference \(slow)")
        }
    }

    /// axpy, scale, add, subtract and multiply round each element once or twice in the same order
    /// as the plain loop (no fused multiply-add), so they must agree bit for bit.
    @Test("elementwise kernels equal the plain loops exactly (seeds 21, 22)", arguments: KernelTestSupport.awkwardLengths)
    func elementwiseKernelsAreExact(length: Int) {
        let x = KernelTestSupport.randomFloats(length, seed: 21)
        let y = KernelTestSupport.randomFloats(length, seed: 22)
        let alpha: Float = -0.7
        func compare(_ name: String, _ fast: (UnsafeMutableBufferPointer<Float>) -> Void,
                     _ slow: (UnsafeMutableBufferPointer<Float>) -> Void) {
            var fastResult = y, slowResult = y
            fastResult.withUnsafeMutableBufferPointer { fast($0) }
            slowResult.withUnsafeMutableBufferPointer { slow($0) }
            #expect(fastResult == slowResult, "\(name) length \(length)")
        }
        x.withUnsafeBufferPointer { x in
            y.withUnsafeBufferPointer { y in
                compare("axpy", { Kernels.axpy(alpha, x, $0) }, { Reference.axpy(alpha, x, $0) })
                compare("scale", { Kernels.scale(alpha, $0) }, { Reference.scale(alpha, $0) })
                compare("add", { Kernels.add(x, y, into: $0) }, { Reference.add(x, y, into: $0) })
                compare("subtract", { Kernels.subtract(x, y, into: $0) }, { Reference.subtract(x, y, into: $0) })
                compare("multiply", { Kernels.multiply(x, y, into: $0) }, { Reference.multiply(x, y, into: $0) })
                compare("map x^2 + 1", { Kernels.map(x, into: $0, { $0 * $0 + 1 }, { $0 * $0 + 1 }) },
                        { Reference.map(x, into: $0) { $0 * $0 + 1 } })
                compare("relu", { Kernels.relu(x, into: $0) }, { Reference.relu(x, into: $0) })
            }
        }
    }

    @Test("add works in place (z is the same memory as x)")
    func addInPlace() {
        var x: [Float] = (0..<19).map { Float($0) }
        let y = [Float](repeating: 0.5, count: 19)
        y.withUnsafeBufferPointer { y in
            x.withUnsafeMutableBufferPointer { x in Kernels.add(UnsafeBufferPointer(x), y, into: x) }
        }
        #expect(x == (0..<19).map { Float($0) + 0.5 })
    }

    @Test("maximum equals the plain loop exactly (seed 31)", arguments: KernelTestSupport.awkwardLengths)
    func maximumMatchesReference(length: Int) {
        let x = KernelTestSupport.randomFloats(length, seed: 31)
        x.withUnsafeBufferPointer { x in
            #expect(Kernels.maximum(x) == Reference.maximum(x), "maximum length \(length)")
        }
    }

    @Test("maximum: -infinity when empty, NaN if any NaN (in the SIMD body or the tail), all negative")
    func maximumEdgeCases() {
        #expect([Float]().withUnsafeBufferPointer { Kernels.maximum($0) } == -.infinity)
        for position in [0, 5, 15, 16, 20] {
            var x = [Float](repeating: 1, count: 21)
            x[position] = .nan
            #expect(x.withUnsafeBufferPointer { Kernels.maximum($0) }.isNaN, "NaN at \(position) of 21")
            #expect(x.withUnsafeBufferPointer { Reference.maximum($0) }.isNaN, "NaN at \(position) of 21")
        }
        let negative: [Float] = (0..<37).map { -Float($0) - 3 }
        #expect(negative.withUnsafeBufferPointer { Kernels.maximum($0) } == -3)
    }

    @Test("ReLU at its kink and extremes: 0 -> 0, -0 -> -0, NaN -> NaN, -inf -> 0, +inf -> +inf")
    func reluKinkAndExtremes() {
        // 9 values: 8 go through the SIMD body, the last through the scalar tail; then all in the tail.
        let inputs: [Float] = [0, -0.0, .nan, -.infinity, .infinity, -400, 400, -Float.leastNonzeroMagnitude, 0]
        for count in [inputs.count, 7] {
            let x = Array(inputs.prefix(count))
            var y = [Float](repeating: 7, count: count)
            x.withUnsafeBufferPointer { x in y.withUnsafeMutableBufferPointer { Kernels.relu(x, into: $0) } }
            #expect(y[0] == 0 && y[0].sign == .plus)
            #expect(y[1] == 0 && y[1].sign == .minus)
            #expect(y[2].isNaN)
            #expect(y[3] == 0 && y[4] == .infinity)
            #expect(y[5] == 0 && y[6] == 400)
        }
    }

    @Test("length mismatches stop with a precondition")
    func lengthMismatchStops() async {
        await #expect(processExitsWith: .failure) {
            let x: [Float] = [1, 2, 3], y: [Float] = [1, 2]
            _ = x.withUnsafeBufferPointer { x in y.withUnsafeBufferPointer { Kernels.dot(x, $0) } }
        }
        await #expect(processExitsWith: .failure) {
            let x: [Float] = [1, 2, 3]
            var z = [Float](repeating: 0, count: 4)
            x.withUnsafeBufferPointer { x in z.withUnsafeMutableBufferPointer { Kernels.add(x, x, into: $0) } }
        }
    }
}
