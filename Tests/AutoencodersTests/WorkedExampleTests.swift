// WORKED-NUMBERS.md's numbers for DAT300 "Reparameterization" and "Kullback-Leiber divergence"
// (WORKED-NUMBERS.md 12.3, derived values: the notes print none), erratum E-56 (the KL term's
// missing minus), the closed form against Monte Carlo, and the units of the Bernoulli term.

import Foundation
import Testing
import Core
import NeuralNetworks
import Autoencoders

@Suite("Worked numbers: the KL term (E-56) and the reparameterisation (Sec. 12.3, derived)")
struct WorkedExampleTests {
    @Test("Sec. 12.3, E-56: KL[N(mu, sigma^2) || N(0, 1)] for (mu, sigma) = (0, 1), (0.5, 2), (1, 0.5) is 0, 0.9318528194, 0.8181471806")
    func klClosedForm() {
        let cases: [(mean: Double, sigma: Double, kl: Double)] = [(0, 1, 0), (0.5, 2, 0.9318528194), (1, 0.5, 0.8181471806)]
        for (mean, sigma, kl) in cases {
            let value = gaussianKullbackLeibler(mean: mean, standardDeviation: sigma)
            #expect(abs(value - kl) < 1e-10, "(\(mean), \(sigma)): \(value)")
        }
    }

    @Test("E-56: the printed +1/2 sum(1 + log sigma^2 - mu^2 - sigma^2) gives 0, -0.9318528194, -0.8181471806, and is <= 0 wherever the KL is >= 0 (seed 561)")
    func printedFormHasTheWrongSign() {
        #expect(printedKullbackLeibler(mean: 0, standardDeviation: 1) == 0)
        #expect(abs(printedKullbackLeibler(mean: 0.5, standardDeviation: 2) + 0.9318528194) < 1e-10)
        #expect(abs(printedKullbackLeibler(mean: 1, standardDeviation: 0.5) + 0.8181471806) < 1e-10)
        var generator = Xoshiro256StarStar(seed: 561)
        for _ in 0..<200 {
            let (mean, sigma) = (3 * generator.normalDouble(), exp(generator.normalDouble()))
            #expect(gaussianKullbackLeibler(mean: mean, standardDeviation: sigma) >= 0, "(\(mean), \(sigma))")
            #expect(printedKullbackLeibler(mean: mean, standardDeviation: sigma) <= 0, "(\(mean), \(sigma))")
        }
    }

    @Test("E-56: the closed form agrees with a Monte Carlo estimate of E_q[log q(z) - log p(z)] within 4 standard errors, 200,000 draws each (seed 562)")
    func monteCarloAgrees() {
        var generator = Xoshiro256StarStar(seed: 562)
        for (mean, sigma) in [(0.0, 1.0), (0.5, 2.0), (1.0, 0.5), (-2.0, 0.3)] {
            let closed = gaussianKullbackLeibler(mean: mean, standardDeviation: sigma)
            let (estimate, standardError) = monteCarloKullbackLeibler(mean: mean, standardDeviation: sigma, samples: 200_000,
                                                                      generator: &generator)
            #expect(abs(estimate - closed) <= 4 * standardError + 1e-12, "(\(mean), \(sigma)): closed \(closed), MC \(estimate) +- \(standardError)")
            #expect(standardError < 0.01, "(\(mean), \(sigma)): standard error \(standardError)")
            #expect(abs(estimate + closed) > 10 * standardError || closed == 0, "the printed sign is rejected")
        }
    }

    @Test("Sec. 12.3: mu = (0.5, -1), log sigma^2 = (log 4, 0), eps = (1, -0.5) give sigma = (2, 1) and z = (2.5, -1.5), by both printed forms")
    func reparameterisationExample() {
        let (mean, logVariance, noise) = (Tensor([[0.5, -1]]), Tensor([[Float(log(4.0)), 0]]), Tensor([[1, -0.5]]))
        let sigma = standardDeviation(logVariance: logVariance)
        #expect(isApproximatelyEqual(sigma.scalars, [2, 1], relativeTolerance: 1e-6))
        let second = reparameterise(mean: mean, logVariance: logVariance, noise: noise)     // mu + exp(log(sigma^2)/2) eps
        let first = reparameterise(mean: mean, standardDeviation: Tensor([[2, 1]]), noise: noise)   // mu + sigma eps
        #expect(first.scalars == [2.5, -1.5])
        #expect(isApproximatelyEqual(second.scalars, [2.5, -1.5], relativeTolerance: 1e-6))
    }

    @Test("The two forms agree on random batches, and the tensor KL per example is the Double closed form summed over coordinates, >= 0 (seed 563)")
    func tensorFormsAgree() {
        var generator = Xoshiro256StarStar(seed: 563)
        let mean = generator.normalTensor(shape: [6, 3], standardDeviation: 2), logVariance = generator.normalTensor(shape: [6, 3])
        let noise = generator.normalTensor(shape: [6, 3])
        let viaSigma = reparameterise(mean: mean, standardDeviation: standardDeviation(logVariance: logVariance), noise: noise)
        #expect(isApproximatelyEqual(reparameterise(mean: mean, logVariance: logVariance, noise: noise).scalars, viaSigma.scalars,
                                     relativeTolerance: 1e-6, absoluteTolerance: 1e-6))
        let perExample = klDivergencePerExample(mean: mean, logVariance: logVariance)
        for i in 0..<6 {
            let closed = (0..<3).reduce(0.0) { total, j in
                total + gaussianKullbackLeibler(mean: Double(mean[i, j]), standardDeviation: exp(Double(logVariance[i, j]) / 2))
            }
            #expect(isApproximatelyEqual(Double(perExample[i]), closed, relativeTolerance: 1e-5), "example \(i)")
            #expect(perExample[i] >= 0)
        }
        #expect(isApproximatelyEqual(klDivergence(mean: mean, logVariance: logVariance), perExample.reduce(0, +) / 6, relativeTolerance: 1e-6))
        #expect(klDivergence(mean: Tensor(shape: [4, 2]), logVariance: Tensor(shape: [4, 2])) == 0, "the prior itself costs nothing")
    }

    @Test("Units: BernoulliReconstruction is the BCE SUMMED over the 64 pixels and averaged over images (nats per image): 64 x the per-pixel mean, scale factor 1 on the platform's loss (seed 564)")
    func bernoulliUnits() {
        var generator = Xoshiro256StarStar(seed: 564)
        let logits = generator.normalTensor(shape: [5, 64], standardDeviation: 3)
        let target = generator.uniformTensor(shape: [5, 64])
        let value = BernoulliReconstruction().value(predicted: logits, target: target)
        let perImage = doubleBernoulli(logits: logits.doubles, target: target.doubles, rows: 5)
        #expect(isApproximatelyEqual(Double(value), perImage, relativeTolerance: 1e-5))
        let perPixelMean = perImage / 64
        #expect(isApproximatelyEqual(Double(value), 64 * perPixelMean, relativeTolerance: 1e-5))
        #expect(value == BinaryCrossEntropyFromLogits().value(predicted: logits, target: target), "no rescaling of the platform's loss")
        #expect(BernoulliReconstruction().gradient(predicted: logits, target: target)
                == BinaryCrossEntropyFromLogits().gradient(predicted: logits, target: target))
        // Exact at the extremes: a confident wrong pixel costs its logit, not a clamped log.
        #expect(BernoulliReconstruction().value(predicted: Tensor([[1000, -1000]]), target: Tensor([[0, 1]])) == 2000)
    }
}
