// Exercise 28: the VAE's regularisation term, with its sign.   Practises DAT300 "Kullback-Leiber
// divergence" and ERRATA E-56.
// Check:  swift run --package-path Exercises exercises 28     (one hint at a time: exercises --hint 28)
// See it running:  swift run autoencoders
//
// The encoder of a VAE gives each image a Gaussian N(mu, sigma^2) over the latent space, one mean and
// one log-variance per coordinate. The loss pulls that Gaussian towards the prior N(0, 1) with
//
//     KL[N(mu, sigma^2) || N(0, 1)] = -1/2 sum_j (1 + log sigma_j^2 - mu_j^2 - sigma_j^2)
//
// The notes print this WITHOUT the leading minus (E-56). A divergence is never negative: at mu = 0,
// sigma = 1 it is 0, and anywhere else it is positive. "12.3 KL" (WORKED-NUMBERS.md), one coordinate:
// (mu, sigma) = (0.5, 2) gives 0.9318528194 and (1, 0.5) gives 0.8181471806.

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
