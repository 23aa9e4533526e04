// The worked part of the chapter: DAT300 "Kullback-Leiber divergence" (the closed form, the printed
// form's wrong sign, erratum E-56, and a Monte Carlo check) and "Reparameterization" (both printed
// forms on WORKED-NUMBERS.md's example, Sec. 12.3).

import Autoencoders
import Core
import Foundation

struct WorkedResults {
    /// The closed-form KL at (mu, sigma) = (0, 1), (0.5, 2), (1, 0.5).
    var kl: [Double] = []
    /// The notes' printed expression at the same points.
    var printedKL: [Double] = []
    /// z of the reparameterisation example.
    var code: [Float] = []
}

func workedNumbersSection() -> WorkedResults {
    var results = WorkedResults()
    print("1. The regularisation term (DAT300 \"Kullback-Leiber divergence\"), one latent coordinate:")
    print("   KL[N(mu, sigma^2) || N(0, 1)] = -1/2 (1 + log sigma^2 - mu^2 - sigma^2) = 1/2 (mu^2 + sigma^2 - 1 - log sigma^2) >= 0.")
    print("   The notes print it without the leading minus (ERRATA E-56), which makes it <= 0: minimising that")
    print("   would push every code away from the prior. WORKED-NUMBERS.md 12.3, with a Monte Carlo estimate")
    print("   E_q[log q(z) - log p(z)] from 100,000 draws beside each:")
    print("     (mu, sigma)   KL (closed form)   printed form      Monte Carlo")
    var generator = Xoshiro256StarStar(seed: 12)
    for (mean, sigma) in [(0.0, 1.0), (0.5, 2.0), (1.0, 0.5)] {
        let kl = gaussianKullbackLeibler(mean: mean, standardDeviation: sigma)
        let printed = printedKullbackLeibler(mean: mean, standardDeviation: sigma)
        let (estimate, error) = monteCarloKullbackLeibler(mean: mean, standardDeviation: sigma, samples: 100_000, generator: &generator)
        print("     (\(formatted(mean, digits: 1)), \(formatted(sigma, digits: 1)))    \(formatted(kl, digits: 10))       "
              + "\(formatted(printed, digits: 10))     \(formatted(estimate, digits: 4)) +- \(formatted(error, digits: 4))")
        results.kl.append(kl)
        results.printedKL.append(printed)
    }

    print("\n2. The reparameterisation (DAT300 \"Reparameterization\"): z = mu + sigma eps, or as the notes' code computes it,")
    print("   z = mu + exp(log(sigma^2)/2) eps. WORKED-NUMBERS.md 12.3: mu = (0.5, -1), log sigma^2 = (log 4, 0), eps = (1, -0.5):")
    let (mean, logVariance, noise) = (Tensor([[0.5, -1]]), Tensor([[Float(log(4.0)), 0]]), Tensor([[1, -0.5]]))
    let sigma = standardDeviation(logVariance: logVariance)
    let first = reparameterise(mean: mean, standardDeviation: sigma, noise: noise)
    let second = reparameterise(mean: mean, logVariance: logVariance, noise: noise)
    results.code = second.scalars
    print("   sigma = exp(log sigma^2 / 2) = (\(sigma.scalars.map { formatted($0) }.joined(separator: ", "))); "
          + "z = mu + sigma eps = (\(first.scalars.map { formatted($0) }.joined(separator: ", "))); "
          + "second form (\(second.scalars.map { formatted($0) }.joined(separator: ", "))).")
    let (dMean, dLogVariance) = reparameterisationBackward(Tensor([[1, 1]]), logVariance: logVariance, noise: noise)
    print("   With eps held fixed z is differentiable: dz/dmu = (\(dMean.scalars.map { formatted($0) }.joined(separator: ", "))),"
          + " dz/dlog sigma^2 = eps sigma / 2 = (\(dLogVariance.scalars.map { formatted($0) }.joined(separator: ", "))).")
    print("   The loss (DAT300 \"Objective function\") is reconstruction + KL, both in nats per image: the Bernoulli term sums")
    print("   the binary cross-entropy over the 64 pixels (the platform's BCE from logits already does; Keras' averages, x 1/64).\n")
    return results
}
