// NumberGrid.swift: matrices drawn as coloured grids with their numbers in the cells, side by side
// with the operators between them, e.g. input * kernel = output for the convolutions of MLiS II
// Figs. 2.2.1-2.3.3, or X, W, ReLU(XW), w and Y^ for the XOR network of Fig. 1.2.4.
// Goals, in order: the numbers in the picture are exactly the numbers the code computed (printed with
// a fixed number of decimals); the colour of a cell repeats its value, shaded within its own matrix;
// highlighted cells (where a kernel is applied, where its result goes) stand out; no overlaps.

/// A row (or several rows) of labelled matrices and operator symbols.
///
/// ```swift
/// var grid = NumberGrid(title: "CONV-3: a 4 x 4 image * a 3 x 3 kernel")
/// grid.add("input I", [[0, 1, 2, 3], [4, 5, 4, 4], [6, 5, 7, 1], [1, 2, 2, 8]], tint: .blue, highlighted: [(0, 0)])
/// grid.add(symbol: "*")
/// grid.add("kernel K", [[1, 2, 3], [3, 4, 2], [2, 1, 1]], tint: .grey)
/// grid.add(symbol: "=")
/// grid.add("output", [[72, 71], [84, 84]], tint: .green, highlighted: [(0, 0)])
/// try grid.write(to: "figures/conv-3.svg")
/// ```
public struct NumberGrid: Figure {
    /// The colour of a matrix's cells: white for its smallest value, the tint for its largest;
    /// `.diverging` is blue for negative values, white for 0 and red for positive ones.
    public enum Tint: Sendable {
        case blue, orange, green, grey, purple, diverging

        var map: ColourMap {
            switch self {
            case .blue: ColourMap(stops: [RGBColour(hex: 0xf4f8fd), RGBColour(hex: 0x4a90d9)])
            case .orange: ColourMap(stops: [RGBColour(hex: 0xfdf6ee), RGBColour(hex: 0xf28e2b)])
            case .green: ColourMap(stops: [RGBColour(hex: 0xf2faf2), RGBColour(hex: 0x4caf50)])
            case .grey: ColourMap(stops: [RGBColour(hex: 0xfafafa), RGBColour(hex: 0x9e9e9e)])
            case .purple: ColourMap(stops: [RGBColour(hex: 0xf8f4fb), RGBColour(hex: 0x9467bd)])
            case .diverging: .blueWhiteRed
            }
        }
    }

    /// One matrix: `values[row][column]`, row 0 at the top (as the matrix is printed).
    public struct Matrix: Sendable {
        public let label: String
        public let values: [[Double]]
        public let tint: Tint
        public let digits: Int
        public let highlighted: [[Bool]]
    }

    /// What the row holds, left to right: matrices, operator symbols, and breaks to a new row.
    public enum Item: Sendable {
        case matrix(Matrix)
        case symbol(String)
        case rowBreak
    }

    public var title: String
    /// The side of one cell in pixels; wide numbers widen every cell of their matrix.
    public var cellSize = 30.0
    public private(set) var items: [Item] = []

    public init(title: String = "") {
        self.title = title
    }

    /// Adds a matrix with `label` above it; `digits` decimals in the cells; cells listed in
    /// `highlighted` as (row, column) get a red outline. Preconditions: a non-empty rectangle of
    /// finite values, highlighted cells inside it.
    public mutating func add(_ label: String, _ values: [[some BinaryFloatingPoint]], tint: Tint = .blue, digits: Int = 0,
                             highlighted: [(Int, Int)] = []) {
        let rows = values.map { $0.map { Double($0) } }
        require(!rows.isEmpty && !rows[0].isEmpty && rows.allSatisfy { $0.count == rows[0].count },
                "NumberGrid.add: '\(label)' must be a non-empty rectangle, got rows of \(rows.map(\.count))")
        require(rows.allSatisfy { $0.allSatisfy(\.isFinite) }, "NumberGrid.add: '\(label)' holds a non-finite value")
        var marks = rows.map { $0.map { _ in false } }
        for (row, column) in highlighted {
            require(row >= 0 && row < rows.count && column >= 0 && column < rows[0].count,
                    "NumberGrid.add: highlighted cell (\(row), \(column)) is outside '\(label)' (\(rows.count) x \(rows[0].count))")
            marks[row][column] = true
        }
        items.append(.matrix(Matrix(label: label, values: rows, tint: tint, digits: digits, highlighted: marks)))
    }

    /// Adds an operator between matrices, e.g. "*", "=", "+ b", "ReLU".
    public mutating func add(symbol: String) {
        items.append(.symbol(symbol))
    }

    /// Starts a new row of matrices below the current one.
    public mutating func newRow() {
        items.append(.rowBreak)
    }

    /// The text in a cell: `digits` decimals, never "-0".
    static func cellText(_ value: Double, digits: Int) -> String {
        formatted(value, digits: digits)
    }
}

// MARK: Drawing

extension NumberGrid {
    static let gap = 14.0
    static let labelHeight = 20.0
    static let symbolSize = 18.0

    /// The width of one item: a matrix's columns of cells (each wide enough for its widest number) or its
    /// label if that is wider, or a symbol's text.
    func width(of item: Item) -> Double {
        switch item {
        case .matrix(let matrix): max(Double(matrix.values[0].count) * cellWidth(matrix), FigureStyle.textWidth(matrix.label, size: FigureStyle.labelSize) + 4)
        case .symbol(let symbol): FigureStyle.textWidth(symbol, size: Self.symbolSize) + 8
        case .rowBreak: 0
        }
    }

    func cellWidth(_ matrix: Matrix) -> Double {
        let widest = matrix.values.flatMap { $0 }.map { Self.cellText($0, digits: matrix.digits).count }.max() ?? 1
        return max(cellSize, Double(widest) * 11 * 0.6 + 8)
    }

    func height(of item: Item) -> Double {
        if case .matrix(let matrix) = item { return Self.labelHeight + Double(matrix.values.count) * cellSize }
        return Self.symbolSize
    }

    /// The items split at the row breaks.
    var rows: [[Item]] {
        var rows: [[Item]] = [[]]
        for item in items {
            if case .rowBreak = item { rows.append([]) } else { rows[rows.count - 1].append(item) }
        }
        return rows.filter { !$0.isEmpty }
    }

    public func svg() -> String {
        let rows = self.rows
        let rowWidths = rows.map { row in row.map(width(of:)).reduce(0, +) + Self.gap * Double(max(0, row.count - 1)) }
        let rowHeights = rows.map { row in row.map(height(of:)).max() ?? 0 }
        let top = title.isEmpty ? Self.gap : 44
        let canvasWidth = max((rowWidths.max() ?? 0) + 2 * Self.gap, FigureStyle.textWidth(title, size: FigureStyle.titleSize) + 20)
        let canvasHeight = top + rowHeights.reduce(0, +) + Self.gap * Double(rows.count)
        var document = SVGDocument(width: canvasWidth, height: canvasHeight)
        document.rect(x: 0, y: 0, width: canvasWidth, height: canvasHeight, fill: "#ffffff")
        if !title.isEmpty {
            document.text(title, x: canvasWidth / 2, y: 28, size: FigureStyle.titleSize, anchor: .middle, bold: true)
        }
        var rowTop = top
        for (row, rowHeight) in zip(rows, rowHeights) {
            var left = Self.gap
            for item in row {
                let itemTop = rowTop + (rowHeight - height(of: item)) / 2
                draw(item, left: left, top: itemTop, into: &document)
                left += width(of: item) + Self.gap
            }
            rowTop += rowHeight + Self.gap
        }
        return document.render()
    }

    func draw(_ item: Item, left: Double, top: Double, into document: inout SVGDocument) {
        switch item {
        case .matrix(let matrix):
            let gridWidth = Double(matrix.values[0].count) * cellWidth(matrix)
            draw(matrix, left: left + (width(of: item) - gridWidth) / 2, top: top, into: &document)
        case .symbol(let symbol):
            document.text(symbol, x: left + width(of: item) / 2, y: top + Self.symbolSize * 0.8, size: Self.symbolSize, anchor: .middle, bold: true)
        case .rowBreak: break
        }
    }

    /// One matrix: its label, then a cell per value coloured within the matrix's own range, with the number on it.
    func draw(_ matrix: Matrix, left: Double, top: Double, into document: inout SVGDocument) {
        let cell = cellWidth(matrix)
        let values = matrix.values.flatMap { $0 }
        let (low, high) = (values.min()!, values.max()!)
        let largest = max(abs(low), abs(high))
        func fraction(_ value: Double) -> Double {
            if case .diverging = matrix.tint { return largest == 0 ? 0.5 : 0.5 + 0.5 * value / largest }
            return high == low ? 0.5 : (value - low) / (high - low)
        }
        document.text(matrix.label, x: left + cell * Double(matrix.values[0].count) / 2, y: top + 14,
                      size: FigureStyle.labelSize, anchor: .middle)
        document.group("matrix", crispEdges: true) { cells in
            for (i, row) in matrix.values.enumerated() {
                for (j, value) in row.enumerated() {
                    cells.rect(x: left + Double(j) * cell, y: top + Self.labelHeight + Double(i) * cellSize, width: cell, height: cellSize,
                               fill: matrix.tint.map.colour(at: fraction(value)).hex, stroke: "#ffffff")
                }
            }
        }
        for (i, row) in matrix.values.enumerated() {
            for (j, value) in row.enumerated() {
                let x = left + (Double(j) + 0.5) * cell, y = top + Self.labelHeight + (Double(i) + 0.5) * cellSize
                document.text(Self.cellText(value, digits: matrix.digits), x: x, y: y + 4, size: 11, anchor: .middle)
                if matrix.highlighted[i][j] {
                    document.rect(x: x - cell / 2 + 1, y: y - cellSize / 2 + 1, width: cell - 2, height: cellSize - 2,
                                  fill: "none", stroke: "#d62728", strokeWidth: 2)
                }
            }
        }
    }
}
