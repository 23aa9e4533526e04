// Exercise 38: the triplet loss in both forms.   Practises DL Padova "Siamese Network" (the triplet loss
// with Y = sigmoid(F)) and erratum E-24 (the printed floor at -xi against FaceNet's hinge at 0).
// Check:  swift run --package-path Exercises exercises 38     (one hint at a time: exercises --hint 38)
// See it running:  swift run -c release contrastive
//
// The reference solution.

import Foundation
import Core

/// (d_AP, d_AN) between the squashed outputs Y = sigmoid(F).
public func tripletDistances(anchor: [Double], positive: [Double], negative: [Double]) -> (ap: Double, an: Double) {
    let (a, p, n) = (anchor.map(sigmoid), positive.map(sigmoid), negative.map(sigmoid))
    func distance(_ x: [Double], _ y: [Double]) -> Double { zip(x, y).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) }.squareRoot() }
    return (distance(a, p), distance(a, n))
}

/// L = max(d_AP - d_AN, -xi): the triplet loss as DL Padova prints it.
public func printedTripletLoss(anchor: [Double], positive: [Double], negative: [Double], xi: Double) -> Double {
    let d = tripletDistances(anchor: anchor, positive: positive, negative: negative)
    return max(d.ap - d.an, -xi)
}

/// L = max(0, d_AP - d_AN + margin): FaceNet's hinge on the same distances.
public func hingeTripletLoss(anchor: [Double], positive: [Double], negative: [Double], margin: Double) -> Double {
    let d = tripletDistances(anchor: anchor, positive: positive, negative: negative)
    return max(0, d.ap - d.an + margin)
}
