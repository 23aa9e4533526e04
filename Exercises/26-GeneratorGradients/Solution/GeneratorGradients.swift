// Solution to Exercise 26: the generator's gradient under its two losses (DL Padova "Generative
// Adversal Network"; Goodfellow et al. 2014, Sec. 3).
//
// d/ds log(1 - sigmoid(s)) = -sigmoid(s) = -D and d/ds (-log sigmoid(s)) = -(1 - sigmoid(s)) = -(1 - D),
// each divided by n for the mean. Both are negative (both raise s, towards "real"), and their ratio is
// D/(1 - D): when D rejects a sample (D near 0), the saturating gradient is about D times the other, so
// G trained on the notes' loss barely moves at the start, when D wins easily. Hence the switch.

import Core
import Foundation

public func generatorLossGradients(logits: [Double]) -> (saturating: [Double], nonSaturating: [Double]) {
    let n = Double(logits.count)
    let probabilities = logits.map { sigmoid($0) }
    return (probabilities.map { -$0 / n }, probabilities.map { -(1 - $0) / n })
}
