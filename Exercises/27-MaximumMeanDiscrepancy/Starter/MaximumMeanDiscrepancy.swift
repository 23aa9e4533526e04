// Exercise 27: one evaluation of the maximum mean discrepancy.   Practises DL Padova "Generative
// Adversal Network" (the generative matching network compares "the true ... and the generated
// [distributions] based on the available samples" with the MMD) and Gretton et al. 2012.
// Check:  swift run --package-path Exercises exercises 27     (one hint at a time: exercises --hint 27)
// See it running:  swift run gan
//
// With the Gaussian kernel k(a, b) = exp(-|a - b|^2 / (2 sigma^2)), the squared MMD between generated
// samples y_1..y_n and data x_1..x_m is
//
//     MMD^2 = (1/m^2) sum_i sum_j k(x_i, x_j) + (1/n^2) sum_a sum_b k(y_a, y_b) - (2/(m n)) sum_i sum_a k(x_i, y_a)
//
// (every pair, including each point with itself, where k = 1). It is 0 when the two sets are the same,
// and grows as they move apart. A generator trained to lower it needs no discriminator.
//
// Check by hand first: y = {(0, 0)}, x = {(1, 0)}, sigma = 1: 1 + 1 - 2 e^{-1/2} = 0.7869386806.

import Foundation

/// MMD^2 between `generated` (n points) and `data` (m points), all of one dimension, Gaussian kernel of width `bandwidth`.
public func squaredMaximumMeanDiscrepancy(generated: [[Double]], data: [[Double]], bandwidth: Double) -> Double {
    // TODO: the three mean kernel sums, combined as above.
    return 0
}
