// Dropout.swift: MLiS II Sec. 1.7.3 and DL Padova "Overfitting and DropOut"
// (Srivastava et al. 2014).
// Goals, in order: say which convention, and make both available so a test can show they agree in
// expectation; the test-time factor of the notes corrected (keep probability 1 - p, not p: E-21);
// a seeded mask.

import Core

/// Sets each activation to 0 with probability p during training.
///
/// Two conventions; each gives, at test time, the mean over the masks of what it gives while training
/// (the tests check this):
/// - `.inverted` (DL Padova "Overfitting and DropOut", the default, as keras and PyTorch): while training,
///   h' = 0 with probability p, else h / (1 - p); at test time h' = h.
/// - `.scaledAtTest` (MLiS II Sec. 1.7.3): while training, h' = 0 with probability p, else h; at test
///   time every activation is multiplied by the keep probability 1 - p. (The notes write
///   w_test = p w_train, with p the probability of dropping; but the training mean of h' is (1 - p) h,
///   so the factor must be 1 - p: 0.7, not 0.3, for p = 0.3. ERRATA E-21.)
///
/// ```swift
/// var generator = Xoshiro256StarStar(seed: 5)
/// let dropout = Dropout(rate: 0.5, generator: &generator)
/// let h = Tensor([[2, 2, 2, 2]])
/// print(dropout.forward(h, training: true).scalars)   // [0.0, 4.0, 4.0, 0.0]: each 0 or 2/(1 - p)
/// print(dropout.forward(h, training: false).scalars)  // [2.0, 2.0, 2.0, 2.0]
/// ```
public final class Dropout: Layer {
    public enum Convention: Sendable {
        /// Scale the kept activations by 1/(1 - p) while training; identity at test time.
        case inverted
        /// Keep activations unscaled while training; multiply by 1 - p at test time.
        case scaledAtTest
    }

    /// p, the probability that an activation is dropped.
    public let rate: Float
    public let convention: Convention
    private var generator: Xoshiro256StarStar
    /// The factor each element was multiplied by in the last forward pass (0 where dropped).
    private var multipliers: Tensor?

    /// The layer draws its masks from a generator of its own, seeded from `generator`.
    /// Precondition: 0 <= rate < 1.
    public init(rate: Float, convention: Convention = .inverted, generator: inout Xoshiro256StarStar) {
        require(rate >= 0 && rate < 1, "Dropout: the rate p must lie in [0, 1), got \(rate)")
        (self.rate, self.convention) = (rate, convention)
        self.generator = Xoshiro256StarStar(seed: generator.next())
    }

    /// The factor of a kept activation while training: 1/(1 - p) (inverted) or 1.
    public var trainingScale: Float { convention == .inverted ? 1 / (1 - rate) : 1 }
    /// The factor of every activation at test time: 1 (inverted) or the keep probability 1 - p.
    public var testScale: Float { convention == .inverted ? 1 : 1 - rate }

    public func forward(_ input: Tensor, training: Bool) -> Tensor {
        var factors = Tensor(shape: input.shape, repeating: training ? trainingScale : testScale)
        if training {
            for k in 0..<factors.count where generator.uniformFloat() < rate { factors.scalars[k] = 0 }
        }
        multipliers = factors
        return input.multipliedElementwise(by: factors)
    }

    /// dJ/dh = dJ/dh' ⊙ (the factors of the last forward pass): dropped units pass no gradient.
    public func backward(_ outputGradient: Tensor) -> Tensor {
        outputGradient.multipliedElementwise(by: cached(multipliers, "Dropout"))
    }
}
