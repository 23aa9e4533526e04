// Checks for exercise 12 (a thresholding layer). Run: swift run --package-path Exercises exercises 12

import ExerciseCheck
import Core
import SparseCoding
import Exercise12

check("D = I, x = (-1, 0.2, 0.5, 1, 2), beta = 0.5 gives (0, 0, 0, 0.5, 1.5) -- not the hard (0, 0, 0, 1, 2)") {
    var identity = Tensor(shape: [5, 5])
    for i in 0..<5 { identity[i, i] = 1 }
    let gamma = softThresholdingLayer(signals: Tensor(column: [-1, 0.2, 0.5, 1, 2]), dictionary: identity, beta: 0.5)
    expect(gamma.shape == [5, 1], "Gamma has one row per atom and one column per signal; got shape \(gamma.shape)")
    expect(isApproximatelyEqual(gamma.scalars, [0, 0, 0, 0.5, 1.5], relativeTolerance: 1e-6),
            "got \(gamma.scalars); (0, 0, 0, 1, 2) would be the hard threshold of Eq. (2.8.12) as printed")
}

check("At the kink z = beta the output is 0, and beta = 0 gives a plain ReLU") {
    let gamma = softThresholdingLayer(signals: Tensor([[0.5, 2, -3]]), dictionary: Tensor([[1]]), beta: 0.5)
    expect(gamma.scalars == [0, 1.5, 0], "got \(gamma.scalars)")
    let relu = softThresholdingLayer(signals: Tensor([[0.5, 2, -3]]), dictionary: Tensor([[1]]), beta: 0)
    expect(relu.scalars == [0.5, 2, 0], "got \(relu.scalars)")
}

check("It is a ReLU layer with weights D and bias -beta, and equals the library's layer (seed 1012)") {
    var generator = Xoshiro256StarStar(seed: 1012)
    let X = generator.normalTensor(shape: [12, 7])
    let D = randomDictionary(signalLength: 12, atoms: 20, generator: &generator)
    let got = softThresholdingLayer(signals: X, dictionary: D, beta: 0.3)
    let network = reluNetworkForward(X.transposed(), weights: [D], biases: [[Float](repeating: -0.3, count: 20)]).transposed()
    let library = thresholdingLayer(X, dictionary: D, thresholds: [Float](repeating: 0.3, count: 20))
    expect(got.shape == [20, 7], "got shape \(got.shape)")
    expect(isApproximatelyEqual(got.scalars, network.scalars, relativeTolerance: 1e-5, absoluteTolerance: 1e-6), "expected \(network.scalars), got \(got.scalars) (relativeTolerance: 1e-5, absoluteTolerance: 1e-6)")
    expect(isApproximatelyEqual(got.scalars, library.scalars, relativeTolerance: 1e-5, absoluteTolerance: 1e-6), "expected \(library.scalars), got \(got.scalars) (relativeTolerance: 1e-5, absoluteTolerance: 1e-6)")
}

runChecks()
