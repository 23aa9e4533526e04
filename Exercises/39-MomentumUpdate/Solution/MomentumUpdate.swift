// Exercise 39: one momentum update of MoCo's key encoder.   Practises thesis ch. 2 Sec. 2.3.2 (MoCo: a
// query encoder and a key encoder; the notes stop there, E-74) with He et al. 2020, Eq. (2).
// Check:  swift run --package-path Exercises exercises 39     (one hint at a time: exercises --hint 39)
// See it running:  swift run -c release contrastive
//
// The reference solution.

import Foundation
import Core

/// theta_k <- m theta_k + (1 - m) theta_q, element by element.
public func momentumUpdated(key: [Float], query: [Float], momentum m: Float) -> [Float] {
    zip(key, query).map { m * $0 + (1 - m) * $1 }
}

/// The same update on tensors of equal shape, in place.
public func momentumUpdate(key: inout Tensor, query: Tensor, momentum m: Float) {
    key.scale(by: m)
    key.add(query, scaledBy: 1 - m)
}
