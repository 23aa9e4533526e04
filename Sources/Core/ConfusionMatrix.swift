// ConfusionMatrix.swift: counting predictions against the truth (MLiS II Sec. 2.7.1; DL Padova
// "Performance indicators", where the confusion matrix appears).
//
// Orientation: the notes disagree (E-75). DL Padova puts the true class on the rows;
// MLiS II Fig. 2.7.1 puts the prediction on the rows. Here, as in DL Padova and scikit-learn,
// **row = true class, column = predicted class**.

/// counts[t][p] = the number of examples of true class t predicted as class p.
public struct ConfusionMatrix: Equatable, Sendable, CustomStringConvertible {
    public let classes: Int
    public private(set) var counts: [[Int]]

    public init(classes: Int, truth: [Int], predicted: [Int]) {
        require(truth.count == predicted.count,
                     "ConfusionMatrix: \(truth.count) true labels but \(predicted.count) predictions")
        self.classes = classes
        counts = Array(repeating: Array(repeating: 0, count: classes), count: classes)
        for (t, p) in zip(truth, predicted) {
            require((0..<classes).contains(t) && (0..<classes).contains(p),
                         "ConfusionMatrix: label \(t) or prediction \(p) is not in 0..<\(classes)")
            counts[t][p] += 1
        }
    }

    public var total: Int { counts.joined().reduce(0, +) }
    public var correct: Int { (0..<classes).reduce(0) { $0 + counts[$1][$1] } }
    /// (TP + TN) / total, the fraction on the diagonal (MLiS II Eq. (2.7.1)).
    public var accuracy: Double { total == 0 ? 0 : Double(correct) / Double(total) }

    /// A table with a header row of predicted classes and one row per true class.
    public var description: String {
        let width = max(String(counts.joined().max() ?? 0).count, 2) + 1
        func cell(_ text: String) -> String { String(repeating: " ", count: max(width - text.count, 0)) + text }
        var lines = ["true\\pred" + (0..<classes).map { cell("\($0)") }.joined()]
        for t in 0..<classes {
            lines.append(cell("\(t)").padding(toLength: 9, withPad: " ", startingAt: 0) + counts[t].map { cell("\($0)") }.joined())
        }
        return lines.joined(separator: "\n")
    }
}

/// The fraction of positions where `predicted` equals `truth`.
public func accuracy(predicted: [Int], truth: [Int]) -> Double {
    require(predicted.count == truth.count, "accuracy: \(predicted.count) predictions but \(truth.count) labels")
    guard !truth.isEmpty else { return 0 }
    return Double(zip(predicted, truth).filter { $0 == $1 }.count) / Double(truth.count)
}
