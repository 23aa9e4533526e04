// Histogram.swift: how many values fall into each of a row of equal bins, e.g. the weights of a
// layer after initialisation, or the pre-activations of a hidden layer; several series overlaid.
// Goals, in order: the same counts as numpy.histogram (bins [a, b) except the last, [a, b]); one
// set of bins shared by all series so they can be compared; skipped values reported.

/// Several named series of values, counted into `bins` equal bins and drawn as see-through bars.
///
/// ```swift
/// var histogram = Histogram(title: "Weights", xLabel: "w", bins: 4)
/// histogram.add([0, 1, 1, 2, 3, 4], name: "layer 1")
/// print(histogram.binEdges)    // [0.0, 1.0, 2.0, 3.0, 4.0]
/// print(histogram.binCounts)   // [[1, 2, 1, 2]]: 3 and 4 both fall in the last bin, [3, 4]
/// try histogram.write(to: "figures/weights.svg")
/// ```
///
/// The bins span `range`, or without it the smallest to the largest finite value of all series.
/// NaN and infinite values, and values outside `range`, are not counted; a red footnote says how many.
public struct Histogram: Figure {
    /// One named set of values.
    public struct Series: Sendable {
        public let name: String
        public let values: [Double]
    }

    public var title: String
    public var xLabel: String
    public var yLabel: String
    /// The number of equal bins.
    public let bins: Int
    /// The span of the bins; nil means from the smallest to the largest finite value.
    public let range: ClosedRange<Double>?
    /// Canvas size in pixels.
    public var width = 640.0
    public var height = 420.0
    /// The series in the order they were added; series i is drawn in `Palette.colour(i)`.
    public private(set) var series: [Series] = []

    /// The opacity of the bars, so that overlaid series show through each other.
    static let barOpacity = 0.5

    /// Preconditions: `bins >= 1`; `range`, if given, is finite with lowerBound < upperBound.
    public init(title: String = "", xLabel: String = "", yLabel: String = "count", bins: Int = 20,
                range: ClosedRange<Double>? = nil) {
        require(bins >= 1, "Histogram: bins must be >= 1, got \(bins)")
        if let range { MapGrid.requireRange(range, "Histogram range") }
        self.title = title
        self.xLabel = xLabel
        self.yLabel = yLabel
        self.bins = bins
        self.range = range
    }

    /// Adds a series of values. An empty `name` leaves it out of the legend.
    public mutating func add(_ values: [some BinaryFloatingPoint], name: String = "") {
        series.append(Series(name: name, values: values.map { Double($0) }))
    }

    /// The `bins + 1` edges of the bins, from the left edge of the first to the right edge of the last.
    /// If all values are equal (or there are none) the bins span value - 0.5 ... value + 0.5 (or 0 ... 1).
    public var binEdges: [Double] {
        var (low, high) = (0.0, 1.0)
        if let range {
            (low, high) = (range.lowerBound, range.upperBound)
        } else {
            let finite = series.flatMap { $0.values.filter { $0.isFinite } }
            if let smallest = finite.min(), let largest = finite.max() {
                (low, high) = smallest < largest ? (smallest, largest) : (smallest - 0.5, smallest + 0.5)
            }
        }
        // Edge i from i directly, so the last edge is exactly `high` and errors do not add up.
        return (0...bins).map { $0 == bins ? high : low + (high - low) * Double($0) / Double(bins) }
    }

    /// The count of each bin, one array per series, in the order the series were added.
    public var binCounts: [[Int]] {
        let edges = binEdges
        return series.map { Self.count($0.values, into: edges) }
    }

    /// How many values fall into each bin [edges[i], edges[i+1]); the last bin includes its right edge.
    /// Values outside the edges, NaN and infinities are not counted.
    static func count(_ values: [Double], into edges: [Double]) -> [Int] {
        let bins = edges.count - 1
        let (low, high) = (edges[0], edges[bins])
        var counts = [Int](repeating: 0, count: bins)
        for value in values where value.isFinite && value >= low && value <= high {
            // The formula's guess can be one bin off when the value sits on an edge; the edges decide.
            var bin = min(bins - 1, Int((value - low) / (high - low) * Double(bins)))
            if bin > 0 && value < edges[bin] { bin -= 1 }
            if bin < bins - 1 && value >= edges[bin + 1] { bin += 1 }
            counts[bin] += 1
        }
        return counts
    }

    public func svg() -> String {
        let edges = binEdges, counts = binCounts
        let values = series.flatMap { $0.values }
        let nonFinite = values.filter { !$0.isFinite }.count
        let outside = values.count - nonFinite - counts.joined().reduce(0, +)
        let largestCount = counts.joined().max() ?? 0
        let legend = series.enumerated().filter { !$0.element.name.isEmpty }.map {
            LegendEntry(name: $0.element.name, colour: Palette.colour($0.offset), symbol: .box)
        }
        let legendWidth = LegendEntry.width(of: legend)
        let frame = PlotFrame(width: width, height: height, title: title, xLabel: xLabel, yLabel: yLabel,
                              xAxis: PlotAxis(fitting: [edges[0], edges[bins]], padding: 0.03),
                              yAxis: PlotAxis(lower: 0, upper: max(1, Double(largestCount) * 1.05), minimumTickStep: 1),
                              rightMargin: legendWidth == 0 ? 0 : legendWidth + 16,
                              footnotes: skippedFootnote(nonFinite, "NaN or infinite values")
                                + skippedFootnote(outside, "values outside the bins' range"))
        var document = frame.startDocument()
        for (index, binCounts) in counts.enumerated() {
            let colour = Palette.colour(index).hex
            document.group("bars") { bars in
                for (bin, count) in binCounts.enumerated() where count > 0 {
                    let (left, right) = (frame.pixelX(edges[bin]), frame.pixelX(edges[bin + 1]))
                    let top = frame.pixelY(Double(count))
                    bars.rect(x: left, y: top, width: right - left, height: frame.bottom - top, fill: colour,
                              stroke: colour, opacity: Self.barOpacity)
                }
            }
        }
        frame.drawAxes(into: &document)
        LegendEntry.draw(legend, x: frame.right + 16, y: frame.top, into: &document)
        return document.render()
    }
}
