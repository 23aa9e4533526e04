// ROC.swift: the receiver operating characteristic and the area under it, MLiS II Sec. 2.7.5
// (Eq. (2.7.7), Eq. (2.7.8), Fig. 2.7.2); DL Padova "Open set" (positive iff p > t; AUC = 1 means
// FPR = 0 and TPR = 1 at some threshold).
// Goals, in order: every threshold that changes a prediction, and no other; ties between scores
// handled as one step (a diagonal segment); the area exact (trapezoids), equal to the rank statistic.

import Core

/// The ROC curve of scores against true labels: (FPR, TPR) for every threshold t, predicting positive
/// when score > t, from t above every score (0, 0) to t below every score (1, 1).
public struct ROCCurve: Sendable {
    /// FPR = FP / N at each threshold, increasing from 0 to 1   Eq. (2.7.7)
    public let falsePositiveRates: [Double]
    /// TPR = TP / P at each threshold, increasing from 0 to 1 (the recall, Eq. (2.7.3)).
    public let truePositiveRates: [Double]
    /// The thresholds: +infinity, then each distinct score from the highest down; point i predicts
    /// positive exactly the examples with score >= thresholds[i] (that is, > t for t just below it).
    public let thresholds: [Float]

    /// Preconditions: as many labels as scores, at least one positive and one negative, no NaN score.
    public init(scores: [Float], labels: [Bool]) {
        require(scores.count == labels.count, "ROCCurve: \(scores.count) scores but \(labels.count) labels")
        require(!scores.contains { $0.isNaN }, "ROCCurve: a score is NaN")
        let positives = labels.filter { $0 }.count, negatives = labels.count - positives
        require(positives > 0 && negatives > 0, "ROCCurve: needs at least one positive and one negative, got \(positives) and \(negatives)")
        let order = scores.indices.sorted { scores[$0] > scores[$1] }
        var (fpr, tpr, thresholds) = ([0.0], [0.0], [Float.infinity])
        var (truePositives, falsePositives) = (0, 0)
        var k = 0
        while k < order.count {
            let score = scores[order[k]]
            while k < order.count && scores[order[k]] == score {    // all tied scores cross together
                if labels[order[k]] { truePositives += 1 } else { falsePositives += 1 }
                k += 1
            }
            fpr.append(Double(falsePositives) / Double(negatives))
            tpr.append(Double(truePositives) / Double(positives))
            thresholds.append(score)
        }
        (falsePositiveRates, truePositiveRates, self.thresholds) = (fpr, tpr, thresholds)
    }

    /// AUC = integral_0^1 TPR(FPR^-1(x)) dx, by trapezoids between the points   Eq. (2.7.8)
    ///
    /// 1 for a perfect ranking, 0.5 for chance (the diagonal of Fig. 2.7.2), below 0.5 for a ranking
    /// worse than chance. Equal to the probability that a random positive scores above a random
    /// negative, ties counting one half (`rankAreaUnderCurve`).
    public var area: Double {
        var total = 0.0
        for i in 1..<falsePositiveRates.count {
            total += (falsePositiveRates[i] - falsePositiveRates[i - 1]) * (truePositiveRates[i] + truePositiveRates[i - 1]) / 2
        }
        return total
    }
}

/// P(s+ > s-) + P(s+ = s-)/2 over all pairs of a positive and a negative example: the Mann-Whitney
/// statistic, which equals the trapezoid area under the ROC curve. O(P N); for checking.
public func rankAreaUnderCurve(scores: [Float], labels: [Bool]) -> Double {
    require(scores.count == labels.count, "rankAreaUnderCurve: \(scores.count) scores but \(labels.count) labels")
    let positive = zip(scores, labels).filter { $0.1 }.map(\.0), negative = zip(scores, labels).filter { !$0.1 }.map(\.0)
    require(!positive.isEmpty && !negative.isEmpty, "rankAreaUnderCurve: needs at least one positive and one negative")
    var wins = 0.0
    for p in positive {
        for n in negative { wins += p > n ? 1 : (p == n ? 0.5 : 0) }
    }
    return wins / Double(positive.count * negative.count)
}
