// WORKED-NUMBERS.md's derived values for Sec. 11 (WORKED-NUMBERS.md 11.3): V at D = 1/2, the batch
// estimate of V, and the MvM distance, each by the library and, for V, from logits as in training.

import Foundation
import Testing
import Core
import NeuralNetworks
@testable import GenerativeAdversarial

@Suite("Sec. 11.3: the derived values of V(D, G) and of the MvM metric")
struct WorkedExampleTests {
    @Test("GAN-1: D = 1/2 everywhere gives V = 2 log(1/2) = -log 4 = -1.3862943611")
    func valueAtHalf() {
        let value = AdversarialValue.estimate(realProbabilities: [0.5, 0.5, 0.5], fakeProbabilities: [0.5, 0.5])
        #expect(isApproximatelyEqual(value, -1.3862943611, relativeTolerance: 1e-10))
        #expect(isApproximatelyEqual(AdversarialValue.atHalf, -1.3862943611, relativeTolerance: 1e-10))
    }

    @Test("GAN-1 from logits: a discriminator with zero weights (logit 0, D = 1/2) gives V = -log 4 in training's Float path")
    func valueAtHalfFromLogits() {
        let d = Network([Dense(weights: Tensor(shape: [2, 1]), bias: Tensor([[0]]), activation: .linear)])
        var random = Xoshiro256StarStar(seed: 1)
        let (real, fake) = (random.normalTensor(shape: [7, 2]), random.normalTensor(shape: [5, 2]))
        let value = AdversarialValue.fromLogits(real: d(real), fake: d(fake))
        #expect(isApproximatelyEqual(value, -1.3862944, relativeTolerance: 1e-6))
    }

    @Test("GAN-2: D(x) = (0.9, 0.8), D(G(z)) = (0.1, 0.3) give the batch estimate V = -0.3952697633")
    func batchEstimate() {
        let value = AdversarialValue.estimate(realProbabilities: [0.9, 0.8], fakeProbabilities: [0.1, 0.3])
        #expect(isApproximatelyEqual(value, -0.3952697633, relativeTolerance: 1e-9))
        // The same from the logits log(p / (1 - p)), in Float.
        let logit = { (p: Float) in log(p / (1 - p)) }
        let fromLogits = AdversarialValue.fromLogits(real: Tensor(column: [logit(0.9), logit(0.8)]),
                                                     fake: Tensor(column: [logit(0.1), logit(0.3)]))
        #expect(isApproximatelyEqual(fromLogits, -0.39526976, relativeTolerance: 1e-5))
    }

    @Test("GAN-2 as D's loss: on the stacked batch with labels (1, 1, 0, 0), DiscriminatorLoss is -V = 0.3952697633")
    func discriminatorLossIsMinusV() {
        let logit = { (p: Float) in log(p / (1 - p)) }
        let logits = Tensor(column: [logit(0.9), logit(0.8), logit(0.1), logit(0.3)])
        let loss = DiscriminatorLoss().value(predicted: logits, target: Tensor(column: [1, 1, 0, 0]))
        #expect(isApproximatelyEqual(loss, 0.39526976, relativeTolerance: 1e-5))
        // Unequal halves: each is averaged over its own count.
        let three = DiscriminatorLoss().value(predicted: Tensor(column: [logit(0.9), logit(0.8), logit(0.7), logit(0.1)]),
                                              target: Tensor(column: [1, 1, 1, 0]))
        let expected = -(log(0.9) + log(0.8) + log(0.7)) / 3 - log(0.9)
        #expect(isApproximatelyEqual(Double(three), expected, relativeTolerance: 1e-5))
    }

    @Test("MvM: G = diag(1, 2), a = (1, 1), b = 0 give dist(a, b) = ||Ga - Gb||_2 = sqrt 5 = 2.2360679775")
    func metricLearningDistance() {
        let metric = LearntMetric(matrix: Tensor([[1, 0], [0, 2]]))
        let distance = metric.distances(Tensor([[1, 1]]), Tensor([[0, 0]]))
        #expect(distance.shape == [1, 1])
        #expect(isApproximatelyEqual(distance.scalars[0], 2.2360679775, relativeTolerance: 1e-6))
        // Symmetric, and 0 between a point and itself.
        #expect(metric.distances(Tensor([[0, 0]]), Tensor([[1, 1]])) == distance)
        #expect(metric.distances(Tensor([[3, -1]]), Tensor([[3, -1]])).scalars == [0])
    }
}
