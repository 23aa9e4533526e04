// FeedForward.swift: the position-wise feed-forward layer of the transformer, DL Padova "Encoders"
// ("a linear layer" after the attention), written out by Vaswani et al. (2017), Sec. 3.3, Eq. (2):
// FFN(x) = max(0, x W_1 + b_1) W_2 + b_2, the same two dense layers at every position.
// Goals: composed from the platform's parts (two `Dense` layers in a `Network`, applied by `PositionWise`),
// nothing rewritten.

import Core
import NeuralNetworks

/// FFN(x) = max(0, x W_1 + b_1) W_2 + b_2 at every position of [B, T, d_model]   (Vaswani et al., Eq. (2))
///
/// W_1 is [d_model, d_ff] and W_2 [d_ff, d_model], Xavier-uniform; biases start at 0. Vaswani et al.
/// take d_ff = 4 d_model (2048 for d_model = 512).
public func positionWiseFeedForward(modelWidth: Int, hiddenWidth: Int, generator: inout Xoshiro256StarStar) -> PositionWise {
    PositionWise(Network([
        Dense(inputs: modelWidth, outputs: hiddenWidth, activation: .relu, generator: &generator),
        Dense(inputs: hiddenWidth, outputs: modelWidth, activation: .linear, generator: &generator),
    ]))
}
