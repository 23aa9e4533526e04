// BernoulliReconstruction.swift: the reconstruction term of DAT300 "Objective function" for a
// decoder that outputs one Bernoulli probability per pixel: -log p(x | z) = the binary cross-entropy
// of sigmoid(logits) against the pixels, SUMMED over the 64 pixels of an image (nats per image) and
// averaged over the images of a batch.
// Goals, in order: the platform's exact, stable BCE from logits (NeuralNetworks), not a copy; units
// that add to the KL term (both per image, in nats); a clear stop for pixel targets outside [0, 1].
//
// Units. The platform's losses sum over an example's outputs and average over the first axis only
// (MLiS II Eq. (1.1.1); NeuralNetworks README "Conventions"): `BinaryCrossEntropyFromLogits` on a batch
// [N, 64] is already (1/N) sum_i sum_k l_ik, the per-image sum the ELBO needs, so the scale factor is
// 1. (Keras' `binary_crossentropy` averages over the 64 pixels instead; a VAE written with it must
// multiply by 64, or its reconstruction term is 64 times too weak against the KL term.) The tests
// check the factor against a sum written out in Double.
//
// The targets are the digits' pixels / 16, in [0, 1]: "probabilities" of ink, not 0/1 bits. The BCE
// is then a cross-entropy, not a log-likelihood of binary data; its floor is the pixels' own entropy
// sum_k H(x_k) (about 13.7 nats per test image), not 0.

import Core
import NeuralNetworks

/// -log p(x | z) for Bernoulli pixels, nats per image:
///
///     J = (1/N) sum_i sum_k [max(l_ik, 0) - l_ik x_ik + log(1 + e^{-|l_ik|})],   dJ/dl = (sigmoid(l) - x)/N
///
/// (DAT300 "Objective function", the reconstruction loss; BCE from logits, MLiS II Table 1.1.)
/// Shapes: `predicted` (the decoder's logits) and `target` (pixels in [0, 1]) [N, pixels].
/// Preconditions: equal shapes; every target in [0, 1], else it stops naming the first bad pixel.
public struct BernoulliReconstruction: Loss, Equatable {
    public init() {}
    public var description: String { "Bernoulli reconstruction (BCE from logits, summed over pixels)" }

    public func value(predicted logits: Tensor, target: Tensor) -> Float {
        Self.requirePixelTargets(target, "BernoulliReconstruction.value")
        return BinaryCrossEntropyFromLogits().value(predicted: logits, target: target)
    }

    public func gradient(predicted logits: Tensor, target: Tensor) -> Tensor {
        Self.requirePixelTargets(target, "BernoulliReconstruction.gradient")
        return BinaryCrossEntropyFromLogits().gradient(predicted: logits, target: target)
    }

    /// Stops unless every target lies in [0, 1] (NaN fails too), naming the first that does not.
    public static func requirePixelTargets(_ target: Tensor, _ operation: String) {
        guard let index = target.scalars.firstIndex(where: { !($0 >= 0 && $0 <= 1) }) else { return }
        requirementFailed("\(operation): a Bernoulli decoder's pixel targets must lie in [0, 1], but target \(index) "
                          + "(example \(index / max(target.count / max(batchCount(target), 1), 1))) is \(target.scalars[index]); "
                          + "scale the digits' 0...16 by 1/16 (Core's Digits already does)")
    }
}

extension Loss where Self == BernoulliReconstruction {
    /// `loss: .bernoulliReconstruction` wherever a loss is expected.
    public static var bernoulliReconstruction: BernoulliReconstruction { BernoulliReconstruction() }
}
