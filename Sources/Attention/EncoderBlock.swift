// EncoderBlock.swift: one encoder block of the transformer, DL Padova "Encoders": multi-head
// self-attention, normalisation and a residual connection, a (position-wise) linear layer, a second
// normalisation and residual connection. We place them as Vaswani et al. (2017), Sec. 3.1, and the issue
// do, "add & norm": LayerNorm(x + Sublayer(x)) (E-ATT-1).
// Goals, in order: composed from the platform's layers (`Residual`, `LayerNormalisation`, `PositionWise`
// `Dense` layers in a `Network`) and this module's attention, so the block's forward and backward passes
// are those of a `Network`; a `Layer` itself, so blocks stack in a `Network` too.

import Core
import NeuralNetworks

/// H = LayerNorm(X + MultiHead(X, X, X)),  Y = LayerNorm(H + FFN(H)): [B, T, d_model] to the same.
///
/// ```swift
/// var generator = Xoshiro256StarStar(seed: 1)
/// let block = EncoderBlock(modelWidth: 64, heads: 4, hiddenWidth: 128, generator: &generator)
/// print(block(Tensor(shape: [32, 8, 64])).shape)   // [32, 8, 64]
/// print(block.network.layers.count)                 // 4: Residual(attention), norm, Residual(FFN), norm
/// ```
public final class EncoderBlock: Layer {
    public let selfAttention: MultiHeadAttention
    public let feedForward: PositionWise
    public let firstNorm: LayerNormalisation
    public let secondNorm: LayerNormalisation
    /// [Residual(selfAttention), firstNorm, Residual(feedForward), secondNorm].
    public let network: Network

    public init(modelWidth: Int, heads: Int, hiddenWidth: Int, generator: inout Xoshiro256StarStar) {
        selfAttention = MultiHeadAttention(modelWidth: modelWidth, heads: heads, generator: &generator)
        feedForward = positionWiseFeedForward(modelWidth: modelWidth, hiddenWidth: hiddenWidth, generator: &generator)
        (firstNorm, secondNorm) = (LayerNormalisation(features: modelWidth), LayerNormalisation(features: modelWidth))
        network = Network([Residual(selfAttention), firstNorm, Residual(feedForward), secondNorm])
    }

    /// A padding mask for the self-attention ([B, T, T] from `paddingMask`), or nil.
    public var mask: Tensor? {
        get { selfAttention.mask }
        set { selfAttention.mask = newValue }
    }

    public var parameters: [Parameter] { network.parameters }

    public func forward(_ input: Tensor, training: Bool = false) -> Tensor {
        network.forward(input, training: training)
    }

    public func backward(_ outputGradient: Tensor) -> Tensor {
        network.backward(outputGradient)
    }
}
