// Exercise 08: one step of Adam.   Practises MLiS II Sec. 1.5.4, Eq. (1.5.8), Eq. (1.5.9), Eq.
// (1.5.10), Eq. (1.5.11); DL Padova "Adam".
// Check:  swift run --package-path Exercises exercises 08     (one hint at a time: exercises --hint 08)
// See it running:  swift run backprop
//
// Adam keeps two running means per coordinate, s (of the gradient) and r (of its square), both 0 at
// first, and counts its steps t = 1, 2, ...:
//     s_t = beta1 s_(t-1) + (1 - beta1) g             (1.5.8)
//     r_t = beta2 r_(t-1) + (1 - beta2) g^2           (1.5.8)
//     s^  = s_t / (1 - beta1^t)                        (1.5.9)
//     r^  = r_t / (1 - beta2^t)                        (1.5.10)
//     w_t = w_(t-1) - alpha s^ / (sqrt(r^) + epsilon)  (1.5.11)
// Note epsilon: outside the square root here (it is inside in RMSprop's Eq. (1.5.7); ERRATA E-29).

import Foundation

/// Adam's memory: the running means s and r of Eq. (1.5.8), one entry per coordinate, and t.
public struct AdamState {
    public var firstMoment: [Double]
    public var secondMoment: [Double]
    /// t, the number of steps taken so far.
    public var step = 0

    /// The state before the first step: s = r = 0, t = 0.
    public init(coordinates: Int) {
        firstMoment = [Double](repeating: 0, count: coordinates)
        secondMoment = [Double](repeating: 0, count: coordinates)
    }
}

/// One Adam step: updates `weights` and `state` from `gradient` (same length as the weights).
public func adamStep(weights: inout [Double], gradient: [Double], state: inout AdamState, learningRate alpha: Double,
                     beta1: Double = 0.9, beta2: Double = 0.999, epsilon: Double = 1e-7) {
    // TODO: t <- t + 1; then for each coordinate i, Eq. (1.5.8), Eq. (1.5.9), Eq. (1.5.10), Eq. (1.5.11).
}
