// The players' losses on D's logits: their gradients against central differences in Double, the ratio
// D/(1 - D) between the generator's two losses, and finiteness at logits of +-1000.

import Foundation
import Testing
import Core
import NeuralNetworks
@testable import GenerativeAdversarial

@Suite("The losses of the game: -V for D, saturating and non-saturating for G")
struct LossTests {
    @Test("DiscriminatorLoss: dJ/ds matches central differences of -V in Double, 3 real and 5 generated rows (seed 11)")
    func discriminatorGradient() {
        var random = Xoshiro256StarStar(seed: 11)
        let logits = random.normalTensor(shape: [8, 1], standardDeviation: 2)
        let labels = Tensor(column: [1, 0, 1, 0, 0, 1, 0, 0])
        let analytic = DiscriminatorLoss().gradient(predicted: logits, target: labels)
        let error = GradientCheck.error(analytic: analytic.doubles, at: logits.doubles) { s in
            var (real, fake) = (0.0, 0.0)
            for (value, label) in zip(s, labels.scalars) {
                if label == 1 { real += log(doubleSigmoid(value)) } else { fake += log(1 - doubleSigmoid(value)) }
            }
            return -(real / 3 + fake / 5)
        }
        #expect(error < gradientTolerance, "error \(error)")
    }

    @Test("Both generator losses: dJ/ds matches central differences in Double (seed 12)")
    func generatorGradients() {
        var random = Xoshiro256StarStar(seed: 12)
        let logits = random.normalTensor(shape: [6, 1], standardDeviation: 3)
        for loss in GeneratorLoss.allCases {
            let analytic = loss.gradient(predicted: logits, target: logits)
            let error = GradientCheck.error(analytic: analytic.doubles, at: logits.doubles) { s in
                let terms = s.map { loss == .saturating ? log(1 - doubleSigmoid($0)) : -log(doubleSigmoid($0)) }
                return terms.reduce(0, +) / 6
            }
            #expect(error < gradientTolerance, "\(loss): error \(error)")
            let value = loss.value(predicted: logits, target: logits)
            let expected = logits.doubles.map { loss == .saturating ? -doubleSoftplus($0) : doubleSoftplus(-$0) }.reduce(0, +) / 6
            #expect(isApproximatelyEqual(Double(value), expected, relativeTolerance: 1e-6), "\(loss)")
        }
    }

    @Test("Per sample, saturating over non-saturating gradient is D(G(z)) / (1 - D(G(z))), at D = 0.01 ... 0.99")
    func gradientRatio() {
        for p in [0.01, 0.1, 0.3, 0.5, 0.8, 0.99] {
            let logit = Tensor([[Float(log(p / (1 - p)))]])
            let saturating = GeneratorLoss.saturating.gradient(predicted: logit, target: logit).scalars[0]
            let nonSaturating = GeneratorLoss.nonSaturating.gradient(predicted: logit, target: logit).scalars[0]
            #expect(saturating < 0 && nonSaturating < 0, "both push the logit up")
            let ratio = Double(saturating / nonSaturating)
            #expect(isApproximatelyEqual(ratio, p / (1 - p), relativeTolerance: 1e-5), "D = \(p): ratio \(ratio)")
            #expect(isApproximatelyEqual(GeneratorLoss.gradientRatio(probability: p), p / (1 - p)))
        }
    }

    @Test("Extremes: logits of +-1000 give finite losses and gradients (a confident D costs G 1000, not infinity)")
    func extremes() {
        let logits = Tensor(column: [1000, -1000])
        for loss in GeneratorLoss.allCases {
            #expect(loss.value(predicted: logits, target: logits).isFinite)
            #expect(loss.gradient(predicted: logits, target: logits).scalars.allSatisfy { $0.isFinite })
        }
        #expect(GeneratorLoss.nonSaturating.value(predicted: Tensor([[-1000]]), target: Tensor([[1]])) == 1000)
        #expect(GeneratorLoss.saturating.gradient(predicted: Tensor([[-1000]]), target: Tensor([[1]])).scalars == [0])
        #expect(GeneratorLoss.nonSaturating.gradient(predicted: Tensor([[-1000]]), target: Tensor([[1]])).scalars == [-1])
        let value = DiscriminatorLoss().value(predicted: Tensor(column: [-1000, 1000]), target: Tensor(column: [1, 0]))
        #expect(value == 2000)
        #expect(AdversarialValue.fromLogits(real: Tensor([[-1000]]), fake: Tensor([[1000]])) == -2000)
    }
}
