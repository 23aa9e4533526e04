// Checks for exercise 02 (perceptron update). Run: swift run --package-path Exercises exercises 02

import ExerciseCheck
import Core
import LinearModels
import Exercise02

let andInputs = Tensor([[1, 0, 0], [1, 0, 1], [1, 1, 0], [1, 1, 1]])

let start = Tensor(column: [0.0548813504, 0.0715189366, 0.0602763376])
let andTargets = Tensor(column: [0, 0, 0, 1])

check("One step from the notebook's start on AND: w0 - 0.1 (3, 1, 1); from weights that classify AND correctly, no change") {
    let w = perceptronUpdate(weights: start, andInputs, andTargets, learningRate: 0.1)
    expect(isApproximatelyEqual(w.scalars, [0.0548813504 - 0.3, 0.0715189366 - 0.1, 0.0602763376 - 0.1],
                                 relativeTolerance: 1e-6), "expected \([0.0548813504 - 0.3, 0.0715189366 - 0.1, 0.0602763376 - 0.1]), got \(w.scalars) (relativeTolerance: 1e-6)")
    // (merged: Correctly classified examples leave the weights unchanged)
    let perfect = Tensor(column: [-0.75, 0.5, 0.5])  // classifies AND perfectly
    expect(perceptronUpdate(weights: perfect, andInputs, andTargets, learningRate: 0.1) == perfect, "perceptronUpdate(weights: perfect, andInputs, andTargets, learningRate: 0.1) == perfect: expected \(perfect), got \(perceptronUpdate(weights: perfect, andInputs, andTargets, learningRate: 0.1))")
}

check("LIN-3: ten steps on AND give w = (-0.24511865, 0.17151894, 0.16027634)") {
    var w = start
    for _ in 0..<10 { w = perceptronUpdate(weights: w, andInputs, andTargets, learningRate: 0.1) }
    expect(isApproximatelyEqual(w.scalars, [-0.24511865, 0.17151894, 0.16027634], relativeTolerance: 1e-6), "expected \([-0.24511865, 0.17151894, 0.16027634]), got \(w.scalars) (relativeTolerance: 1e-6)")
}

runChecks()
