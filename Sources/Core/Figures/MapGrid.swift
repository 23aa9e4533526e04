// MapGrid.swift: the grid of cells under a `ValueMap` or a `DecisionMap`.
// Goals, in order: one documented convention for which value fills which cell; a helper that
// gives the cell centres, so a model can be evaluated on exactly the points that are drawn.
//
// The rectangle xRange x yRange is cut into `columns` equal slices along x and `rows` along y.
// cells[row][column] fills the cell whose lower-left corner is
//     (xRange.lowerBound + column * dx, yRange.lowerBound + row * dy),
// so row 0 is at the BOTTOM of the picture (smallest y), like the y axis, not like an image.

/// Helpers for the grids of `ValueMap` and `DecisionMap`.
///
/// ```swift
/// let x1 = MapGrid.cellCentres(of: -1...2, count: 3)   // [-0.5, 0.5, 1.5]
/// // values[row][column] = model(x1: x1[column], x2: x2[row]); row 0 is the bottom row.
/// ```
public enum MapGrid {
    /// The centres of `count` equal slices of `range`, from its lower end up.
    /// Precondition: `count >= 1`, and `range` is finite with lowerBound < upperBound.
    public static func cellCentres(of range: ClosedRange<Double>, count: Int) -> [Double] {
        require(count >= 1, "MapGrid.cellCentres: count must be >= 1, got \(count)")
        requireRange(range, "MapGrid.cellCentres")
        let step = (range.upperBound - range.lowerBound) / Double(count)
        return (0..<count).map { range.lowerBound + (Double($0) + 0.5) * step }
    }

    /// The grid of `function(x, y)` at the centres of `resolution` x `resolution` cells, row 0 at the bottom.
    static func evaluate<Value>(xRange: ClosedRange<Double>, yRange: ClosedRange<Double>, resolution: Int,
                                _ function: (Double, Double) -> Value) -> [[Value]] {
        let xs = cellCentres(of: xRange, count: resolution)
        return cellCentres(of: yRange, count: resolution).map { y in xs.map { x in function(x, y) } }
    }

    /// Stops with a message unless `cells` has at least one row, and all rows have the same length >= 1.
    static func requireRectangular<Value>(_ cells: [[Value]], _ caller: String) {
        require(!cells.isEmpty && !cells[0].isEmpty, "\(caller): the grid of values is empty")
        for (row, values) in cells.enumerated() where values.count != cells[0].count {
            requirementFailed("\(caller): row 0 has \(cells[0].count) values but row \(row) has \(values.count)")
        }
    }

    /// Stops with a message unless `range` is finite and wider than a point.
    static func requireRange(_ range: ClosedRange<Double>, _ caller: String) {
        require(range.lowerBound.isFinite && range.upperBound.isFinite && range.lowerBound < range.upperBound,
                     "\(caller): range must be finite with lowerBound < upperBound, got \(range)")
    }

    /// Draws the cells in the colours `fill` gives them; a cell whose `fill` is nil is left empty
    /// (white). Neighbours in a row with the same colour share one rectangle: a 150 x 150 decision
    /// map then needs a few hundred rectangles instead of 22,500. The rectangles sit in a group
    /// "cells", with crisp edges so that they show no seams.
    static func drawCells<Value>(_ cells: [[Value]], in frame: PlotFrame, into document: inout SVGDocument,
                                 fill: (Value) -> String?) {
        let rows = cells.count, columns = cells[0].count
        let (xLow, xHigh) = (frame.xAxis.lower, frame.xAxis.upper)
        let (yLow, yHigh) = (frame.yAxis.lower, frame.yAxis.upper)
        // Pixel edges of the columns (left to right) and of the rows (bottom to top).
        let xEdges = (0...columns).map { frame.pixelX(xLow + (xHigh - xLow) * Double($0) / Double(columns)) }
        let yEdges = (0...rows).map { frame.pixelY(yLow + (yHigh - yLow) * Double($0) / Double(rows)) }
        document.group("cells", crispEdges: true) { group in
            for row in 0..<rows {
                let colours = cells[row].map(fill)
                var start = 0
                while start < columns {
                    var end = start + 1   // the run is columns start..<end
                    while end < columns && colours[end] == colours[start] { end += 1 }
                    if let colour = colours[start] {
                        group.rect(x: xEdges[start], y: yEdges[row + 1], width: xEdges[end] - xEdges[start],
                                   height: yEdges[row] - yEdges[row + 1], fill: colour)
                    }
                    start = end
                }
            }
        }
    }
}
