// Exercise 23: one iteration of routing by agreement, by hand.   Practises DL Padova "Dynamic routing",
// Procedure 1 (Sabour, Frosst & Hinton 2017, Eq. (2) and Eq. (3)).
// Check:  swift run --package-path Exercises exercises 23     (one hint at a time: exercises --hint 23)
// See it running:  swift run capsules
//
// Lower capsule i sends a vote u^_(j|i) to every upper capsule j. One iteration of Procedure 1, from the
// logits b (b = 0 before the first iteration):
//
//     line 4:  c_i = softmax(b_i)                 for each lower i, over the upper j: c_ij = e^(b_ij) / sum_k e^(b_ik)
//     line 5:  s_j = sum_i c_ij u^_(j|i)          for each upper j
//     line 6:  v_j = squash(s_j)
//     line 7:  b_ij <- b_ij + u^_(j|i) . v_j
//
// By hand, "10.3 routing" (see WORKED-NUMBERS.md): u^_(1|1) = (1, 0), u^_(2|1) = (0, 1), u^_(1|2) = (1, 0.2), u^_(2|2) =
// (-0.5, 0), b = 0. Every c_ij = 0.5; s_1 = 0.5 (1, 0) + 0.5 (1, 0.2) = (1, 0.1), so v_1 = (0.49999, 0.05);
// then b_11 = (1, 0) . v_1 = 0.49999. Your function must give its numbers for all three
// iterations when it is called three times, each time on the b the previous call returned.

import Core
import Foundation

/// One iteration of Procedure 1 for one example.
/// - Parameters:
///   - votes: votes[i][j] = u^_(j|i), I lower by J upper vectors of length D.
///   - logits: b[i][j] before this iteration (all 0 before the first).
/// - Returns: the couplings c[i][j] this iteration used, the outputs v[j], and b[i][j] after line 7.
public func routingIteration(votes: [[[Double]]], logits: [[Double]]) -> (couplings: [[Double]], outputs: [[Double]], logits: [[Double]]) {
    // TODO: lines 4 to 7 of Procedure 1, in that order; the couplings are computed BEFORE b changes.
    (logits, [], logits)
}

/// squash(s) = (||s||^2 / (1 + ||s||^2)) s / ||s||, and 0 at s = 0 (given).
func squashForRouting(_ s: [Double]) -> [Double] {
    let squaredLength = s.reduce(0) { $0 + $1 * $1 }
    guard squaredLength > 0 else { return s.map { _ in 0 } }
    return s.map { $0 * squaredLength.squareRoot() / (1 + squaredLength) }
}
