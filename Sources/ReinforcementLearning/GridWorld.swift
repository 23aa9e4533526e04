// GridWorld.swift: a deterministic grid world, and the small chain the tests check Q-learning on.
// DL Padova "Reinforcement Learning" (actions move the agent from state to state; rewards may come
// late); Sutton & Barto (2nd ed.) Sec. 3.5, Example 3.5 (the grid world as the first example).
// Goals, in order: every rule visible in a few lines; deterministic, so Bellman's equation as the
// notes print it (DL Padova "Q-Learning", "Bellman's equation", no expectation) holds exactly.

/// A grid where every move goes where it points (into a wall: stay), each step earns `stepReward`,
/// and entering a goal cell earns that goal's reward instead and ends the episode.
///
/// ```swift
/// let chain = GridWorld.chain(length: 4)          // S . . G, reward 1 on reaching G
/// let outcome = chain.outcomes(of: GridMove.right.rawValue, in: 2)[0]
/// print(outcome.probability, outcome.reward, outcome.nextState)   // 1.0 1.0 3
/// ```
import Core

public struct GridWorld: GridEnvironment {
    public let grid: GridGeometry
    public let startState: Int
    /// The reward for entering each goal cell; goal cells are terminal.
    public let goalRewards: [Int: Double]
    /// The reward of every other step.
    public let stepReward: Double

    /// Stops unless the start and every goal are cells of the grid, and the start is not a goal.
    public init(rows: Int, columns: Int, start: Int, goalRewards: [Int: Double], stepReward: Double = 0) {
        let grid = GridGeometry(rows: rows, columns: columns)
        require(start >= 0 && start < grid.cellCount, "GridWorld: start \(start) is not a cell of the \(rows) x \(columns) grid")
        require(!goalRewards.isEmpty, "GridWorld: there must be at least one goal")
        for goal in goalRewards.keys {
            require(goal >= 0 && goal < grid.cellCount, "GridWorld: goal \(goal) is not a cell of the \(rows) x \(columns) grid")
        }
        require(goalRewards[start] == nil, "GridWorld: the start \(start) cannot be a goal")
        self.grid = grid
        self.startState = start
        self.goalRewards = goalRewards
        self.stepReward = stepReward
    }

    /// A chain of `length` cells in one row: start at the left end, a goal worth `goalReward` at the
    /// right end, nothing for other steps. Moving up or down bumps into the wall.
    ///
    /// With discount gamma, the best value of the cell d steps from the goal is gamma^(d-1) * goalReward.
    public static func chain(length: Int, goalReward: Double = 1) -> GridWorld {
        require(length >= 2, "GridWorld.chain: a chain needs at least 2 cells, got \(length)")
        return GridWorld(rows: 1, columns: length, start: 0, goalRewards: [length - 1: goalReward])
    }

    public var stateCount: Int { grid.cellCount }
    public var actionCount: Int { 4 }
    public func isTerminal(_ state: Int) -> Bool { goalRewards[state] != nil }

    public func cellKind(_ state: Int) -> GridCell {
        if state == startState { return .start }
        return isTerminal(state) ? .goal : .free
    }

    /// One outcome with probability 1: the neighbour in the direction of the move.
    public func outcomes(of action: Int, in state: Int) -> [Outcome] {
        requireActionable(state: state, action: action, "GridWorld.outcomes")
        let next = grid.neighbour(of: state, moving: GridMove(rawValue: action)!)
        return [Outcome(probability: 1, reward: goalRewards[next] ?? stepReward, nextState: next)]
    }
}
