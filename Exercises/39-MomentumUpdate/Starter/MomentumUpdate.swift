// Exercise 39: one momentum update of MoCo's key encoder.   Practises thesis ch. 2 Sec. 2.3.2 (MoCo: a
// query encoder and a key encoder; the notes stop there, E-74) with He et al. 2020, Eq. (2).
// Check:  swift run --package-path Exercises exercises 39     (one hint at a time: exercises --hint 39)
// See it running:  swift run -c release contrastive
//
// MoCo's key encoder is never trained by gradient descent. After each step of the query encoder, every
// key parameter moves a fraction (1 - m) of the way towards the matching query parameter, with a
// momentum m in [0, 1] close to 1 (0.99): the key encoder is a slow average of recent query encoders,
// so the keys in the queue, encoded over many steps, stay comparable.
//
// By hand: key (1, 2), query (3, 4), m = 0.9 give (1.2, 2.2). m = 0 copies the query; m = 1 keeps the key.
// Ask for hints one at a time: swift run --package-path Exercises exercises --hint 39

import Foundation
import Core

/// One momentum update: the key parameters after the step (the same length as `key` and `query`).
public func momentumUpdated(key: [Float], query: [Float], momentum m: Float) -> [Float] {
    // TODO: move each key value (1 - m) of the way towards its query value.
    key
}

/// The same update on tensors of equal shape, in place: what MoCo does to each parameter tensor.
public func momentumUpdate(key: inout Tensor, query: Tensor, momentum m: Float) {
    // TODO: the same formula on every scalar (Tensor has `scale(by:)` and `add(_:scaledBy:)`).
}
