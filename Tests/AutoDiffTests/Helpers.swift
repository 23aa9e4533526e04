// Shared helpers of the AutoDiff tests: the tolerances, random expressions written once over
// DifferentiableScalar, and exit-test output.

import Foundation
import Testing
import Core
import AutoDiff

/// The largest error (GradientCheck.maximumError: relative above 1, absolute below) allowed between
/// the engine's Double gradients and central differences. The difference quotient with h = 1e-5
/// is good to about 1e-9 on these smooth functions; a wrong rule errs by far more than 1e-6.
let finiteDifferenceTolerance = 1e-6

/// How closely two exact methods (reverse mode, forward mode, a rule derived by hand) must agree:
/// they differ only by rounding in the last few bits.
let exactTolerance = 1e-12

/// A smooth function of three inputs that uses every operation of the engine but ReLU and max,
/// and uses x twice on separate paths, written once for Double, Dual and Node.
/// Defined for x, y, z in (-2, 2) with z != 0 (the log takes 1 + x^2, the power z^2).
func smoothExpression<T: DifferentiableScalar>(_ x: T, _ y: T, _ z: T) -> T {
    let a = T.tanh(x * y) + T.sigmoid(y - z) / T.pow(z, 2)
    let b = T.exp(-x) * T.log(1 + x * x) - T.softplus(2 * z)
    return a * b + x / (1 + T.pow(y, 2))
}

/// A piecewise function: ReLU and max away from their kinks.
func piecewiseExpression<T: DifferentiableScalar>(_ x: T, _ y: T, _ z: T) -> T {
    T.relu(x - y) * z + T.maximum(x * z, y) - T.relu(-z)
}

/// The gradient of a three-input expression in reverse mode: one backward pass.
func reverseGradient(_ f: (Node, Node, Node) -> Node, at point: [Double]) -> (value: Double, gradient: [Double]) {
    let inputs = point.map { Node($0) }
    let result = f(inputs[0], inputs[1], inputs[2])
    result.backward()
    return (result.value, inputs.map(\.gradient))
}

/// The standard error of a child process an exit test observed, as text.
func standardError(of result: ExitTest.Result?) -> String {
    String(decoding: result?.standardErrorContent ?? [], as: UTF8.self)
}
