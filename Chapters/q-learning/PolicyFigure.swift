// PolicyFigure.swift: a grid policy drawn as arrows in an SVG file, the route the agent takes
// highlighted, like the policy diagrams beside Sutton & Barto's Figure 6.4.

import Core
import ReinforcementLearning

/// One arrow per cell of a grid environment: grey off the path, red and bold on it. The cliff is dark,
/// holes are blue, the start and the goal are labelled S and G.
struct PolicyFigure: Figure {
    let title: String
    let rows: Int
    let columns: Int
    /// The kind of every cell, row by row from the top.
    let cells: [GridCell]
    /// The action of every cell (ignored where the cell is terminal).
    let policy: [Int]
    /// The states the agent visits when it follows the policy.
    let path: Set<Int>
    /// The line under the grid that says what the red arrows are.
    let caption: String

    static let cellSize = 44.0
    static let top = 44.0
    static let margin = 16.0

    init(title: String, environment: some GridEnvironment, policy: [Int], path: [Int],
         caption: String = "red: the path the greedy policy takes from S") {
        self.title = title
        self.caption = caption
        self.rows = environment.grid.rows
        self.columns = environment.grid.columns
        self.cells = (0..<environment.stateCount).map(environment.cellKind)
        self.policy = policy
        self.path = Set(path)
    }

    func svg() -> String {
        let size = Self.cellSize
        var document = SVGDocument(width: width, height: Self.top + Self.margin + Double(rows) * size + 18)
        document.rect(x: 0, y: 0, width: document.width, height: document.height, fill: "#ffffff")
        document.text(title, x: document.width / 2, y: 28, size: 15, anchor: .middle, bold: true)
        document.group("cells", crispEdges: true) { grid in
            for (state, kind) in cells.enumerated() {
                let (x, y) = corner(of: state)
                grid.rect(x: x, y: y, width: size, height: size, fill: Self.fill(kind), stroke: "#bbbbbb")
            }
        }
        document.group("arrows") { arrows in
            for (state, kind) in cells.enumerated() {
                let (x, y) = corner(of: state)
                switch kind {
                case .goal, .hole, .cliff:
                    let label = kind == .cliff ? "" : String(kind.symbol)
                    arrows.text(label, x: x + size / 2, y: y + size / 2 + 6, size: 16, anchor: .middle, bold: true)
                case .start, .free:
                    let onPath = path.contains(state)
                    drawArrow(GridMove(rawValue: policy[state])!, centreX: x + size / 2, centreY: y + size / 2,
                              colour: onPath ? Palette.colour(1).hex : "#9a9a9a", width: onPath ? 3 : 1.5, into: &arrows)
                    if kind == .start { arrows.text("S", x: x + 4, y: y + 13, size: 11, bold: true) }
                }
            }
        }
        document.text(caption, x: Self.margin,
                      y: document.height - 8, size: 11, colour: Palette.colour(1).hex)
        return document.render()
    }

    /// Wide enough for the grid and for the title (at about 0.6 em per character), whichever is wider.
    private var width: Double {
        max(Double(columns) * Self.cellSize, Double(title.count) * 15 * 0.6) + 2 * Self.margin
    }

    /// The top-left corner of a state's cell; the grid is centred across the figure.
    private func corner(of state: Int) -> (x: Double, y: Double) {
        let left = (width - Double(columns) * Self.cellSize) / 2
        return (left + Double(state % columns) * Self.cellSize, Self.top + Double(state / columns) * Self.cellSize)
    }

    private static func fill(_ kind: GridCell) -> String {
        switch kind {
        case .cliff: "#4d4d4d"
        case .hole: "#9ecae1"
        case .goal: "#c7e9c0"
        case .start: "#fff5d6"
        case .free: "#ffffff"
        }
    }

    /// A shaft through the centre of the cell and a head of two short strokes at its tip.
    private func drawArrow(_ move: GridMove, centreX: Double, centreY: Double, colour: String, width: Double,
                           into document: inout SVGDocument) {
        let (dy, dx) = (Double(move.offset.rows), Double(move.offset.columns))
        let half = Self.cellSize * 0.3
        let tip = (x: centreX + dx * half, y: centreY + dy * half)
        document.line(x1: centreX - dx * half, y1: centreY - dy * half, x2: tip.x, y2: tip.y, stroke: colour, strokeWidth: width)
        let head = Self.cellSize * 0.14
        // The two strokes go back from the tip, each turned 45 degrees off the shaft.
        for side in [-1.0, 1.0] {
            document.line(x1: tip.x, y1: tip.y, x2: tip.x - head * (dx - side * dy), y2: tip.y - head * (dy + side * dx),
                          stroke: colour, strokeWidth: width)
        }
    }
}
