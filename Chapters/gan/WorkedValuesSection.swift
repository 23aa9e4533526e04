// The derived values of WORKED-NUMBERS.md (Sec. 11.3) beside their formulas, the optimal discriminator's
// value as a Jensen-Shannon divergence (E-GAN-2), and the saturation experiment: D trained alone
// against an untrained G, then the two generator losses' gradients compared.

import Core
import Foundation
import GenerativeAdversarial
import NeuralNetworks

struct WorkedValues {
    var valueAtHalf = 0.0
    var batchValue = 0.0
    var metricDistance = 0.0
    var saturationRatio = 0.0
}

func workedValuesSection(options: ChapterOptions) -> WorkedValues {
    var results = WorkedValues()
    print("1. The game: min_G max_D V(D, G) = E_x[log D(x)] + E_z[log(1 - D(G(z)))]   (DL Padova \"Generative Adversal Network\")")
    results.valueAtHalf = AdversarialValue.estimate(realProbabilities: [0.5], fakeProbabilities: [0.5])
    print("   D = 1/2 everywhere:                    V = 2 log(1/2) = -log 4 = \(formatted(results.valueAtHalf, digits: 10))")
    results.batchValue = AdversarialValue.estimate(realProbabilities: [0.9, 0.8], fakeProbabilities: [0.1, 0.3])
    print("   D(x) = (0.9, 0.8), D(G(z)) = (0.1, 0.3): V = (log 0.9 + log 0.8)/2 + (log 0.9 + log 0.7)/2 = \(formatted(results.batchValue, digits: 10))")
    let (p, q) = ([0.1, 0.4, 0.2, 0.3], [0.25, 0.05, 0.3, 0.4])
    let best = AdversarialValue.atOptimalDiscriminator(data: p, model: q), jsd = AdversarialValue.jensenShannonDivergence(p, q)
    print("   At the best D* = p/(p + q) (Goodfellow et al., Proposition 1), V = -log 4 + 2 JSD(p || q), a Jensen-Shannon divergence")
    print("   (E-GAN-2): for p = \(p), q = \(q): V = \(formatted(best, digits: 6)) = -1.386294 + 2 x \(formatted(jsd, digits: 6))")
    let metric = LearntMetric(matrix: Tensor([[1, 0], [0, 2]]))
    results.metricDistance = Double(metric.distances(Tensor([[1, 1]]), Tensor([[0, 0]])).scalars[0])
    print("   MvM (DL Padova \"MvM\"): dist(a, b) = ||Ga - Gb||_2 with G = diag(1, 2), a = (1, 1), b = 0: sqrt 5 = \(formatted(results.metricDistance, digits: 10))\n")

    print("2. Two generator losses. The notes train G to minimise log(1 - D(G(z))); per sample its gradient in D's logit is -D,")
    print("   against -(1 - D) for the non-saturating -log D(G(z)): the ratio is D/(1 - D). D trained alone (1000 steps) against an")
    let measured = AdversarialNetworks.saturationExperiment(seed: options.seed)
    let (meanD, saturating, nonSaturating) = (measured.meanDiscriminatorOutput, measured.saturatingGradientNorm, measured.nonSaturatingGradientNorm)
    results.saturationRatio = measured.ratio
    print("   untrained G on the ring gives mean D(G(z)) = \(formatted(meanD, digits: 4)); the norm of G's gradient is \(formatted(saturating, digits: 5))")
    print("   (saturating) against \(formatted(nonSaturating, digits: 5)) (non-saturating): \(formatted(100 * results.saturationRatio, digits: 2)) %."
          + " Early in training, when D wins easily,\n   the notes' loss barely moves G (Goodfellow et al., Sec. 3).\n")
    return results
}
