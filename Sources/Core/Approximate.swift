// Approximate.swift: the one tolerance helper tests, exercises and chapters share, in the style of
// swift-numerics' isApproximatelyEqual(to:relativeTolerance:).

/// Whether `a` and `b` agree to the tolerance the caller names, and only that tolerance:
///
/// - neither given: |a - b| <= sqrt(ulp(1)) max(|a|, |b|), half the digits of the type (3.4e-4 for
///   Float, 1.5e-8 for Double);
/// - `absoluteTolerance` only: |a - b| <= absoluteTolerance (an explicit 1e-7 means 1e-7, not
///   "3.5 significant figures or 1e-7, whichever is looser");
/// - `relativeTolerance` only: |a - b| <= relativeTolerance max(|a|, |b|);
/// - both: within either (for values that may be near zero or large).
///
/// Both must be finite unless they are equal.
@inlinable
public func isApproximatelyEqual<T: BinaryFloatingPoint>(_ a: T, _ b: T, relativeTolerance: T? = nil,
                                                         absoluteTolerance: T? = nil) -> Bool {
    if a == b { return true }
    guard a.isFinite, b.isFinite else { return false }
    let relative = relativeTolerance ?? (absoluteTolerance == nil ? T.ulpOfOne.squareRoot() : 0)
    let scale = max(abs(a), abs(b), T.leastNormalMagnitude)
    return abs(a - b) <= max(absoluteTolerance ?? 0, relative * scale)
}

/// Elementwise `isApproximatelyEqual` of two sequences of equal length.
public func isApproximatelyEqual<T: BinaryFloatingPoint>(_ a: [T], _ b: [T], relativeTolerance: T? = nil,
                                                         absoluteTolerance: T? = nil) -> Bool {
    a.count == b.count && zip(a, b).allSatisfy {
        isApproximatelyEqual($0, $1, relativeTolerance: relativeTolerance, absoluteTolerance: absoluteTolerance)
    }
}
