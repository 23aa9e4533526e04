// Checks for exercise 24 (the margin loss, E-15). Run: swift run --package-path Exercises exercises 24

import Foundation
import ExerciseCheck
import Core
import Capsules
import Exercise24

check("The worked table: T = 1, ||v|| = 0.8 -> 0.01; 0.5 -> 0.16; 0.95 -> 0; T = 0, 0.3 -> 0.02; 0.05 -> 0; not E-15's printed form (0.1 and 0.4)") {
    let rows: [(present: Bool, length: Double, expected: Double)] = [(true, 0.8, 0.01), (true, 0.5, 0.16), (true, 0.95, 0), (false, 0.3, 0.02), (false, 0.05, 0)]
    for (present, length, expected) in rows {
        let value = marginLoss(length: length, present: present)
        expect(isApproximatelyEqual(value, expected, absoluteTolerance: 1e-12), "T = \(present ? 1 : 0), ||v|| = \(length): expected \(expected), got \(value)")
    }
    // (merged: E-15: not the printed form, which gives 0.1 and 0.4 for a present class at 0.8 and 0.5)
    for length in [0.8, 0.5] {
        let yours = marginLoss(length: length, present: true)
        let printed = MarginLoss.asPrintedInTheNotes(length: length, present: true)
        expect(!isApproximatelyEqual(yours, printed, absoluteTolerance: 1e-9),
                "||v|| = \(length): \(yours) is the printed form without the square (E-15); square the first term too")
    }
}

check("An example's loss sums its ten classes: label 3, lengths 0.8 (class 3), 0.3 (class 0), 0.05 elsewhere -> 0.01 + 0.02 = 0.03; equal to the library's MarginLoss on random lengths (seed 241)") {
    var lengths = [Double](repeating: 0.05, count: 10)
    (lengths[3], lengths[0]) = (0.8, 0.3)
    expect(isApproximatelyEqual(marginLoss(lengths: lengths, label: 3), 0.03, absoluteTolerance: 1e-12),
            "expected 0.03, got \(marginLoss(lengths: lengths, label: 3))")
    var generator = Xoshiro256StarStar(seed: 241)
    for _ in 0..<10 {
        let random = (0..<10).map { _ in generator.uniformDouble() }
        let label = generator.uniformInt(below: 10)
        let library = MarginLoss().value(predicted: Tensor(shape: [1, 10], doubles: random), target: oneHot([label], classes: 10))
        expect(isApproximatelyEqual(Float(marginLoss(lengths: random, label: label)), library, relativeTolerance: 1e-5, absoluteTolerance: 1e-7), "expected \(library), got \(Float(marginLoss(lengths: random, label: label))) (relativeTolerance: 1e-5, absoluteTolerance: 1e-7)")
    }
}

check("The slope matches central differences away from the margins (seed 242), and is 0 past them") {
    var generator = Xoshiro256StarStar(seed: 242)
    for _ in 0..<20 {
        let length = generator.uniformDouble()
        if abs(length - 0.9) < 1e-3 || abs(length - 0.1) < 1e-3 { continue }
        for present in [true, false] {
            let numerical = GradientCheck.numericalGradient(at: [length]) { marginLoss(length: $0[0], present: present) }[0]
            expect(isApproximatelyEqual(marginLossSlope(length: length, present: present), numerical, absoluteTolerance: 1e-7),
                    "||v|| = \(length), present \(present): expected \(numerical), got \(marginLossSlope(length: length, present: present))")
        }
    }
    expect(marginLossSlope(length: 0.95, present: true) == 0 && marginLossSlope(length: 0.05, present: false) == 0, "marginLossSlope(length: 0.95, present: true) == 0 && marginLossSlope(length: 0.05, present: false) == 0")
    expect(isApproximatelyEqual(marginLossSlope(length: 0.8, present: true), -0.2, absoluteTolerance: 1e-12), "expected \(-0.2), got \(marginLossSlope(length: 0.8, present: true)) (absoluteTolerance: 1e-12)")
}

runChecks()
