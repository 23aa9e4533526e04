// Checks for exercise 09 (the Xavier bound). Run: swift run --package-path Exercises exercises 09

import ExerciseCheck
import Core
import NeuralNetworks
import Exercise09

check("a = sqrt(6/(n_in + n_out)): 0.1732050808 for 100 -> 100, 0.0759554525 for 784 -> 256, 1.2247448714 for 2 -> 2") {
    expect(isApproximatelyEqual(xavierUniformBound(inputs: 100, outputs: 100), 0.1732050808, relativeTolerance: 1e-9), "expected \(0.1732050808), got \(xavierUniformBound(inputs: 100, outputs: 100)) (relativeTolerance: 1e-9)")
    expect(isApproximatelyEqual(xavierUniformBound(inputs: 784, outputs: 256), 0.0759554525, relativeTolerance: 1e-9), "expected \(0.0759554525), got \(xavierUniformBound(inputs: 784, outputs: 256)) (relativeTolerance: 1e-9)")
    expect(isApproximatelyEqual(xavierUniformBound(inputs: 2, outputs: 2), 1.2247448714, relativeTolerance: 1e-9), "expected \(1.2247448714), got \(xavierUniformBound(inputs: 2, outputs: 2)) (relativeTolerance: 1e-9)")
    let a = xavierUniformBound(inputs: 30, outputs: 70)
    expect(isApproximatelyEqual(a * a / 3, 2.0 / 100, relativeTolerance: 1e-12), "a^2/3 must equal 2/(n_in + n_out)")
}

check("Drawn weights: shape [n_in, n_out], inside (-a, a), variance 2/(n_in + n_out), deterministic per seed (seed 91)") {
    var generator = Xoshiro256StarStar(seed: 91)
    let w = xavierUniformWeights(inputs: 300, outputs: 200, generator: &generator)
    expect(w.shape == [300, 200], "w.shape == [300, 200]: expected \([300, 200]), got \(w.shape)")
    let a = Float(xavierUniformBound(inputs: 300, outputs: 200))
    expect(w.scalars.allSatisfy { abs($0) <= a }, "every weight must lie in [-a, a]")
    let mean = w.scalars.reduce(0.0) { $0 + Double($1) } / Double(w.count)
    let variance = w.scalars.reduce(0.0) { $0 + (Double($1) - mean) * (Double($1) - mean) } / Double(w.count)
    // 60,000 draws: the sample variance is within 2 % of 2/500 = 0.004 (about 6 standard errors).
    expect(isApproximatelyEqual(variance, 2.0 / 500, relativeTolerance: 0.02), "variance \(variance)")
    expect(abs(mean) < 0.001, "mean \(mean)")
    var again = Xoshiro256StarStar(seed: 91)
    expect(xavierUniformWeights(inputs: 300, outputs: 200, generator: &again) == w, "the same seed must give the same weights")
}

check("The library's Xavier-uniform layer has the same bound") {
    expect(isApproximatelyEqual(Double(Initialisation.xavierUniformLimit(inputs: 64, outputs: 10)),
                                 xavierUniformBound(inputs: 64, outputs: 10), relativeTolerance: 1e-6), "expected \(xavierUniformBound(inputs: 64, outputs: 10)), got \(Double(Initialisation.xavierUniformLimit(inputs: 64, outputs: 10))) (relativeTolerance: 1e-6)")
}

runChecks()
