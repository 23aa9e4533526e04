// Where the notes' GAN sections are wrong or leave out what matters (ERRATA.md, E-GAN-1 to E-GAN-3),
// and the theory the fixes rest on (Goodfellow et al. 2014, Proposition 1 and Theorem 1).

import Foundation
import Testing
import Core
import NeuralNetworks
@testable import GenerativeAdversarial

@Suite("Errata E-GAN-1 to E-GAN-3, and the optimal discriminator")
struct ErrataTests {
    @Test("E-GAN-1: G does not minimise the classification error; a step of G raises D's error on G's samples (seed 51)")
    func generatorRaisesClassificationError() {
        var random = Xoshiro256StarStar(seed: 51)
        let (g, d) = smallNetworks(&random)
        for loss in GeneratorLoss.allCases {
            let gan = AdversarialNetworks(generator: g, discriminator: d, noiseDimension: 2, sampleDimension: 2,
                                          settings: AdversarialSettings(generatorLoss: loss), generatorOptimiser: SGD(learningRate: 0.05))
            let noise = random.uniformTensor(shape: [32, 2], -1, 1)
            let zeros = Tensor(shape: [32, 1])
            let before = BinaryCrossEntropyFromLogits().value(predicted: d(g(noise)), target: zeros)
            gan.generatorStep(noise: noise)
            let after = BinaryCrossEntropyFromLogits().value(predicted: d(g(noise)), target: zeros)
            #expect(after > before, "\(loss): D's cross-entropy on generated samples \(before) -> \(after)")
        }
    }

    @Test("E-GAN-2, Theorem 1: at D* = p/(p + q), V = -log 4 + 2 JSD(p || q) (to 1e-12), and -log 4 when q = p; it is no Euclidean distance")
    func valueIsJensenShannon() {
        let p = [0.1, 0.4, 0.2, 0.3, 0.0]
        let q = [0.25, 0.05, 0.3, 0.1, 0.3]
        let value = AdversarialValue.atOptimalDiscriminator(data: p, model: q)
        let jsd = AdversarialValue.jensenShannonDivergence(p, q)
        #expect(abs(value - (-log(4) + 2 * jsd)) < 1e-12)
        #expect(abs(AdversarialValue.atOptimalDiscriminator(data: p, model: p) - AdversarialValue.atHalf) < 1e-12)
        // Disjoint supports: JSD = log 2, so V = 0, however far apart the supports are; a Euclidean
        // distance between the distributions would grow with the gap.
        let near = AdversarialValue.atOptimalDiscriminator(data: [0.5, 0.5, 0, 0], model: [0, 0, 0.5, 0.5])
        let far = AdversarialValue.atOptimalDiscriminator(data: [1, 0, 0, 0], model: [0, 0, 0, 1])
        #expect(abs(near) < 1e-12 && abs(far) < 1e-12)
        #expect(abs(AdversarialValue.jensenShannonDivergence([1, 0], [0, 1]) - log(2)) < 1e-12)
    }

    @Test("Proposition 1: D trained alone between N(0, 1) data and a fixed G(z) = z + 1 approaches D* = p_data/(p_data + p_g) (seed 52)")
    func trainedDiscriminatorApproachesOptimum() {
        var random = Xoshiro256StarStar(seed: 52)
        let g = Network([Dense(weights: Tensor([[1]]), bias: Tensor([[1]]), activation: .linear)])
        let d = AdversarialNetworks.multilayerDiscriminator(sampleDimension: 1, hidden: 16, generator: &random)
        let gan = AdversarialNetworks(generator: g, discriminator: d, noiseDimension: 1, sampleDimension: 1,
                                      settings: AdversarialSettings(prior: .normal),
                                      discriminatorOptimiser: Adam(learningRate: 0.005, beta1: 0.5))
        let data = GaussianMixture.line(mean: 0, standardDeviation: 1), model = GaussianMixture.line(mean: 1, standardDeviation: 1)
        for _ in 0..<400 {
            gan.discriminatorStep(real: data.sample(256, generator: &random), noise: random.normalTensor(shape: [256, 1]))
        }
        let points: [Float] = [-1.5, -0.5, 0.5, 1.5, 2.5]
        let trained = gan.discriminatorProbabilities(Tensor(column: points)).scalars
        for (x, dx) in zip(points, trained) {
            let best = AdversarialValue.optimalDiscriminator(dataDensity: data.density(at: [Double(x)]), modelDensity: model.density(at: [Double(x)]))
            #expect(abs(Double(dx) - best) < 0.06, "x = \(x): D = \(dx), D* = \(best)")
        }
    }
}
