// SequenceTasks.swift: toy sequence-to-sequence tasks over the digits 0-9 (issue 16): copy the input,
// reverse it, sort it. Each needs a different use of attention: copying looks at the same position,
// reversing at the mirrored one (so position must be known: the positional encoding), sorting at the
// smallest digit not yet written, wherever it is.
// Goals, in order: seeded draws; a held-out set no training batch ever contains; the score that
// counts, whole sequences exactly right.

import Core

/// What the output sequence is for an input sequence.
public enum SequenceTask: String, CaseIterable, Sendable {
    case copy, reverse, sort

    /// The target for `source`: the same digits, reversed, or in increasing order.
    public func target(for source: [Int]) -> [Int] {
        switch self {
        case .copy: source
        case .reverse: source.reversed()
        case .sort: source.sorted()
        }
    }
}

/// `count` sequences of `length` digits drawn uniformly from 0 ..< digits, none of them in `excluded`.
public func randomSequences(count: Int, length: Int, digits: Int = 10, excluding excluded: Set<[Int]> = [],
                            generator: inout Xoshiro256StarStar) -> [[Int]] {
    require(count >= 0 && length >= 1 && digits >= 1, "randomSequences: needs count >= 0, length >= 1, digits >= 1")
    var sequences: [[Int]] = []
    sequences.reserveCapacity(count)
    while sequences.count < count {
        let sequence = (0..<length).map { _ in generator.uniformInt(below: digits) }
        if !excluded.contains(sequence) { sequences.append(sequence) }
    }
    return sequences
}

/// The fraction of predicted sequences equal to their targets in every position.
public func exactSequenceAccuracy(predicted: [[Int]], targets: [[Int]]) -> Double {
    require(predicted.count == targets.count, "exactSequenceAccuracy: \(predicted.count) predictions for \(targets.count) targets")
    guard !targets.isEmpty else { return 0 }
    return Double(zip(predicted, targets).filter { $0 == $1 }.count) / Double(targets.count)
}

/// The fraction of positions predicted right, over all sequences.
public func tokenAccuracy(predicted: [[Int]], targets: [[Int]]) -> Double {
    require(predicted.count == targets.count, "tokenAccuracy: \(predicted.count) predictions for \(targets.count) targets")
    let pairs = zip(predicted.joined(), targets.joined())
    let total = targets.reduce(0) { $0 + $1.count }
    return total == 0 ? 0 : Double(pairs.filter { $0 == $1 }.count) / Double(total)
}
