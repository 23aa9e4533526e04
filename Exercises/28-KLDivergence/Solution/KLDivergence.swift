// Solution to Exercise 28: the KL term with its sign (DAT300 "Kullback-Leiber divergence", E-56).
//
// Each coordinate contributes -1/2 (1 + log sigma^2 - mu^2 - sigma^2) = 1/2 (mu^2 + sigma^2 - 1 - log sigma^2).
// Since s - 1 - log s >= 0 for every s > 0 (with equality only at s = 1), each term is >= 0, and 0 only at
// mu = 0, sigma = 1: the encoder pays for every image whose Gaussian strays from the prior. The printed
// form without the minus is the negative of this, so minimising it would reward straying.

import Core
import Foundation

public func klDivergenceToPrior(mean: [Double], logVariance: [Double]) -> Double {
    zip(mean, logVariance).reduce(0.0) { total, pair in
        let (mu, logSigmaSquared) = pair
        return total - 0.5 * (1 + logSigmaSquared - mu * mu - exp(logSigmaSquared))
    }
}
