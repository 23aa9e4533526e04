// ExponentialKernelTests.swift: the SIMD e^x, sigmoid and tanh of Kernels+Exponential.swift against
// the same functions in Double (Foundation), over their whole range, at the edges (0, -0, +-1000,
// +-infinity, NaN), and on awkward lengths (the padded tail gives the same answers as the body);
// and their plain twins in `Reference`.

import Foundation
import Testing
import Core

/// Applies a buffer kernel to an array.
private func apply(_ kernel: (UnsafeBufferPointer<Float>, UnsafeMutableBufferPointer<Float>) -> Void, _ x: [Float]) -> [Float] {
    var y = [Float](repeating: .nan, count: x.count)
    x.withUnsafeBufferPointer { input in y.withUnsafeMutableBufferPointer { kernel(input, $0) } }
    return y
}

/// Every 1/64 from -100 to 100, and a geometric sweep of small magnitudes of both signs.
private let sweep: [Float] = (-6400...6400).map { Float($0) / 64 } + (0..<120).flatMap { k -> [Float] in
    let magnitude = Float(pow(10, -Double(k) / 10))                                     // 1 down to 1e-12
    return [magnitude, -magnitude]
}

@Suite("SIMD e^x, sigmoid and tanh")
struct ExponentialKernelTests {
    @Test("e^x within 2 ulp of Double's e^x on [-87.3, 88.3]; 0 below, +infinity above")
    func exponentialAccuracy() {
        let x = sweep.filter { $0 >= -87.3 && $0 <= 88.3 } + [-87.3, 88.3, 0, -0.0]
        let y = apply(Kernels.exponential(_:into:), x)
        for (value, result) in zip(x, y) {
            let exact = Foundation.exp(Double(value))
            #expect(abs(Double(result) - exact) <= 2 * Double(Float(exact).ulp), "e^\(value): \(result) vs \(exact)")
        }
        #expect(apply(Kernels.exponential(_:into:), [-100, -1000, -.infinity, 100, 1000, .infinity]) == [0, 0, 0, .infinity, .infinity, .infinity])
        #expect(apply(Kernels.exponential(_:into:), [.nan])[0].isNaN)
    }

    @Test("sigmoid within 1e-7 absolute and 4 ulp relative of Double's; exactly 0.5 at 0; 1 and 0 at +-1000 and +-infinity; NaN for NaN")
    func sigmoidAccuracy() {
        let y = apply(Kernels.sigmoid(_:into:), sweep)
        for (value, result) in zip(sweep, y) {
            let exact = 1 / (1 + Foundation.exp(-Double(value)))
            let error = abs(Double(result) - exact)
            #expect(error <= 1e-7 && (exact < 1e-30 || error <= 4 * Double(Float(exact).ulp)), "sigmoid(\(value)): \(result) vs \(exact)")
        }
        #expect(apply(Kernels.sigmoid(_:into:), [0, -0.0, 1000, .infinity, -1000, -.infinity]) == [0.5, 0.5, 1, 1, 0, 0])
        #expect(apply(Kernels.sigmoid(_:into:), [.nan])[0].isNaN)
    }

    @Test("tanh within 1e-7 absolute and 4 ulp relative of Double's (small x too, through the polynomial); odd; +-1 at +-1000 and +-infinity; NaN for NaN")
    func tanhAccuracy() {
        let y = apply(Kernels.tanh(_:into:), sweep)
        for (value, result) in zip(sweep, y) {
            let exact = Foundation.tanh(Double(value))
            let error = abs(Double(result) - exact)
            #expect(error <= 1e-7 && error <= 4 * Double(Float(abs(exact)).ulp), "tanh(\(value)): \(result) vs \(exact)")
        }
        #expect(zip(sweep, y).allSatisfy { x, t in apply(Kernels.tanh(_:into:), [-x])[0] == -t })
        #expect(apply(Kernels.tanh(_:into:), [0, 1000, .infinity, -1000, -.infinity]) == [0, 1, 1, -1, -1])
        #expect(apply(Kernels.tanh(_:into:), [.nan])[0].isNaN)
    }

    @Test("The padded tail: every element gets the same answer wherever it sits, on lengths 0 ... 33 (seed 61)")
    func tailMatchesBody() {
        let values = KernelTestSupport.randomFloats(40, seed: 61).map { 8 * $0 }
        let whole = apply(Kernels.tanh(_:into:), values)
        for length in 0...33 {
            #expect(apply(Kernels.tanh(_:into:), Array(values.prefix(length))) == Array(whole.prefix(length)), "length \(length)")
            #expect(apply(Kernels.sigmoid(_:into:), Array(values.prefix(length)))
                    == Array(apply(Kernels.sigmoid(_:into:), values).prefix(length)), "length \(length)")
        }
    }

    @Test("The kernels agree with their Reference twins (Foundation and Core's scalar sigmoid) to 2e-7 (seed 62)")
    func kernelsMatchReference() {
        let values = KernelTestSupport.randomFloats(1000, seed: 62).map { 20 * $0 }
        let pairs: [((UnsafeBufferPointer<Float>, UnsafeMutableBufferPointer<Float>) -> Void,
                     (UnsafeBufferPointer<Float>, UnsafeMutableBufferPointer<Float>) -> Void)] = [
            (Kernels.sigmoid(_:into:), Reference.sigmoid(_:into:)), (Kernels.tanh(_:into:), Reference.tanh(_:into:)),
        ]
        for (fast, plain) in pairs {
            #expect(isApproximatelyEqual(apply(fast, values), apply(plain, values), absoluteTolerance: 2e-7))
        }
        let small = values.map { $0 / 4 }
        #expect(isApproximatelyEqual(apply(Kernels.exponential(_:into:), small), apply(Reference.exponential(_:into:), small),
                                     relativeTolerance: 5e-7))
    }
}
