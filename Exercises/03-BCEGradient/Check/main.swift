// Checks for exercise 03 (BCE gradient). Run: swift run --package-path Exercises exercises 03

import Foundation
import ExerciseCheck
import Core
import Exercise03

let andInputs = Tensor([[1, 0, 0], [1, 0, 1], [1, 1, 0], [1, 1, 1]])

check("At w = 0 every y^ is 1/2, so the gradient is (1/N) X^T (1/2 - Y)") {
    let g = binaryCrossEntropyGradient(weights: Tensor(shape: [3, 1]), andInputs, Tensor(column: [0, 0, 0, 1]))
    // Y^ - Y = (1/2, 1/2, 1/2, -1/2); X^T of that is (1, 0, 0); divided by N = 4.
    expect(isApproximatelyEqual(g.scalars, [0.25, 0, 0], absoluteTolerance: 1e-7), "expected \([0.25, 0, 0]), got \(g.scalars) (absoluteTolerance: 1e-7)")
}

check("Eq. (1.2.14) matches central differences of the mean BCE on random data (seed 37)") {
    var generator = Xoshiro256StarStar(seed: 37)
    let (n, p) = (9, 4)
    let X = generator.normalTensor(shape: [n, p])
    let Y = Tensor(column: (0..<n).map { _ in Float(generator.uniformInt(below: 2)) })
    let w = generator.normalTensor(shape: [p, 1], standardDeviation: 0.5)
    let analytic = binaryCrossEntropyGradient(weights: w, X, Y).doubles
    let error = GradientCheck.error(analytic: analytic, at: w.doubles) { weights in
        var total = 0.0
        for i in 0..<n {
            let z = (0..<p).reduce(0.0) { $0 + Double(X[i, $1]) * weights[$1] }
            let yHat = 1 / (1 + exp(-z)), y = Double(Y[i, 0])
            total -= y * log(yHat) + (1 - y) * log(1 - yHat)
        }
        return total / Double(n)
    }
    expect(error < 1e-5, "largest difference from finite differences: \(error)")
}

runChecks()
