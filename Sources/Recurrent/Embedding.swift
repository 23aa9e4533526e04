// Embedding.swift: the embedding layer of DAT300's sentiment example (Keras' `Embedding(100, 16)`):
// each token index picks a learnt row of a [V, D] table.
// Goals, in order: a lookup forward and a scatter-add backward; indices checked with a message.

import Core
import NeuralNetworks

/// Token indices [N, T] (whole numbers 0 ..< V, stored as Float) to vectors [N, T, D]: row i of the
/// table E ([V, D]) for index i. It is a Dense layer on one-hot inputs (onehot(i) E = E_i) without
/// the V-wide one-hot rows.
///
/// ```swift
/// var generator = Xoshiro256StarStar(seed: 1)
/// let embedding = Embedding(vocabulary: 100, dimension: 16, generator: &generator)
/// print(embedding.parameterCount)                            // 1600 (DAT300's sentiment model)
/// print(embedding(Tensor([[0, 0, 2, 5, 6]])).shape)           // [1, 5, 16]
/// ```
public final class Embedding: Layer {
    /// E, [V, D].
    public let table: Parameter
    private var indices: [Int]?
    private var inputShape: [Int]?

    /// A layer with a given table [V, D].
    public init(table: Tensor) {
        require(table.rank == 2 && table.rows > 0 && table.columns > 0, "Embedding: the table must be [V, D], got shape \(table.shape)")
        self.table = Parameter("E", value: table, isPenalised: true)
    }

    /// V vectors of D values drawn from U(-0.05, 0.05), as Keras' default.
    public convenience init(vocabulary: Int, dimension: Int, generator: inout Xoshiro256StarStar) {
        require(vocabulary > 0 && dimension > 0, "Embedding: needs V and D >= 1, got \(vocabulary) and \(dimension)")
        self.init(table: generator.uniformTensor(shape: [vocabulary, dimension], -0.05, 0.05))
    }

    public var vocabulary: Int { table.value.rows }
    public var dimension: Int { table.value.columns }
    public var parameters: [Parameter] { [table] }
    /// V D.
    public var parameterCount: Int { table.count }

    /// Row E_i for every index i: [N, T] to [N, T, D].
    /// Precondition: every entry is a whole number in 0 ..< V (the message names the first that is not).
    public func forward(_ input: Tensor, training: Bool = false) -> Tensor {
        require(input.rank == 2, "Embedding.forward: token indices must be [N, T], got shape \(input.shape)")
        let indices = input.scalars.enumerated().map { position, value in
            let index = Int(exactly: value) ?? -1
            require(index >= 0 && index < vocabulary,
                    "Embedding.forward: entry \(position) is \(value), not a token index in 0..<\(vocabulary)")
            return index
        }
        (self.indices, inputShape) = (indices, input.shape)
        return table.value.gatheringRows(indices).reshaped(input.shape + [dimension])
    }

    /// dJ/dE: row i collects the gradients of every position that read index i. Returns zeros of
    /// the input's shape: the output is a step function of a token index (constant between whole
    /// numbers), so its derivative there is 0; nothing upstream of a lookup is ever trained.
    public func backward(_ outputGradient: Tensor) -> Tensor {
        backwardDiscardingInputGradient(outputGradient)
        return Tensor(shape: inputShape!)
    }

    public func backwardDiscardingInputGradient(_ outputGradient: Tensor) {
        guard let indices, let inputShape else { requirementFailed("Embedding.backward: called before forward; run a forward pass first") }
        requireShapes(outputGradient.shape == inputShape + [dimension], "Embedding.backward: dJ/d(output) vs [N, T, D]",
                      outputGradient.shape, inputShape + [dimension])
        table.gradient = gatheringBackward(outputGradient.reshaped([indices.count, dimension]), indices: indices, alongAxis: 0,
                                           inputShape: table.value.shape)
    }
}
