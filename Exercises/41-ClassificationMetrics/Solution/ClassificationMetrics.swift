// Exercise 41: precision, recall and F1 of every class, micro- and macro-averaged, from a confusion
// matrix of K classes.
// Practises MLiS II Secs. 2.7.2-2.7.4: Eq. (2.7.2), Eq. (2.7.3), Eq. (2.7.4), Eq. (2.7.5),
// Eq. (2.7.6); the orientation of the matrix is erratum E-75 (here rows are the truth).
// See it running: `swift run convolution` (its digits part prints the CNN's confusion matrix and scores).
// Check: swift run --package-path Exercises exercises 41
// Hints, one at a time: swift run --package-path Exercises exercises --hint 41
//
// counts[t][p] is the number of examples of true class t predicted as class p. Treat each class k in
// turn as "positive" and every other class as "negative" to get its TP, FP and FN; then compute the
// per-class scores and the two averages the notes define: micro (pool the counts of all classes,
// then take the ratio) and macro (take the ratio per class, then the mean over the K classes).
// Convention: a ratio whose denominator is 0 counts as 0 (a class never predicted has precision 0).

/// Per-class scores (index k = class k) and their micro and macro averages.
public struct ClassificationScores: Equatable, Sendable {
    public var precision: [Double] = []
    public var recall: [Double] = []
    public var f1: [Double] = []
    public var microPrecision = 0.0, microRecall = 0.0, microF1 = 0.0
    public var macroPrecision = 0.0, macroRecall = 0.0, macroF1 = 0.0
    public init() {}
}

/// a / b, or 0 when b is 0.
func ratio(_ a: Int, _ b: Int) -> Double { b == 0 ? 0 : Double(a) / Double(b) }

/// The harmonic mean 2 p r / (p + r), or 0 when both are 0.
func harmonicMean(_ p: Double, _ r: Double) -> Double { p + r == 0 ? 0 : 2 * p * r / (p + r) }

/// Every class's precision, recall and F1, and their micro and macro averages.
/// - Parameter counts: a K x K confusion matrix, rows = true class, columns = predicted class.
public func classificationScores(confusion counts: [[Int]]) -> ClassificationScores {
    let classes = counts.count
    var scores = ClassificationScores()
    var (pooledTP, pooledFP, pooledFN) = (0, 0, 0)
    for k in 0..<classes {
        let truePositives = counts[k][k]
        let falsePositives = (0..<classes).reduce(0) { $0 + counts[$1][k] } - truePositives
        let falseNegatives = counts[k].reduce(0, +) - truePositives
        scores.precision.append(ratio(truePositives, truePositives + falsePositives))
        scores.recall.append(ratio(truePositives, truePositives + falseNegatives))
        scores.f1.append(harmonicMean(scores.precision[k], scores.recall[k]))
        pooledTP += truePositives
        pooledFP += falsePositives
        pooledFN += falseNegatives
    }
    scores.microPrecision = ratio(pooledTP, pooledTP + pooledFP)
    scores.microRecall = ratio(pooledTP, pooledTP + pooledFN)
    scores.microF1 = harmonicMean(scores.microPrecision, scores.microRecall)
    let k = Double(max(classes, 1))
    scores.macroPrecision = scores.precision.reduce(0, +) / k
    scores.macroRecall = scores.recall.reduce(0, +) / k
    scores.macroF1 = scores.f1.reduce(0, +) / k
    return scores
}
