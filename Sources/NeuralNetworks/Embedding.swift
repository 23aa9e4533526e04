// Embedding.swift: the learnt lookup table of token vectors, shared by every module that reads tokens
// (Recurrent's sentiment model and multilabel "Recurrent DNN", DAT300 "Example sentiment analysis";
// Attention's transformer, DL Padova "Key-Value-Query concept" and "Positional Encoding").
// Goals, in order: one layer for all (a lookup is a Dense layer on one-hot rows, onehot(i) E = E_i,
// without building the V-wide rows); the two usual initialisations, Keras' and PyTorch's, so each
// model starts as the framework its notes describe; a clear stop on an index that is not a token.

import Core

/// Token indices [N, T] (whole numbers 0 ..< V, stored as Float) to vectors [N, T, D]: row i of the
/// learnt table E [V, D] for index i.
///
/// ```swift
/// var generator = Xoshiro256StarStar(seed: 1)
/// let embedding = Embedding(vocabulary: 100, dimension: 16, generator: &generator)
/// print(embedding.parameterCount)                            // 1600 (DAT300's sentiment model)
/// print(embedding(Tensor([[0, 0, 2, 5, 6]])).shape)           // [1, 5, 16]
/// ```
/// Backward: dJ/dE[v] is the sum of dJ/d(output) over every position holding token v. The indices
/// are whole numbers, not a point a gradient step could move, so `backward` returns zeros for them;
/// the table's gradient is what a training step needs (`backwardDiscardingInputGradient`).
public final class Embedding: Layer {
    /// How the table is drawn.
    public enum Initialisation: Sendable {
        /// U(-bound, bound); Keras' default is bound = 0.05.
        case uniform(bound: Float)
        /// N(0, 1), as PyTorch's `nn.Embedding`.
        case standardNormal
    }

    /// E, [V, D].
    public let table: Parameter
    private var indices: [Int]?
    private var inputShape: [Int]?

    /// A layer with a given table [V, D].
    public init(table: Tensor) {
        require(table.rank == 2 && table.rows > 0 && table.columns > 0, "Embedding: the table must be [V, D], got shape \(table.shape)")
        self.table = Parameter("E", value: table, isPenalised: true)
    }

    /// V vectors of D values, drawn as `initialisation` says (by default Keras' U(-0.05, 0.05)).
    public convenience init(vocabulary: Int, dimension: Int, initialisation: Initialisation = .uniform(bound: 0.05),
                            generator: inout Xoshiro256StarStar) {
        require(vocabulary > 0 && dimension > 0, "Embedding: needs V and D >= 1, got \(vocabulary) and \(dimension)")
        switch initialisation {
        case .uniform(let bound):
            self.init(table: generator.uniformTensor(shape: [vocabulary, dimension], -bound, bound))
        case .standardNormal:
            self.init(table: generator.normalTensor(shape: [vocabulary, dimension]))
        }
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

    /// dJ/dE, and zeros of the input's shape for the indices: the output is a step function of a token
    /// index (constant between whole numbers), so its derivative there is 0.
    public func backward(_ outputGradient: Tensor) -> Tensor {
        backwardDiscardingInputGradient(outputGradient)
        return Tensor(shape: inputShape!)
    }

    /// dJ/dE: row i collects the gradients of every position that read index i.
    public func backwardDiscardingInputGradient(_ outputGradient: Tensor) {
        guard let indices, let inputShape else { requirementFailed("Embedding.backward: called before forward; run a forward pass first") }
        requireShapes(outputGradient.shape == inputShape + [dimension], "Embedding.backward: dJ/d(output) vs [N, T, D]",
                      outputGradient.shape, inputShape + [dimension])
        table.gradient = gatheringBackward(outputGradient.reshaped([indices.count, dimension]), indices: indices, alongAxis: 0,
                                           inputShape: table.value.shape)
    }
}
