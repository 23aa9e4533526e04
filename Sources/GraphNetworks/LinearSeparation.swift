// LinearSeparation.swift: how well a straight line splits two classes of points in the plane, the
// measure of the karate-club embeddings (Kipf & Welling's demonstration that even an untrained GCN
// puts the two factions apart).
// Goals, in order: the exact best accuracy, not a trained classifier's (which may stop short of it);
// simple enough to check by hand; O(n^3) is fine for tens of points.
//
// Why looking at lines through two points is enough: take a best line and slide it, without any point
// crossing it, until it touches a point p_i; then turn it about p_i until it touches another point p_j.
// The points that now lie on the line were, before the move, on one side of p_i or the other: those on
// one ray on one side, those on the other ray on the other side, p_i on either. So every best split is
// a line through two points, with the points ON it divided at some place along it, each part sent to a
// side. Counting, for every pair, every such division, finds the best split exactly.
//
// Beware what the number means: with few points even random ones are split well by the best of all
// lines (34 random points in the plane: about 0.7 on average). Compare with that baseline.

import Core

/// The largest fraction of points a straight line classifies correctly: class `a` on one side, the
/// other class on the other. With a single class, or a single point, it is 1.
///
/// ```swift
/// // XOR: no line splits it; the best line gets 3 of 4.
/// print(bestLinearSplitAccuracy(x: [0, 0, 1, 1], y: [0, 1, 0, 1], labels: [0, 1, 1, 0]))   // 0.75
/// ```
/// Preconditions: equal counts, labels 0 or 1, finite coordinates.
public func bestLinearSplitAccuracy(x: [Double], y: [Double], labels: [Int]) -> Double {
    require(x.count == y.count && x.count == labels.count,
            "bestLinearSplitAccuracy: \(x.count) x values, \(y.count) y values and \(labels.count) labels differ")
    require(labels.allSatisfy { $0 == 0 || $0 == 1 }, "bestLinearSplitAccuracy: labels must be 0 or 1")
    require(zip(x, y).allSatisfy { $0.isFinite && $1.isFinite }, "bestLinearSplitAccuracy: a coordinate is not finite")
    let n = labels.count
    guard n > 0 else { return 1 }
    let ones = labels.reduce(0, +)
    var best = max(ones, n - ones)              // every point on one side
    for i in 0..<n {
        for j in (i + 1)..<max(n, i + 1) where x[i] != x[j] || y[i] != y[j] {
            best = max(best, bestSplitThrough(i, j, x: x, y: y, labels: labels))
        }
    }
    return Double(best) / Double(n)
}

/// The most points classified correctly by a line through p_i and p_j moved slightly: points off the
/// line keep their side; points on it (sorted along it) are divided at one place, each part to a side.
private func bestSplitThrough(_ i: Int, _ j: Int, x: [Double], y: [Double], labels: [Int]) -> Int {
    let (dx, dy) = (x[j] - x[i], y[j] - y[i])          // along the line
    var sideCounts = [[0, 0], [0, 0]]                  // [side][label]: side 0 is the normal's side
    var onLine: [(position: Double, label: Int)] = []
    for k in labels.indices {
        let (rx, ry) = (x[k] - x[i], y[k] - y[i])
        let side = dx * ry - dy * rx                   // the cross product: > 0 left of the line
        if side == 0 {
            onLine.append((dx * rx + dy * ry, labels[k]))
        } else {
            sideCounts[side > 0 ? 0 : 1][labels[k]] += 1
        }
    }
    onLine.sort { $0.position < $1.position }
    var best = 0
    for leftClass in 0...1 {                           // the class predicted on the left side
        let offLine = sideCounts[0][leftClass] + sideCounts[1][1 - leftClass]
        for firstPartLeft in [true, false] {           // where the points before the division go
            let firstClass = firstPartLeft ? leftClass : 1 - leftClass
            var correctBefore = 0
            var correctAfter = onLine.filter { $0.label == 1 - firstClass }.count
            best = max(best, offLine + correctAfter)   // division before the first point
            for (index, point) in onLine.enumerated() {
                if point.label == firstClass { correctBefore += 1 } else { correctAfter -= 1 }
                // Points at the same place cannot be divided: only divide where the position changes.
                let isBoundary = index == onLine.count - 1 || onLine[index + 1].position != point.position
                if isBoundary { best = max(best, offLine + correctBefore + correctAfter) }
            }
        }
    }
    return best
}
