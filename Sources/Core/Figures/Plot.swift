// Plot.swift: what every chart shares: the `Figure` protocol, the frame (title, axes with ticks
// and labels), the legend and the footnote that reports skipped data.
// Goals, in order: nothing overlaps (margins are measured from the labels they hold); every chart
// looks the same; a student can follow how a data value becomes a pixel.

import Foundation

/// A chart that can be written as an SVG file. Every chart kind in Core/Figures is one:
/// `LinePlot`, `ScatterPlot`, `ValueMap`, `DecisionMap`, `Histogram`, `ImageGrid`.
///
/// ```swift
/// var plot = LinePlot(title: "Training", xLabel: "epoch", yLabel: "loss")
/// plot.add(series: [0.9, 0.5, 0.3], name: "train")
/// try plot.write(to: "figures/loss.svg")
/// ```
public protocol Figure: Sendable {
    /// The chart as the text of an SVG file. The same chart always gives the same text.
    func svg() -> String
}

extension Figure {
    /// Writes `svg()` to `path`, creating missing folders. Throws if the file cannot be written.
    public func write(to path: String) throws {
        try SVGDocument.writeText(svg(), to: path)
    }
}

/// The fixed sizes of the charts, in pixels; fonts are sized to read well at 100 % zoom.
enum FigureStyle {
    static let titleSize = 16.0
    static let labelSize = 13.0
    static let tickSize = 11.0
    static let legendSize = 12.0
    static let footnoteSize = 10.0
    static let axisColour = "#333333"
    static let gridColour = "#e6e6e6"
    static let footnoteColour = "#b22222"
    static let markerOutline = "#1a1a1a"

    /// About how wide `text` is: DejaVu Sans averages 0.6 em per character. Good enough to leave
    /// room for labels; an SVG file cannot measure text itself.
    static func textWidth(_ text: String, size: Double) -> Double {
        Double(text.count) * size * 0.6
    }
}

/// The frame around a chart's data: title, plot area, two axes with ticks and labels, footnotes.
///
/// The plot area is the rectangle `left...right` x `top...bottom` in pixels. A data point (x, y)
/// lands at (`pixelX(x)`, `pixelY(y)`): y is flipped because SVG's y axis points down.
struct PlotFrame {
    let width: Double, height: Double
    let left: Double, top: Double, right: Double, bottom: Double
    let xAxis: PlotAxis, yAxis: PlotAxis
    let title: String, xLabel: String, yLabel: String
    let footnotes: [String]

    /// `rightMargin` is the room a legend or colour bar needs beside the plot area.
    init(width: Double, height: Double, title: String, xLabel: String, yLabel: String,
         xAxis: PlotAxis, yAxis: PlotAxis, rightMargin: Double, footnotes: [String]) {
        let widestTick = yAxis.ticks().map { FigureStyle.textWidth($0.label, size: FigureStyle.tickSize) }.max() ?? 0
        self.width = width
        self.height = height
        self.left = (yLabel.isEmpty ? 12 : 30) + widestTick + 10
        self.top = title.isEmpty ? 16 : 44
        self.right = width - 20 - rightMargin
        self.bottom = height - (xLabel.isEmpty ? 32 : 52) - 14 * Double(footnotes.count)
        require(right - left > 40 && bottom - top > 40,
                     "PlotFrame: canvas \(width) x \(height) leaves no room for the plot area")
        self.xAxis = xAxis
        self.yAxis = yAxis
        self.title = title
        self.xLabel = xLabel
        self.yLabel = yLabel
        self.footnotes = footnotes
    }

    func pixelX(_ x: Double) -> Double { left + xAxis.fraction(of: x) * (right - left) }
    func pixelY(_ y: Double) -> Double { bottom - yAxis.fraction(of: y) * (bottom - top) }

    /// A blank canvas with the title, and grid lines at the ticks if `showsGrid`.
    /// Draw this first, then the data, then `drawAxes`.
    func startDocument(showsGrid: Bool = true) -> SVGDocument {
        var document = SVGDocument(width: width, height: height)
        document.rect(x: 0, y: 0, width: width, height: height, fill: "#ffffff")
        if !title.isEmpty {
            // Centred over the plot area, but moved inwards if it would run off the canvas.
            let halfWidth = FigureStyle.textWidth(title, size: FigureStyle.titleSize) / 2
            let centre = max(min((left + right) / 2, width - 8 - halfWidth), 8 + halfWidth)
            document.text(title, x: centre, y: 28, size: FigureStyle.titleSize, anchor: .middle, bold: true)
        }
        if showsGrid {
            document.group("grid") { grid in
                for tick in xAxis.ticks() {
                    grid.line(x1: pixelX(tick.value), y1: top, x2: pixelX(tick.value), y2: bottom, stroke: FigureStyle.gridColour)
                }
                for tick in yAxis.ticks() {
                    grid.line(x1: left, y1: pixelY(tick.value), x2: right, y2: pixelY(tick.value), stroke: FigureStyle.gridColour)
                }
            }
        }
        return document
    }

    /// The frame, tick marks, tick labels, axis labels and footnotes, drawn over the data.
    func drawAxes(into document: inout SVGDocument) {
        document.group("axes") { axes in
            axes.rect(x: left, y: top, width: right - left, height: bottom - top, fill: "none",
                      stroke: FigureStyle.axisColour)
            for tick in xAxis.ticks() {
                let x = pixelX(tick.value)
                axes.line(x1: x, y1: bottom, x2: x, y2: bottom + 5, stroke: FigureStyle.axisColour)
                axes.text(tick.label, x: x, y: bottom + 18, size: FigureStyle.tickSize, anchor: .middle)
            }
            for tick in yAxis.ticks() {
                let y = pixelY(tick.value)
                axes.line(x1: left - 5, y1: y, x2: left, y2: y, stroke: FigureStyle.axisColour)
                axes.text(tick.label, x: left - 8, y: y + 4, size: FigureStyle.tickSize, anchor: .end)
            }
            if !xLabel.isEmpty {
                axes.text(xLabel, x: (left + right) / 2, y: bottom + 40, size: FigureStyle.labelSize, anchor: .middle)
            }
            if !yLabel.isEmpty {
                axes.text(yLabel, x: 18, y: (top + bottom) / 2, size: FigureStyle.labelSize, anchor: .middle,
                          rotation: -90)
            }
        }
        drawFootnotes(footnotes, left: 8, baseline: height - 8 - 14 * Double(footnotes.count - 1),
                      into: &document)
    }
}

/// Lines of small red text from `baseline` down, e.g. "NaN or infinite values not drawn: 2".
/// They say in the figure itself that some data is missing from it.
func drawFootnotes(_ footnotes: [String], left: Double, baseline: Double, into document: inout SVGDocument) {
    guard !footnotes.isEmpty else { return }
    document.group("footnotes") { notes in
        for (index, note) in footnotes.enumerated() {
            notes.text(note, x: left, y: baseline + 14 * Double(index), size: FigureStyle.footnoteSize,
                       colour: FigureStyle.footnoteColour)
        }
    }
}

/// The footnote for `count` skipped values, or nothing if none were skipped.
func skippedFootnote(_ count: Int, _ what: String) -> [String] {
    count == 0 ? [] : ["\(what) not drawn: \(count)"]
}

/// One line of a legend: a symbol in `colour` and the `name` beside it.
struct LegendEntry {
    enum Symbol { case line, dot, box, boxWithDot }
    let name: String
    let colour: RGBColour
    let symbol: Symbol

    static let rowHeight = 20.0
    static let symbolWidth = 22.0

    /// The width a legend of `entries` needs, or 0 for no entries.
    static func width(of entries: [LegendEntry]) -> Double {
        guard let widest = entries.map({ FigureStyle.textWidth($0.name, size: FigureStyle.legendSize) }).max() else { return 0 }
        return symbolWidth + 6 + widest + 8
    }

    /// Draws `entries` one under the other, the first row's top-left corner at (x, y).
    static func draw(_ entries: [LegendEntry], x: Double, y: Double, into document: inout SVGDocument) {
        guard !entries.isEmpty else { return }
        document.group("legend") { legend in
            for (row, entry) in entries.enumerated() {
                let middle = y + rowHeight * (Double(row) + 0.5)
                let centre = x + symbolWidth / 2
                switch entry.symbol {
                case .line:
                    legend.line(x1: x, y1: middle, x2: x + symbolWidth, y2: middle, stroke: entry.colour.hex,
                                strokeWidth: 2.5)
                case .dot:
                    legend.circle(cx: centre, cy: middle, radius: 5, fill: entry.colour.hex,
                                  stroke: FigureStyle.markerOutline, strokeWidth: 0.8)
                case .box:
                    legend.rect(x: x + 2, y: middle - 7, width: symbolWidth - 4, height: 14, fill: entry.colour.hex,
                                stroke: entry.colour.hex, opacity: Histogram.barOpacity)
                case .boxWithDot:
                    legend.rect(x: x + 2, y: middle - 7, width: symbolWidth - 4, height: 14,
                                fill: DecisionMap.regionColour(entry.colour).hex, stroke: entry.colour.hex)
                    legend.circle(cx: centre, cy: middle, radius: 4, fill: entry.colour.hex,
                                  stroke: FigureStyle.markerOutline, strokeWidth: 0.8)
                }
                legend.text(entry.name, x: x + symbolWidth + 6, y: middle + 4, size: FigureStyle.legendSize)
            }
        }
    }
}
