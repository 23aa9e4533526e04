// Solution to Exercise 25: the batch estimate of V(D, G) (DL Padova "Generative Adversal Network").
//
// Each expectation becomes the mean over its own samples, so m and n may differ. D ascends this number
// (its loss is -V) and G descends it. In training the library computes the same thing from D's logits
// (log D = -softplus(-s)), which stays finite when D is certain; here the scores are probabilities.

import Foundation

public func adversarialValue(realScores: [Double], fakeScores: [Double]) -> Double {
    let real = realScores.map { log($0) }.reduce(0, +) / Double(realScores.count)
    let fake = fakeScores.map { log(1 - $0) }.reduce(0, +) / Double(fakeScores.count)
    return real + fake
}
