// FrozenLake.swift: the slippery frozen lake, the stochastic environment of this module.
// The 4 x 4 map and its rules are those of the "FrozenLake" environment of OpenAI Gym / Gymnasium
// (is_slippery = True): each move goes the intended way or to either side, 1/3 each.
// Goals, in order: the common rules exactly, so its numbers can be compared with other
// implementations; every probability readable in `outcomes`; a map given as text.

/// A frozen lake: walk from S to G over frozen cells (F) without falling into a hole (H).
///
///     S F F F
///     F H F H
///     F F F H
///     H F F G
///
/// On a slippery lake a move goes in the intended direction or in one of the two perpendicular
/// directions, each with probability 1/3 (into a wall: stay). Reaching G earns 1 and ends the
/// episode; falling into a hole ends it with 0; every other step earns 0. So the value of a state
/// with gamma = 1 is the probability of ever reaching the goal from it.
///
/// ```swift
/// let lake = FrozenLake()
/// print(lake.outcomes(of: GridMove.down.rawValue, in: 0).map(\.nextState))   // [4, 0, 1]: down, left (wall), right
/// ```
import Core

public struct FrozenLake: GridEnvironment {
    public let grid: GridGeometry
    /// The map, one string per row of S, F, H, G.
    public let map: [String]
    /// Whether moves slip to the side (the common default) or always go where they point.
    public let isSlippery: Bool
    public let startState: Int
    private let cells: [GridCell]
    /// Whether each state is a hole or a goal, computed once (a step asks this twice).
    private let terminal: [Bool]
    /// `slipOutcomes(of: a, in: s)` at index s * 4 + a, computed once (a step then allocates nothing).
    private var outcomeTable: [[Outcome]] = []

    /// The 4 x 4 map of Gym's FrozenLake.
    public static let standardMap = ["SFFF", "FHFH", "FFFH", "HFFG"]

    /// Stops unless the map is a rectangle of S, F, H and G with exactly one S and at least one G.
    public init(map: [String] = FrozenLake.standardMap, isSlippery: Bool = true) {
        require(!map.isEmpty && !map[0].isEmpty, "FrozenLake: the map is empty")
        require(map.allSatisfy { $0.count == map[0].count },
                "FrozenLake: every row of the map must have \(map[0].count) cells, got rows of \(map.map(\.count))")
        let cells: [GridCell] = map.joined().map { letter in
            switch letter {
            case "S": .start
            case "F": .free
            case "H": .hole
            case "G": .goal
            default: fatalError("FrozenLake: the map may hold only S, F, H and G, got '\(letter)'")
            }
        }
        require(cells.filter { $0 == .start }.count == 1, "FrozenLake: the map needs exactly one S")
        require(cells.contains(.goal), "FrozenLake: the map needs at least one G")
        self.grid = GridGeometry(rows: map.count, columns: map[0].count)
        self.map = map
        self.isSlippery = isSlippery
        self.cells = cells
        self.terminal = cells.map { cell in
            switch cell {
            case .hole, .goal: true
            case .start, .free, .cliff: false
            }
        }
        self.startState = cells.firstIndex(of: .start)!
        self.outcomeTable = (0..<grid.cellCount * 4).map { index in
            isTerminal(index / 4) ? [] : slipOutcomes(of: index % 4, in: index / 4)
        }
    }

    public var stateCount: Int { grid.cellCount }
    public var actionCount: Int { 4 }

    public func cellKind(_ state: Int) -> GridCell {
        requireValid(state: state, "FrozenLake.cellKind")
        return cells[state]
    }

    /// Holes and goals end the episode.
    public func isTerminal(_ state: Int) -> Bool {
        requireValid(state: state, "FrozenLake.isTerminal")
        return terminal[state]
    }

    /// Slippery: three outcomes of probability 1/3 (intended, then the two perpendicular moves);
    /// two of them may land on the same cell next to a wall, and are listed separately.
    /// Not slippery: one outcome. The reward is 1 for landing on G, otherwise 0.
    /// Stops when the state or action is out of range, or the state is terminal.
    public func outcomes(of action: Int, in state: Int) -> [Outcome] {
        requireActionable(state: state, action: action, "FrozenLake.outcomes")
        return outcomeTable[state * actionCount + action]
    }

    /// The rule behind `outcomes`, applied once per state and action when the lake is made.
    private func slipOutcomes(of action: Int, in state: Int) -> [Outcome] {
        let intended = GridMove(rawValue: action)!
        let moves = isSlippery ? [intended] + intended.perpendicular : [intended]
        let probability = 1 / Double(moves.count)
        return moves.map { move in
            let next = grid.neighbour(of: state, moving: move)
            let reward: Double = if case .goal = cells[next] { 1 } else { 0 }
            return Outcome(probability: probability, reward: reward, nextState: next)
        }
    }
}
