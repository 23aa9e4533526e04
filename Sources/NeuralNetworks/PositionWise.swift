// PositionWise.swift: one layer applied to every position of a sequence, or every entry of any leading
// axes: the "position-wise feed-forward network" of the transformer (DL Padova "Encoders": the linear
// layer after attention; Vaswani et al. 2017, Sec. 3.3), Keras' TimeDistributed.
// Goals, in order: reuse the layers of this module unchanged (a `Dense` sees a batch [N, n] as always);
// the same weights at every position, so the gradients of all positions add up in them (the sums
// over rows that Dense's Eq. (1.3.5) and Eq. (1.3.7) already take).

import Core

/// y[b, t, :] = layer(x[b, t, :]) for every position: the input [..., n] is seen as a batch of
/// rows [P, n] (P the product of the leading extents), passed through `layer`, and given its leading
/// axes back: [..., m].
///
/// ```swift
/// var generator = Xoshiro256StarStar(seed: 1)
/// let feedForward = PositionWise(Network([
///     Dense(inputs: 64, outputs: 256, activation: .relu, generator: &generator),
///     Dense(inputs: 256, outputs: 64, activation: .linear, generator: &generator),
/// ]))
/// print(feedForward(Tensor(shape: [32, 8, 64])).shape)   // [32, 8, 64]
/// ```
/// Because every position is one row of the same batch, the layer's parameter gradients are the sums
/// over all positions of all sequences, as weight sharing requires.
public final class PositionWise: Layer {
    /// The layer applied at every position; it sees [P, n] and returns [P, m].
    public let layer: any Layer
    private var inputShape: [Int]?

    public init(_ layer: any Layer) {
        self.layer = layer
    }

    public var parameters: [Parameter] { layer.parameters }

    /// Shapes: input [..., n] (rank >= 2) to output [..., m].
    public func forward(_ input: Tensor, training: Bool = false) -> Tensor {
        require(input.rank >= 2, "PositionWise.forward: needs [..., positions, features] (rank >= 2), got shape \(input.shape)")
        inputShape = input.shape
        let rows = input.reshaped([input.count / input.shape[input.rank - 1], input.shape[input.rank - 1]])
        let output = layer.forward(rows, training: training)
        require(output.rank == 2 && output.rows == rows.rows,
                "PositionWise.forward: the inner layer must map [P, n] to [P, m], got \(rows.shape) -> \(output.shape)")
        return output.reshaped(Array(input.shape.dropLast()) + [output.columns])
    }

    /// dJ/d(output) [..., m] to dJ/d(input) [..., n], through the inner layer's backward pass on the rows.
    public func backward(_ outputGradient: Tensor) -> Tensor {
        let shape = cachedInputShape()
        return layer.backward(rows(of: outputGradient, inputShape: shape)).reshaped(shape)
    }

    public func backwardDiscardingInputGradient(_ outputGradient: Tensor) {
        layer.backwardDiscardingInputGradient(rows(of: outputGradient, inputShape: cachedInputShape()))
    }

    private func cachedInputShape() -> [Int] {
        guard let inputShape else {
            requirementFailed("PositionWise.backward: called before forward; run a forward pass on the batch first")
        }
        return inputShape
    }

    /// dJ/d(output) as the [P, m] rows the inner layer produced.
    private func rows(of outputGradient: Tensor, inputShape: [Int]) -> Tensor {
        requireShapes(outputGradient.rank == inputShape.count && Array(outputGradient.shape.dropLast()) == Array(inputShape.dropLast()),
                      "PositionWise.backward (dJ/d(output) [..., m] vs input [..., n])", outputGradient.shape, inputShape)
        let width = outputGradient.shape[outputGradient.rank - 1]
        return outputGradient.reshaped([outputGradient.count / max(width, 1), width])
    }
}
