// ValueMap.swift: a number at every point of a 2-D region, drawn as coloured cells with a colour
// bar, e.g. the class probability P(y = 1 | x) of logistic regression over x1, x2 in [-1, 2]
// (MLiS II Fig. 1.2.2), with the training points on top.
// Goals, in order: the colour of a cell can be read back as a value (the colour bar); cells with
// NaN or infinity left blank and reported; the same grid convention as `DecisionMap`.

/// A filled map of values over the rectangle `xRange` x `yRange`, with a colour bar.
///
/// ```swift
/// let w = (b: -3.0, w1: 2.0, w2: 2.0)   // logistic regression that has learnt OR
/// var map = ValueMap(title: "P(y = 1 | x)", xLabel: "x1", yLabel: "x2",
///                    xRange: -1...2, yRange: -1...2, valueRange: 0...1, colourBarLabel: "P(y = 1 | x)") { x1, x2 in
///     1 / (1 + exp(-(w.b + w.w1 * x1 + w.w2 * x2)))
/// }
/// map.add(points: [[0, 0], [0, 1], [1, 0], [1, 1]], labels: [0, 1, 1, 1])
/// try map.write(to: "figures/or-probability.svg")
/// ```
///
/// `values[row][column]` fills one cell; row 0 is the bottom row (see `MapGrid`). Values are mapped
/// to colours through `colourMap` over `valueRange` (values outside it get the end colours); with no
/// `valueRange`, the range of the finite values is used. NaN and infinite values leave their cell
/// white, and points outside the rectangle are not drawn; a red footnote counts both.
public struct ValueMap: Figure {
    public var title: String
    public var xLabel: String
    public var yLabel: String
    public let xRange: ClosedRange<Double>
    public let yRange: ClosedRange<Double>
    /// values[row][column], row 0 at the bottom.
    public let values: [[Double]]
    /// The values at the two ends of the colour bar; nil means the smallest and largest finite value.
    public var valueRange: ClosedRange<Double>?
    /// The label beside the colour bar, e.g. "P(y = 1 | x)".
    public var colourBarLabel: String
    /// Blue-white-red by default, which matches class 0 blue and class 1 red of the points.
    public var colourMap: ColourMap = .blueWhiteRed
    /// Legend names of the points' classes; missing names are shown as "y = k".
    public var classNames: [String] = []
    /// Points drawn on top of the map.
    public private(set) var points = LabelledPoints()
    /// Canvas size in pixels.
    public var width = 640.0
    public var height = 480.0

    /// A map of given values. Preconditions: the grid is a non-empty rectangle; the ranges are finite
    /// and wider than a point.
    public init(title: String = "", xLabel: String = "", yLabel: String = "",
                xRange: ClosedRange<Double>, yRange: ClosedRange<Double>, values: [[some BinaryFloatingPoint]],
                valueRange: ClosedRange<Double>? = nil, colourBarLabel: String = "") {
        MapGrid.requireRectangular(values, "ValueMap")
        MapGrid.requireRange(xRange, "ValueMap xRange")
        MapGrid.requireRange(yRange, "ValueMap yRange")
        if let valueRange { MapGrid.requireRange(valueRange, "ValueMap valueRange") }
        self.title = title
        self.xLabel = xLabel
        self.yLabel = yLabel
        self.xRange = xRange
        self.yRange = yRange
        self.values = values.map { row in row.map { Double($0) } }
        self.valueRange = valueRange
        self.colourBarLabel = colourBarLabel
    }

    /// A map of `function(x, y)` evaluated at the centres of `resolution` x `resolution` cells.
    public init(title: String = "", xLabel: String = "", yLabel: String = "",
                xRange: ClosedRange<Double>, yRange: ClosedRange<Double>, resolution: Int = 60,
                valueRange: ClosedRange<Double>? = nil, colourBarLabel: String = "",
                function: (Double, Double) -> Double) {
        self.init(title: title, xLabel: xLabel, yLabel: yLabel, xRange: xRange, yRange: yRange,
                  values: MapGrid.evaluate(xRange: xRange, yRange: yRange, resolution: resolution, function),
                  valueRange: valueRange, colourBarLabel: colourBarLabel)
    }

    /// Adds points drawn on top, as rows [x, y]. Preconditions as `ScatterPlot.add(points:labels:)`.
    public mutating func add(points rows: [[some BinaryFloatingPoint]], labels: [Int]) {
        points.add(rows: rows, labels: labels)
    }

    /// Adds points drawn on top, as columns. Preconditions as `ScatterPlot.add(x:y:labels:)`.
    public mutating func add(x: [some BinaryFloatingPoint], y: [some BinaryFloatingPoint], labels: [Int]) {
        points.add(x: x, y: y, labels: labels)
    }

    public func svg() -> String {
        let finite = values.joined().filter { $0.isFinite }
        let nonFinite = values.joined().count - finite.count
        let scale = valueRange.map { PlotAxis(lower: $0.lowerBound, upper: $0.upperBound) } ?? PlotAxis(fitting: finite, padding: 0)
        let legend = points.legend(classNames: classNames, symbol: .dot)
        let colourBarWidth = ColourBar.width(scale: scale, label: colourBarLabel)
        let legendWidth = legend.isEmpty ? 0 : LegendEntry.width(of: legend) + 16
        let footnotes = skippedFootnote(nonFinite, "NaN or infinite values (white cells)")
            + skippedFootnote(points.count - points.drawableIndices.count, "points with NaN or infinite coordinates")
            + skippedFootnote(points.countOutside(x: xRange, y: yRange), "points outside the map")
        let frame = PlotFrame(width: width, height: height, title: title, xLabel: xLabel, yLabel: yLabel,
                              xAxis: PlotAxis(lower: xRange.lowerBound, upper: xRange.upperBound),
                              yAxis: PlotAxis(lower: yRange.lowerBound, upper: yRange.upperBound),
                              rightMargin: colourBarWidth + legendWidth, footnotes: footnotes)
        var document = frame.startDocument(showsGrid: false)
        MapGrid.drawCells(values, in: frame, into: &document) { value in
            value.isFinite ? colourMap.colour(at: scale.fraction(of: value)).hex : nil
        }
        points.draw(in: frame, into: &document)
        frame.drawAxes(into: &document)
        ColourBar.draw(colourMap, scale: scale, label: colourBarLabel, left: frame.right + 16, top: frame.top,
                       bottom: frame.bottom, into: &document)
        LegendEntry.draw(legend, x: frame.right + colourBarWidth + 16, y: frame.top, into: &document)
        return document.render()
    }
}

/// The vertical strip beside a `ValueMap` that shows which colour stands for which value.
enum ColourBar {
    static let barWidth = 16.0
    /// Number of horizontal slices the bar is drawn with: enough that the steps cannot be seen.
    static let slices = 64

    /// The room the bar takes right of the plot area: gap, bar, tick labels and the rotated label.
    static func width(scale: PlotAxis, label: String) -> Double {
        16 + barWidth + 8 + widestTickLabel(scale) + (label.isEmpty ? 0 : 24)
    }

    private static func widestTickLabel(_ scale: PlotAxis) -> Double {
        scale.ticks().map { FigureStyle.textWidth($0.label, size: FigureStyle.tickSize) }.max() ?? 0
    }

    static func draw(_ colourMap: ColourMap, scale: PlotAxis, label: String, left: Double, top: Double,
                     bottom: Double, into document: inout SVGDocument) {
        let sliceHeight = (bottom - top) / Double(slices)
        document.group("colourbar", crispEdges: true) { bar in
            for slice in 0..<slices {
                let t = (Double(slice) + 0.5) / Double(slices)
                bar.rect(x: left, y: bottom - Double(slice + 1) * sliceHeight, width: barWidth, height: sliceHeight,
                         fill: colourMap.colour(at: t).hex)
            }
        }
        document.group("colourbar-axis") { axis in
            axis.rect(x: left, y: top, width: barWidth, height: bottom - top, fill: "none", stroke: FigureStyle.axisColour)
            for tick in scale.ticks() {
                let y = bottom - scale.fraction(of: tick.value) * (bottom - top)
                axis.line(x1: left + barWidth, y1: y, x2: left + barWidth + 4, y2: y, stroke: FigureStyle.axisColour)
                axis.text(tick.label, x: left + barWidth + 7, y: y + 4, size: FigureStyle.tickSize)
            }
            if !label.isEmpty {
                // Text turned by -90 degrees reads upwards and lies left of its baseline.
                let x = left + barWidth + 8 + widestTickLabel(scale) + 20
                axis.text(label, x: x, y: (top + bottom) / 2, size: FigureStyle.labelSize, anchor: .middle, rotation: -90)
            }
        }
    }
}
