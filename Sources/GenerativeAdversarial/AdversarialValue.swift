// AdversarialValue.swift: the two-player game of DL Padova "Generative Adversal Network" (Goodfellow et
// al. 2014, Eq. (1)): min_G max_D V(D, G) = E_x~p_data[log D(x)] + E_z~p_z[log(1 - D(G(z)))], its
// batch estimate, and the discriminator's loss -V.
// Goals, in order: the notes' formula, one line; exact and finite at any discriminator output, so D
// ends in a linear layer and everything here works on its logit s (D(x) = sigmoid(s)); the platform's
// BCE from logits underneath, not a second copy of it.
//
// With D = sigmoid(s): log D = -softplus(-s) = -BCE(s, 1) and log(1 - D) = -softplus(s) = -BCE(s, 0),
// where BCE(s, y) = max(s, 0) - s y + log(1 + e^{-|s|}) never forms a probability.

import Core
import Foundation
import NeuralNetworks

/// The value V(D, G) of the game and its batch estimate.
public enum AdversarialValue {
    /// V = (1/m) sum_i log D(x_i) + (1/n) sum_j log(1 - D(G(z_j)))   DL Padova "Generative Adversal Network"
    ///
    /// The batch estimate from D's probabilities on m real samples and n generated ones (any shapes,
    /// each number one sample). D(x) = (0.9, 0.8), D(G(z)) = (0.1, 0.3) give -0.3952697633, and
    /// D = 1/2 everywhere gives 2 log(1/2) = -log 4 = -1.3862943611 (WORKED-NUMBERS.md 11.3).
    /// Probabilities of exactly 0 or 1 give -infinity, as the formula does: use `fromLogits` in training.
    public static func estimate(realProbabilities: [Double], fakeProbabilities: [Double]) -> Double {
        require(!realProbabilities.isEmpty && !fakeProbabilities.isEmpty,
                "AdversarialValue.estimate: needs at least one real and one generated sample, got \(realProbabilities.count) and \(fakeProbabilities.count)")
        for p in realProbabilities + fakeProbabilities {
            require(p >= 0 && p <= 1, "AdversarialValue.estimate: D's outputs are probabilities in [0, 1], got \(p)")
        }
        let real = realProbabilities.reduce(0) { $0 + log($1) } / Double(realProbabilities.count)
        let fake = fakeProbabilities.reduce(0) { $0 + log(1 - $1) } / Double(fakeProbabilities.count)
        return real + fake
    }

    /// V from D's logits: s_real [m, 1] on real samples, s_fake [n, 1] on generated ones.
    /// V = -(1/m) sum BCE(s_real, 1) - (1/n) sum BCE(s_fake, 0), finite for every finite logit.
    public static func fromLogits(real: Tensor, fake: Tensor) -> Float {
        let bce = BinaryCrossEntropyFromLogits()
        return -bce.value(predicted: real, target: Tensor(shape: real.shape, repeating: 1))
            - bce.value(predicted: fake, target: Tensor(shape: fake.shape))
    }

    /// The value of the game at D = 1/2 everywhere: -log 4, where Goodfellow et al.'s Theorem 1 puts
    /// the minimum over G (p_g = p_data, so the best D can only guess).
    public static let atHalf: Double = -log(4)
}

/// The discriminator's loss J_D = -V on one batch of real and generated samples stacked together:
/// D ascends V by descending J_D   DL Padova "Generative Adversal Network"
///
///     J_D    = -(1/m) sum_(y=1) log D(x) - (1/n) sum_(y=0) log(1 - D(x))
///     dJ_D/ds = (sigmoid(s) - y) / m on real rows (y = 1),  (sigmoid(s) - y) / n on generated rows (y = 0)
///
/// `predicted` holds D's logits [m + n, 1]; `target` says which rows are real (1) and which generated (0).
/// Each half is averaged over its own count, so J_D is exactly -V whatever m and n (the platform's
/// BCE over the stacked batch would give -V/2 for m = n). One stacked batch, because a layer sees one
/// forward pass per backward pass (`Layer`); batch normalisation in D would then mix real and fake
/// statistics, which is why the discriminators here have none.
public struct DiscriminatorLoss: Loss, Equatable {
    public init() {}
    public var description: String { "-V (discriminator)" }

    public func value(predicted logits: Tensor, target: Tensor) -> Float {
        let shares = groupShares(target, logits, "Loss.value")
        let perRow = combineElements(logits, target, "Loss.value (\(self))") { s, y in
            max(s, 0) - s * y + log1p(exp(-abs(s)))
        }
        return zip(perRow.scalars, shares).reduce(0) { $0 + $1.0 * $1.1 }
    }

    public func gradient(predicted logits: Tensor, target: Tensor) -> Tensor {
        let shares = groupShares(target, logits, "Loss.gradient")
        var gradient = combineElements(logits, target, "Loss.gradient (\(self))") { s, y in sigmoid(s) - y }
        for i in 0..<gradient.count { gradient.scalars[i] *= shares[i] }
        return gradient
    }

    /// 1/m for each real row and 1/n for each generated one. Stops unless every target is 0 or 1 and
    /// both kinds are present.
    private func groupShares(_ target: Tensor, _ logits: Tensor, _ operation: String) -> [Float] {
        requireMatchingShapes(logits, target, operation)
        require(target.scalars.allSatisfy { $0 == 0 || $0 == 1 },
                "\(operation) (\(self)): targets must be 1 (real) or 0 (generated)")
        let realCount = target.scalars.filter { $0 == 1 }.count, fakeCount = target.count - realCount
        require(realCount > 0 && fakeCount > 0,
                "\(operation) (\(self)): needs real and generated rows, got \(realCount) real and \(fakeCount) generated")
        return target.scalars.map { $0 == 1 ? 1 / Float(realCount) : 1 / Float(fakeCount) }
    }
}
