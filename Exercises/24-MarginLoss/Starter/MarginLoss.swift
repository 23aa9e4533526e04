// Exercise 24: the capsule margin loss, with the square the notes lost.   Practises DL Padova "Dynamic
// routing" (the margin loss) and erratum E-15 (Sabour, Frosst & Hinton 2017, Eq. (4)).
// Check:  swift run --package-path Exercises exercises 24     (one hint at a time: exercises --hint 24)
// See it running:  swift run capsules
//
// Each digit capsule c gets its own loss, from its length ||v_c|| and whether its class is present (T_c = 1):
//
//     L_c = T_c max(0, m+ - ||v_c||)^2 + lambda (1 - T_c) max(0, ||v_c|| - m-)^2,   m+ = 0.9, m- = 0.1, lambda = 0.5
//
// The notes print the first term WITHOUT its square (E-15); the paper squares both. By hand: a present
// class at length 0.8 costs (0.9 - 0.8)^2 = 0.01 (the printed form says 0.1); an absent class at 0.3
// costs 0.5 (0.3 - 0.1)^2 = 0.02; a present class above 0.9 or an absent one below 0.1 costs nothing.
// An example's loss is the sum over its classes.

import Core

/// L_c for one capsule of length `length` (>= 0), its class present or not.
public func marginLoss(length: Double, present: Bool) -> Double {
    // TODO: T max(0, 0.9 - length)^2 + 0.5 (1 - T) max(0, length - 0.1)^2, with BOTH terms squared.
    0
}

/// sum_c L_c for one example whose capsule lengths are `lengths` (one per class) and whose class is `label`.
public func marginLoss(lengths: [Double], label: Int) -> Double {
    // TODO: add up marginLoss(length:present:) over the classes, present only for c == label.
    0
}

/// dL_c/d||v_c|| for one capsule.
public func marginLossSlope(length: Double, present: Bool) -> Double {
    // TODO: -2 max(0, 0.9 - length) if present, 2 (0.5) max(0, length - 0.1) if not.
    0
}
