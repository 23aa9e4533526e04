// Exercise 25: the batch estimate of the value of the GAN game.   Practises DL Padova "Generative
// Adversal Network" (Goodfellow et al. 2014, Eq. (1)).
// Check:  swift run --package-path Exercises exercises 25     (one hint at a time: exercises --hint 25)
// See it running:  swift run gan
//
// The discriminator D outputs the probability that its input is real. The two players play
//
//     min_G max_D V(D, G) = E_x~p_data[log D(x)] + E_z~p_z[log(1 - D(G(z)))]
//
// and in training both expectations are replaced by means over a batch: the first over the m real
// samples (D's outputs `realScores`), the second over the n generated ones (`fakeScores`). Each mean
// is over its own count: m and n need not be equal.
//
// Check by hand first: D(x) = (0.9, 0.8) and D(G(z)) = (0.1, 0.3) give
// (log 0.9 + log 0.8)/2 + (log 0.9 + log 0.7)/2 = -0.3952697633; a D that says 1/2 to everything gives
// log(1/2) + log(1/2) = -log 4, the value at the end of a perfect game.

import Foundation

/// The batch estimate of V(D, G).
/// - Parameters:
///   - realScores: D(x_i) for the m real samples, each in (0, 1).
///   - fakeScores: D(G(z_j)) for the n generated samples, each in (0, 1).
/// - Returns: (1/m) sum_i log D(x_i) + (1/n) sum_j log(1 - D(G(z_j))).
public func adversarialValue(realScores: [Double], fakeScores: [Double]) -> Double {
    // TODO: the mean of log D over the real samples plus the mean of log(1 - D) over the generated ones.
    return 0
}
