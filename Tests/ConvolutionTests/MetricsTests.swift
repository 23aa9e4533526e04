// Metrics of MLiS II Sec. 2.7 (MET-1 and WORKED-NUMBERS.md's derived check values) and DL Padova's
// segmentation scores (E-16).

import Testing
import Core
import Convolution

@Suite("Metrics (MLiS II Sec. 2.7; DL Padova)")
struct MetricsTests {
    @Test("MET-1, Eq. (2.7.1): 9 non-galaxies and 1 galaxy, all predicted 'not galaxy': 90 % accuracy, recall 0, precision 0/0 taken as 0, F1 0: a useless classifier")
    func galaxies() {
        let truth = [Bool](repeating: false, count: 9) + [true]
        let counts = BinaryCounts(truth: truth, predicted: [Bool](repeating: false, count: 10))
        #expect(counts == BinaryCounts(truePositives: 0, falsePositives: 0, falseNegatives: 1, trueNegatives: 9))
        #expect(counts.accuracy == 0.9)
        #expect((counts.recall, counts.precision, counts.f1, counts.falsePositiveRate) == (0, 0, 0, 0))
        #expect((counts.positives, counts.negatives) == (1, 9))
    }

    @Test("Eq. (2.7.2), Eq. (2.7.3), Eq. (2.7.4), Eq. (2.7.7) by hand: TP 6, FP 2, FN 3, TN 9 gives PRE 3/4, REC 2/3, F1 12/17, FPR 2/11, ACC 15/20")
    func byHand() {
        let counts = BinaryCounts(truePositives: 6, falsePositives: 2, falseNegatives: 3, trueNegatives: 9)
        #expect(counts.precision == 0.75)
        #expect(isApproximatelyEqual(counts.recall, 2.0 / 3))
        // F1 = 2 (3/4)(2/3) / (3/4 + 2/3) = 1 / (17/12) = 12/17, which is also 2 TP / (2 TP + FP + FN).
        #expect(isApproximatelyEqual(counts.f1, 12.0 / 17))
        #expect(isApproximatelyEqual(counts.f1, diceCoefficient(counts)))
        #expect(isApproximatelyEqual(counts.falsePositiveRate, 2.0 / 11))
        #expect(counts.accuracy == 0.75)
    }

    @Test("Eq. (2.7.5), Eq. (2.7.6) (derived values): tp (5, 2, 1), fp (1, 2, 0), fn (2, 1, 3): PRE (0.8333, 0.5, 1), REC (0.7143, 0.6667, 0.25), F1 (0.7692, 0.5714, 0.4), micro PRE 8/11, macro PRE 0.7778")
    func averages() {
        let classes = [BinaryCounts(truePositives: 5, falsePositives: 1, falseNegatives: 2),
                       BinaryCounts(truePositives: 2, falsePositives: 2, falseNegatives: 1),
                       BinaryCounts(truePositives: 1, falsePositives: 0, falseNegatives: 3)]
        let expected: [(Double, Double, Double)] = [(0.8333333333, 0.7142857143, 0.7692307692), (0.5, 0.6666666667, 0.5714285714),
                                                    (1.0, 0.25, 0.4)]
        for (counts, values) in zip(classes, expected) {
            #expect(isApproximatelyEqual(counts.precision, values.0, relativeTolerance: 1e-9))
            #expect(isApproximatelyEqual(counts.recall, values.1, relativeTolerance: 1e-9))
            #expect(isApproximatelyEqual(counts.f1, values.2, relativeTolerance: 1e-9))
        }
        #expect(isApproximatelyEqual(precision(classes, .micro), 8.0 / 11))
        #expect(isApproximatelyEqual(precision(classes, .macro), 0.7777777778, relativeTolerance: 1e-9))
        #expect(isApproximatelyEqual(recall(classes, .micro), 8.0 / 14))
        #expect(isApproximatelyEqual(f1Score(classes, .macro), (0.7692307692 + 0.5714285714 + 0.4) / 3, relativeTolerance: 1e-9))
    }

    @Test("One class against the rest of a confusion matrix (rows = truth, E-75); micro precision, recall and F1 all equal the accuracy")
    func fromConfusionMatrix() {
        let truth = [0, 0, 0, 1, 1, 2, 2, 2, 2, 0]
        let predicted = [0, 1, 0, 1, 2, 2, 2, 0, 2, 0]
        let matrix = ConfusionMatrix(classes: 3, truth: truth, predicted: predicted)
        #expect(matrix.counts(of: 0) == BinaryCounts(truePositives: 3, falsePositives: 1, falseNegatives: 1, trueNegatives: 5))
        #expect(matrix.counts(of: 2) == BinaryCounts(truePositives: 3, falsePositives: 1, falseNegatives: 1, trueNegatives: 5))
        for k in 0..<3 {
            let binary = BinaryCounts(truth: truth.map { $0 == k }, predicted: predicted.map { $0 == k })
            #expect(matrix.counts(of: k) == binary, "class \(k)")
        }
        for average in [precision, recall, f1Score] {
            #expect(isApproximatelyEqual(average(matrix.perClassCounts, .micro), matrix.accuracy))
        }
    }

    @Test("Eq. (2.7.8) (derived value): scores (0.9, 0.8, 0.7, 0.6, 0.55, 0.4) with labels (1, 1, 0, 1, 0, 0) have AUC 8/9 by trapezoids and by ranks")
    func rocArea() {
        let scores: [Float] = [0.9, 0.8, 0.7, 0.6, 0.55, 0.4]
        let labels = [true, true, false, true, false, false]
        let roc = ROCCurve(scores: scores, labels: labels)
        #expect(isApproximatelyEqual(roc.area, 8.0 / 9))
        #expect(isApproximatelyEqual(rankAreaUnderCurve(scores: scores, labels: labels), 8.0 / 9))
        #expect(roc.falsePositiveRates.first == 0 && roc.truePositiveRates.first == 0)
        #expect(roc.falsePositiveRates.last == 1 && roc.truePositiveRates.last == 1)
        // At threshold 0.7 (score >= 0.7 positive): TP 2 of 3, FP 1 of 3.
        let index = roc.thresholds.firstIndex(of: 0.7)!
        #expect(isApproximatelyEqual(roc.truePositiveRates[index], 2.0 / 3) && isApproximatelyEqual(roc.falsePositiveRates[index], 1.0 / 3))
    }

    @Test("ROC: perfect ranking AUC 1 (DL Padova: FPR 0 and TPR 1 at a threshold), reversed 0, all scores tied 0.5 (one diagonal step); trapezoids equal ranks on random scores with ties (seed 501)")
    func rocProperties() {
        let labels = [false, false, true, true]
        #expect(ROCCurve(scores: [0.1, 0.2, 0.8, 0.9], labels: labels).area == 1)
        #expect(ROCCurve(scores: [0.9, 0.8, 0.2, 0.1], labels: labels).area == 0)
        let tied = ROCCurve(scores: [0.5, 0.5, 0.5, 0.5], labels: labels)
        #expect(tied.area == 0.5 && tied.falsePositiveRates == [0, 1])
        var generator = Xoshiro256StarStar(seed: 501)
        for _ in 0..<20 {
            let scores = (0..<30).map { _ in Float(generator.uniformInt(below: 8)) / 8 }
            let labels = (0..<30).map { $0 < 10 ? true : ($0 < 20 ? false : generator.uniformInt(below: 2) == 0) }
            #expect(isApproximatelyEqual(ROCCurve(scores: scores, labels: labels).area, rankAreaUnderCurve(scores: scores, labels: labels)))
        }
    }

    @Test("Eq. (2.7.9) (derived value): IoU of boxes [0, 0, 2, 2] and [1, 1, 3, 3] is 1/7; disjoint 0, identical 1; masks")
    func intersection() {
        let a = Box(x1: 0, y1: 0, x2: 2, y2: 2)
        #expect(isApproximatelyEqual(intersectionOverUnion(a, Box(x1: 1, y1: 1, x2: 3, y2: 3)), 1.0 / 7))
        #expect(intersectionOverUnion(a, Box(x1: 2, y1: 0, x2: 3, y2: 1)) == 0)
        #expect(intersectionOverUnion(a, a) == 1)
        #expect(intersectionOverUnion(predicted: [true, true, false, false], truth: [false, true, true, false]) == 1.0 / 3)
    }

    @Test("DL Padova 'Segmentation Loss' (derived values), E-16: TP 8, FP 2, FN 4: Dice 8/11 = Tversky(0.5, 0.5); Tversky(0.3, 0.7) = 0.7547, (0.7, 0.3) = 0.7018; Tversky(1, 1) = IoU; generalised Dice loss 0.15")
    func segmentation() {
        let counts = BinaryCounts(truePositives: 8, falsePositives: 2, falseNegatives: 4)
        #expect(isApproximatelyEqual(diceCoefficient(counts), 8.0 / 11))
        #expect(isApproximatelyEqual(tverskyIndex(counts, alpha: 0.5, beta: 0.5), 8.0 / 11))
        #expect(isApproximatelyEqual(tverskyIndex(counts, alpha: 0.3, beta: 0.7), 0.7547169811, relativeTolerance: 1e-9))
        #expect(isApproximatelyEqual(tverskyIndex(counts, alpha: 0.7, beta: 0.3), 0.7017543860, relativeTolerance: 1e-9))
        #expect(isApproximatelyEqual(tverskyIndex(counts, alpha: 1, beta: 1), 8.0 / 14))
        #expect(isApproximatelyEqual(tverskyLoss([counts, counts], alpha: 0.5, beta: 0.5), 2 * (1 - 8.0 / 11)))
        let y = Tensor([[0.9, 0.8, 0.1, 0.2], [0.1, 0.2, 0.9, 0.8]]), t = Tensor([[1, 1, 0, 0], [0, 0, 1, 1]])
        #expect(isApproximatelyEqual(generalisedDiceLoss(predicted: y, target: t), 0.15, relativeTolerance: 1e-6))
        #expect(generalisedDiceLoss(predicted: t, target: t) == 0)      // a loss: 0 for a perfect prediction (E-16)
    }
}
