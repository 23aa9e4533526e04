// Solution to Exercise 04: the discounted returns of an episode (DL Padova "Reinforcement Learning").
//
// Why backwards: R_t needs R_(t+1), so starting from the end every return is one multiply-add away
// from the previous one, n operations in all; summing each R_t separately would take n^2 / 2.
// The sum stops at r_n (the notes print n + t as the upper limit: erratum E-13).

import Core

public func returnsOfEpisode(_ rewards: [Double], discount gamma: Double) -> [Double] {
    var returns = [Double](repeating: 0, count: rewards.count)
    var next = 0.0                                        // R_(n+1) = 0
    for t in stride(from: rewards.count, through: 1, by: -1) {
        next = rewards[t - 1] + gamma * next              // R_t = r_t + gamma R_(t+1)
        returns[t - 1] = next
    }
    return returns
}
