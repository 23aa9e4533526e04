// Exercise 30: one evaluation of the VAE loss.   Practises DAT300 "Objective function" (reconstruction
// loss + regularisation term) with a Bernoulli decoder and the KL term of Exercise 28.
// Check:  swift run --package-path Exercises exercises 30     (one hint at a time: exercises --hint 30)
// See it running:  swift run autoencoders
//
// For a batch of N images the decoder gives one logit l per pixel (probability sigmoid(l) that the
// pixel is inked) and the encoder gives mu and log sigma^2 per latent coordinate. The loss, in nats
// per image, is
//
//     reconstruction = (1/N) sum_i sum_k [ -x_ik log sigmoid(l_ik) - (1 - x_ik) log(1 - sigmoid(l_ik)) ]
//     KL             = (1/N) sum_i sum_j -1/2 (1 + log sigma_ij^2 - mu_ij^2 - sigma_ij^2)
//     loss           = reconstruction + KL
//
// The reconstruction term SUMS over the pixels of an image (it is -log p(x | z) of the whole image);
// averaging over the pixels instead (as Keras' binary_crossentropy does) would make it 64 times too weak
// against the KL term on the 8x8 digits.

import Core
import Foundation

/// The two terms of the VAE loss of a batch, each in nats per image.
/// - Parameters:
///   - logits: the decoder's output, one row of pixel logits per image.
///   - pixels: the images, values in [0, 1], the same shape as `logits`.
///   - mean: mu, one row per image (its latent coordinates).
///   - logVariance: log sigma^2, the same shape as `mean`.
/// - Returns: the reconstruction term and the KL term; the loss is their sum.
public func variationalLoss(logits: [[Double]], pixels: [[Double]], mean: [[Double]], logVariance: [[Double]])
    -> (reconstruction: Double, kl: Double)
{
    // TODO: sum the stable binary cross-entropy over each image's pixels and the KL over its coordinates,
    // then average both over the images.
    return (0, 0)
}
