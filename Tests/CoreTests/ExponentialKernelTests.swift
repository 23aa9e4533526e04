// Tests of the SIMD exponential (Kernels+Exponential.swift) against its plain twin, the C library's
// expf, and against e^x in Double: the accuracy over Float's normal range (a dense sweep and seeded
// random points), the exact points (e^0 = 1), the edges (+-infinity, NaN, overflow, underflow), every
// tail length, and work in place.

import Foundation
import Testing
import Core

@Suite("Kernels.exponential: e^x eight lanes at a time")
struct ExponentialKernelTests {
    /// |fast - exact| in units of the last place of the exact value (rounded to Float).
    func ulps(_ fast: Float, _ exact: Double) -> Double {
        abs(Double(fast) - exact) / Double(Float(exact).ulp)
    }

    func exponentials(_ x: [Float], fast: Bool) -> [Float] {
        var y = [Float](repeating: 0, count: x.count)
        x.withUnsafeBufferPointer { x in
            y.withUnsafeMutableBufferPointer { fast ? Kernels.exponential(x, into: $0) : Reference.exponential(x, into: $0) }
        }
        return y
    }

    @Test("Within 2 ulp of e^x (Double) over [-87.3, 88.7]: a sweep of 200,001 points and 100,000 seeded random ones (seed 51)")
    func accuracy() {
        var generator = Xoshiro256StarStar(seed: 51)
        let sweep = (0...200_000).map { Float(-87.3 + Double($0) * (176.0 / 200_000)) }
        let random = (0..<100_000).map { _ in generator.uniform(-87.3, 88.7) }
        let small = (0..<10_000).map { _ in generator.uniform(-1, 1) }
        for (name, x) in [("sweep", sweep), ("random", random), ("|x| < 1", small)] {
            let y = exponentials(x, fast: true)
            let worst = zip(x, y).map { ulps($1, exp(Double($0))) }.max()!
            #expect(worst <= 2, "\(name): the worst error is \(worst) ulp")
            let reference = exponentials(x, fast: false)
            #expect(isApproximatelyEqual(y, reference, relativeTolerance: 3e-7), "\(name): against the C library's expf")
        }
    }

    @Test("The edges: e^0 = 1 exactly, e^-inf = 0, e^+inf = +inf, NaN stays NaN, overflow above 88.73 and flush to 0 below -87.34")
    func edges() {
        let x: [Float] = [0, -.infinity, .infinity, .nan, 89, 1000, -88, -1000, 88.7, -87.3, 1, -1]
        let y = exponentials(x, fast: true)
        #expect(y[0] == 1 && y[1] == 0 && y[2] == .infinity && y[3].isNaN)
        #expect(y[4] == .infinity && y[5] == .infinity && y[6] == 0 && y[7] == 0)
        #expect(y[8].isFinite && y[8] > 3e38 && y[9] > 1.21e-38 && y[9] < 1.23e-38, "\(y[8]), \(y[9])")
        #expect(isApproximatelyEqual(y[10], 2.718281828) && isApproximatelyEqual(y[11], 0.3678794412))
    }

    @Test("Every tail length 0...17 gives the same value at every position, and the kernel works in place")
    func tailsAndInPlace() {
        let values: [Float] = (0..<17).map { Float($0) * 0.37 - 3 }
        let full = exponentials(values, fast: true)
        for count in 0...17 {
            #expect(exponentials(Array(values.prefix(count)), fast: true) == Array(full.prefix(count)), "length \(count)")
        }
        var inPlace = values
        inPlace.withUnsafeMutableBufferPointer { Kernels.exponential(UnsafeBufferPointer($0), into: $0) }
        #expect(inPlace == full)
    }
}
