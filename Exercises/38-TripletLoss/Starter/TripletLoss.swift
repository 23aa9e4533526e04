// Exercise 38: the triplet loss in both forms.   Practises DL Padova "Siamese Network" (the triplet loss
// with Y = sigmoid(F)) and erratum E-24 (the printed floor at -xi against FaceNet's hinge at 0).
// Check:  swift run --package-path Exercises exercises 38     (one hint at a time: exercises --hint 38)
// See it running:  swift run -c release contrastive
//
// A Siamese network maps an anchor A, a positive P (same identity) and a negative N (another one) to
// outputs F_A, F_P, F_N. The notes squash them, Y = sigmoid(F) elementwise, and compare Euclidean
// distances d_AP = ||Y_A - Y_P|| and d_AN = ||Y_A - Y_N||. The notes print the loss with a floor at -xi
// (xi > 0); FaceNet writes a hinge at 0 with a margin. E-24: with margin = xi the two differ by xi.
//
// By hand (CL-2 in WORKED-NUMBERS.md, CL-3): F_A = (0, 1), F_P = (0.2, 0.9), F_N = (2, -1), xi = 0.2 give
// d_AP = 0.0537382752, d_AN = 0.5987976967 and the printed loss -0.2; with F_N = (0.3, 0.8),
// d_AN = 0.0850270038, the printed loss -0.0312887286 and the hinge 0.1687112714.
// Ask for hints one at a time: swift run --package-path Exercises exercises --hint 38

import Foundation
import Core

/// (d_AP, d_AN) between the squashed outputs Y = sigmoid(F).
public func tripletDistances(anchor: [Double], positive: [Double], negative: [Double]) -> (ap: Double, an: Double) {
    // TODO: squash each output with the sigmoid, then two Euclidean distances from the anchor.
    (0, 0)
}

/// The triplet loss as DL Padova prints it, with its floor at -xi.
public func printedTripletLoss(anchor: [Double], positive: [Double], negative: [Double], xi: Double) -> Double {
    // TODO: from the two distances.
    0
}

/// FaceNet's hinge on the same distances, with its floor at 0.
public func hingeTripletLoss(anchor: [Double], positive: [Double], negative: [Double], margin: Double) -> Double {
    // TODO: from the two distances.
    0
}
