// Shared helpers of the NeuralNetworks tests: the gradient-check tolerance, Double reference
// forward passes written independently of the library, and exit-test output.

import Foundation
import Testing
import Core
import NeuralNetworks

/// The largest error (GradientCheck.maximumError: relative above 1, absolute below) allowed between a
/// backward pass computed in Float and central differences in Double. Float rounding leaves about
/// 1e-6; a wrong term, sign or factor errs by far more than 1e-4.
let gradientTolerance = 1e-4

/// Phi(z) in Double for the elementwise activations of Table 1.2: the oracle of the gradient checks.
func referenceActivation(_ activation: Activation, _ z: Double) -> Double {
    switch activation {
    case .linear: z
    case .heaviside: z < 0 ? 0 : 1
    case .sigmoid: 1 / (1 + exp(-z))
    case .tanh: tanh(z)
    case .relu: max(0, z)
    case .leakyReLU(let slope): z < 0 ? Double(slope) * z : z
    case .elu(let alpha): z < 0 ? Double(alpha) * (exp(z) - 1) : z
    case .softmax: fatalError("softmax is applied per row: use referenceSoftmax")
    }
}

/// softmax of one row in Double, with the maximum subtracted.
func referenceSoftmax(_ z: [Double]) -> [Double] {
    let top = z.max()!
    let e = z.map { exp($0 - top) }
    let total = e.reduce(0, +)
    return e.map { $0 / total }
}

/// A = Phi(X W + b) in Double, one row per example; X is [n, inputs] and W [inputs, outputs], flat.
func referenceDense(_ x: [Double], rows: Int, _ w: [Double], _ b: [Double], activation: Activation) -> [Double] {
    let (outputs, inputs) = (b.count, w.count / b.count)
    var z = [Double](repeating: 0, count: rows * outputs)
    for i in 0..<rows {
        for j in 0..<outputs {
            z[i * outputs + j] = b[j] + (0..<inputs).reduce(0.0) { $0 + x[i * inputs + $1] * w[$1 * outputs + j] }
        }
    }
    guard activation == .softmax else { return z.map { referenceActivation(activation, $0) } }
    return (0..<rows).flatMap { referenceSoftmax(Array(z[($0 * outputs)..<(($0 + 1) * outputs)])) }
}

/// A fixed random weighting C of the outputs, so that J = sum C ⊙ output has dJ/d(output) = C.
func randomWeighting(shape: [Int], generator: inout Xoshiro256StarStar) -> Tensor {
    generator.normalTensor(shape: shape)
}

/// sum_k c_k y_k in Double.
func weightedSum(_ values: [Double], _ weights: Tensor) -> Double {
    zip(values, weights.scalars).reduce(0.0) { $0 + $1.0 * Double($1.1) }
}

/// The standard error of a child process an exit test observed, as text.
func standardError(of result: ExitTest.Result?) -> String {
    String(decoding: result?.standardErrorContent ?? [], as: UTF8.self)
}
