// ScatterPlot.swift: points coloured by their class label, e.g. the inputs of AND and XOR.
// Goals, in order: the notes' colours (y = 0 blue, y = 1 red; MLiS II Figs. 1.2.1, 1.2.5);
// non-finite points reported instead of drawn; the same points API for scatter plots and maps.

/// Points in the plane, each with a class label, drawn as dots in the class's palette colour.
///
/// ```swift
/// var plot = ScatterPlot(title: "XOR", xLabel: "x1", yLabel: "x2")
/// plot.add(points: [[0, 0], [0, 1], [1, 0], [1, 1]], labels: [0, 1, 1, 0])
/// try plot.write(to: "figures/xor.svg")   // blue dots at (0,0), (1,1); red at (0,1), (1,0)
/// ```
///
/// Class k is drawn in `Palette.colour(k)` and named `classNames[k]` in the legend ("y = k" if
/// `classNames` has no entry k). Points with a NaN or infinite coordinate are not drawn, and a red
/// footnote says how many.
public struct ScatterPlot: Figure {
    public var title: String
    public var xLabel: String
    public var yLabel: String
    /// Legend names of classes 0, 1, ...; missing names are shown as "y = k".
    public var classNames: [String]
    /// Canvas size in pixels.
    public var width = 560.0
    public var height = 460.0
    /// The points added so far.
    public private(set) var points = LabelledPoints()

    public init(title: String = "", xLabel: String = "", yLabel: String = "", classNames: [String] = []) {
        self.title = title
        self.xLabel = xLabel
        self.yLabel = yLabel
        self.classNames = classNames
    }

    /// Adds points given as rows [x, y], e.g. the rows of a design matrix with two features.
    /// Preconditions: one label per point, every row has 2 entries, labels are >= 0.
    public mutating func add(points rows: [[some BinaryFloatingPoint]], labels: [Int]) {
        points.add(rows: rows, labels: labels)
    }

    /// Adds points given as a column of x values and a column of y values.
    /// Preconditions: `x`, `y` and `labels` have equal counts, labels are >= 0.
    public mutating func add(x: [some BinaryFloatingPoint], y: [some BinaryFloatingPoint], labels: [Int]) {
        points.add(x: x, y: y, labels: labels)
    }

    public func svg() -> String {
        let drawable = points.drawableIndices
        let legend = points.legend(classNames: classNames, symbol: .dot)
        let legendWidth = LegendEntry.width(of: legend)
        let frame = PlotFrame(width: width, height: height, title: title, xLabel: xLabel, yLabel: yLabel,
                              xAxis: PlotAxis(fitting: drawable.map { points.x[$0] }, padding: 0.1),
                              yAxis: PlotAxis(fitting: drawable.map { points.y[$0] }, padding: 0.1),
                              rightMargin: legendWidth == 0 ? 0 : legendWidth + 16,
                              footnotes: skippedFootnote(points.count - drawable.count, "points with NaN or infinite coordinates"))
        var document = frame.startDocument()
        points.draw(in: frame, into: &document)
        frame.drawAxes(into: &document)
        LegendEntry.draw(legend, x: frame.right + 16, y: frame.top, into: &document)
        return document.render()
    }
}

/// Points with class labels: the data of a `ScatterPlot`, and the points drawn over a `ValueMap`
/// or `DecisionMap`.
public struct LabelledPoints: Sendable {
    public private(set) var x: [Double] = []
    public private(set) var y: [Double] = []
    public private(set) var labels: [Int] = []

    public init() {}

    public var count: Int { labels.count }

    /// Appends points given as rows [x, y]. Preconditions: one label per row, 2 entries a row, labels >= 0.
    public mutating func add(rows: [[some BinaryFloatingPoint]], labels newLabels: [Int]) {
        require(rows.count == newLabels.count, "points: \(rows.count) points but \(newLabels.count) labels")
        for (index, row) in rows.enumerated() {
            require(row.count == 2, "points: row \(index) has \(row.count) entries; a point needs 2 (x, y)")
        }
        add(x: rows.map { $0[0] }, y: rows.map { $0[1] }, labels: newLabels)
    }

    /// Appends points given as columns. Preconditions: equal counts, labels >= 0.
    public mutating func add(x newX: [some BinaryFloatingPoint], y newY: [some BinaryFloatingPoint], labels newLabels: [Int]) {
        require(newX.count == newY.count && newX.count == newLabels.count,
                     "points: \(newX.count) x values, \(newY.count) y values and \(newLabels.count) labels differ")
        if let negative = newLabels.first(where: { $0 < 0 }) {
            requirementFailed("points: class labels must be >= 0, got \(negative)")
        }
        x += newX.map { Double($0) }
        y += newY.map { Double($0) }
        labels += newLabels
    }

    /// Indices of the points with finite coordinates, the ones that can be drawn.
    var drawableIndices: [Int] {
        labels.indices.filter { x[$0].isFinite && y[$0].isFinite }
    }

    /// One legend entry per class present, in increasing order of label.
    func legend(classNames: [String], symbol: LegendEntry.Symbol) -> [LegendEntry] {
        Set(labels).sorted().map { label in
            LegendEntry(name: label < classNames.count ? classNames[label] : "y = \(label)",
                        colour: Palette.colour(label), symbol: symbol)
        }
    }

    /// Draws the drawable points that lie inside the frame's axis ranges as dots. (A scatter plot's
    /// ranges hold every point; a map's range is fixed by its grid, see `countOutside`.)
    func draw(in frame: PlotFrame, into document: inout SVGDocument) {
        document.group("points") { group in
            for index in drawableIndices {
                guard (frame.xAxis.lower...frame.xAxis.upper).contains(x[index]),
                      (frame.yAxis.lower...frame.yAxis.upper).contains(y[index]) else { continue }
                // A white ring under a dark outline keeps a dot visible on a region of its own colour.
                let (cx, cy) = (frame.pixelX(x[index]), frame.pixelY(y[index]))
                group.circle(cx: cx, cy: cy, radius: 7.5, fill: "#ffffff")
                group.circle(cx: cx, cy: cy, radius: 6, fill: Palette.colour(labels[index]).hex,
                             stroke: FigureStyle.markerOutline, strokeWidth: 1)
            }
        }
    }

    /// How many drawable points lie outside the given ranges.
    func countOutside(x xRange: ClosedRange<Double>, y yRange: ClosedRange<Double>) -> Int {
        drawableIndices.filter { !xRange.contains(x[$0]) || !yRange.contains(y[$0]) }.count
    }
}
