// GridGeometry.swift: what the three grid environments share: cells numbered row by row, four
// moves, walls that keep the agent in place, and pictures of a policy as arrows.
// Sutton & Barto (2nd ed.) Example 6.6 (cliff walking) and the "FrozenLake" map both use it.
// Goals, in order: one numbering everywhere (state = row * columns + column, row 0 at the top, as a
// map is printed); moves that cannot leave the grid; pictures a student can read in a terminal.

/// The four moves of a grid, as actions 0...3 (clockwise from up).
import Core

public enum GridMove: Int, CaseIterable, Sendable {
    case up = 0, right, down, left

    /// The arrow drawn for this move in a policy picture.
    public var arrow: Character {
        switch self {
        case .up: "↑"
        case .right: "→"
        case .down: "↓"
        case .left: "←"
        }
    }

    /// (row change, column change); rows grow downwards, as a printed map's do.
    public var offset: (rows: Int, columns: Int) {
        switch self {
        case .up: (-1, 0)
        case .right: (0, 1)
        case .down: (1, 0)
        case .left: (0, -1)
        }
    }

    /// The two moves at right angles to this one (where a slippery floor may send the agent).
    public var perpendicular: [GridMove] {
        switch self {
        case .up, .down: [.left, .right]
        case .right, .left: [.up, .down]
        }
    }
}

/// A rectangle of `rows` x `columns` cells. Cell (row, column) is state row * columns + column;
/// row 0 is the top row.
///
/// ```swift
/// let grid = GridGeometry(rows: 4, columns: 12)
/// print(grid.state(row: 3, column: 0))                // 36
/// print(grid.neighbour(of: 36, moving: .left))        // 36: the wall keeps the agent in place
/// ```
public struct GridGeometry: Equatable, Sendable {
    public let rows: Int
    public let columns: Int

    /// Stops unless both sizes are positive.
    public init(rows: Int, columns: Int) {
        require(rows > 0 && columns > 0, "GridGeometry: rows and columns must be positive, got \(rows) x \(columns)")
        self.rows = rows
        self.columns = columns
    }

    public var cellCount: Int { rows * columns }

    /// The state of cell (row, column). Stops when the cell is outside the grid.
    public func state(row: Int, column: Int) -> Int {
        require(row >= 0 && row < rows && column >= 0 && column < columns,
                "GridGeometry.state: cell (\(row), \(column)) is outside the \(rows) x \(columns) grid")
        return row * columns + column
    }

    /// (row, column) of `state`. Stops when the state is outside the grid.
    public func cell(of state: Int) -> (row: Int, column: Int) {
        require(state >= 0 && state < cellCount, "GridGeometry.cell: state \(state) is out of range 0..<\(cellCount)")
        return (state / columns, state % columns)
    }

    /// The state one `move` away from `state`; a move into the outer wall leaves the agent where it is.
    public func neighbour(of state: Int, moving move: GridMove) -> Int {
        let (row, column) = cell(of: state)
        let newRow = min(max(row + move.offset.rows, 0), rows - 1)
        let newColumn = min(max(column + move.offset.columns, 0), columns - 1)
        return newRow * columns + newColumn
    }

    /// The grid as text, one line per row, each cell drawn as `symbol(state)` followed by a space.
    public func picture(_ symbol: (Int) -> String) -> String {
        (0..<rows).map { row in
            (0..<columns).map { symbol(row * columns + $0) }.joined(separator: " ")
        }.joined(separator: "\n")
    }
}

/// What a cell of a grid environment is, for pictures and figures.
public enum GridCell: Sendable {
    case start, free, goal, hole, cliff

    /// The letter drawn for the cell in a map: S, ., G, H or C.
    public var symbol: Character {
        switch self {
        case .start: "S"
        case .free: "."
        case .goal: "G"
        case .hole: "H"
        case .cliff: "C"
        }
    }
}

/// An environment laid out on a grid whose actions are the four `GridMove`s.
public protocol GridEnvironment: Environment {
    var grid: GridGeometry { get }
    /// The kind of the cell of `state`.
    func cellKind(_ state: Int) -> GridCell
}

extension GridEnvironment {
    /// The policy as arrows, e.g. for Sutton & Barto's cliff walking (Example 6.6):
    ///
    ///     → → → → → → → → → → → ↓
    ///     ...
    ///     ↑ C C C C C C C C C C G
    ///
    /// Terminal and cliff cells show their letter (G, H, C). With `path`, only the cells on the path
    /// get arrows and the others a dot, so the route the agent takes stands out.
    /// Stops unless `policy` has one valid action per state.
    public func policyPicture(_ policy: [Int], path: [Int]? = nil) -> String {
        require(policy.count == stateCount, "policyPicture: the policy has \(policy.count) actions for \(stateCount) states")
        let onPath = path.map(Set.init)
        return grid.picture { state in
            let kind = cellKind(state)
            if kind == .goal || kind == .hole || kind == .cliff { return String(kind.symbol) }
            if let onPath, !onPath.contains(state) { return "·" }
            requireValid(action: policy[state], "policyPicture")
            return String(GridMove(rawValue: policy[state])!.arrow)
        }
    }

    /// The map of the environment, one letter per cell (S, ., G, H, C).
    public var mapPicture: String { grid.picture { String(cellKind($0).symbol) } }

    /// `values` (one per state) as a table of rows, e.g. for V(s) = max_a Q(s, a) as a heat map.
    /// Row 0 of the result is the top row of the grid.
    public func gridRows(_ values: [Double]) -> [[Double]] {
        require(values.count == stateCount, "gridRows: \(values.count) values for \(stateCount) states")
        return (0..<grid.rows).map { row in Array(values[(row * grid.columns)..<((row + 1) * grid.columns)]) }
    }
}
