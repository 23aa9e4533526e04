// LinePlot.swift: named series drawn as lines, e.g. training and test loss against the epoch.
// Goals, in order: a diverging run (NaN, infinity) still gives a figure, with the gap shown and
// reported; a log-scale y axis for losses that fall over decades; a one-line API.

/// Several named series of (x, y) points joined by lines, with a legend.
///
/// ```swift
/// var plot = LinePlot(title: "Logistic regression on XOR", xLabel: "epoch", yLabel: "loss", logY: true)
/// plot.add(series: [0.69, 0.52, 0.41, 0.35], name: "train")   // x = 0, 1, 2, 3
/// plot.add(x: [0, 2], y: [0.70, 0.45], name: "test")
/// try plot.write(to: "figures/loss.svg")
/// ```
///
/// Points whose x or y is NaN or infinite are not drawn: the line stops before them and starts
/// again after them, and a red footnote in the figure says how many were left out. On a log y axis
/// the same happens to y values <= 0, which have no logarithm.
public struct LinePlot: Figure {
    /// One named line: its points in the order they are joined.
    public struct Series: Sendable {
        public let name: String
        public let x: [Double]
        public let y: [Double]
    }

    public var title: String
    public var xLabel: String
    public var yLabel: String
    /// Whether the y axis is logarithmic (ticks at 0.01, 0.1, 1, ...).
    public var logY: Bool
    /// Canvas size in pixels.
    public var width = 640.0
    public var height = 420.0
    /// The series in the order they were added; series i is drawn in `Palette.colour(i)`.
    public private(set) var series: [Series] = []

    public init(title: String = "", xLabel: String = "", yLabel: String = "", logY: Bool = false) {
        self.title = title
        self.xLabel = xLabel
        self.yLabel = yLabel
        self.logY = logY
    }

    /// Adds a series drawn against x = 0, 1, 2, ..., e.g. one loss value per epoch or step.
    /// An empty `name` leaves the series out of the legend.
    public mutating func add(series values: [some BinaryFloatingPoint], name: String = "") {
        let y = values.map { Double($0) }
        series.append(Series(name: name, x: y.indices.map { Double($0) }, y: y))
    }

    /// Adds a series with the x value of every point given. Precondition: `x` and `y` have equal counts.
    public mutating func add(x: [some BinaryFloatingPoint], y: [some BinaryFloatingPoint], name: String = "") {
        require(x.count == y.count, "LinePlot.add(x:y:name:): \(x.count) x values but \(y.count) y values"
            + " for series \"\(name)\"")
        series.append(Series(name: name, x: x.map { Double($0) }, y: y.map { Double($0) }))
    }

    /// Whether the point can be drawn: finite, and y > 0 on a log axis.
    private func isDrawable(_ x: Double, _ y: Double) -> Bool {
        x.isFinite && y.isFinite && (!logY || y > 0)
    }

    /// How many points of all series are not drawn (non-finite, or y <= 0 on a log axis).
    public var skippedPointCount: Int {
        series.reduce(0) { count, line in
            count + zip(line.x, line.y).filter { !isDrawable($0, $1) }.count
        }
    }

    public func svg() -> String {
        var xs: [Double] = [], ys: [Double] = []
        var nonFinite = 0, nonPositive = 0
        for line in series {
            for (x, y) in zip(line.x, line.y) {
                if isDrawable(x, y) {
                    xs.append(x)
                    ys.append(y)
                } else if x.isFinite && y.isFinite {
                    nonPositive += 1
                } else {
                    nonFinite += 1
                }
            }
        }
        let legend = series.enumerated().filter { !$0.element.name.isEmpty }.map {
            LegendEntry(name: $0.element.name, colour: Palette.colour($0.offset), symbol: .line)
        }
        let legendWidth = LegendEntry.width(of: legend)
        let frame = PlotFrame(width: width, height: height, title: title, xLabel: xLabel, yLabel: yLabel,
                              xAxis: PlotAxis(fitting: xs), yAxis: PlotAxis(fitting: ys, isLogarithmic: logY),
                              rightMargin: legendWidth == 0 ? 0 : legendWidth + 16,
                              footnotes: skippedFootnote(nonFinite, "NaN or infinite values")
                                + skippedFootnote(nonPositive, "values <= 0 (log scale)"))
        var document = frame.startDocument()
        for (index, line) in series.enumerated() {
            let colour = Palette.colour(index).hex
            document.group("series") { group in
                // Split the series into runs of drawable points; each run is one polyline.
                var run: [(x: Double, y: Double)] = []
                func endRun() {
                    if run.count == 1 {
                        group.circle(cx: run[0].x, cy: run[0].y, radius: 2.5, fill: colour)
                    } else if run.count > 1 {
                        group.polyline(points: run, stroke: colour)
                    }
                    run = []
                }
                for (x, y) in zip(line.x, line.y) {
                    if isDrawable(x, y) {
                        run.append((frame.pixelX(x), frame.pixelY(y)))
                    } else {
                        endRun()
                    }
                }
                endRun()
            }
        }
        frame.drawAxes(into: &document)
        LegendEntry.draw(legend, x: frame.right + 16, y: frame.top, into: &document)
        return document.render()
    }
}
