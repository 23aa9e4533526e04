// Exercise 51: value iteration on the slippery frozen lake, to the best success probability 14/17.
// Practises DL Padova "Q-Learning" (Bellman's equation, here in its expected form for a random
// environment: erratum E-RL-2) with Sutton & Barto's value iteration, Sec. 4.4, Eq. (4.10).
// See it running: `swift run q-learning` (its frozen-lake part: value iteration as the oracle of Q-learning).
// Check: swift run --package-path Exercises exercises 51
// Hints, one at a time: swift run --package-path Exercises exercises --hint 51
//
// `SlipperyLake` below is complete: use it, do not change it. Write three functions:
//   1. `lookAhead`: from values V (one per state), the value Q(s, a) of each action in each state,
//      averaged over where the move may land (a terminal landing counts V = 0); Q = 0 on terminal rows.
//   2. `valueIteration`: from V = 0, sweep: every state's new value is its best action's value, from the
//      previous sweep's values (terminal states stay 0); stop after the first sweep in which no value
//      changed by more than `tolerance`. Return V and the number of sweeps.
//   3. `greedyPolicy`: argmax_a Q(s, a) for every state (the first action on ties).
// With gamma = 1, V(s) is the probability of ever reaching G from s when acting as well as possible.

/// The 4 x 4 frozen lake of Gym's FrozenLake-v1 (slippery):
///
///     S F F F          states 0  1  2  3
///     F H F H                 4  5  6  7
///     F F F H                 8  9 10 11
///     H F F G                12 13 14 15
///
/// Actions 0 up, 1 right, 2 down, 3 left. A move goes the intended way or to either side of it, each with
/// probability 1/3 (into a wall: stay). Holes (H) and the goal G end the episode; landing on G earns 1,
/// everything else 0.
public struct LakeOutcome: Equatable, Sendable {
    public var probability: Double, reward: Double, nextState: Int
}

public struct SlipperyLake: Sendable {
    public let map = ["SFFF", "FHFH", "FFFH", "HFFG"]
    public let stateCount = 16, actionCount = 4, startState = 0
    public init() {}

    /// The letter of a state's cell.
    func cell(_ state: Int) -> Character { Array(map[state / 4])[state % 4] }

    /// Whether the episode ends on reaching `state` (a hole or the goal).
    public func isTerminal(_ state: Int) -> Bool { cell(state) == "H" || cell(state) == "G" }

    /// The three outcomes of taking `action` in a non-terminal `state`: the intended move and the two
    /// perpendicular ones, 1/3 each (two may land on the same cell; they are listed separately).
    public func outcomes(of action: Int, in state: Int) -> [LakeOutcome] {
        let moves = [(-1, 0), (0, 1), (1, 0), (0, -1)]
        return [action, (action + 1) % 4, (action + 3) % 4].map { move in
            let (row, column) = (state / 4 + moves[move].0, state % 4 + moves[move].1)
            let next = (0..<4).contains(row) && (0..<4).contains(column) ? row * 4 + column : state
            return LakeOutcome(probability: 1.0 / 3, reward: cell(next) == "G" ? 1 : 0, nextState: next)
        }
    }
}

/// Q(s, a) from the values V, one look-ahead; 0 on terminal rows (Sutton & Barto Eq. (4.10)).
public func lookAhead(lake: SlipperyLake, values: [Double], discount gamma: Double) -> [[Double]] {
    // TODO: for every state and action, the expected reward plus gamma times the expected next value.
    return (0..<lake.stateCount).map { _ in [0, 0, 0, 0] }
}

/// Value iteration from V = 0 until no value changes by more than `tolerance` (Sutton & Barto Eq. (4.10)).
/// - Returns: V (one value per state) and the number of sweeps made.
public func valueIteration(lake: SlipperyLake, discount gamma: Double, tolerance: Double) -> (values: [Double], sweeps: Int) {
    // TODO: the sweeps: a look-ahead from the current values, the new values, the largest change, the stop.
    return ([Double](repeating: 0, count: lake.stateCount), 0)
}

/// The greedy action of every state, the first action on ties.
public func greedyPolicy(_ q: [[Double]]) -> [Int] {
    // TODO: the best action of each row.
    return q.map { _ in 0 }
}
