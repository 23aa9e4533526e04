// Checks for exercise 19 (the ELU node). Run: swift run --package-path Exercises exercises 19

import Foundation
import ExerciseCheck
import Core
import NeuralNetworks
import Exercise19

check("By hand: ELU(2) = 2 with slope 1; ELU(-1) = e^-1 - 1 = -0.6321 with slope e^-1 = 0.3679 (alpha = 1); one new node whose only input is x") {
    let positive = Node(2)
    let y = elu(positive)
    y.backward()
    expect(y.value == 2 && positive.gradient == 1, "ELU(2): value \(y.value), slope \(positive.gradient)")
    let negative = Node(-1)
    let z = elu(negative)
    z.backward()
    expect(isApproximatelyEqual(z.value, exp(-1.0) - 1), "ELU(-1) should be -0.6321; got \(z.value)")
    expect(isApproximatelyEqual(negative.gradient, exp(-1.0)), "ELU'(-1) should be 0.3679; got \(negative.gradient)")
    // (merged: It is one new node whose only input is x (not a composition of the engine's nodes))
    let x = Node(-0.5)
    let node = elu(x, alpha: 2)
    expect(node.inputs.count == 1 && node.inputs[0] === x, "the node's inputs should be [x]")
    expect(node.operation == .custom("ELU"), "node.operation == .custom(\"ELU\")")
    expect(node.localDerivatives.count == 1, "node.localDerivatives.count == 1: expected \(1), got \(node.localDerivatives.count)")
}

check("The slope matches central differences, alone and inside a graph that uses x twice, alpha 1 and 0.3 (seed 191)") {
    var generator = Xoshiro256StarStar(seed: 191)
    for alpha in [1.0, 0.3] {
        for _ in 0..<30 {
            let value = 6 * generator.uniformDouble() - 3
            if abs(value) < 1e-3 { continue }
            let x = Node(value)
            let y = elu(x, alpha: alpha) * x + elu(2 * x, alpha: alpha)
            y.backward()
            func plain(_ v: Double) -> Double { v < 0 ? alpha * (exp(v) - 1) : v }
            let numerical = GradientCheck.numericalGradient(at: [value]) { v in plain(v[0]) * v[0] + plain(2 * v[0]) }
            expect(GradientCheck.maximumError([x.gradient], numerical) < 1e-6, "x = \(value), alpha = \(alpha): got \(x.gradient), expected \(numerical[0])")
        }
    }
}

check("Value and slope equal the library's Activation.elu at 20 random points (seed 192)") {
    var generator = Xoshiro256StarStar(seed: 192)
    for _ in 0..<20 {
        let value = 8 * generator.uniformDouble() - 4
        let alpha = 0.1 + generator.uniformDouble()
        let x = Node(value)
        let y = elu(x, alpha: alpha)
        y.backward()
        let library = Activation.elu(alpha: Float(alpha))
        expect(isApproximatelyEqual(Float(y.value), library.value(Float(value)), relativeTolerance: 1e-5, absoluteTolerance: 1e-6), "ELU(\(value))")
        expect(isApproximatelyEqual(Float(x.gradient), library.derivative(Float(value)), relativeTolerance: 1e-5, absoluteTolerance: 1e-6), "ELU'(\(value))")
    }
}

check("Extremes and the kink: ELU(-1000) = -alpha with slope 0 (no NaN), ELU(1000) = 1000 with slope 1, slope 1 at x = 0 (Table 1.2)") {
    for (value, expected, slope) in [(-1000.0, -0.5, 0.0), (1000, 1000, 1), (0, 0, 1)] {
        let x = Node(value)
        let y = elu(x, alpha: 0.5)
        y.backward()
        expect(y.value == expected && x.gradient == slope, "x = \(value): got \(y.value) with slope \(x.gradient)")
    }
}

runChecks()
