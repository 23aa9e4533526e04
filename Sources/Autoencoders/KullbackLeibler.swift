// KullbackLeibler.swift: the regularisation term of the VAE, DAT300 "Kullback-Leiber divergence":
// the closed-form KL divergence of N(mu, sigma^2) from N(0, 1), summed over the latent coordinates,
// WITH the leading minus the notes omit (E-56), its gradient, and a Monte Carlo estimate to check it.
// Goals, in order: the correct sign, proved three ways (WORKED-NUMBERS.md's values, KL >= 0, Monte
// Carlo); Double for the worked numbers (ten digits), Float for training; stable where sigma^2 is
// near 1 (expm1).
//
// For one coordinate, with q = N(mu, sigma^2) and p = N(0, 1):
//     KL[q || p] = E_q[log q(z) - log p(z)] = -1/2 (1 + log sigma^2 - mu^2 - sigma^2)
//                = 1/2 (mu^2 + sigma^2 - 1 - log sigma^2) >= 0,
// zero only at mu = 0, sigma = 1 (since s - 1 - log s >= 0). The notes print +1/2 sum (1 + log
// sigma^2 - mu^2 - sigma^2), which is <= 0: minimising it would push the code AWAY from the prior.
// (The notes also write N(mu, sigma) for N(mu, sigma^2).) WORKED-NUMBERS.md 12.3: (mu, sigma) = (0, 1),
// (0.5, 2), (1, 0.5) give 0, 0.9318528194, 0.8181471806.

import Core
import Foundation
import NeuralNetworks

/// KL[N(mu, sigma^2) || N(0, 1)] = -1/2 (1 + log sigma^2 - mu^2 - sigma^2), one coordinate
/// (DAT300 "Kullback-Leiber divergence", with the minus of E-56)
///
/// ```swift
/// print(gaussianKullbackLeibler(mean: 0.5, standardDeviation: 2))   // 0.9318528194400547
/// ```
/// Precondition: sigma > 0.
public func gaussianKullbackLeibler(mean: Double, standardDeviation: Double) -> Double {
    require(standardDeviation > 0, "gaussianKullbackLeibler: sigma must be positive, got \(standardDeviation)")
    let logVariance = 2 * log(standardDeviation)
    return -0.5 * (1 + logVariance - mean * mean - standardDeviation * standardDeviation)
}

/// The expression DAT300 "Kullback-Leiber divergence" prints, +1/2 (1 + log sigma^2 - mu^2 - sigma^2),
/// one coordinate: the negative of the KL divergence (E-56), kept to show the sign error.
///
/// ```swift
/// print(printedKullbackLeibler(mean: 0.5, standardDeviation: 2))    // -0.9318528194400547
/// ```
public func printedKullbackLeibler(mean: Double, standardDeviation: Double) -> Double {
    -gaussianKullbackLeibler(mean: mean, standardDeviation: standardDeviation)
}

/// KL[N(mu, sigma^2) || N(0, 1)] estimated as the mean of log q(z) - log p(z) over `samples` draws
/// z = mu + sigma eps, with its standard error (the sample standard deviation / sqrt(samples)):
///
///     log q(z) - log p(z) = -log sigma - eps^2/2 + z^2/2       (the 1/sqrt(2 pi) cancel)
///
/// An oracle for the closed form that does not share its algebra. Preconditions: sigma > 0, samples >= 2.
public func monteCarloKullbackLeibler(mean: Double, standardDeviation: Double, samples: Int,
                                      generator: inout Xoshiro256StarStar) -> (estimate: Double, standardError: Double) {
    require(standardDeviation > 0 && samples >= 2,
            "monteCarloKullbackLeibler: needs sigma > 0 and at least 2 samples, got \(standardDeviation) and \(samples)")
    var (sum, sumOfSquares) = (0.0, 0.0)
    for _ in 0..<samples {
        let epsilon = generator.normalDouble()
        let z = mean + standardDeviation * epsilon
        let logRatio = -log(standardDeviation) - epsilon * epsilon / 2 + z * z / 2
        sum += logRatio
        sumOfSquares += logRatio * logRatio
    }
    let count = Double(samples)
    let estimate = sum / count
    let variance = max(sumOfSquares - count * estimate * estimate, 0) / (count - 1)
    return (estimate, (variance / count).squareRoot())
}

/// KL_i = 1/2 sum_j (mu_ij^2 + sigma_ij^2 - 1 - log sigma_ij^2) for each example i, from the
/// encoder's two heads (DAT300 "Kullback-Leiber divergence", with the minus of E-56)
///
/// Written as 1/2 (mu^2 + expm1(log sigma^2) - log sigma^2) so that coordinates at the prior
/// (log sigma^2 near 0) lose no digits. Shapes: `mean` and `logVariance` [N, latent]; one value per example.
public func klDivergencePerExample(mean: Tensor, logVariance: Tensor) -> [Float] {
    requireLatentShapes("klDivergencePerExample", ("mu", mean), ("log sigma^2", logVariance))
    let perCoordinate = combineElements(mean, logVariance, "klDivergencePerExample") { mu, logSigmaSquared in
        0.5 * (mu * mu + expm1(logSigmaSquared) - logSigmaSquared)
    }
    return perCoordinate.sum(alongAxis: 1).scalars
}

/// The regularisation term of a batch, (1/N) sum_i KL_i, in nats per example
/// (DAT300 "Kullback-Leiber divergence" and "Objective function")
///
/// Shapes: `mean` and `logVariance` [N, latent].
public func klDivergence(mean: Tensor, logVariance: Tensor) -> Float {
    klDivergencePerExample(mean: mean, logVariance: logVariance).reduce(0, +) / Float(batchCount(mean))
}

/// The gradient of `klDivergence` with respect to both heads (DAT300 "Kullback-Leiber divergence"):
///
///     dKL/dmu          = mu / N
///     dKL/dlog sigma^2 = (sigma^2 - 1) / (2N) = expm1(log sigma^2) / (2N)
///
/// Shapes: `mean` and `logVariance` [N, latent]; the two gradients have the same shapes.
public func klDivergenceGradient(mean: Tensor, logVariance: Tensor) -> (mean: Tensor, logVariance: Tensor) {
    requireLatentShapes("klDivergenceGradient", ("mu", mean), ("log sigma^2", logVariance))
    let n = Float(batchCount(mean))
    return ((1 / n) * mean, mapElements(logVariance) { expm1($0) / (2 * n) })
}
