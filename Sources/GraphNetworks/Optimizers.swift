// Optimizers.swift: plain gradient descent (MLiS II Eq. 1.2.13) and Adam (MLiS II Sec. 1.5.4,
// Eqs. 1.5.8-1.5.11; DL Padova "Adam" L327-333; Kingma & Ba 2015, Algorithm 1), the two the graph
// networks are trained with.
// Goals, in order: the update rules exactly as printed, bias correction included; any list of
// parameter tensors; nothing else.
//
// TEMPORARY HOME: the MLP module (NeuralNetworks: layers, losses, optimisers) is being written in
// parallel. Once it lands, these two should move there (or be replaced by its optimisers) and
// GraphNetworks should import them; see README.md.

import Core
import Foundation

/// Something that updates parameters from their gradients, one step at a time.
public protocol Optimizer {
    /// One step: every `parameters[k]` moves using `gradients[k]` (same shapes, same order every call).
    mutating func update(_ parameters: inout [Tensor], gradients: [Tensor])
}

/// theta <- theta - alpha grad J   (MLiS II Eq. 1.2.13).
public struct GradientDescent: Optimizer, Sendable {
    public var learningRate: Float

    public init(learningRate: Float) {
        require(learningRate > 0 && learningRate.isFinite, "GradientDescent: the learning rate must be positive, got \(learningRate)")
        self.learningRate = learningRate
    }

    public mutating func update(_ parameters: inout [Tensor], gradients: [Tensor]) {
        requireMatchingGradients(parameters, gradients, "GradientDescent.update")
        for k in parameters.indices { parameters[k].add(gradients[k], scaledBy: -learningRate) }
    }
}

/// Adam: moving averages of the gradient and of its square, with bias correction (MLiS II's s and r):
///     s <- beta1 s + (1 - beta1) g,   r <- beta2 r + (1 - beta2) g (.) g       (Eq. 1.5.8)
///     s^ = s / (1 - beta1^t),   r^ = r / (1 - beta2^t)                          (Eqs. 1.5.9-1.5.10)
///     w <- w - alpha s^ / (sqrt(r^) + epsilon)                                 (Eq. 1.5.11)
/// The first step is alpha sign(g) up to epsilon. beta1 = 0.9 and beta2 = 0.999 are the notes'
/// defaults; epsilon = 1e-8 is Kingma & Ba's (TF2's is 1e-7); alpha = 0.01 is Kipf & Welling's for GCNs.
public struct Adam: Optimizer, Sendable {
    public var learningRate: Float
    public let beta1: Float
    public let beta2: Float
    public let epsilon: Float
    /// The number of steps taken, t.
    public private(set) var step = 0
    private var firstMoments: [Tensor] = []
    private var secondMoments: [Tensor] = []

    public init(learningRate: Float = 0.01, beta1: Float = 0.9, beta2: Float = 0.999, epsilon: Float = 1e-8) {
        require(learningRate > 0 && learningRate.isFinite, "Adam: the learning rate must be positive, got \(learningRate)")
        require((0..<1).contains(beta1) && (0..<1).contains(beta2), "Adam: beta1 = \(beta1) and beta2 = \(beta2) must lie in [0, 1)")
        self.learningRate = learningRate
        self.beta1 = beta1
        self.beta2 = beta2
        self.epsilon = epsilon
    }

    public mutating func update(_ parameters: inout [Tensor], gradients: [Tensor]) {
        requireMatchingGradients(parameters, gradients, "Adam.update")
        if step == 0 {
            firstMoments = parameters.map { Tensor(shape: $0.shape) }
            secondMoments = firstMoments
        }
        require(firstMoments.map(\.shape) == parameters.map(\.shape),
                "Adam.update: the parameters changed shape since the first step: \(parameters.map(\.shape))")
        step += 1
        let correction1 = 1 - pow(beta1, Float(step))
        let correction2 = 1 - pow(beta2, Float(step))
        for k in parameters.indices {
            for i in parameters[k].scalars.indices {
                let g = gradients[k].scalars[i]
                firstMoments[k].scalars[i] = beta1 * firstMoments[k].scalars[i] + (1 - beta1) * g
                secondMoments[k].scalars[i] = beta2 * secondMoments[k].scalars[i] + (1 - beta2) * g * g
                let mHat = firstMoments[k].scalars[i] / correction1
                let vHat = secondMoments[k].scalars[i] / correction2
                parameters[k].scalars[i] -= learningRate * mHat / (vHat.squareRoot() + epsilon)
            }
        }
    }
}

/// Stops unless there is one gradient of the same shape per parameter.
func requireMatchingGradients(_ parameters: [Tensor], _ gradients: [Tensor], _ caller: String) {
    require(parameters.count == gradients.count, "\(caller): \(parameters.count) parameters but \(gradients.count) gradients")
    // (A loop over zip(parameters, gradients) here crashes the Swift 6.3.1 optimiser: "Found ownership error".)
    for k in parameters.indices {
        requireShapes(parameters[k].shape == gradients[k].shape, "\(caller) (parameter \(k) and its gradient)",
                      parameters[k].shape, gradients[k].shape)
    }
}
