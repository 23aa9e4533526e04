// Checks for exercise 15 (masked cross-entropy). Run: swift run --package-path Exercises exercises 15

import Foundation
import ExerciseCheck
import Core
import GraphNetworks
import Exercise15

check("The worked logits (Sec. 9.3, G1), nodes 0 and 2 labelled 0 and 1: J = -(log 0.6978 + log 0.3192) / 2") {
    let logits = Tensor([[0.836770121, 0], [1.072739494, 0.1666666667], [0.961770121, 0.2041241452]])
    let (loss, gradient) = maskedCrossEntropy(logits: logits, labelledNodes: [0, 2], labels: [0, 1])
    let expected = Float(-(log(0.6977845304) + log(0.3191575684)) / 2)
    expect(isApproximatelyEqual(loss, expected, relativeTolerance: 1e-5), "expected J = \(expected), got \(loss)")
    expect(isApproximatelyEqual(gradient.row(0), [(0.6977845 - 1) / 2, 0.3022155 / 2], relativeTolerance: 1e-5),
            "row 0 of dJ/dZ: expected (softmax - onehot) / |L|, got \(gradient.row(0))")
    expect(gradient.row(1) == [0, 0], "node 1 is not labelled: its gradient row must be 0, got \(gradient.row(1))")
}

check("The gradient matches central differences of J (seed 151)") {
    var generator = Xoshiro256StarStar(seed: 151)
    let logits = generator.normalTensor(shape: [6, 3], standardDeviation: 2)
    let (nodes, labels) = ([5, 1, 2], [2, 2, 0])
    let analytic = maskedCrossEntropy(logits: logits, labelledNodes: nodes, labels: labels).gradient.doubles
    let error = GradientCheck.error(analytic: analytic, at: logits.doubles) { z in
        var total = 0.0
        for (node, label) in zip(nodes, labels) {
            let row = Array(z[(node * 3)..<(node * 3 + 3)])
            total -= row[label] - log(row.map(exp).reduce(0, +))
        }
        return total / 3
    }
    expect(error < 1e-4, "largest difference from finite differences: \(error)")
}

check("Same loss and gradient as the library's MaskedCrossEntropy, and finite at logits of +-1000") {
    let logits = Tensor([[1000, -1000], [3, 1], [-1000, 1000]])
    let (loss, gradient) = maskedCrossEntropy(logits: logits, labelledNodes: [0, 2], labels: [1, 1])
    let expected = MaskedCrossEntropy(labelledNodes: [0, 2], labels: [1, 1], classes: 2).evaluate(logits)
    expect(loss.isFinite && isApproximatelyEqual(loss, expected.loss), "expected \(expected.loss) (1000: one confident mistake of 2000, halved), got \(loss)")
    expect(isApproximatelyEqual(gradient.scalars, expected.gradient.scalars, absoluteTolerance: 1e-6), "got \(gradient)")
}

runChecks()
