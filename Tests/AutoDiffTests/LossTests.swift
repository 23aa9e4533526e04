// Tests of the losses made of nodes (MLiS II Eq. (1.1.1), Table 1.1, Eq. (2.2.9)): values as the
// formulas, gradients against central differences, the simple gradients they must reduce to, and
// logits of +-1000.

import Foundation
import Testing
import Core
import AutoDiff

@Suite("Losses built from nodes: MSE, BCE on the logit, softmax + CCE")
struct LossTests {
    @Test("MSE and BCE: values as Table 1.1 averaged, gradients (2/N)(y^ - y) and (sigma(s) - y)/N, both = central differences (seed 21)")
    func binaryLosses() {
        var generator = Xoshiro256StarStar(seed: 21)
        let count = 5
        let outputs = (0..<count).map { _ in 3 * generator.normalDouble() }
        let targets = (0..<count).map { _ in Double(generator.uniformInt(below: 2)) }
        for loss in [ScalarLoss.meanSquaredError, .binaryCrossEntropy] {
            func plain(_ s: [Double]) -> Double {
                zip(s, targets).map { s, y in
                    loss == .meanSquaredError ? (s - y) * (s - y) : -(y * log(1 / (1 + exp(-s))) + (1 - y) * log(1 - 1 / (1 + exp(-s))))
                }.reduce(0, +) / Double(count)
            }
            let nodes = outputs.map { Node($0) }
            let value = loss(outputs: nodes, targets: targets)
            value.backward()
            #expect(isApproximatelyEqual(value.value, plain(outputs), relativeTolerance: 1e-12), "\(loss)")
            let gradient = nodes.map(\.gradient)
            let simple = zip(outputs, targets).map { s, y in
                loss == .meanSquaredError ? 2 * (s - y) / Double(count) : (1 / (1 + exp(-s)) - y) / Double(count)
            }
            #expect(isApproximatelyEqual(gradient, simple, relativeTolerance: 1e-12, absoluteTolerance: 1e-15), "\(loss)")
            #expect(GradientCheck.error(analytic: gradient, at: outputs, plain) < finiteDifferenceTolerance, "\(loss)")
        }
    }

    @Test("Softmax + CCE: probabilities sum to 1; dJ/dz = (softmax - Y)/N appears without being written; central differences agree (seed 22)")
    func softmaxCrossEntropy() {
        var generator = Xoshiro256StarStar(seed: 22)
        let (rows, classes) = (3, 4)
        let logits = (0..<rows).map { _ in (0..<classes).map { _ in 2 * generator.normalDouble() } }
        let targets = (0..<rows).map { row in (0..<classes).map { $0 == row % classes ? 1.0 : 0.0 } }
        func plain(_ flat: [Double]) -> Double {
            (0..<rows).map { row in
                let z = Array(flat[(row * classes)..<((row + 1) * classes)])
                let total = z.map { exp($0) }.reduce(0, +)
                return -zip(z, targets[row]).map { $1 * log(exp($0) / total) }.reduce(0, +)
            }.reduce(0, +) / Double(rows)
        }
        let nodes = logits.map { $0.map { Node($0) } }
        #expect(isApproximatelyEqual(ScalarLoss.softmax(nodes[0]).map(\.value).reduce(0, +), 1, relativeTolerance: 1e-15))
        let loss = ScalarLoss.softmaxCrossEntropy(logits: nodes, targets: targets)
        loss.backward()
        let flat = logits.flatMap { $0 }
        #expect(isApproximatelyEqual(loss.value, plain(flat), relativeTolerance: 1e-12))
        let gradient = nodes.flatMap { $0.map(\.gradient) }
        let simple = (0..<rows).flatMap { row in
            zip(ScalarLoss.softmax(logits[row].map { Node($0) }).map(\.value), targets[row]).map { ($0 - $1) / Double(rows) }
        }
        #expect(isApproximatelyEqual(gradient, simple, relativeTolerance: 1e-12, absoluteTolerance: 1e-15))
        #expect(GradientCheck.error(analytic: gradient, at: flat, plain) < finiteDifferenceTolerance)
    }

    @Test("Logits of +-1000: BCE through softplus and softmax with its maximum subtracted stay finite, with gradients (sigma(s) - y)/N")
    func extremeLogits() {
        let logits = [Node(1000), Node(-1000)]
        let bce = ScalarLoss.binaryCrossEntropy(outputs: logits, targets: [0, 0])
        bce.backward()
        #expect(bce.value == 500 && logits[0].gradient == 0.5 && logits[1].gradient == 0)
        let row = [Node(1000), Node(-1000), Node(0)]
        let cce = ScalarLoss.softmaxCrossEntropy(logits: [row], targets: [[0, 0, 1]])
        cce.backward()
        #expect(cce.value == 1000 && row.map(\.gradient) == [1, 0, -1])
    }
}
