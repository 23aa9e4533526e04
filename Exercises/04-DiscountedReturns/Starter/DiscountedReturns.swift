// Exercise 04: the discounted returns of an episode.   Practises DL Padova "Reinforcement Learning"
// (the return R_t and its recursion; erratum E-13).
// Check:  swift run --package-path Exercises exercises 04     (one hint at a time: exercises --hint 04)
// See it running:  swift run q-learning
//
// An episode earns rewards r_1, ..., r_n. The discounted return from step t is
//     R_t = r_t + gamma r_(t+1) + gamma^2 r_(t+2) + ... + gamma^(n-t) r_n,
// and it satisfies the recursion R_t = r_t + gamma R_(t+1), with R_(n+1) = 0 (nothing after the end).

import Core

/// (R_1, ..., R_n) for the rewards (r_1, ..., r_n) and discount gamma in [0, 1].
/// - Parameters:
///   - rewards: r_1 ... r_n; may be empty.
///   - discount: gamma.
/// - Returns: R_1 ... R_n, as many numbers as rewards.
public func returnsOfEpisode(_ rewards: [Double], discount gamma: Double) -> [Double] {
    // TODO: fill in R_n, then R_(n-1), ..., R_1 with R_t = r_t + gamma R_(t+1).
    return [Double](repeating: 0, count: rewards.count)
}
