// The checks of exercise 41: a 3-class matrix by hand (per class, then micro and macro), and a
// 10-class matrix with a class never predicted against the Convolution module's metrics.

import ExerciseCheck
import Exercise41
import Core
import Convolution

/// Rows = truth: TP = (5, 2, 1), FP = (1, 5, 0), FN = (2, 1, 3).
let handMatrix = [[5, 2, 0], [1, 2, 0], [0, 3, 1]]

func expectList(_ got: [Double], _ expected: [Double], _ what: String) {
    expect(got.count == expected.count && zip(got, expected).allSatisfy { abs($0 - $1) <= 1e-9 },
           "\(what): expected \(expected), got \(got)")
}

check("Eq. (2.7.2), Eq. (2.7.3), Eq. (2.7.4): each class of [[5, 2, 0], [1, 2, 0], [0, 3, 1]] (rows = truth)") {
    let scores = classificationScores(confusion: handMatrix)
    expectList(scores.precision, [5.0 / 6, 2.0 / 7, 1], "PRE_k = TP/(TP + FP) with TP = (5, 2, 1), FP = (1, 5, 0)")
    expectList(scores.recall, [5.0 / 7, 2.0 / 3, 0.25], "REC_k = TP/(TP + FN) with FN = (2, 1, 3)")
    expectList(scores.f1, [0.7692307692307692, 0.4, 0.4], "F1_k = 2 PRE REC/(PRE + REC)")
}

check("Eq. (2.7.5), Eq. (2.7.6): micro and macro averages of the same matrix") {
    let scores = classificationScores(confusion: handMatrix)
    expectClose(scores.microPrecision, 8.0 / 14, tolerance: 1e-9, "micro PRE = sum TP/(sum TP + sum FP) = 8/14")
    expectClose(scores.microRecall, 8.0 / 14, tolerance: 1e-9, "micro REC = sum TP/(sum TP + sum FN) = 8/14")
    expectClose(scores.microF1, 8.0 / 14, tolerance: 1e-9, "micro F1 (= the accuracy 8/14 with one class per example)")
    expectClose(scores.macroPrecision, 0.7063492063492064, tolerance: 1e-9, "macro PRE = (5/6 + 2/7 + 1)/3")
    expectClose(scores.macroRecall, 0.5436507936507936, tolerance: 1e-9, "macro REC = (5/7 + 2/3 + 1/4)/3")
    expectClose(scores.macroF1, 0.5230769230769231, tolerance: 1e-9, "macro F1 = (0.7692 + 0.4 + 0.4)/3")
}

check("10 classes, class 9 never predicted (0/0 counts as 0): every score equals the Convolution module's") {
    var generator = Xoshiro256StarStar(seed: 41)
    let truth = (0..<300).map { _ in generator.uniformInt(below: 10) }
    let predicted = truth.map { t in
        let guess = generator.uniformDouble() < 0.7 ? t : generator.uniformInt(below: 10)
        return guess == 9 ? 8 : guess
    }
    let matrix = ConfusionMatrix(classes: 10, truth: truth, predicted: predicted)
    let perClass = matrix.perClassCounts
    let scores = classificationScores(confusion: matrix.counts)
    expectList(scores.precision, perClass.map(\.precision), "per-class precision")
    expectList(scores.recall, perClass.map(\.recall), "per-class recall")
    expectList(scores.f1, perClass.map(\.f1), "per-class F1")
    for (got, averaging) in [(scores.microPrecision, Averaging.micro), (scores.macroPrecision, .macro)] {
        expectClose(got, precision(perClass, averaging), tolerance: 1e-9, "\(averaging) precision")
    }
    for (got, averaging) in [(scores.microRecall, Averaging.micro), (scores.macroRecall, .macro)] {
        expectClose(got, recall(perClass, averaging), tolerance: 1e-9, "\(averaging) recall")
    }
    for (got, averaging) in [(scores.microF1, Averaging.micro), (scores.macroF1, .macro)] {
        expectClose(got, f1Score(perClass, averaging), tolerance: 1e-9, "\(averaging) F1")
    }
}

runChecks()
