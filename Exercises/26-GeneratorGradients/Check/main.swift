// Checks for exercise 26 (the generator's gradients). Run: swift run --package-path Exercises exercises 26

import Foundation
import ExerciseCheck
import Core
import GenerativeAdversarial
import Exercise26

check("Both gradients match central differences of their losses (seed 261)") {
    var random = Xoshiro256StarStar(seed: 261)
    let logits = (0..<5).map { _ in random.normalDouble(standardDeviation: 2) }
    let (saturating, nonSaturating) = generatorLossGradients(logits: logits)
    let saturatingError = GradientCheck.error(analytic: saturating, at: logits) { s in
        s.map { log(1 - 1 / (1 + exp(-$0))) }.reduce(0, +) / 5
    }
    let nonSaturatingError = GradientCheck.error(analytic: nonSaturating, at: logits) { s in
        s.map { -log(1 / (1 + exp(-$0))) }.reduce(0, +) / 5
    }
    expect(saturatingError < 1e-6, "saturating: largest difference from finite differences \(saturatingError); got \(saturating)")
    expect(nonSaturatingError < 1e-6, "non-saturating: largest difference \(nonSaturatingError); got \(nonSaturating)")
}

check("Per sample the ratio is D/(1 - D): at D = 0.01 the saturating gradient is about 1 % of the other") {
    let probabilities = [0.01, 0.2, 0.5, 0.9]
    let (saturating, nonSaturating) = generatorLossGradients(logits: probabilities.map { log($0 / (1 - $0)) })
    for (p, (a, b)) in zip(probabilities, zip(saturating, nonSaturating)) {
        expect(b != 0 && isApproximatelyEqual(a / b, p / (1 - p), relativeTolerance: 1e-9),
                "D = \(p): expected ratio \(p / (1 - p)), got \(a) / \(b)")
    }
}

check("The same numbers as the library's GeneratorLoss on D's logits") {
    let logits: [Float] = [-4, -1, 0, 2.5]
    let (saturating, nonSaturating) = generatorLossGradients(logits: logits.map(Double.init))
    let tensor = Tensor(column: logits)
    let expectedSaturating = GeneratorLoss.saturating.gradient(predicted: tensor, target: tensor).doubles
    let expectedNonSaturating = GeneratorLoss.nonSaturating.gradient(predicted: tensor, target: tensor).doubles
    expect(isApproximatelyEqual(saturating, expectedSaturating, relativeTolerance: 1e-6), "expected \(expectedSaturating), got \(saturating)")
    expect(isApproximatelyEqual(nonSaturating, expectedNonSaturating, relativeTolerance: 1e-6), "expected \(expectedNonSaturating), got \(nonSaturating)")
}

runChecks()
