// The tensor version of the chapter's moons network: the same layers as a ScalarNetwork, as
// NeuralNetworks' Dense layers (a whole batch per matrix product, the four back-propagation
// equations of MLiS II Sec. 1.3), trained by the same full-batch gradient descent. Only Dense's
// init, forward and backward are used; the BCE gradient on the logit, (sigma(s) - y)/N (MLiS II
// Eq. (1.2.14)), is written out here.

import AutoDiff
import Core
import Foundation
import NeuralNetworks

final class TensorNetwork {
    let layers: [Dense]

    /// Dense layers holding the scalar network's current weights and biases (rounded to Float).
    init(copying network: ScalarNetwork) {
        layers = network.layers.map { layer in
            Dense(weights: Tensor(layer.weights.map { row in row.map { Float($0.value) } }),
                  bias: Tensor([layer.biases.map { Float($0.value) }]), activation: Self.activation(layer.activation))
        }
    }

    static func activation(_ activation: ScalarActivation) -> Activation {
        switch activation {
        case .linear: .linear
        case .relu: .relu
        case .tanh: .tanh
        case .sigmoid: .sigmoid
        }
    }

    /// One step on the whole batch: forward, dJ/ds = (sigma(s) - y)/N, backward through every layer,
    /// then W <- W - alpha dJ/dW (Eq. (1.3.13)). Returns J = (1/N) sum softplus(s) - y s before the step.
    func gradientDescentStep(_ inputs: Tensor, targets: Tensor, learningRate: Float) -> Double {
        let logits = layers.reduce(inputs) { activations, layer in layer.forward(activations) }
        let count = Float(inputs.rows)
        let outputGradient = (1 / count) * (logits.map { sigmoid($0) } - targets)
        _ = layers.reversed().reduce(outputGradient) { gradient, layer in layer.backward(gradient) }
        for layer in layers {
            layer.weights.value.add(layer.weights.gradient, scaledBy: -learningRate)
            layer.bias.value.add(layer.bias.gradient, scaledBy: -learningRate)
        }
        let terms = zip(logits.doubles, targets.doubles).map { s, y in max(s, 0) + log1p(exp(-abs(s))) - y * s }
        return terms.reduce(0, +) / Double(count)
    }
}
