// Solution to Exercise 30: one evaluation of the VAE loss (DAT300 "Objective function").
//
// The two terms are both "per image": -log p(x | z) of a whole image is the sum over its pixels, and
// the KL of its Gaussian is the sum over its coordinates; the batch loss is the mean over images. The
// binary cross-entropy is written in the logit, max(l, 0) - l x + log(1 + e^-|l|), which is exact and
// finite for any l (a confident wrong pixel at l = 1000 costs 1000 nats, not log(0)).

import Core
import Foundation

public func variationalLoss(logits: [[Double]], pixels: [[Double]], mean: [[Double]], logVariance: [[Double]])
    -> (reconstruction: Double, kl: Double)
{
    let images = Double(logits.count)
    var (reconstruction, kl) = (0.0, 0.0)
    for (imageLogits, imagePixels) in zip(logits, pixels) {
        for (l, x) in zip(imageLogits, imagePixels) { reconstruction += max(l, 0) - l * x + log1p(exp(-abs(l))) }
    }
    for (mu, logSigmaSquared) in zip(mean.joined(), logVariance.joined()) {
        kl -= 0.5 * (1 + logSigmaSquared - mu * mu - exp(logSigmaSquared))
    }
    return (reconstruction / images, kl / images)
}
