// Solution to Exercise 29: the reparameterisation and its gradient (DAT300 "Reparameterization").
//
// z = mu + sigma eps with sigma = exp(log sigma^2 / 2). Holding eps fixed, dz/dmu = 1 and
// dz/dlog sigma^2 = eps exp(log sigma^2 / 2) / 2 = eps sigma / 2: the gradient reaches the encoder's
// variance head scaled by the very noise that was drawn, which is why a VAE's gradient is noisy too.

import Core
import Foundation

public func sampleLatentCode(mean: [Double], logVariance: [Double], noise: [Double]) -> [Double] {
    (0..<mean.count).map { mean[$0] + exp(logVariance[$0] / 2) * noise[$0] }
}

public func sampleLatentCodeBackward(codeGradient: [Double], logVariance: [Double], noise: [Double])
    -> (mean: [Double], logVariance: [Double])
{
    let logVarianceGradient = (0..<codeGradient.count).map { codeGradient[$0] * noise[$0] * exp(logVariance[$0] / 2) / 2 }
    return (codeGradient, logVarianceGradient)
}
