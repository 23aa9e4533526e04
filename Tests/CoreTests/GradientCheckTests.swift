// Tests of the finite-difference checker itself (GradientCheck.swift).

import Testing
import Foundation
@testable import Core

@Suite("Central finite differences")
struct GradientCheckTests {
    @Test("The numerical gradient of f(x, y) = x^2 y + sin(y) matches (2xy, x^2 + cos y)")
    func knownGradient() {
        let f: ([Double]) -> Double = { $0[0] * $0[0] * $0[1] + sin($0[1]) }
        let point = [1.5, -0.7]
        let analytic = [2 * 1.5 * -0.7, 1.5 * 1.5 + cos(-0.7)]
        #expect(GradientCheck.error(analytic: analytic, at: point, f) < 1e-9)
    }

    @Test("A wrong gradient is caught")
    func wrongGradient() {
        let f: ([Double]) -> Double = { $0[0] * $0[0] }
        #expect(GradientCheck.error(analytic: [1.0], at: [1.0], f) > 0.4)
    }

    @Test("The error measure is absolute near zero and relative for large values")
    func errorMeasure() {
        #expect(GradientCheck.maximumError([0], [1e-9]) == 1e-9)
        #expect(isApproximatelyEqual(GradientCheck.maximumError([1000], [1001]), 1.0 / 1001))
    }
}
