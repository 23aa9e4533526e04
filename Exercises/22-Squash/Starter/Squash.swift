// Exercise 22: the squash and its length.   Practises DL Padova "Dynamic routing" (the squashing
// function; Sabour, Frosst & Hinton 2017, Eq. (1)).
// Check:  swift run --package-path Exercises exercises 22     (one hint at a time: exercises --hint 22)
// See it running:  swift run capsules
//
// A capsule's output is a vector whose LENGTH is the probability that its entity is present, so the
// total input s_j must be shrunk to a length below 1 without turning it:
//
//     v = (||s||^2 / (1 + ||s||^2)) s / ||s||
//
// The first factor is the new length, the second the direction. By hand: s = (3, 4) has ||s|| = 5,
// the new length is 25/26, so v = (25/26)(3/5, 4/5) = (15/26, 20/26) = (0.5769, 0.7692).
//
// Write both functions below.

import Core

/// squash(s) of one capsule vector s (any length D >= 1), in Double; squash(0) = 0.
public func squashVector(_ s: [Double]) -> [Double] {
    // TODO: return (n^2 / (1 + n^2)) s / n with n = ||s||, and the zero vector when n = 0.
    s
}

/// The length ||squash(s)|| as a function of n = ||s|| >= 0 alone.
public func lengthAfterSquash(_ n: Double) -> Double {
    // TODO: return n^2 / (1 + n^2).
    n
}
