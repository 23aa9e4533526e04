// Overlap.swift: overlap scores for localisation and segmentation. MLiS II Sec. 2.7.6, Eq. (2.7.9)
// (IoU, Fig. 2.7.3); DL Padova "Segmentation Loss" (Dice, generalised Dice, Tversky; E-16).
// Goals, in order: the formulas as printed where right, corrected where not (E-16: the missing
// brackets, and "Dice loss" is the coefficient); empty sets handled by a stated convention.

import Core

/// An axis-aligned box by its corners, x1 < x2 and y1 < y2 (MLiS II Sec. 2.6.1, "Localisation").
public struct Box: Sendable, Equatable {
    public let x1: Double, y1: Double, x2: Double, y2: Double
    public init(x1: Double, y1: Double, x2: Double, y2: Double) {
        require(x1 <= x2 && y1 <= y2, "Box: needs x1 <= x2 and y1 <= y2, got (\(x1), \(y1), \(x2), \(y2))")
        (self.x1, self.y1, self.x2, self.y2) = (x1, y1, x2, y2)
    }
    public var area: Double { (x2 - x1) * (y2 - y1) }
}

/// IoU(A, B) = |A ∩ B| / |A ∪ B|, in [0, 1], higher is better   MLiS II Eq. (2.7.9)
///
/// ```swift
/// print(intersectionOverUnion(Box(x1: 0, y1: 0, x2: 2, y2: 2), Box(x1: 1, y1: 1, x2: 3, y2: 3)))   // 0.14285714285714285 (1/7)
/// ```
/// Two boxes of zero area have no union: their IoU is 0 by convention.
public func intersectionOverUnion(_ a: Box, _ b: Box) -> Double {
    let width = max(0, min(a.x2, b.x2) - max(a.x1, b.x1)), height = max(0, min(a.y2, b.y2) - max(a.y1, b.y1))
    let intersection = width * height
    let union = a.area + b.area - intersection
    return union == 0 ? 0 : intersection / union
}

/// IoU of two masks (pixel sets, e.g. a predicted and a true segmentation): |A ∩ B| / |A ∪ B|; two
/// empty masks agree perfectly (1).
public func intersectionOverUnion(predicted: [Bool], truth: [Bool]) -> Double {
    require(predicted.count == truth.count, "intersectionOverUnion: masks of \(predicted.count) and \(truth.count) pixels")
    let counts = BinaryCounts(truth: truth, predicted: predicted)
    let union = counts.truePositives + counts.falsePositives + counts.falseNegatives
    return union == 0 ? 1 : Double(counts.truePositives) / Double(union)
}

/// Dice = 2 TP / ((TP + FP) + (TP + FN)), the overlap of prediction and truth
/// (DL Padova "Segmentation Loss", the "dice coefficient")
///
/// DL Padova calls this the "Dice loss" (E-16); it is the coefficient (1 is perfect), and the loss
/// is 1 - Dice. Equal to F1, and to Tversky with alpha = beta = 1/2. No positives anywhere: 1.
public func diceCoefficient(_ counts: BinaryCounts) -> Double {
    let denominator = 2 * counts.truePositives + counts.falsePositives + counts.falseNegatives
    return denominator == 0 ? 1 : Double(2 * counts.truePositives) / Double(denominator)
}

/// TI = TP / (TP + alpha FN + beta FP)   (DL Padova "Segmentation Loss", "Tversky Loss")
///
/// alpha weighs the misses, beta the false alarms; alpha = beta = 1/2 is Dice, alpha = beta = 1 is
/// IoU. No positives anywhere: 1.
public func tverskyIndex(_ counts: BinaryCounts, alpha: Double, beta: Double) -> Double {
    require(alpha >= 0 && beta >= 0, "tverskyIndex: alpha and beta must be >= 0, got \(alpha) and \(beta)")
    let denominator = Double(counts.truePositives) + alpha * Double(counts.falseNegatives) + beta * Double(counts.falsePositives)
    return denominator == 0 ? 1 : Double(counts.truePositives) / denominator
}

/// TL = sum_c (1 - TI_c) over the classes   (DL Padova "Segmentation Loss", "Tversky Loss")
public func tverskyLoss(_ classes: [BinaryCounts], alpha: Double, beta: Double) -> Double {
    classes.reduce(0) { $0 + 1 - tverskyIndex($1, alpha: alpha, beta: beta) }
}

/// The generalised Dice loss of predicted probabilities Y and one-hot targets T, both [K, M] (K
/// classes, M pixels)   (DL Padova "Segmentation Loss", DL(Y, T), with the brackets E-16 adds):
///
///     GDL = 1 - 2 sum_k w_k sum_m Y_km T_km / sum_k w_k sum_m (Y_km + T_km),   w_k = 1 / (sum_m T_km)^2
///
/// The weights make a small class count as much as a large one. A class absent from T has an
/// infinite weight; it is left out (its w_k is taken as 0).
public func generalisedDiceLoss(predicted: Tensor, target: Tensor) -> Double {
    requireShapes(predicted.shape == target.shape && predicted.rank == 2, "generalisedDiceLoss: Y vs T ([K, M])",
                  predicted.shape, target.shape)
    var (numerator, denominator) = (0.0, 0.0)
    for k in 0..<predicted.rows {
        let (y, t) = (predicted.row(k).map(Double.init), target.row(k).map(Double.init))
        let volume = t.reduce(0, +)
        guard volume > 0 else { continue }
        let weight = 1 / (volume * volume)
        numerator += weight * zip(y, t).reduce(0) { $0 + $1.0 * $1.1 }
        denominator += weight * zip(y, t).reduce(0) { $0 + $1.0 + $1.1 }
    }
    return denominator == 0 ? 0 : 1 - 2 * numerator / denominator
}
