// Exercise 43: the gradient of the categorical cross-entropy through the softmax, by the chain rule.
// Practises MLiS II Sec. 2.2.4, Eq. (2.2.9) (the softmax, computed stably: subtract the maximum
// first, E-39) and Eq. (2.2.10) (its Jacobian), with the CCE of Table 1.1 and DL Padova
// "Cross Entropy".
// See it running: `swift run backprop` and `swift run linear-models` (softmax outputs trained on the digits).
// Check: swift run --package-path Exercises exercises 43
// Hints, one at a time: swift run --package-path Exercises exercises --hint 43
//
// Three steps: (1) the softmax Jacobian dS_i/dx_j of one row of logits; (2) for a batch of rows and
// their true classes g, the mean over the rows of the cross-entropy; (3) its gradient
// dJ/dx, by pushing dJ/dS through the Jacobian of step (1), row by row. Simplify what you get:
// the check compares it with finite differences and feeds it logits of +-1000.

import Foundation

/// The Jacobian of the softmax at one row of logits x: entry [i][j] = dS_i/dx_j.   Eq. (2.2.10)
/// - Returns: a C x C matrix (C = x.count).
public func softmaxJacobian(_ x: [Double]) -> [[Double]] {
    // TODO: the softmax of x (stably), then dS_i/dx_j for every i and j.
    return x.map { _ in x.map { _ in 0 } }
}

/// The softmax of one row of logits, computed so that e^x cannot overflow.   Eq. (2.2.9)
func softmax(_ x: [Double]) -> [Double] {
    // TODO: subtract the maximum, exponentiate, normalise.
    return x.map { _ in 0 }
}

/// The mean cross-entropy of softmax(logits) against the true classes, and its gradient.
/// - Parameters:
///   - logits: N rows of C logits.
///   - labels: N true classes g_n in 0..<C.
/// - Returns: J, the mean over the rows of each row's cross-entropy, and dJ/dlogits (N rows of C).
public func softmaxCrossEntropy(logits: [[Double]], labels: [Int]) -> (loss: Double, gradient: [[Double]]) {
    let loss = 0.0
    let gradient = logits.map { row in row.map { _ in 0.0 } }
    // TODO: for each row: its cross-entropy (stably: log-sum-exp), added into the mean, and its row of the
    //       gradient, dJ/dS pushed through the Jacobian of the softmax.
    return (loss, gradient)
}
