// Exercise 05: one Q-learning update.   Practises DL Padova "Q-Learning" (Bellman's
// equation and the learning rate; the update rule itself is erratum E-14).
// Check:  swift run --package-path Exercises exercises 05     (one hint at a time: exercises --hint 05)
// See it running:  swift run q-learning
// Given at the bottom of this file: `QTable`, a small copy of the ReinforcementLearning module's table.
//
// From the transition <s, a, r, s'>, Q-learning moves Q(s, a) toward Bellman's target:
//     target    = r + gamma max_a' Q(s', a')      (just r when s' is terminal: nothing comes after)
//     Q(s, a)  <-  (1 - alpha) Q(s, a) + alpha target
// With alpha = 1 this is Bellman's equation itself; with alpha < 1 Q moves part of the way.

import Core

/// The table after one Q-learning update of Q(state, action).
/// - Parameters:
///   - q: the table before the update.
///   - state, action: s and a, the pair that was tried.
///   - reward: r, what it earned.
///   - nextState: s', where it led; `nextIsTerminal` says whether the episode ended there.
///   - learningRate: alpha in (0, 1].
///   - discount: gamma in [0, 1].
/// - Returns: the table with only Q(state, action) changed.
public func qLearningStep(_ q: QTable, state: Int, action: Int, reward: Double, nextState: Int,
                          nextIsTerminal: Bool, learningRate alpha: Double, discount gamma: Double) -> QTable {
    // TODO: compute Bellman's target, then move Q(state, action) toward it by alpha.
    return q
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
