// Metrics.swift: how good is a classifier? MLiS II Sec. 2.7.1-2.7.4, Eq. (2.7.1), Eq. (2.7.2),
// Eq. (2.7.3), Eq. (2.7.4), Eq. (2.7.5), Eq. (2.7.6), Eq. (2.7.7); DL Padova "Performance indicators",
// "Open set", "Precision and Recall".
// Goals, in order: the notes' formulas, one property each; the conventions the notes leave open
// stated (0/0 is 0; the confusion matrix's orientation, E-75); counts as integers, ratios in Double.

import Core

/// The four counts of a binary classifier (MLiS II Fig. 2.7.1): true and false positives and negatives.
///
/// ```swift
/// // MLiS II Sec. 2.7.2 (MET-1): 9 non-galaxies and 1 galaxy, everything predicted "not galaxy".
/// let galaxies = BinaryCounts(truePositives: 0, falsePositives: 0, falseNegatives: 1, trueNegatives: 9)
/// print(galaxies.accuracy, galaxies.recall, galaxies.precision)   // 0.9 0.0 0.0
/// ```
///
/// Convention: a ratio whose denominator is 0 is 0 (scikit-learn's `zero_division=0`). Precision with
/// no positive prediction is 0/0; calling it 0 ranks a classifier that never says "positive" as the
/// worst, which is what it is for finding positives.
public struct BinaryCounts: Equatable, Sendable, CustomStringConvertible {
    public var truePositives: Int
    public var falsePositives: Int
    public var falseNegatives: Int
    public var trueNegatives: Int

    public init(truePositives: Int, falsePositives: Int, falseNegatives: Int, trueNegatives: Int = 0) {
        require(truePositives >= 0 && falsePositives >= 0 && falseNegatives >= 0 && trueNegatives >= 0,
                "BinaryCounts: counts must be >= 0, got TP \(truePositives), FP \(falsePositives), FN \(falseNegatives), TN \(trueNegatives)")
        (self.truePositives, self.falsePositives, self.falseNegatives, self.trueNegatives)
            = (truePositives, falsePositives, falseNegatives, trueNegatives)
    }

    /// The counts of predictions against the truth (true = positive). Precondition: equal lengths.
    public init(truth: [Bool], predicted: [Bool]) {
        require(truth.count == predicted.count, "BinaryCounts: \(truth.count) labels but \(predicted.count) predictions")
        var counts = BinaryCounts(truePositives: 0, falsePositives: 0, falseNegatives: 0, trueNegatives: 0)
        for (t, p) in zip(truth, predicted) {
            switch (t, p) {
            case (true, true): counts.truePositives += 1
            case (false, true): counts.falsePositives += 1
            case (true, false): counts.falseNegatives += 1
            case (false, false): counts.trueNegatives += 1
            }
        }
        self = counts
    }

    /// P = TP + FN, the actual positives (a column sum of Fig. 2.7.1).
    public var positives: Int { truePositives + falseNegatives }
    /// N = FP + TN, the actual negatives.
    public var negatives: Int { falsePositives + trueNegatives }
    public var total: Int { positives + negatives }

    /// ACC = (TP + TN) / (P + N)   Eq. (2.7.1)
    public var accuracy: Double { ratio(truePositives + trueNegatives, total) }
    /// PRE = TP / (TP + FP), the purity of the positive predictions   Eq. (2.7.2)
    public var precision: Double { ratio(truePositives, truePositives + falsePositives) }
    /// REC = TP / (TP + FN), the completeness; also the true positive rate   Eq. (2.7.3)
    public var recall: Double { ratio(truePositives, positives) }
    /// F1 = 2 PRE REC / (PRE + REC), their harmonic mean; 0 when both are 0   Eq. (2.7.4)
    public var f1: Double {
        let (p, r) = (precision, recall)
        return p + r == 0 ? 0 : 2 * p * r / (p + r)
    }
    /// FPR = FP / (FP + TN)   Eq. (2.7.7) (DL Padova "Open set": "False Positive Rate")
    public var falsePositiveRate: Double { ratio(falsePositives, negatives) }
    /// TPR = recall, the y axis of the ROC curve.
    public var truePositiveRate: Double { recall }
    /// FNR = FN / P (DL Padova "Open set": "False Negative Rate").
    public var falseNegativeRate: Double { ratio(falseNegatives, positives) }

    public var description: String {
        "TP=\(truePositives) FP=\(falsePositives) FN=\(falseNegatives) TN=\(trueNegatives)"
    }
}

/// a / b, or 0 when b is 0 (the convention of `BinaryCounts`).
@inline(__always)
func ratio(_ a: Int, _ b: Int) -> Double { b == 0 ? 0 : Double(a) / Double(b) }

extension ConfusionMatrix {
    /// Class k against the rest: TP = counts[k][k], FN = the rest of row k (true k, predicted
    /// otherwise), FP = the rest of column k, TN = everything else. Rows are the truth (E-75).
    public func counts(of k: Int) -> BinaryCounts {
        require(k >= 0 && k < classes, "ConfusionMatrix.counts(of:): class \(k) is not in 0..<\(classes)")
        let truePositives = counts[k][k]
        let falseNegatives = counts[k].reduce(0, +) - truePositives
        let falsePositives = (0..<classes).reduce(0) { $0 + counts[$1][k] } - truePositives
        return BinaryCounts(truePositives: truePositives, falsePositives: falsePositives, falseNegatives: falseNegatives,
                            trueNegatives: total - truePositives - falseNegatives - falsePositives)
    }

    /// Every class against the rest, in class order.
    public var perClassCounts: [BinaryCounts] { (0..<classes).map { counts(of: $0) } }
}

/// How per-class scores are combined over K classes (MLiS II Sec. 2.7.4).
public enum Averaging: String, Sendable, CaseIterable {
    /// Pool the counts, then take the ratio: every example weighs the same, so large classes
    /// dominate. PRE_mic = sum_k TP_k / sum_k (TP_k + FP_k)   Eq. (2.7.5)
    case micro
    /// Take the ratio per class, then the mean: every class weighs the same.
    /// PRE_mac = (1/K) sum_k PRE_k   Eq. (2.7.6)
    case macro
}

/// Precision over several classes, micro- or macro-averaged: Eq. (2.7.5), Eq. (2.7.6).
///
/// ```swift
/// let classes = [BinaryCounts(truePositives: 5, falsePositives: 1, falseNegatives: 2),
///                BinaryCounts(truePositives: 2, falsePositives: 2, falseNegatives: 1),
///                BinaryCounts(truePositives: 1, falsePositives: 0, falseNegatives: 3)]
/// print(precision(classes, .micro), precision(classes, .macro))   // 0.7272727272727273 0.7777777777777778
/// ```
public func precision(_ classes: [BinaryCounts], _ averaging: Averaging) -> Double {
    average(classes, averaging, \.precision)
}

/// Recall over several classes: micro sum TP / sum (TP + FN), or the mean of the per-class recalls.
public func recall(_ classes: [BinaryCounts], _ averaging: Averaging) -> Double {
    average(classes, averaging, \.recall)
}

/// F1 over several classes: micro takes F1 of the pooled counts (equal to the accuracy when every
/// example has exactly one class); macro is the mean of the per-class F1 scores.
public func f1Score(_ classes: [BinaryCounts], _ averaging: Averaging) -> Double {
    average(classes, averaging, \.f1)
}

private func average(_ classes: [BinaryCounts], _ averaging: Averaging, _ score: KeyPath<BinaryCounts, Double>) -> Double {
    require(!classes.isEmpty, "averaging metrics: needs at least one class")
    switch averaging {
    case .micro:
        let pooled = classes.reduce(BinaryCounts(truePositives: 0, falsePositives: 0, falseNegatives: 0, trueNegatives: 0)) {
            BinaryCounts(truePositives: $0.truePositives + $1.truePositives, falsePositives: $0.falsePositives + $1.falsePositives,
                         falseNegatives: $0.falseNegatives + $1.falseNegatives, trueNegatives: $0.trueNegatives + $1.trueNegatives)
        }
        return pooled[keyPath: score]
    case .macro:
        return classes.reduce(0) { $0 + $1[keyPath: score] } / Double(classes.count)
    }
}
