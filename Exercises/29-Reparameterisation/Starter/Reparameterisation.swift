// Exercise 29: the reparameterisation trick and its gradient.   Practises DAT300 "Reparameterization".
// Check:  swift run --package-path Exercises exercises 29     (one hint at a time: exercises --hint 29)
// See it running:  swift run autoencoders
//
// Drawing z ~ N(mu, sigma^2) directly has no derivative with respect to mu or sigma. The VAE draws
// eps ~ N(0, 1) first and computes, as the notes' code does (`eps * tf.exp(logvar * 0.5) + mean`),
//
//     z = mu + exp(log sigma^2 / 2) * eps          (elementwise)
//
// With eps held fixed, z is an ordinary function of mu and log sigma^2, so back-propagation goes
// through it. Given dJ/dz (from the decoder), the backward pass of this step is
//
//     dJ/dmu          = dJ/dz * (dz/dmu)            = ?
//     dJ/dlog sigma^2 = dJ/dz * (dz/dlog sigma^2)   = ?
//
// "12.3 reparameterisation" (WORKED-NUMBERS.md): mu = (0.5, -1), log sigma^2 = (log 4, 0), eps = (1, -0.5) give sigma = (2, 1)
// and z = (2.5, -1.5).

import Core
import Foundation

/// z = mu + exp(log sigma^2 / 2) * eps, coordinate by coordinate.
public func sampleLatentCode(mean: [Double], logVariance: [Double], noise: [Double]) -> [Double] {
    // TODO: compute z.
    return mean
}

/// The backward pass of `sampleLatentCode` with eps held fixed: dJ/dmu and dJ/dlog sigma^2 from dJ/dz.
public func sampleLatentCodeBackward(codeGradient: [Double], logVariance: [Double], noise: [Double])
    -> (mean: [Double], logVariance: [Double])
{
    // TODO: apply the chain rule to each coordinate.
    return (codeGradient.map { _ in 0 }, codeGradient.map { _ in 0 })
}
