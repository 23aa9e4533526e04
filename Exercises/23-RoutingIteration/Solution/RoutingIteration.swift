// Solution to Exercise 23: one iteration of Procedure 1 (DL Padova "Dynamic routing").
//
// The four lines in order. The couplings come from the OLD logits (line 4 before line 7), which is why
// the first iteration of "10.3 routing" (WORKED-NUMBERS.md) has every c_ij = 0.5 even though b changes during it. The softmax
// subtracts the row's largest logit first, so it never overflows; s_j is a sum over the LOWER capsules
// i of their votes for j; the agreement u^_(j|i) . v_j is added to b_ij, not assigned.

import Core
import Foundation

public func routingIteration(votes: [[[Double]]], logits: [[Double]]) -> (couplings: [[Double]], outputs: [[Double]], logits: [[Double]]) {
    let (lower, upper, dimension) = (votes.count, votes[0].count, votes[0][0].count)
    let couplings = logits.map { row -> [Double] in                                   // line 4
        let largest = row.max()!
        let exponentials = row.map { exp($0 - largest) }
        let total = exponentials.reduce(0, +)
        return exponentials.map { $0 / total }
    }
    var outputs: [[Double]] = []
    for j in 0..<upper {                                                               // lines 5 and 6
        var s = [Double](repeating: 0, count: dimension)
        for i in 0..<lower {
            for d in 0..<dimension { s[d] += couplings[i][j] * votes[i][j][d] }
        }
        outputs.append(squashForRouting(s))
    }
    var updated = logits                                                               // line 7
    for i in 0..<lower {
        for j in 0..<upper {
            updated[i][j] += zip(votes[i][j], outputs[j]).reduce(0) { $0 + $1.0 * $1.1 }
        }
    }
    return (couplings, outputs, updated)
}

/// squash(s) = (||s||^2 / (1 + ||s||^2)) s / ||s||, and 0 at s = 0 (given).
func squashForRouting(_ s: [Double]) -> [Double] {
    let squaredLength = s.reduce(0) { $0 + $1 * $1 }
    guard squaredLength > 0 else { return s.map { _ in 0 } }
    return s.map { $0 * squaredLength.squareRoot() / (1 + squaredLength) }
}
