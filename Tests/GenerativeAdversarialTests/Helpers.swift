// Shared pieces of the GenerativeAdversarial tests: the gradient tolerance, Double references of the
// small networks the gradient checks use (written from the formulas, not from the library), and
// exit-test output.

import Foundation
import Testing
import Core
import NeuralNetworks
@testable import GenerativeAdversarial

/// The largest error `GradientCheck.error` may report between a Float backward pass and central
/// differences in Double. Float rounding through a few layers leaves about 1e-6; a wrong term, sign
/// or factor errs by 1e-2 or more.
let gradientTolerance = 1e-4

/// softplus(t) = log(1 + e^t) in Double, stable for large |t|.
func doubleSoftplus(_ t: Double) -> Double { max(t, 0) + log1p(exp(-abs(t))) }

func doubleSigmoid(_ t: Double) -> Double { 1 / (1 + exp(-t)) }

/// Phi(X W + b) in Double for the activations the test networks use; X [rows, n_in], W [n_in, n_out], flat.
func doubleDense(_ x: [Double], rows: Int, _ w: [Double], _ b: [Double], activation: Activation) -> [Double] {
    let (outputs, inputs) = (b.count, w.count / b.count)
    var a = [Double](repeating: 0, count: rows * outputs)
    for i in 0..<rows {
        for j in 0..<outputs {
            var z = b[j]
            for k in 0..<inputs { z += x[i * inputs + k] * w[k * outputs + j] }
            switch activation {
            case .linear: a[i * outputs + j] = z
            case .relu: a[i * outputs + j] = max(z, 0)
            case .sigmoid: a[i * outputs + j] = doubleSigmoid(z)
            case .leakyReLU(let slope): a[i * outputs + j] = z < 0 ? Double(slope) * z : z
            default: preconditionFailure("doubleDense: no Double reference for \(activation)")
            }
        }
    }
    return a
}

/// A network of `Dense` layers evaluated in Double with the given flat parameter values (W1, b1, W2, b2, ...).
func doubleNetwork(_ network: Network, _ x: [Double], rows: Int, parameters: [Double]) -> [Double] {
    var rest = parameters[...]
    var activation = x
    for layer in network.layers {
        let dense = layer as! Dense
        let w = Array(rest.prefix(dense.weights.count)); rest = rest.dropFirst(dense.weights.count)
        let b = Array(rest.prefix(dense.bias.count)); rest = rest.dropFirst(dense.bias.count)
        activation = doubleDense(activation, rows: rows, w, b, activation: dense.activation)
    }
    return activation
}

/// Every parameter value of a network, flat, in Double.
func flatValues(_ network: Network) -> [Double] { network.parameters.flatMap(\.value.doubles) }

/// Every parameter gradient of a network, flat, in Double.
func flatGradients(_ network: Network) -> [Double] { network.parameters.flatMap(\.gradient.doubles) }

/// A small G (2 -> 5 ReLU -> 2 linear) and D (2 -> 4 leaky ReLU -> 1 linear) with biases away from 0.
func smallNetworks(_ random: inout Xoshiro256StarStar) -> (generator: Network, discriminator: Network) {
    let bias = Initialisation.normal(standardDeviation: 0.5)
    let g = Network([Dense(inputs: 2, outputs: 5, activation: .relu, biasInitialisation: bias, generator: &random),
                     Dense(inputs: 5, outputs: 2, activation: .linear, biasInitialisation: bias, generator: &random)])
    let d = Network([Dense(inputs: 2, outputs: 4, activation: .leakyReLU(slope: 0.2), biasInitialisation: bias, generator: &random),
                     Dense(inputs: 4, outputs: 1, activation: .linear, biasInitialisation: bias, generator: &random)])
    return (g, d)
}

/// The standard error of a child process that an exit test observed, as text.
func standardError(of result: ExitTest.Result?) -> String {
    String(decoding: result?.standardErrorContent ?? [], as: UTF8.self)
}
