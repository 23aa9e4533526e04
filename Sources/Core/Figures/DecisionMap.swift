// DecisionMap.swift: the class a model predicts at every point of a 2-D region, drawn as light
// regions with the data points on top, e.g. a perceptron or an MLP on AND and XOR
// (MLiS II Figs. 1.2.1 and 1.2.5).
// Goals, in order: region and point of the same class share a hue, so misclassified points stand
// out; the same grid convention and API as `ValueMap`.

/// A map of predicted classes over the rectangle `xRange` x `yRange`.
///
/// ```swift
/// // A perceptron for AND: class 1 where x1 + x2 - 1.5 > 0.
/// var map = DecisionMap(title: "Perceptron: AND", xLabel: "x1", yLabel: "x2",
///                       xRange: -1...2, yRange: -1...2) { x1, x2 in x1 + x2 - 1.5 > 0 ? 1 : 0 }
/// map.add(points: [[0, 0], [0, 1], [1, 0], [1, 1]], labels: [0, 0, 0, 1])
/// try map.write(to: "figures/and-regions.svg")
/// ```
///
/// `classes[row][column]` is the class of one cell; row 0 is the bottom row (see `MapGrid`).
/// Class k is filled with a light tint of `Palette.colour(k)`, and its points in the full colour.
/// Points with NaN or infinite coordinates, or outside the rectangle, are not drawn; a red footnote
/// counts them.
public struct DecisionMap: Figure {
    public var title: String
    public var xLabel: String
    public var yLabel: String
    public let xRange: ClosedRange<Double>
    public let yRange: ClosedRange<Double>
    /// classes[row][column], row 0 at the bottom.
    public let classes: [[Int]]
    /// Legend names of classes 0, 1, ...; missing names are shown as "y = k".
    public var classNames: [String] = []
    /// Points drawn on top of the regions.
    public private(set) var points = LabelledPoints()
    /// Canvas size in pixels.
    public var width = 560.0
    public var height = 460.0

    /// A map of given classes. Preconditions: the grid is a non-empty rectangle of classes >= 0;
    /// the ranges are finite and wider than a point.
    public init(title: String = "", xLabel: String = "", yLabel: String = "",
                xRange: ClosedRange<Double>, yRange: ClosedRange<Double>, classes: [[Int]]) {
        MapGrid.requireRectangular(classes, "DecisionMap")
        MapGrid.requireRange(xRange, "DecisionMap xRange")
        MapGrid.requireRange(yRange, "DecisionMap yRange")
        if let negative = classes.joined().first(where: { $0 < 0 }) {
            requirementFailed("DecisionMap: classes must be >= 0, got \(negative)")
        }
        self.title = title
        self.xLabel = xLabel
        self.yLabel = yLabel
        self.xRange = xRange
        self.yRange = yRange
        self.classes = classes
    }

    /// A map of `classify(x, y)` evaluated at the centres of `resolution` x `resolution` cells.
    public init(title: String = "", xLabel: String = "", yLabel: String = "",
                xRange: ClosedRange<Double>, yRange: ClosedRange<Double>, resolution: Int = 60,
                classify: (Double, Double) -> Int) {
        self.init(title: title, xLabel: xLabel, yLabel: yLabel, xRange: xRange, yRange: yRange,
                  classes: MapGrid.evaluate(xRange: xRange, yRange: yRange, resolution: resolution, classify))
    }

    /// Adds points drawn on top, as rows [x, y]. Preconditions as `ScatterPlot.add(points:labels:)`.
    public mutating func add(points rows: [[some BinaryFloatingPoint]], labels: [Int]) {
        points.add(rows: rows, labels: labels)
    }

    /// Adds points drawn on top, as columns. Preconditions as `ScatterPlot.add(x:y:labels:)`.
    public mutating func add(x: [some BinaryFloatingPoint], y: [some BinaryFloatingPoint], labels: [Int]) {
        points.add(x: x, y: y, labels: labels)
    }

    /// The light tint a region of class colour `colour` is filled with: 35 % colour, 65 % white, so
    /// the points of the same colour remain visible on top of it.
    static func regionColour(_ colour: RGBColour) -> RGBColour {
        colour.mixed(with: .white, fraction: 0.65)
    }

    public func svg() -> String {
        // One legend row per class that appears in the regions or among the points.
        let present = Set(classes.joined()).union(points.labels).sorted()
        let legend = present.map { label in
            LegendEntry(name: label < classNames.count ? classNames[label] : "y = \(label)",
                        colour: Palette.colour(label), symbol: .boxWithDot)
        }
        let footnotes = skippedFootnote(points.count - points.drawableIndices.count, "points with NaN or infinite coordinates")
            + skippedFootnote(points.countOutside(x: xRange, y: yRange), "points outside the map")
        let frame = PlotFrame(width: width, height: height, title: title, xLabel: xLabel, yLabel: yLabel,
                              xAxis: PlotAxis(lower: xRange.lowerBound, upper: xRange.upperBound),
                              yAxis: PlotAxis(lower: yRange.lowerBound, upper: yRange.upperBound),
                              rightMargin: LegendEntry.width(of: legend) + 16, footnotes: footnotes)
        var document = frame.startDocument(showsGrid: false)
        MapGrid.drawCells(classes, in: frame, into: &document) { Self.regionColour(Palette.colour($0)).hex }
        points.draw(in: frame, into: &document)
        frame.drawAxes(into: &document)
        LegendEntry.draw(legend, x: frame.right + 16, y: frame.top, into: &document)
        return document.render()
    }
}
