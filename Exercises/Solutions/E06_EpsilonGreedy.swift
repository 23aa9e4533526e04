// Solution to Exercise 06: epsilon-greedy action selection (DL Padova "Q-Learning";
// Sutton & Barto Sec. 2.2).
//
// One uniform draw decides between exploring and exploiting. Exploring picks among *all* actions,
// the greedy one included, so the greedy action's probability is 1 - epsilon + epsilon / |A|.
// The argmax keeps the first of equal values (a strict >), so ties go to the lowest action.
// (The library's `QTable.epsilonGreedyAction` breaks ties at random instead, as Sutton & Barto's
// reference code does, so that a fresh table of zeros does not always try action 0 first.)

import Core
import ReinforcementLearning

public func epsilonGreedy(_ q: QTable, state: Int, epsilon: Double, generator: inout Xoshiro256StarStar) -> Int {
    if generator.uniformDouble() < epsilon {
        return generator.uniformInt(below: q.actionCount)             // explore
    }
    var best = 0                                                      // exploit: argmax_a Q(s, a)
    for action in 1..<q.actionCount where q[state, action] > q[state, best] { best = action }
    return best
}
