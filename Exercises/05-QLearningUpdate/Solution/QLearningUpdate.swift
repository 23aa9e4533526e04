// Solution to Exercise 05: one Q-learning update (DL Padova "Q-Learning", erratum E-14).
//
// The target is Bellman's right-hand side, with the future left out after a terminal state. The
// update is written (1 - alpha) Q + alpha target rather than Q + alpha (target - Q): the two are
// equal, but with alpha = 1 the first gives the target exactly, the second up to one rounding.

import Core

public func qLearningStep(_ q: QTable, state: Int, action: Int, reward: Double, nextState: Int,
                          nextIsTerminal: Bool, learningRate alpha: Double, discount gamma: Double) -> QTable {
    var best = -Double.infinity                                   // max_a' Q(s', a')
    for nextAction in 0..<q.actionCount { best = max(best, q[nextState, nextAction]) }
    let target = nextIsTerminal ? reward : reward + gamma * best  // Bellman's equation
    var table = q
    table[state, action] = (1 - alpha) * q[state, action] + alpha * target
    return table
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
