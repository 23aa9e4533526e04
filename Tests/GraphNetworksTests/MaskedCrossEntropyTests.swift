// Tests of MaskedCrossEntropy.swift: the semi-supervised loss of MLiS II Sec. 2.9.2 (cross-entropy of
// Table 1.1 on the labelled nodes only), its gradient, and its behaviour at extreme logits.

import Foundation
import Testing
import Core
import GraphNetworks

@Suite("The masked cross-entropy (MLiS II Sec. 2.9.2)")
struct MaskedCrossEntropyTests {
    @Test("Sec. 9.3 (G1) logits, node 0 labelled 0 and node 2 labelled 1: J = -(log 0.6977845 + log 0.3191576) / 2")
    func indexedValue() {
        let logits = Tensor([[0.836770121, 0], [1.072739494, 0.1666666667], [0.961770121, 0.2041241452]])
        let loss = MaskedCrossEntropy(labelledNodes: [0, 2], labels: [0, 1], classes: 2)
        let expected = -(log(0.6977845304) + log(0.3191575684)) / 2
        #expect(isApproximatelyEqual(Double(loss.loss(logits)), expected, relativeTolerance: 1e-6))
    }

    @Test("Unlabelled nodes do not enter: changing their logits changes neither the loss nor the gradient, whose rows there are 0")
    func unlabelledNodesIgnored() {
        var generator = Xoshiro256StarStar(seed: 43)
        var logits = generator.normalTensor(shape: [6, 3])
        let loss = MaskedCrossEntropy(labelledNodes: [4, 1], labels: [2, 0], classes: 3)
        let (value, gradient) = loss.evaluate(logits)
        for node in [0, 2, 3, 5] {
            #expect(gradient.row(node) == [0, 0, 0], "node \(node)")
            for c in 0..<3 { logits[node, c] = generator.normal(standardDeviation: 100) }
        }
        let (changed, changedGradient) = loss.evaluate(logits)
        #expect(changed == value && changedGradient == gradient)
    }

    @Test("dJ/dZ = (softmax(z_i) - onehot(y_i)) / |L| matches central differences (seed 47)")
    func gradientMatchesFiniteDifferences() {
        var generator = Xoshiro256StarStar(seed: 47)
        let logits = generator.normalTensor(shape: [7, 4], standardDeviation: 2)
        let loss = MaskedCrossEntropy(labelledNodes: [0, 3, 5, 6], labels: [1, 3, 3, 0], classes: 4)
        let analytic = loss.evaluate(logits).gradient.doubles
        let error = GradientCheck.error(analytic: analytic, at: logits.doubles) { z in
            var total = 0.0
            for (node, label) in zip(loss.labelledNodes, loss.labels) {
                let row = Array(z[(node * 4)..<(node * 4 + 4)])
                let top = row.max()!
                total -= row[label] - top - log(row.reduce(0) { $0 + exp($1 - top) })
            }
            return total / 4
        }
        #expect(error < gradientTolerance, "error \(error)")
    }

    @Test("Extremes: logits of +-1000 give a finite loss (0 when right, 2000 when wrong) and a finite gradient")
    func extremeLogits() {
        let logits = Tensor([[1000, -1000], [-1000, 1000]])
        let right = MaskedCrossEntropy(labelledNodes: [0, 1], labels: [0, 1], classes: 2).evaluate(logits)
        #expect(right.loss == 0 && right.gradient.scalars.allSatisfy { $0 == 0 })
        let wrong = MaskedCrossEntropy(labelledNodes: [0], labels: [1], classes: 2).evaluate(logits)
        #expect(wrong.loss == 2000, "loss \(wrong.loss)")
        #expect(wrong.gradient.row(0) == [1, -1])
    }
}
