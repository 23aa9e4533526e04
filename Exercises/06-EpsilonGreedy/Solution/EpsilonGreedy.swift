// Solution to Exercise 06: epsilon-greedy action selection (DL Padova "Q-Learning";
// Sutton & Barto Sec. 2.2).
//
// One uniform draw decides between exploring and exploiting. Exploring picks among *all* actions,
// the greedy one included, so the greedy action's probability is 1 - epsilon + epsilon / |A|.
// The argmax keeps the first of equal values (a strict >), so ties go to the lowest action.
// (The library's `QTable.epsilonGreedyAction` breaks ties at random instead, as Sutton & Barto's
// reference code does, so that a fresh table of zeros does not always try action 0 first.)

import Core

public func epsilonGreedy(_ q: QTable, state: Int, epsilon: Double, generator: inout Xoshiro256StarStar) -> Int {
    if generator.uniformDouble() < epsilon {
        return generator.uniformInt(below: q.actionCount)             // explore
    }
    var best = 0                                                      // exploit: argmax_a Q(s, a)
    for action in 1..<q.actionCount where q[state, action] > q[state, best] { best = action }
    return best
}

/// The table Q(s, a) of a small environment (a copy of ReinforcementLearning's `QTable`, reduced to
/// what this exercise needs, so the exercise depends on Core alone).
public struct QTable: Equatable, Sendable {
    public let stateCount: Int
    public let actionCount: Int
    /// Q(s, a) at index s * actionCount + a.
    public var values: [Double]

    /// A table with every entry `initialValue`.
    public init(stateCount: Int, actionCount: Int, initialValue: Double = 0) {
        require(stateCount > 0 && actionCount > 0, "QTable: need a state and an action, got \(stateCount) and \(actionCount)")
        self.stateCount = stateCount
        self.actionCount = actionCount
        self.values = [Double](repeating: initialValue, count: stateCount * actionCount)
    }

    /// Q(s, a). Stops when the state or the action is out of range.
    public subscript(state: Int, action: Int) -> Double {
        get {
            require(state >= 0 && state < stateCount && action >= 0 && action < actionCount, "QTable: no entry (\(state), \(action))")
            return values[state * actionCount + action]
        }
        set {
            require(state >= 0 && state < stateCount && action >= 0 && action < actionCount, "QTable: no entry (\(state), \(action))")
            values[state * actionCount + action] = newValue
        }
    }
}
