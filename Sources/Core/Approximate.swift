// Approximate.swift: the one tolerance helper tests, exercises and chapters share, in the style of
// swift-numerics' isApproximatelyEqual(to:relativeTolerance:).

/// |a - b| <= max(absoluteTolerance, relativeTolerance * max(|a|, |b|)).
///
/// The default relative tolerance sqrt(ulp(1)) (3.4e-4 for Float, 1.5e-8 for Double) is half the
/// digits of the type. Both must be finite unless they are equal.
@inlinable
public func isApproximatelyEqual<T: BinaryFloatingPoint>(_ a: T, _ b: T,
                                                         relativeTolerance: T = T.ulpOfOne.squareRoot(),
                                                         absoluteTolerance: T = 0) -> Bool {
    if a == b { return true }
    guard a.isFinite, b.isFinite else { return false }
    let scale = max(abs(a), abs(b), T.leastNormalMagnitude)
    return abs(a - b) <= max(absoluteTolerance, relativeTolerance * scale)
}

/// Elementwise `isApproximatelyEqual` of two sequences of equal length.
public func isApproximatelyEqual<T: BinaryFloatingPoint>(_ a: [T], _ b: [T],
                                                         relativeTolerance: T = T.ulpOfOne.squareRoot(),
                                                         absoluteTolerance: T = 0) -> Bool {
    a.count == b.count && zip(a, b).allSatisfy {
        isApproximatelyEqual($0, $1, relativeTolerance: relativeTolerance, absoluteTolerance: absoluteTolerance)
    }
}
