// CliffWalking.swift: Sutton & Barto (2nd ed.) Example 6.6, "Cliff Walking" (Sec. 6.5, Figure 6.4).
// Goals, in order: the book's rules exactly (4 x 12 grid, -1 per step, -100 and back to the start
// for stepping into the cliff, no end of the episode there); deterministic; readable.

/// The cliff-walking grid world of Sutton & Barto, Example 6.6:
///
///     . . . . . . . . . . . .
///     . . . . . . . . . . . .
///     . . . . . . . . . . . .
///     S C C C C C C C C C C G
///
/// Every step earns -1. Stepping into the cliff (C) earns -100 and sends the agent back to S; the
/// episode goes on. Reaching G ends it. The shortest route runs along the cliff edge: 13 steps,
/// return -13 with gamma = 1.
///
/// ```swift
/// let cliff = CliffWalking()
/// let up = cliff.outcomes(of: GridMove.up.rawValue, in: cliff.startState)[0]
/// print(up.reward, up.nextState)                      // -1.0 24
/// let right = cliff.outcomes(of: GridMove.right.rawValue, in: cliff.startState)[0]
/// print(right.reward, right.nextState)                // -100.0 36: into the cliff, back to S
/// ```
///
/// The cliff cells keep their state numbers (37...46, between S = 36 and G = 47) so that states and
/// cells agree, but the agent never stands on them: they are marked terminal, which gives them value 0 and
/// no actions, and no outcome ever lands there.
public struct CliffWalking: GridEnvironment {
    public let grid = GridGeometry(rows: 4, columns: 12)
    /// The reward of every step that does not go into the cliff.
    public let stepReward = -1.0
    /// The reward for stepping into the cliff.
    public let cliffReward = -100.0
    /// `cliffOutcome(of: a, in: s)` at index s * 4 + a, computed once (a step then allocates nothing).
    private var outcomeTable: [[Outcome]] = []

    public init() {
        outcomeTable = (0..<grid.cellCount * 4).map { index in
            isTerminal(index / 4) ? [] : [cliffOutcome(of: index % 4, in: index / 4)]
        }
    }

    /// S, the bottom-left cell (state 36).
    public var startState: Int { 36 }
    /// G, the bottom-right cell (state 47).
    public var goalState: Int { 47 }

    public var stateCount: Int { grid.cellCount }
    public var actionCount: Int { 4 }

    public func cellKind(_ state: Int) -> GridCell {
        let (row, column) = grid.cell(of: state)
        if row < 3 { return .free }
        return column == 0 ? .start : column == 11 ? .goal : .cliff
    }

    /// G ends the episode; cliff cells are never occupied (see the type's documentation).
    public func isTerminal(_ state: Int) -> Bool {
        switch cellKind(state) {
        case .goal, .cliff: return true
        case .start, .free, .hole: return false
        }
    }

    /// One outcome with probability 1. Stops when the state or action is out of range, or the state
    /// is terminal.
    public func outcomes(of action: Int, in state: Int) -> [Outcome] {
        requireActionable(state: state, action: action, "CliffWalking.outcomes")
        return outcomeTable[state * 4 + action]
    }

    /// The rule behind `outcomes`: the neighbour with reward -1, or the start with reward -100 if the
    /// neighbour is a cliff cell.
    private func cliffOutcome(of action: Int, in state: Int) -> Outcome {
        let next = grid.neighbour(of: state, moving: GridMove(rawValue: action)!)
        if cellKind(next) == .cliff {
            return Outcome(probability: 1, reward: cliffReward, nextState: startState)
        }
        return Outcome(probability: 1, reward: stepReward, nextState: next)
    }
}
