// Transformer.swift: the encoder-decoder of DL Padova "Encoders", "Decoder", "Output" and
// "Encoder-Decoder Attention" (Vaswani et al. 2017, Fig. 1): token embeddings plus positional
// encodings, a stack of encoder blocks on the input sequence, a stack of decoder blocks on the output
// sequence so far (masked) that all attend to the last encoder block's output, and a linear layer to one
// score per token of the vocabulary ("we assign a probability to each word and keep the highest").
// Goals, in order: every piece one of this module's or the platform's layers; the backward pass written
// out once, with the encoder's output collecting a gradient from every decoder block; training by
// teacher forcing (the true output shifted right is the decoder's input) and greedy decoding, one token
// after another, at test time, as the notes describe.

import Core
import NeuralNetworks

/// The sizes of a transformer.
public struct TransformerShape: Sendable, Equatable {
    /// Tokens 0 ..< vocabulary in the input and the output; the decoder has one more, the start token.
    public var vocabulary: Int
    /// The longest sequence (the positional-encoding table's length).
    public var length: Int
    public var modelWidth: Int
    public var heads: Int
    /// d_ff of the feed-forward layers.
    public var hiddenWidth: Int
    /// Blocks in the encoder, and in the decoder.
    public var layers: Int

    public init(vocabulary: Int = 10, length: Int = 8, modelWidth: Int = 64, heads: Int = 4, hiddenWidth: Int = 128, layers: Int = 2) {
        (self.vocabulary, self.length, self.modelWidth, self.heads, self.hiddenWidth, self.layers) =
            (vocabulary, length, modelWidth, heads, hiddenWidth, layers)
    }
}

/// An encoder-decoder transformer on token sequences [B, T].
///
/// ```swift
/// var generator = Xoshiro256StarStar(seed: 1)
/// let model = Transformer(shape: TransformerShape(modelWidth: 32, heads: 4, layers: 2), generator: &generator)
/// let source = tokenTensor([[3, 1, 4, 1, 5, 9, 2, 6]])
/// print(model.logits(source: source, targetInput: shiftedRight(source, start: model.startToken)).shape)   // [1, 8, 10]
/// print(model.predict(source))      // greedy decoding, one token after another
/// ```
public final class Transformer {
    public let shape: TransformerShape
    public let sourceEmbedding: Embedding
    /// The output tokens and the start token (`startToken` = vocabulary).
    public let targetEmbedding: Embedding
    public let positions: PositionalEncoding
    public let encoder: [EncoderBlock]
    public let decoder: [DecoderBlock]
    /// Dense(d_model -> vocabulary, linear) at every position: the logits.
    public let output: PositionWise

    public init(shape: TransformerShape, generator: inout Xoshiro256StarStar) {
        require(shape.layers >= 1 && shape.length >= 1 && shape.vocabulary >= 1,
                "Transformer: needs at least one layer, position and token, got \(shape)")
        self.shape = shape
        sourceEmbedding = Embedding(vocabulary: shape.vocabulary, dimension: shape.modelWidth, initialisation: .standardNormal, generator: &generator)
        targetEmbedding = Embedding(vocabulary: shape.vocabulary + 1, dimension: shape.modelWidth, initialisation: .standardNormal, generator: &generator)
        positions = PositionalEncoding(modelWidth: shape.modelWidth, maximumLength: shape.length)
        var encoder: [EncoderBlock] = [], decoder: [DecoderBlock] = []
        for _ in 0..<shape.layers {
            encoder.append(EncoderBlock(modelWidth: shape.modelWidth, heads: shape.heads, hiddenWidth: shape.hiddenWidth, generator: &generator))
        }
        for _ in 0..<shape.layers {
            decoder.append(DecoderBlock(modelWidth: shape.modelWidth, heads: shape.heads, hiddenWidth: shape.hiddenWidth, generator: &generator))
        }
        (self.encoder, self.decoder) = (encoder, decoder)
        output = PositionWise(Dense(inputs: shape.modelWidth, outputs: shape.vocabulary, activation: .linear, generator: &generator))
    }

    /// The token that starts every decoder input.
    public var startToken: Int { shape.vocabulary }

    public var parameters: [Parameter] {
        sourceEmbedding.parameters + targetEmbedding.parameters + encoder.flatMap(\.parameters)
            + decoder.flatMap(\.parameters) + output.parameters
    }

    /// The number of trainable scalars.
    public var parameterCount: Int { parameters.filter(\.isTrainable).reduce(0) { $0 + $1.count } }

    /// The encoder's output Z [B, T, d_model] for token IDs [B, T]: embeddings + PE, then the blocks.
    public func encode(_ source: Tensor, training: Bool = false) -> Tensor {
        encoder.reduce(positions.forward(sourceEmbedding.forward(source, training: training))) { $1.forward($0, training: training) }
    }

    /// The logits [B, T, vocabulary] for the decoder input [B, T] (start token, then the output so far)
    /// and the encoder's output Z.
    public func decode(_ targetInput: Tensor, memory: Tensor, training: Bool = false) -> Tensor {
        let x = positions.forward(targetEmbedding.forward(targetInput, training: training))
        return output.forward(decoder.reduce(x) { $1.forward($0, memory: memory, training: training) }, training: training)
    }

    /// decode(targetInput, encode(source)): the logits [B, T, vocabulary].
    public func logits(source: Tensor, targetInput: Tensor, training: Bool = false) -> Tensor {
        decode(targetInput, memory: encode(source, training: training), training: training)
    }

    /// The backward pass after `logits(source:targetInput:training:)`, from dJ/d(logits): the decoder
    /// blocks in reverse order, each adding its share to dJ/dZ, then the encoder blocks from dJ/dZ.
    /// Sets every parameter's gradient.
    public func backward(_ logitsGradient: Tensor) {
        var gradient = output.backward(logitsGradient)
        var memoryGradient: Tensor? = nil
        for block in decoder.reversed() {
            let (input, memory) = block.backward(gradient)
            gradient = input
            memoryGradient = memoryGradient.map { $0 + memory } ?? memory
        }
        targetEmbedding.backwardDiscardingInputGradient(positions.backward(gradient))
        let encoded = encoder.reversed().reduce(memoryGradient!) { $1.backward($0) }
        sourceEmbedding.backwardDiscardingInputGradient(positions.backward(encoded))
    }

    /// One step of teacher forcing on (source, target) [B, T]: the decoder sees the target shifted right;
    /// the loss is the mean cross-entropy from the logits over the B T positions. Returns it (before the update).
    @discardableResult
    public func trainingStep(source: Tensor, target: Tensor, optimiser: inout some Optimiser, gradientClipNorm: Float? = nil) -> Float {
        requireShapes(source.rank == 2 && source.shape == target.shape, "Transformer.trainingStep (source [B, T] vs target [B, T])",
                      source.shape, target.shape)
        let logits = self.logits(source: source, targetInput: shiftedRight(target, start: startToken), training: true)
        let rows = logits.reshaped([target.count, shape.vocabulary])
        let truth = oneHot(target.scalars.map { Int($0) }, classes: shape.vocabulary)
        let loss = CategoricalCrossEntropyFromLogits()
        let value = loss.value(predicted: rows, target: truth)
        backward(loss.gradient(predicted: rows, target: truth).reshaped(logits.shape))
        if let gradientClipNorm { clipGradientNorm(parameters, maximumNorm: gradientClipNorm) }
        optimiser.update(parameters)
        return value
    }

    /// Greedy decoding ("we keep the one with the highest score", DL Padova "Output"): the encoder once,
    /// then the decoder T times, each time appending the most probable next token to its input. The
    /// causal mask makes the tokens not yet decided irrelevant, so the input keeps its length T.
    public func predict(_ source: Tensor) -> [[Int]] {
        let memory = encode(source)
        let (batch, length) = (source.shape[0], source.shape[1])
        var input = Tensor(shape: [batch, length], repeating: Float(startToken))
        var predicted = [[Int]](repeating: [Int](repeating: 0, count: length), count: batch)
        for position in 0..<length {
            let logits = decode(input, memory: memory)
            for b in 0..<batch {
                let row = logits.scalars[((b * length + position) * shape.vocabulary)..<((b * length + position + 1) * shape.vocabulary)]
                let token = row.indices.max { row[$0] < row[$1] }! - row.startIndex
                predicted[b][position] = token
                if position + 1 < length { input.scalars[b * length + position + 1] = Float(token) }
            }
        }
        return predicted
    }
}

/// The decoder's input for teacher forcing: [start, y_0, ..., y_(T-2)] for every row of Y [B, T].
public func shiftedRight(_ target: Tensor, start: Int) -> Tensor {
    require(target.rank == 2, "shiftedRight: needs token IDs [B, T], got shape \(target.shape)")
    let (batch, length) = (target.shape[0], target.shape[1])
    var shifted = Tensor(shape: target.shape, repeating: Float(start))
    for b in 0..<batch {
        for t in 1..<max(length, 1) { shifted.scalars[b * length + t] = target.scalars[b * length + t - 1] }
    }
    return shifted
}

/// Token sequences of one length as a tensor of IDs [B, T].
public func tokenTensor(_ sequences: [[Int]]) -> Tensor {
    let length = sequences.first?.count ?? 0
    require(sequences.allSatisfy { $0.count == length }, "tokenTensor: the sequences differ in length")
    return Tensor(shape: [sequences.count, length], scalars: sequences.flatMap { $0.map(Float.init) })
}
