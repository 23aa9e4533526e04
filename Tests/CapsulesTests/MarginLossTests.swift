// The margin loss with both terms squared (E-15): WORKED-NUMBERS.md's table (Sec. 10.3), the printed
// form's values, the batch mean, and the gradient against central differences in Double.

import Foundation
import Testing
import Core
import Capsules

@Suite("Margin loss, m+ = 0.9, m- = 0.1, lambda = 0.5, both terms squared (E-15)")
struct MarginLossTests {
    @Test("Sec. 10.3: T = 1, ||v|| = 0.8 -> 0.01; 0.5 -> 0.16; 0.95 -> 0; T = 0, 0.3 -> 0.02; 0.05 -> 0")
    func indexedTable() {
        let loss = MarginLoss()
        let rows: [(Bool, Double, Double)] = [(true, 0.8, 0.01), (true, 0.5, 0.16), (true, 0.95, 0), (false, 0.3, 0.02), (false, 0.05, 0)]
        for (present, length, expected) in rows {
            let value = loss.perCapsule(length: length, present: present)
            #expect(isApproximatelyEqual(value, expected, absoluteTolerance: 1e-12), "T = \(present ? 1 : 0), ||v|| = \(length): \(value)")
            let batch = loss.value(predicted: Tensor([[Float(length)]]), target: Tensor([[present ? 1 : 0]]))
            #expect(isApproximatelyEqual(batch, Float(expected), absoluteTolerance: 1e-7), "as a Loss: \(batch)")
        }
    }

    @Test("E-15: the printed form (no square on the first term) gives 0.1 and 0.4 where the correct loss gives 0.01 and 0.16; the absent term agrees (0.02)")
    func printedForm() {
        #expect(isApproximatelyEqual(MarginLoss.asPrintedInTheNotes(length: 0.8, present: true), 0.1, absoluteTolerance: 1e-12))
        #expect(isApproximatelyEqual(MarginLoss.asPrintedInTheNotes(length: 0.5, present: true), 0.4, absoluteTolerance: 1e-12))
        #expect(MarginLoss.asPrintedInTheNotes(length: 0.95, present: true) == 0)
        #expect(isApproximatelyEqual(MarginLoss.asPrintedInTheNotes(length: 0.3, present: false), 0.02, absoluteTolerance: 1e-12))
        let loss = MarginLoss()
        #expect(loss.perCapsule(length: 0.8, present: true) != MarginLoss.asPrintedInTheNotes(length: 0.8, present: true))
        // The correct loss has a slope that vanishes at the margin; the printed one jumps from -1 to 0 there.
        #expect(loss.perCapsuleSlope(length: 0.9, present: true) == 0)
        #expect(isApproximatelyEqual(loss.perCapsuleSlope(length: 0.8, present: true), -0.2, absoluteTolerance: 1e-6))
    }

    @Test("A batch: the sum over the J classes of each example, averaged over the N examples")
    func batchMean() {
        let lengths = Tensor([[0.8, 0.3, 0.05], [0.5, 0.95, 0.2]])
        let targets = Tensor([[1, 0, 0], [0, 1, 0]])
        // (0.01 + 0.02 + 0) and (0.5 x 0.16 + 0 + 0.5 x 0.01) over 2 examples
        let expected: Float = (0.01 + 0.02 + 0.08 + 0.005) / 2
        #expect(isApproximatelyEqual(MarginLoss().value(predicted: lengths, target: targets), expected, relativeTolerance: 1e-5))
    }

    @Test("dJ/d||v|| matches central differences in Double away from the margins (seed 31)")
    func gradientCheck() {
        var generator = Xoshiro256StarStar(seed: 31)
        let loss = MarginLoss()
        let lengths = generator.uniformTensor(shape: [4, 10], 0, 1).map { abs($0 - 0.9) < 1e-3 || abs($0 - 0.1) < 1e-3 ? 0.5 : $0 }
        let targets = oneHot((0..<4).map { _ in generator.uniformInt(below: 10) }, classes: 10)
        let analytic = loss.gradient(predicted: lengths, target: targets)
        let error = GradientCheck.error(analytic: analytic.doubles, at: lengths.doubles) { x in
            zip(x, targets.scalars).reduce(0.0) { $0 + loss.perCapsule(length: $1.0, present: $1.1 > 0.5) } / 4
        }
        #expect(error < gradientTolerance, "error \(error)")
    }
}
