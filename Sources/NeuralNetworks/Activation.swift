// Activation.swift: the activation functions of MLiS II Table 1.2 with their derivatives, and the
// softmax of Eq. (2.2.9), Eq. (2.2.10); the leaky ReLU and ELU slopes as DL Padova "Leaky ReLU and ELU".
// Goals, in order: the table's formulas, including its value at the kinks (z = 0 belongs to the
// "otherwise" branch); stable at +-1000 (the sigmoid and softmax of Core); one loop per batch.

import Core
import Foundation

/// Phi(z) of MLiS II Table 1.2, applied elementwise, or the softmax of Eq. (2.2.9) applied per row.
///
/// ```swift
/// let z = Tensor([[-2, -0.5, 0, 1.5]])
/// print(Activation.relu.apply(z).scalars)               // [0.0, 0.0, 0.0, 1.5]
/// print(Activation.elu().derivative(-2))                 // 0.13533528 (= e^-2)
/// print(Activation.softmax.apply(Tensor([[1000, 999]])).scalars)  // [0.7310586, 0.26894143]
/// ```
///
/// At z = 0 the table's "otherwise" branch applies: ReLU'(0) = 1, leaky ReLU'(0) = 1, ELU'(0) = 1 and
/// Heaviside(0) = 1. (DL Padova's prose and the course notebooks use ReLU'(0) = 0; any value in
/// [0, 1] is a valid subgradient, and we follow the table and its Theta(0) = 1: ERRATA E-09, E-72.)
public enum Activation: Sendable, Equatable, CustomStringConvertible {
    /// Phi(z) = z, Phi' = 1.
    case linear
    /// Phi(z) = 0 if z < 0, else 1. Its derivative is the Dirac delta: 0 away from z = 0, so
    /// back-propagation passes no gradient through it (the perceptron has its own rule, Eq. (1.2.10)).
    case heaviside
    /// Phi(z) = 1/(1 + e^-z), Phi' = sigma(z)(1 - sigma(z)).
    case sigmoid
    /// Phi(z) = tanh z, Phi' = sech^2 z = 1 - tanh^2 z.
    case tanh
    /// Phi(z) = 0 if z < 0, else z; Phi' = 0 if z < 0, else 1.
    case relu
    /// Phi(z) = slope * z if z < 0, else z; Phi' = slope if z < 0, else 1.
    case leakyReLU(slope: Float = 0.01)
    /// Phi(z) = alpha (e^z - 1) if z < 0, else z; Phi' = alpha e^z if z < 0, else 1
    /// (MLiS II Table 1.2 has alpha = 1; DL Padova writes the alpha).
    case elu(alpha: Float = 1)
    /// S(z)_i = e^{z_i} / sum_c e^{z_c} over each row (Eq. (2.2.9)), computed as e^{z_i - max z}.
    case softmax

    public var description: String {
        switch self {
        case .linear: "linear"
        case .heaviside: "Heaviside"
        case .sigmoid: "sigmoid"
        case .tanh: "tanh"
        case .relu: "ReLU"
        case .leakyReLU(let slope): "leaky ReLU (slope \(slope))"
        case .elu(let alpha): "ELU (alpha \(alpha))"
        case .softmax: "softmax"
        }
    }

    /// Phi(z) for one number. Precondition: not softmax, which needs the whole row.
    public func value(_ z: Float) -> Float {
        switch self {
        case .linear: z
        case .heaviside: z < 0 ? 0 : 1
        case .sigmoid: Core.sigmoid(z)
        case .tanh: Foundation.tanh(z)
        case .relu: z < 0 ? 0 : z
        case .leakyReLU(let slope): z < 0 ? slope * z : z
        case .elu(let alpha): z < 0 ? alpha * expm1(z) : z
        case .softmax: requirementFailed("Activation.value: softmax is defined on a whole row; use apply(_:)")
        }
    }

    /// Phi'(z), the right-hand column of Table 1.2. Precondition: not softmax (see `delta`).
    public func derivative(_ z: Float) -> Float {
        switch self {
        case .linear: 1
        case .heaviside: 0
        case .sigmoid: Core.sigmoid(z) * (1 - Core.sigmoid(z))
        case .tanh: 1 - Foundation.tanh(z) * Foundation.tanh(z)
        case .relu: z < 0 ? 0 : 1
        case .leakyReLU(let slope): z < 0 ? slope : 1
        case .elu(let alpha): z < 0 ? alpha * exp(z) : 1
        case .softmax: requirementFailed("Activation.derivative: softmax has a Jacobian (Eq. (2.2.10)), not a derivative per element")
        }
    }

    /// A = Phi(Z) for a batch Z of shape [N, n]: elementwise, or per row for softmax.
    public func apply(_ z: Tensor) -> Tensor {
        switch self {
        case .linear: z
        case .softmax: z.softmaxRows()
        case .sigmoid: mapElements(z) { Core.sigmoid($0) }
        case .relu: Self.relu(z)
        default: mapElements(z) { value($0) }
        }
    }

    /// Delta = dJ/dA ⊙ Phi'(Z), the error of a layer from the gradient of its output   (Eq. (1.3.4))
    ///
    /// `outputGradient`, `preActivation` (Z) and `output` (A = Phi(Z)) all have shape [N, n]. The
    /// sigmoid and tanh derivatives are read off the output (sigma(1 - sigma), 1 - tanh^2). For the
    /// softmax, Phi' is the Jacobian of Eq. (2.2.10), dS_i/dz_j = S_i (delta_ij - S_j), so each row is
    ///     Delta_j = S_j (g_j - sum_i g_i S_i).
    public func delta(outputGradient: Tensor, preActivation z: Tensor, output a: Tensor) -> Tensor {
        let operation = "Activation.delta (\(self)): dJ/dA and Z"
        switch self {
        case .linear:
            requireShapes(outputGradient.shape == z.shape, operation, outputGradient.shape, z.shape)
            return outputGradient
        case .sigmoid:
            return combineElements(outputGradient, a, operation) { g, s in g * s * (1 - s) }
        case .tanh:
            return combineElements(outputGradient, a, operation) { g, t in g * (1 - t * t) }
        case .relu:
            return combineElements(outputGradient, z, operation) { g, z in z < 0 ? 0 : g }
        case .softmax:
            return softmaxDelta(outputGradient: outputGradient, output: a)
        default:
            return combineElements(outputGradient, z, operation) { g, z in g * derivative(z) }
        }
    }

    /// ReLU of every element through Core's SIMD kernel.
    private static func relu(_ z: Tensor) -> Tensor {
        var result = Tensor(shape: z.shape)
        z.scalars.withUnsafeBufferPointer { x in result.scalars.withUnsafeMutableBufferPointer { Kernels.relu(x, into: $0) } }
        return result
    }

    /// Each row of dJ/dZ for the softmax: S ⊙ (g - (g . S)), the Jacobian of Eq. (2.2.10) applied to g.
    private func softmaxDelta(outputGradient g: Tensor, output s: Tensor) -> Tensor {
        requireShapes(g.shape == s.shape && g.rank == 2, "Activation.delta (softmax): dJ/dA and A", g.shape, s.shape)
        var delta = Tensor(shape: g.shape)
        let width = g.columns
        for row in 0..<g.rows {
            let range = (row * width)..<((row + 1) * width)
            var gradientDotOutput: Float = 0
            for k in range { gradientDotOutput += g.scalars[k] * s.scalars[k] }
            for k in range { delta.scalars[k] = s.scalars[k] * (g.scalars[k] - gradientDotOutput) }
        }
        return delta
    }
}
