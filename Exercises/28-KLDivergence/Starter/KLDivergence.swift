// Exercise 28: the VAE's regularisation term, with its sign.   Practises DAT300 "Kullback-Leiber
// divergence" and ERRATA E-56.
// Check:  swift test --package-path Exercises --filter Exercise28
//
// The encoder of a VAE gives each image a Gaussian N(mu, sigma^2) over the latent space, one mean and
// one log-variance per coordinate. The loss pulls that Gaussian towards the prior N(0, 1) with
//
//     KL[N(mu, sigma^2) || N(0, 1)] = -1/2 sum_j (1 + log sigma_j^2 - mu_j^2 - sigma_j^2)
//
// The notes print this WITHOUT the leading minus (E-56). A divergence is never negative: at mu = 0,
// sigma = 1 it is 0, and anywhere else it is positive. The catalogue's values (one coordinate):
// (mu, sigma) = (0.5, 2) gives 0.9318528194 and (1, 0.5) gives 0.8181471806.
//
// Hint: the encoder gives log sigma^2, not sigma: sigma^2 = exp(log sigma^2). Sum over the coordinates.
// Check your sign on (0.5, 2) by hand: log 4 = 1.386, so 1 + 1.386 - 0.25 - 4 = -1.864.

import Core
import Foundation

/// KL[N(mu, sigma^2) || N(0, I)] for one example, summed over its latent coordinates.
/// - Parameters:
///   - mean: mu, one value per latent coordinate.
///   - logVariance: log sigma^2, one value per coordinate (same count as `mean`).
/// - Returns: the divergence in nats, >= 0.
public func klDivergenceToPrior(mean: [Double], logVariance: [Double]) -> Double {
    // TODO: sum the closed form over the coordinates, with the minus the notes leave out.
    return 0
}
