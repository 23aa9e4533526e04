// Checks for exercise 52 (logistic regression's whole run, LIN-4). Run: swift run --package-path Exercises exercises 52

import Foundation
import ExerciseCheck
import Exercise52

/// The four inputs of AND and XOR with the bias input first, and the notebook's starting weights.
let logicInputs: [[Double]] = [[1, 0, 0], [1, 0, 1], [1, 1, 0], [1, 1, 1]]
let andTargets: [Double] = [0, 0, 0, 1]
let xorTargets: [Double] = [0, 1, 1, 0]
let notebookStart = [0.0548813504, 0.0715189366, 0.0602763376]

check("Eq. (1.2.12): sigma(0) = 1/2, and z = +-1000 give 1 and 0 without NaN") {
    let p = probabilities(weights: [0, 1], inputs: [[1, 0], [1, 1000], [1, -1000]])
    expect(p.count == 3, "one probability per example; got \(p.count)")
    guard p.count == 3 else { return }
    expectClose(p[0], 0.5, tolerance: 1e-15, "sigma(0)")
    expect(p[1] == 1 && p[2] == 0, "sigma(1000) = 1 and sigma(-1000) = 0 in Double; got \(p[1]), \(p[2])")
}

check("Eq. (1.2.14): at w0 on AND, the summed gradient is X~^T (Y^ - Y) and the mean one a quarter of it") {
    // Y^ - Y worked in Double here, then X~^T of it.
    let yHat = logicInputs.map { row in 1 / (1 + exp(-zip(row, notebookStart).reduce(0.0) { $0 + $1.0 * $1.1 })) }
    let errors = zip(yHat, andTargets).map { $0 - $1 }
    let expected = (0..<3).map { j in (0..<4).reduce(0.0) { $0 + logicInputs[$1][j] * errors[$1] } }
    let summed = logisticGradient(weights: notebookStart, inputs: logicInputs, targets: andTargets, scale: .sum)
    let mean = logisticGradient(weights: notebookStart, inputs: logicInputs, targets: andTargets, scale: .mean)
    expectClose(summed, expected, tolerance: 1e-12, "the summed gradient")
    expectClose(mean, expected.map { $0 / 4 }, tolerance: 1e-12, "the mean gradient")
}

check("LIN-4: from w0, alpha = 0.1, 10,000 epochs of the summed gradient (E-73): w = (-15.507407704, 10.225412251, 10.225412251)") {
    let w = trainLogisticRegression(inputs: logicInputs, targets: andTargets, initialWeights: notebookStart,
                                    learningRate: 0.1, epochs: 10_000, scale: .sum)
    expectClose(w, [-15.507407704, 10.225412251, 10.225412251], tolerance: 1e-6, "the notebook's weights")
    let p = probabilities(weights: w, inputs: logicInputs)
    expect(p.map { $0 > 0.5 } == [false, false, false, true], "AND: only (1, 1) above 1/2; got \(p)")
    let one = trainLogisticRegression(inputs: logicInputs, targets: andTargets, initialWeights: notebookStart,
                                      learningRate: 0.1, epochs: 1, scale: .sum)
    let gradient = logisticGradient(weights: notebookStart, inputs: logicInputs, targets: andTargets, scale: .sum)
    expectClose(one, zip(notebookStart, gradient).map { $0 - 0.1 * $1 }, tolerance: 1e-15, "one epoch is one step")
}

check("LIN-4 on XOR: every example ends at probability 1/2, with either gradient") {
    for scale in [GradientScale.sum, .mean] {
        let w = trainLogisticRegression(inputs: logicInputs, targets: xorTargets, initialWeights: notebookStart,
                                        learningRate: 0.1, epochs: 10_000, scale: scale)
        expectClose(probabilities(weights: w, inputs: logicInputs), [0.5, 0.5, 0.5, 0.5], tolerance: 1e-5,
                    "XOR with the \(scale) gradient")
    }
}

runChecks()
