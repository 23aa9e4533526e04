// Residual.swift: the skip connection y = x + f(x) around any layer f (MLiS II Sec. 2.5, the residual
// cell of ResNet; DL Padova "Residual Blocks"), the "add" of the transformer's "add & norm" (DL Padova
// "Encoders": "a residual connection around the previous two sublayers").
// Goals, in order: the one line where two gradients meet, visible in `backward`; any layer inside,
// any shape, as long as f keeps it.

import Core

/// y = x + f(x), for a layer f whose output has its input's shape.
///
/// ```swift
/// var generator = Xoshiro256StarStar(seed: 1)
/// let block = Residual(Dense(inputs: 4, outputs: 4, activation: .relu, generator: &generator))
/// print(block(Tensor(shape: [2, 4], repeating: 1)).shape)   // [2, 4]
/// ```
/// Backward: dJ/dx = dJ/dy + f'(x)^T dJ/dy: the gradient reaches x along the skip path unchanged, and
/// through f, and the two add up (the reason deep residual stacks keep their gradients).
public final class Residual: Layer {
    /// f, the branch beside the skip path.
    public let layer: any Layer

    public init(_ layer: any Layer) {
        self.layer = layer
    }

    public var parameters: [Parameter] { layer.parameters }

    /// Precondition: f(x) has the shape of x.
    public func forward(_ input: Tensor, training: Bool = false) -> Tensor {
        let branch = layer.forward(input, training: training)
        requireShapes(branch.shape == input.shape, "Residual.forward (f(x) must keep the shape of x)", branch.shape, input.shape)
        return input + branch
    }

    public func backward(_ outputGradient: Tensor) -> Tensor {
        outputGradient + layer.backward(outputGradient)        // skip path + branch
    }

    /// Only f has parameters; its gradients need dJ/dy alone.
    public func backwardDiscardingInputGradient(_ outputGradient: Tensor) {
        layer.backwardDiscardingInputGradient(outputGradient)
    }
}
