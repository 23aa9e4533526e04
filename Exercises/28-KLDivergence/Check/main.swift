// Checks for exercise 28 (the KL term with its sign). Run: swift run --package-path Exercises exercises 28

import Foundation
import ExerciseCheck
import Core
import Autoencoders
import Exercise28

check("Catalogue Sec. 12.3: (mu, sigma) = (0, 1), (0.5, 2), (1, 0.5) give 0, 0.9318528194, 0.8181471806 (log sigma^2 = 2 log sigma)") {
    for (mu, sigma, expected) in [(0.0, 1.0, 0.0), (0.5, 2.0, 0.9318528194), (1.0, 0.5, 0.8181471806)] {
        let kl = klDivergenceToPrior(mean: [mu], logVariance: [2 * log(sigma)])
        expect(abs(kl - expected) < 1e-9, "(mu, sigma) = (\(mu), \(sigma)): expected \(expected), got \(kl)")
        expect(abs(kl + expected) > 0.5 || expected == 0, "(\(mu), \(sigma)): \(kl) is the printed form's value; the notes drop a minus (E-56)")
    }
}

check("It sums over the coordinates: (0.5, 2) and (1, 0.5) together give 0.9318528194 + 0.8181471806 = 1.75") {
    let kl = klDivergenceToPrior(mean: [0.5, 1], logVariance: [log(4), log(0.25)])
    expect(abs(kl - 1.75) < 1e-9, "expected 1.75, got \(kl)")
}

check("Never negative, 0 only at the prior, and equal to the library's closed form at 50 random points (seed 281)") {
    var generator = Xoshiro256StarStar(seed: 281)
    expect(klDivergenceToPrior(mean: [0, 0, 0], logVariance: [0, 0, 0]) == 0, "the prior itself costs nothing")
    for _ in 0..<50 {
        let mean = (0..<3).map { _ in 2 * generator.normalDouble() }, logVariance = (0..<3).map { _ in generator.normalDouble() }
        let kl = klDivergenceToPrior(mean: mean, logVariance: logVariance)
        let library = (0..<3).reduce(0.0) { $0 + gaussianKullbackLeibler(mean: mean[$1], standardDeviation: exp(logVariance[$1] / 2)) }
        expect(kl > 0, "mu \(mean), log sigma^2 \(logVariance): a divergence is positive away from the prior, got \(kl)")
        expect(abs(kl - library) < 1e-9 * max(1, library), "mu \(mean), log sigma^2 \(logVariance): expected \(library), got \(kl)")
    }
}

runChecks()
