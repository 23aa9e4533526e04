// Embedding.swift: DL Padova "Tokenization": an embedding layer maps each token ID to a dense vector
// (a learnt row of a table), the input of the first attention block.
// Goals, in order: the lookup as Core's `gathering` and its gradient as `gatheringBackward` (the rows
// a batch used collect the gradients of every place they were used); one table per vocabulary.

import Core
import NeuralNetworks

/// E[token]: token IDs [B, T] (whole numbers held in a Float tensor) to vectors [B, T, d_model],
/// row `token` of the learnt table E [vocabulary, d_model], drawn from N(0, 1) as PyTorch's nn.Embedding.
///
/// ```swift
/// var generator = Xoshiro256StarStar(seed: 1)
/// let embedding = Embedding(vocabulary: 11, modelWidth: 32, generator: &generator)
/// print(embedding(Tensor([[3, 1, 4]])).shape)    // [1, 3, 32]
/// ```
/// Backward: dJ/dE[v] = the sum of dJ/d(output) over every position holding token v. The IDs are
/// whole numbers, not a point a gradient step could move, so `backward` returns zeros for them; the
/// table's gradient is what a training step needs (`backwardDiscardingInputGradient`).
public final class Embedding: Layer {
    /// E: [vocabulary, d_model].
    public let table: Parameter
    private var tokens: [Int]?
    private var inputShape: [Int] = []

    public init(vocabulary: Int, modelWidth: Int, generator: inout Xoshiro256StarStar) {
        require(vocabulary >= 1 && modelWidth >= 1, "Embedding: needs a vocabulary and d_model of at least 1, got \(vocabulary) and \(modelWidth)")
        table = Parameter("E", value: generator.normalTensor(shape: [vocabulary, modelWidth]))
    }

    public var vocabulary: Int { table.value.rows }
    public var modelWidth: Int { table.value.columns }
    public var parameters: [Parameter] { [table] }

    /// Token IDs [B, T] to [B, T, d_model]. Precondition: every ID is a whole number in 0..<vocabulary.
    public func forward(_ input: Tensor, training: Bool = false) -> Tensor {
        require(input.rank == 2, "Embedding.forward: needs token IDs [B, T], got shape \(input.shape)")
        let ids = input.scalars.map { Int(exactly: $0) ?? -1 }              // -1: not a whole number (or NaN)
        for (position, id) in ids.enumerated() {
            require(id >= 0 && id < vocabulary,
                    "Embedding.forward: token \(input.scalars[position]) at position \(position) is not an ID in 0..<\(vocabulary)")
        }
        (tokens, inputShape) = (ids, input.shape)
        return table.value.gathering(ids, alongAxis: 0).reshaped(input.shape + [modelWidth])
    }

    public func backward(_ outputGradient: Tensor) -> Tensor {
        backwardDiscardingInputGradient(outputGradient)
        return Tensor(shape: inputShape)
    }

    /// dJ/dE from dJ/d(output) [B, T, d_model].
    public func backwardDiscardingInputGradient(_ outputGradient: Tensor) {
        guard let tokens else { requirementFailed("Embedding.backward: called before forward; run a forward pass first") }
        requireShapes(outputGradient.shape == inputShape + [modelWidth], "Embedding.backward (dJ/d(output) vs [B, T, d_model])",
                      outputGradient.shape, inputShape + [modelWidth])
        table.gradient = gatheringBackward(outputGradient.reshaped([tokens.count, modelWidth]), indices: tokens, alongAxis: 0,
                                           inputShape: table.value.shape)
    }
}
