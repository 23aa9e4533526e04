// Activation.swift: the non-linearity Phi of a graph layer (MLiS II Eq. 2.9.3: "a non-linear activation
// function like ReLU") and its derivative for the backward pass.
// Goals, in order: the derivative at the kink stated (ReLU'(0) = 0); the backward pass reads the
// derivative from values the forward pass kept; nothing else.
//
// Note: the MLP module (NeuralNetworks) will own the course's activations; once it lands, this enum
// should give way to it (see README.md).

import Foundation

/// Phi, applied elementwise.
public enum Activation: String, CaseIterable, Sendable {
    /// Phi(z) = z: the last layer, whose outputs are logits for the softmax of Eq. (2.9.5).
    case identity
    /// Phi(z) = max(0, z)   (MLiS II Table 1.2; the hidden layer of Eq. 2.9.5).
    case relu
    /// Phi(z) = tanh(z): Kipf & Welling's choice for the untrained karate-club embedding.
    case tanh

    /// Phi(z).
    public func callAsFunction(_ z: Float) -> Float {
        switch self {
        case .identity: z
        case .relu: max(0, z)
        case .tanh: Foundation.tanh(z)
        }
    }

    /// Phi'(z), from the pre-activation z and the output a = Phi(z) the forward pass kept:
    /// 1; 1 for z > 0 and 0 for z <= 0 (ReLU'(0) is taken as 0); 1 - a^2 (tanh' = 1 - tanh^2).
    public func derivative(preActivation z: Float, output a: Float) -> Float {
        switch self {
        case .identity: 1
        case .relu: z > 0 ? 1 : 0
        case .tanh: 1 - a * a
        }
    }
}
