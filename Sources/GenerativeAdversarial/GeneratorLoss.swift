// GeneratorLoss.swift: what the generator minimises, in the two forms of the literature. DL Padova
// "Generative Adversal Network" trains G "to minimize log(1 - D(G(z)))" (the saturating form of
// Goodfellow et al. 2014, Eq. (1)); the same paper (Sec. 3) notes that early in training, when D
// rejects every sample, log(1 - D(G(z))) saturates, and has G maximise log D(G(z)) instead.
// Goals, in order: both forms on D's logit, exact at any logit; their gradients side by side, so the
// ratio D/(1 - D) between them can be read off the code.
//
// With D = sigmoid(s) on a generated sample:
//     saturating      J = (1/n) sum log(1 - D) = -(1/n) sum softplus(s),  dJ/ds = -D / n
//     non-saturating  J = -(1/n) sum log D     =  (1/n) sum softplus(-s), dJ/ds = -(1 - D) / n
// Both push s up (towards "real"). Per sample their ratio is D/(1 - D): when D(G(z)) is near 0 (D is
// confident), the saturating gradient vanishes while the non-saturating one is near its largest.

import Core
import Foundation
import NeuralNetworks

/// The generator's loss on D's logits s = D_logit(G(z)), shape [n, 1].
///
/// ```swift
/// let s = Tensor([[-3]])                                            // D(G(z)) = sigmoid(-3) = 0.047
/// GeneratorLoss.saturating.gradient(predicted: s, target: s)        // [-0.047]: -D
/// GeneratorLoss.nonSaturating.gradient(predicted: s, target: s)     // [-0.953]: -(1 - D)
/// ```
///
/// The loss depends on D's verdict alone: `target` is only checked for its shape (pass the logits
/// themselves, or ones, the label "real" G wants).
public enum GeneratorLoss: Loss, Equatable, CaseIterable {
    /// J = (1/n) sum log(1 - D(G(z))): the notes' form, minimised.
    case saturating
    /// J = -(1/n) sum log D(G(z)): Goodfellow et al.'s practical form, minimised.
    case nonSaturating

    public var description: String {
        switch self {
        case .saturating: "saturating log(1 - D(G(z)))"
        case .nonSaturating: "non-saturating -log D(G(z))"
        }
    }

    /// J on the logits, Goodfellow et al. 2014, Eq. (1) (its second term) or Sec. 3 (the non-saturating form).
    public func value(predicted logits: Tensor, target: Tensor) -> Float {
        requireMatchingShapes(logits, target, "Loss.value")
        let n = Float(batchCount(logits))
        switch self {
        case .saturating: return -logits.scalars.reduce(0) { $0 + softplus($1) } / n
        case .nonSaturating: return logits.scalars.reduce(0) { $0 + softplus(-$1) } / n
        }
    }

    /// dJ/ds: -D(G(z))/n (saturating) or -(1 - D(G(z)))/n (non-saturating), per sample.
    public func gradient(predicted logits: Tensor, target: Tensor) -> Tensor {
        requireMatchingShapes(logits, target, "Loss.gradient")
        let n = Float(batchCount(logits))
        switch self {
        case .saturating: return mapElements(logits) { -sigmoid($0) / n }
        case .nonSaturating: return mapElements(logits) { -sigmoid(-$0) / n }
        }
    }

    /// The ratio of the saturating to the non-saturating gradient with respect to D's logit for one
    /// sample with D(G(z)) = `probability`: D / (1 - D).
    public static func gradientRatio(probability: Double) -> Double {
        probability / (1 - probability)
    }
}

/// softplus(t) = log(1 + e^t) = max(t, 0) + log(1 + e^{-|t|}), exact for large |t|.
@inline(__always)
func softplus(_ t: Float) -> Float {
    max(t, 0) + log1p(exp(-abs(t)))
}
