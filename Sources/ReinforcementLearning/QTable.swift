// QTable.swift: the table Q(s, a), the greedy policy a* = argmax_a Q(s, a), and epsilon-greedy
// exploration. DL Padova "Q-Learning" (Q and "the optimal policy"); Sutton & Barto (2nd ed.)
// Sec. 2.2 and 6.5 (epsilon-greedy action selection).
// Goals, in order: every index checked, with the value in the message; a stated rule for ties;
// all randomness from the generator passed in.

import Core

/// Q(s, a) for every state and action of a finite environment, in Double.
///
/// ```swift
/// var q = QTable(stateCount: 2, actionCount: 3)
/// q[0, 2] = 1.5
/// print(q.greedyAction(in: 0), q.maximum(in: 0))   // 2 1.5
/// ```
///
/// Why Double: the tables are small (cliff walking has 48 x 4 entries), and value iteration is run
/// to changes of 1e-12, below what Float can represent next to values near 100.
public struct QTable: Equatable, Sendable {
    public let stateCount: Int
    public let actionCount: Int
    /// Q(s, a) at index s * actionCount + a.
    public var values: [Double] { storage }
    // The same numbers, for the few small accessors below marked @inlinable. This target is compiled
    // file by file (no whole-module optimisation), so without @inlinable a training loop in another
    // file calls them instead of inlining them; inlined, a frozen-lake step takes 140 ns instead of 210.
    @usableFromInline var storage: [Double]

    /// A table with every entry `initialValue` (0 in Sutton & Barto's cliff-walking runs).
    /// Stops unless both counts are positive.
    public init(stateCount: Int, actionCount: Int, initialValue: Double = 0) {
        require(stateCount > 0 && actionCount > 0,
                "QTable: need at least one state and one action, got \(stateCount) states and \(actionCount) actions")
        self.stateCount = stateCount
        self.actionCount = actionCount
        self.storage = [Double](repeating: initialValue, count: stateCount * actionCount)
    }

    /// A table shaped for `environment`, every entry `initialValue`.
    public init(for environment: some Environment, initialValue: Double = 0) {
        self.init(stateCount: environment.stateCount, actionCount: environment.actionCount, initialValue: initialValue)
    }

    /// Q(s, a). Stops when the state or the action is out of range.
    @inlinable
    public subscript(state: Int, action: Int) -> Double {
        get {
            requireIndex(state: state, action: action)
            return storage[state * actionCount + action]
        }
        set {
            requireIndex(state: state, action: action)
            storage[state * actionCount + action] = newValue
        }
    }

    /// max_a Q(s, a), the value of acting greedily in `state`.
    @inlinable
    public func maximum(in state: Int) -> Double {
        self[state, greedyAction(in: state)]
    }

    /// a* = argmax_a Q(s, a) (DL Padova "Q-Learning", "the optimal policy"). Ties go to the lowest action number,
    /// so the greedy policy of a table is one fixed policy. Stops when the state is out of range.
    @inlinable
    public func greedyAction(in state: Int) -> Int {
        requireIndex(state: state, action: 0)
        var best = 0
        for action in 1..<actionCount where storage[state * actionCount + action] > storage[state * actionCount + best] {
            best = action
        }
        return best
    }

    /// The greedy policy: `greedyAction(in: s)` for every state s.
    public var greedyPolicy: [Int] { (0..<stateCount).map(greedyAction(in:)) }

    /// V(s) = max_a Q(s, a) for every state.
    public var stateValues: [Double] { (0..<stateCount).map(maximum(in:)) }

    /// The epsilon-greedy choice: with probability epsilon an action uniformly at random (exploration),
    /// otherwise a greedy action, ties broken uniformly at random (so that a fresh table of zeros
    /// does not always try action 0 first; this is what Sutton & Barto's reference code does).
    ///
    /// Draws one uniform number, plus one integer when exploring or when there is a tie.
    /// Stops when epsilon is outside [0, 1] or the state is out of range.
    public func epsilonGreedyAction(in state: Int, epsilon: Double, generator: inout Xoshiro256StarStar) -> Int {
        requireExploration(epsilon, "QTable.epsilonGreedyAction")
        requireIndex(state: state, action: 0)
        if generator.uniformDouble() < epsilon { return generator.uniformInt(below: actionCount) }
        let best = maximum(in: state)
        let row = state * actionCount
        let tieCount = (0..<actionCount).reduce(0) { $0 + (storage[row + $1] == best ? 1 : 0) }
        if tieCount == 1 { return greedyAction(in: state) }
        var chosen = generator.uniformInt(below: tieCount)      // the chosen-th of the tied actions
        for action in 0..<actionCount where storage[row + action] == best {
            if chosen == 0 { return action }
            chosen -= 1
        }
        fatalError("QTable.epsilonGreedyAction: unreachable, \(tieCount) ties counted")
    }

    /// pi(a | s) of the epsilon-greedy choice above, for every state: epsilon / |A| for every action,
    /// plus (1 - epsilon) shared equally among the actions of largest Q(s, a). For the exact value of
    /// what an exploring agent earns (`evaluatePolicy(actionProbabilities:on:discount:)`).
    /// Stops when epsilon is outside [0, 1].
    public func epsilonGreedyProbabilities(epsilon: Double) -> [[Double]] {
        requireExploration(epsilon, "QTable.epsilonGreedyProbabilities")
        return (0..<stateCount).map { state in
            let best = maximum(in: state)
            let row = (0..<actionCount).map { storage[state * actionCount + $0] }
            let ties = Double(row.filter { $0 == best }.count)
            return row.map { epsilon / Double(actionCount) + ($0 == best ? (1 - epsilon) / ties : 0) }
        }
    }

    /// The largest |Q(s, a) - other(s, a)| over all entries. Stops unless the shapes agree.
    public func largestDifference(from other: QTable) -> Double {
        require(stateCount == other.stateCount && actionCount == other.actionCount,
                "QTable.largestDifference: tables of \(stateCount) x \(actionCount) and \(other.stateCount) x \(other.actionCount)")
        return zip(storage, other.storage).map { abs($0 - $1) }.max() ?? 0
    }

    @usableFromInline
    func requireIndex(state: Int, action: Int) {
        require(state >= 0 && state < stateCount, "QTable: state \(state) is out of range 0..<\(stateCount)")
        require(action >= 0 && action < actionCount, "QTable: action \(action) is out of range 0..<\(actionCount)")
    }
}
