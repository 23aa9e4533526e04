// Exercise 26: the generator's gradient under its two losses.   Practises DL Padova "Generative
// Adversal Network" ("train G to minimize log(1 - D(G(z)))") and Goodfellow et al. 2014, Sec. 3 (the
// non-saturating alternative, maximise log D(G(z))).
// Check:  swift run --package-path Exercises exercises 26     (one hint at a time: exercises --hint 26)
// See it running:  swift run gan
//
// D ends in a sigmoid: D = sigmoid(s), where s is D's logit on a generated sample. On a batch of n
// generated samples the two losses G can minimise are
//
//     saturating      J = (1/n) sum log(1 - sigmoid(s_j))
//     non-saturating  J = -(1/n) sum log sigmoid(s_j)
//
// Their gradients with respect to each logit s_j start G's backward pass (everything below is the
// usual chain rule through D and G). Derive them with sigmoid'(s) = sigmoid(s)(1 - sigmoid(s)):
// both come out as simple expressions in D = sigmoid(s_j), no logarithm left. Then compare them: when
// D is sure a sample is fake (D near 0), which loss still pushes G?

import Core
import Foundation

/// dJ/ds_j for both generator losses on D's logits `logits` (one per generated sample).
/// - Returns: two arrays the length of `logits`: the saturating loss's gradient and the non-saturating one's.
public func generatorLossGradients(logits: [Double]) -> (saturating: [Double], nonSaturating: [Double]) {
    // TODO: for each logit, D = sigmoid(s); write both gradients (remember the 1/n of the mean).
    return (logits.map { _ in 0 }, logits.map { _ in 0 })
}
