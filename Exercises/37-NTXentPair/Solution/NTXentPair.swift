// Exercise 37: NT-Xent for one positive pair, by hand.   Practises thesis ch. 2 Sec. 2.3.1 (SimCLR) with
// the loss of Chen et al. 2020, Eq. (1) (the thesis names the loss L_ij without a formula: E-74), and
// DL Padova "Siamese Network" (the cosine similarity).
// Check:  swift run --package-path Exercises exercises 37     (one hint at a time: exercises --hint 37)
// See it running:  swift run -c release contrastive
//
// The reference solution.

import Foundation
import Core

/// The cosine similarity A.B / (||A|| ||B||) of two vectors of equal length, neither zero.
public func cosine(_ a: [Double], _ b: [Double]) -> Double {
    let dot = zip(a, b).reduce(0) { $0 + $1.0 * $1.1 }
    let lengths = a.reduce(0) { $0 + $1 * $1 }.squareRoot() * b.reduce(0) { $0 + $1 * $1 }.squareRoot()
    return dot / lengths
}

/// View `anchor`'s NT-Xent term l(anchor, positive) among `views` at temperature `tau`:
/// l = -log( exp(s_ap / tau) / sum_{k != a} exp(s_ak / tau) ), s the cosine similarity.
public func ntXentTerm(anchor: Int, positive: Int, views: [[Double]], temperature tau: Double) -> Double {
    let numerator = exp(cosine(views[anchor], views[positive]) / tau)
    let denominator = views.indices.filter { $0 != anchor }.reduce(0.0) { $0 + exp(cosine(views[anchor], views[$1]) / tau) }
    return -log(numerator / denominator)
}

/// The NT-Xent loss of 2N views (first views, then second views): the mean of every view's term.
public func ntXentLoss(views: [[Double]], temperature tau: Double) -> Double {
    let n = views.count / 2
    return views.indices.reduce(0.0) { $0 + ntXentTerm(anchor: $1, positive: ($1 + n) % views.count, views: views, temperature: tau) }
        / Double(views.count)
}
