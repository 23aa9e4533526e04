// DecoderBlock.swift: one decoder block of the transformer, DL Padova "Decoder" (printed under a second
// heading "Encoders": E-ATT-2), "Masked multi-head attention" and "Encoder-Decoder Attention": masked
// multi-head self-attention, normalisation and residual; multi-head attention whose queries come from
// the decoder and whose keys and values come from the encoder's output; normalisation and residual; a
// position-wise linear layer with a residual connection, and (as Vaswani et al., Sec. 3.1, where the
// notes stop at the residual: E-ATT-2) a third normalisation.
// Goals, in order: the three sub-layers in the notes' order, each "add & norm"; the two inputs and their
// two gradients explicit (the encoder's output receives a gradient from every decoder block); the
// platform's layers for everything but the attention.

import Core
import NeuralNetworks

/// With the decoder's input X [B, T, d_model] and the encoder's output Z [B, T_z, d_model]:
///
///     H1 = LayerNorm(X + MaskedMultiHead(X, X, X))        causal mask: position i sees 0...i
///     H2 = LayerNorm(H1 + MultiHead(H1, Z, Z))            queries from the decoder, keys and values from Z
///     Y  = LayerNorm(H2 + FFN(H2))
///
/// ```swift
/// var generator = Xoshiro256StarStar(seed: 1)
/// let block = DecoderBlock(modelWidth: 64, heads: 4, hiddenWidth: 128, generator: &generator)
/// let y = block.forward(Tensor(shape: [32, 8, 64]), memory: Tensor(shape: [32, 8, 64]))   // [32, 8, 64]
/// ```
public final class DecoderBlock {
    public let selfAttention: MultiHeadAttention
    public let crossAttention: MultiHeadAttention
    public let feedForward: PositionWise
    public let firstNorm: LayerNormalisation
    public let secondNorm: LayerNormalisation
    public let thirdNorm: LayerNormalisation
    /// [Residual(masked selfAttention), firstNorm]: X to H1.
    public let selfAttentionPart: Network
    /// [Residual(feedForward), thirdNorm]: H2 to Y.
    public let feedForwardPart: Network

    public init(modelWidth: Int, heads: Int, hiddenWidth: Int, generator: inout Xoshiro256StarStar) {
        selfAttention = MultiHeadAttention(modelWidth: modelWidth, heads: heads, generator: &generator)
        crossAttention = MultiHeadAttention(modelWidth: modelWidth, heads: heads, generator: &generator)
        feedForward = positionWiseFeedForward(modelWidth: modelWidth, hiddenWidth: hiddenWidth, generator: &generator)
        (firstNorm, secondNorm, thirdNorm) = (LayerNormalisation(features: modelWidth), LayerNormalisation(features: modelWidth),
                                              LayerNormalisation(features: modelWidth))
        selfAttentionPart = Network([Residual(selfAttention), firstNorm])
        feedForwardPart = Network([Residual(feedForward), thirdNorm])
    }

    public var parameters: [Parameter] {
        selfAttentionPart.parameters + crossAttention.parameters + secondNorm.parameters + feedForwardPart.parameters
    }

    /// Y from X [B, T, d_model] and the encoder's output `memory` [B, T_z, d_model]; `memoryMask`
    /// ([T, T_z] or [B, T, T_z]) hides padding in the encoder's sequence. Returns [B, T, d_model].
    public func forward(_ input: Tensor, memory: Tensor, memoryMask: Tensor? = nil, training: Bool = false) -> Tensor {
        require(input.rank == 3, "DecoderBlock.forward: needs X [B, T, d_model], got shape \(input.shape)")
        selfAttention.mask = causalMask(length: input.shape[1])
        let h1 = selfAttentionPart.forward(input, training: training)
        let h2 = secondNorm.forward(h1 + crossAttention.attend(queries: h1, keysAndValues: memory, mask: memoryMask), training: training)
        return feedForwardPart.forward(h2, training: training)
    }

    /// From dJ/dY: sets every parameter's gradient and returns dJ/dX and this block's share of dJ/dZ.
    public func backward(_ outputGradient: Tensor) -> (input: Tensor, memory: Tensor) {
        let h2Gradient = feedForwardPart.backward(outputGradient)
        let sumGradient = secondNorm.backward(h2Gradient)                      // dJ/d(H1 + cross-attention)
        let (crossQueryGradient, memoryGradient) = crossAttention.backwardBothInputs(sumGradient)
        let inputGradient = selfAttentionPart.backward(sumGradient + crossQueryGradient)   // residual path + queries
        return (inputGradient, memoryGradient)
    }

    /// The encoder-decoder attention weights of the last forward pass, [B, h, T, T_z].
    public var lastCrossAttentionWeights: Tensor? { crossAttention.lastWeights }
}
