// Checks for exercise 29 (the reparameterisation and its gradient). Run: swift run --package-path Exercises exercises 29

import Foundation
import ExerciseCheck
import Core
import Autoencoders
import Exercise29

check("Catalogue Sec. 12.3: mu = (0.5, -1), log sigma^2 = (log 4, 0), eps = (1, -0.5) give z = (2.5, -1.5)") {
    let z = sampleLatentCode(mean: [0.5, -1], logVariance: [log(4), 0], noise: [1, -0.5])
    expect(z.count == 2 && abs(z[0] - 2.5) < 1e-12 && abs(z[1] + 1.5) < 1e-12, "expected (2.5, -1.5), got \(z)")
}

check("The gradient at the worked point with dJ/dz = (1, 1): dJ/dmu = (1, 1), dJ/dlog sigma^2 = eps sigma / 2 = (1, -0.25)") {
    let (dMean, dLogVariance) = sampleLatentCodeBackward(codeGradient: [1, 1], logVariance: [log(4), 0], noise: [1, -0.5])
    expect(dMean == [1, 1], "dJ/dmu: expected (1, 1), got \(dMean)")
    expect(dLogVariance.count == 2 && abs(dLogVariance[0] - 1) < 1e-12 && abs(dLogVariance[1] + 0.25) < 1e-12,
            "dJ/dlog sigma^2: expected (1, -0.25), got \(dLogVariance)")
}

check("The gradient of J = sum c_j z_j matches central differences, and z and the gradient match the library, at 20 random points (seed 291)") {
    var generator = Xoshiro256StarStar(seed: 291)
    for _ in 0..<20 {
        let mean = (0..<3).map { _ in generator.normalDouble() }, logVariance = (0..<3).map { _ in generator.normalDouble() }
        let noise = (0..<3).map { _ in generator.normalDouble() }, weights = (0..<3).map { _ in generator.normalDouble() }
        let (dMean, dLogVariance) = sampleLatentCodeBackward(codeGradient: weights, logVariance: logVariance, noise: noise)
        let numerical = GradientCheck.numericalGradient(at: mean + logVariance) { values in
            zip(sampleLatentCode(mean: Array(values[0..<3]), logVariance: Array(values[3..<6]), noise: noise), weights)
                .reduce(0) { $0 + $1.0 * $1.1 }
        }
        expect(GradientCheck.maximumError(dMean + dLogVariance, numerical) < 1e-6, "expected \(numerical), got \(dMean + dLogVariance)")
        let tensor = { (values: [Double]) in Tensor(shape: [1, 3], doubles: values) }
        let z = reparameterise(mean: tensor(mean), logVariance: tensor(logVariance), noise: tensor(noise))
        expect(isApproximatelyEqual(sampleLatentCode(mean: mean, logVariance: logVariance, noise: noise).map(Float.init), z.scalars,
                                     relativeTolerance: 1e-5, absoluteTolerance: 1e-6), "z against the library")
    }
}

runChecks()
