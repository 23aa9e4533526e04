// Exercise 37: NT-Xent for one positive pair, by hand.   Practises thesis ch. 2 Sec. 2.3.1 (SimCLR) with
// the loss of Chen et al. 2020, Eq. (1) (the thesis names the loss L_ij without a formula: E-74), and
// DL Padova "Siamese Network" (the cosine similarity).
// Check:  swift run --package-path Exercises exercises 37     (one hint at a time: exercises --hint 37)
// See it running:  swift run -c release contrastive
//
// A batch of N images gives 2N views z_0 ... z_(2N-1): rows 0..<N the first views, rows N..<2N the second,
// so view i's positive partner is p(i) = (i + N) mod 2N and the 2N - 2 other views are its negatives.
// NT-Xent compares views by their cosine similarity divided by a temperature tau > 0; view i's term
// asks the positive to win a softmax over every other view k != i; the loss averages the 2N terms.
//
// By hand (CL-4 and CL-5 in WORKED-NUMBERS.md): views (1, 0), (0, 1), (0.8, 0.6), (0.6, 0.8), tau = 0.5. View 0's
// positive is view 2 (cosine 0.8); its term is 0.6271230573; the whole loss is 0.8707137571.
// Ask for hints one at a time: swift run --package-path Exercises exercises --hint 37

import Foundation
import Core

/// The cosine similarity A.B / (||A|| ||B||) of two vectors of equal length, neither zero.
public func cosine(_ a: [Double], _ b: [Double]) -> Double {
    // TODO: the dot product over the product of the two lengths.
    0
}

/// View `anchor`'s NT-Xent term l(anchor, positive) among `views` at temperature `tau`.
public func ntXentTerm(anchor: Int, positive: Int, views: [[Double]], temperature tau: Double) -> Double {
    // TODO: -log of the softmax probability of the positive among all views k != anchor.
    0
}

/// The NT-Xent loss of 2N views (first views, then second views): the mean of every view's term.
public func ntXentLoss(views: [[Double]], temperature tau: Double) -> Double {
    // TODO: average ntXentTerm over every view i, with positive (i + N) mod 2N.
    0
}
