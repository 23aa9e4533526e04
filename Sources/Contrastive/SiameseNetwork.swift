// SiameseNetwork.swift: two branches sharing one set of weights (DL Padova "Siamese Network"; thesis
// ch. 2 Sec. 2.2.5: each branch an encoder f and a projection head g, giving z_i and z_j).
// Goals, in order: one set of parameters, so there is nothing to keep in step; the shared weight's
// gradient the sum of both branches' (the chain rule through two uses of one weight), by passing both
// inputs through the branch as one batch, as the platform's `Layer` contract asks of a layer used twice.

import Core
import NeuralNetworks

/// Two inputs, one branch: z_i = branch(x_i), z_j = branch(x_j), with the same weights.
///
/// ```swift
/// var generator = Xoshiro256StarStar(seed: 1)
/// let siamese = SiameseNetwork(Dense(inputs: 64, outputs: 16, activation: .relu, generator: &generator))
/// let (zi, zj) = siamese.forward(xi, xj, training: true)        // [N, 16] each
/// _ = siamese.backward(dzi, dzj)                                 // W's gradient = branch i's + branch j's
/// ```
public final class SiameseNetwork {
    /// The one sub-network both branches run (e.g. `Network([encoder, head])`).
    public let branch: any Layer
    private var firstCount: Int?

    public init(_ branch: any Layer) {
        self.branch = branch
    }

    /// The shared parameters (one set, not two).
    public var parameters: [Parameter] { branch.parameters }

    /// (branch(x_i), branch(x_j)). Precondition: the two batches have the same example shape.
    public func forward(_ first: Tensor, _ second: Tensor, training: Bool) -> (Tensor, Tensor) {
        requireShapes(first.shape.dropFirst() == second.shape.dropFirst(), "SiameseNetwork.forward: x_i vs x_j",
                      first.shape, second.shape)
        let both = branch.forward(Tensor(concatenating: [first, second], alongAxis: 0), training: training)
        firstCount = first.shape[0]
        let halves = both.split(alongAxis: 0, sizes: [first.shape[0], both.shape[0] - first.shape[0]])
        return (halves[0], halves[1])
    }

    /// Sets the shared parameters' gradients to dJ/dW = (dJ/dW through branch i) + (through branch j),
    /// and returns (dJ/dx_i, dJ/dx_j).
    @discardableResult
    public func backward(_ firstGradient: Tensor, _ secondGradient: Tensor) -> (Tensor, Tensor) {
        guard let firstCount else { requirementFailed("SiameseNetwork.backward: called before forward") }
        requireShapes(firstGradient.shape[0] == firstCount, "SiameseNetwork.backward: dJ/dz_i vs z_i rows",
                      firstGradient.shape, [firstCount])
        let input = branch.backward(Tensor(concatenating: [firstGradient, secondGradient], alongAxis: 0))
        let halves = input.split(alongAxis: 0, sizes: [firstCount, input.shape[0] - firstCount])
        return (halves[0], halves[1])
    }
}
