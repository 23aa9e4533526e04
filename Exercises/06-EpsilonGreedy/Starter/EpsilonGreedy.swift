// Exercise 06: epsilon-greedy action selection.   Practises DL Padova "Q-Learning" (the greedy
// policy a* = argmax_a Q(s, a)) and the exploration Q-learning needs (Sutton & Barto Sec. 2.2).
// Check:  swift run --package-path Exercises exercises 06     (one hint at a time: exercises --hint 06)
// See it running:  swift run q-learning
// Given at the bottom of this file: `QTable`, a small copy of the ReinforcementLearning module's table.
//
// An agent that always acts greedily never tries the actions it currently thinks are worse, so it
// may never find out that they are better. Epsilon-greedy explores a little:
//     with probability epsilon:      an action chosen uniformly at random among all actions,
//     otherwise (1 - epsilon):       the greedy action argmax_a Q(s, a) (on a tie, the lowest action).

import Core

/// The action an epsilon-greedy agent takes in `state`.
/// - Parameters:
///   - q: the current table Q(s, a).
///   - state: s.
///   - epsilon: the probability of exploring, in [0, 1].
///   - generator: the source of randomness; one uniformDouble, plus one uniformInt when exploring.
/// - Returns: an action in 0..<q.actionCount.
public func epsilonGreedy(_ q: QTable, state: Int, epsilon: Double, generator: inout Xoshiro256StarStar) -> Int {
    // TODO: explore with probability epsilon, otherwise return the action with the largest Q(state, a).
    return 0
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
