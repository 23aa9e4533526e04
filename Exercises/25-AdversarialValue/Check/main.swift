// Checks for exercise 25 (the batch estimate of V). Run: swift run --package-path Exercises exercises 25

import Foundation
import ExerciseCheck
import Core
import GenerativeAdversarial
import Exercise25

check("GAN-2: D(x) = (0.9, 0.8), D(G(z)) = (0.1, 0.3) give V = -0.3952697633") {
    let value = adversarialValue(realScores: [0.9, 0.8], fakeScores: [0.1, 0.3])
    expect(isApproximatelyEqual(value, -0.3952697633, relativeTolerance: 1e-9), "expected -0.3952697633, got \(value)")
}

check("GAN-1: D = 1/2 everywhere gives -log 4 = -1.3862943611, whatever the batch sizes") {
    let value = adversarialValue(realScores: [0.5, 0.5, 0.5], fakeScores: [0.5])
    expect(isApproximatelyEqual(value, -1.3862943611, relativeTolerance: 1e-9), "expected -log 4, got \(value)")
}

check("Each mean over its own count: 3 real and 5 generated scores agree with the library (seed 251)") {
    var random = Xoshiro256StarStar(seed: 251)
    let real = (0..<3).map { _ in 0.05 + 0.9 * random.uniformDouble() }
    let fake = (0..<5).map { _ in 0.05 + 0.9 * random.uniformDouble() }
    let expected = AdversarialValue.estimate(realProbabilities: real, fakeProbabilities: fake)
    let value = adversarialValue(realScores: real, fakeScores: fake)
    expect(isApproximatelyEqual(value, expected, relativeTolerance: 1e-12), "expected \(expected), got \(value)")
}

runChecks()
