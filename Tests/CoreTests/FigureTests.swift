// FigureTests.swift: the SVG figures of Core/Figures.
// Every chart is parsed back with Foundation's XMLParser: the file must be well-formed XML, every
// number in it finite, and the elements we count must be the ones the data asks for.

import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
@testable import Core

// MARK: Helpers

/// The elements of a parsed SVG file, each with its attributes and the classes of the groups around it.
private final class ParsedSVG: NSObject, XMLParserDelegate {
    struct Element {
        let name: String
        let attributes: [String: String]
        let groups: [String]
        var text = ""
    }
    private(set) var elements: [Element] = []
    private var groupStack: [String] = []
    private var openText: Int? = nil

    func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                qualifiedName qName: String?, attributes attributeDict: [String: String] = [:]) {
        elements.append(Element(name: elementName, attributes: attributeDict, groups: groupStack))
        if elementName == "g" { groupStack.append(attributeDict["class"] ?? "") }
        if elementName == "text" { openText = elements.count - 1 }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        if let openText { elements[openText].text += string }
    }

    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?,
                qualifiedName qName: String?) {
        if elementName == "g" { groupStack.removeLast() }
        if elementName == "text" { openText = nil }
    }

    /// The elements named `name` inside a group of class `group`.
    func elements(_ name: String, inGroup group: String) -> [Element] {
        elements.filter { $0.name == name && $0.groups.contains(group) }
    }

    /// All text shown in the figure, in document order.
    var texts: [String] { elements.filter { $0.name == "text" }.map(\.text) }
}

/// Parses `svg`, expecting well-formed XML with an <svg> root; nil (and a failed expectation) if not.
private func parseSVG(_ svg: String, sourceLocation: SourceLocation = #_sourceLocation) -> ParsedSVG? {
    let parser = XMLParser(data: Data(svg.utf8))
    let outline = ParsedSVG()
    parser.delegate = outline
    let ok = parser.parse()
    #expect(ok, "not well-formed XML: \(parser.parserError.map { "\($0)" } ?? "?")", sourceLocation: sourceLocation)
    #expect(outline.elements.first?.name == "svg", sourceLocation: sourceLocation)
    return ok ? outline : nil
}

/// Expects every number in every geometric attribute to parse as a finite Double.
private func expectFiniteNumbers(_ svg: ParsedSVG, sourceLocation: SourceLocation = #_sourceLocation) {
    let numeric: Set = ["x", "y", "width", "height", "cx", "cy", "r", "x1", "y1", "x2", "y2", "points",
                        "font-size", "stroke-width", "fill-opacity"]
    for element in svg.elements {
        for (key, value) in element.attributes where numeric.contains(key) {
            for part in value.split(whereSeparator: { $0 == " " || $0 == "," }) {
                #expect(Double(part)?.isFinite == true, "\(element.name) \(key)=\"\(value)\"",
                        sourceLocation: sourceLocation)
            }
        }
    }
}

/// A small seeded generator (64-bit LCG, Knuth's MMIX constants) for reproducible test data.
private struct FigureTestRandom {
    var state: UInt64
    mutating func nextUniform() -> Double {
        state = state &* 6364136223846793005 &+ 1442695040888963407
        return Double(state >> 11) / Double(UInt64(1) << 53)
    }
}

@Suite("Figures")
struct FigureTests {
    // MARK: SVGDocument

    @Test("format: two decimals at most, no trailing zeros, never -0")
    func formatNumbers() {
        #expect(SVGDocument.format(12.5) == "12.5")
        #expect(SVGDocument.format(3) == "3")
        #expect(SVGDocument.format(-0.25) == "-0.25")
        #expect(SVGDocument.format(0.125000001) == "0.13")
        #expect(SVGDocument.format(-0.001) == "0")
        #expect(SVGDocument.format(100.1) == "100.1")
        #expect(SVGDocument.formatFixed(2, decimals: 0) == "2")
        #expect(SVGDocument.formatFixed(0.5, decimals: 3) == "0.500")
        #expect(SVGDocument.formatFixed(-1.5, decimals: 1) == "-1.5")
    }

    @Test("escape: the five XML special characters and forbidden control characters")
    func escapeText() {
        #expect(SVGDocument.escape("a < b & c > \"d\" 'e'") == "a &lt; b &amp; c &gt; &quot;d&quot; &apos;e&apos;")
        #expect(SVGDocument.escape("bell\u{7}") == "bell\u{FFFD}")
        #expect(SVGDocument.escape("x₁ ∈ [−1, 2]") == "x₁ ∈ [−1, 2]")
    }

    @Test("text with <, & and control characters stays well-formed and reads back unchanged")
    func escapedTextRoundTrips() throws {
        var plot = LinePlot(title: "a < b & c", xLabel: "x\u{1}", yLabel: "-->")
        plot.add(series: [1.0, 2.0], name: "</svg>")
        var document = SVGDocument(width: 10, height: 10)
        document.comment("a -- b")
        let svg = plot.svg()
        #expect(svg.contains("a &lt; b &amp; c"))
        #expect(!svg.contains("a < b"))
        let parsed = try #require(parseSVG(svg))
        #expect(parsed.texts.contains("a < b & c"))
        #expect(parsed.texts.contains("</svg>"))
        #expect(parsed.texts.contains("x\u{FFFD}"))
        _ = parseSVG(document.render())
    }

    @Test("write(to:) creates missing folders and writes exactly svg()")
    func writeCreatesFolders() throws {
        let folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("figure-tests-\(ProcessInfo.processInfo.processIdentifier)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("nested/deeper/scatter.svg").path
        var plot = ScatterPlot(title: "AND")
        plot.add(points: [[0.0, 0], [0, 1], [1, 0], [1, 1]], labels: [0, 0, 0, 1])
        try plot.write(to: path)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == plot.svg())
    }

    // MARK: Axes

    @Test("linear ticks at round numbers, labels with as many decimals as the step needs")
    func linearTicks() {
        #expect(PlotAxis(lower: 0, upper: 2).ticks().map(\.label) == ["0.0", "0.5", "1.0", "1.5", "2.0"])
        #expect(PlotAxis(lower: -1, upper: 2).ticks().map(\.label) == ["-1.0", "-0.5", "0.0", "0.5", "1.0", "1.5", "2.0"])
        #expect(PlotAxis(lower: 0, upper: 200).ticks().map(\.label) == ["0", "50", "100", "150", "200"])
        #expect(PlotAxis(lower: 0, upper: 3.2, minimumTickStep: 1).ticks().map(\.label) == ["0", "1", "2", "3"])
        #expect(PlotAxis(lower: 0, upper: 4e-5).ticks().map(\.label).last == "4e-5")
    }

    @Test("log ticks at powers of ten, and at 2 and 5 times them over few decades")
    func logTicks() {
        #expect(PlotAxis(lower: 1e-4, upper: 1e4, isLogarithmic: true).ticks().map(\.label)
            == ["1e-4", "0.001", "0.01", "0.1", "1", "10", "100", "1000", "10000"])
        #expect(PlotAxis(lower: 0.15, upper: 3, isLogarithmic: true).ticks().map(\.label) == ["0.2", "0.5", "1", "2"])
        #expect(PlotAxis.scientificLabel(0.000025) == "2.5e-5")
        #expect(PlotAxis.scientificLabel(999_999) == "1e6")
    }

    @Test("axis fitting: padding, constant data and empty data")
    func axisFitting() {
        let padded = PlotAxis(fitting: [0, 10])
        #expect(padded.lower == -0.5 && padded.upper == 10.5)
        let constant = PlotAxis(fitting: [3, 3, 3])
        #expect(constant.lower < 3 && constant.upper > 3)
        let empty = PlotAxis(fitting: [])
        #expect(empty.lower == 0 && empty.upper == 1)
    }

    // MARK: Chart kinds

    @Test("line plot: a series of n finite points is one polyline through n points")
    func lineSeriesPoints() throws {
        var plot = LinePlot(title: "Loss", xLabel: "epoch", yLabel: "loss")
        plot.add(series: [0.9, 0.7, 0.5, 0.4, 0.35], name: "train")
        plot.add(x: [0.0, 2, 4], y: [0.95, 0.6, 0.45], name: "test")
        let parsed = try #require(parseSVG(plot.svg()))
        let lines = parsed.elements("polyline", inGroup: "series")
        #expect(lines.map { $0.attributes["points"]!.split(separator: " ").count } == [5, 3])
        #expect(lines.map { $0.attributes["stroke"] } == [Palette.colour(0).hex, Palette.colour(1).hex])
        #expect(parsed.texts.contains("train") && parsed.texts.contains("test"))
    }

    @Test("line plot: NaN and infinity break the line, are counted, and never reach the file")
    func lineSkipsNonFinite() throws {
        var plot = LinePlot(title: "Diverging run", logY: true)
        plot.add(series: [1.0, 0.5, .nan, 0.25, 0.2, .infinity, 0.1, 0, -1], name: "loss")
        #expect(plot.skippedPointCount == 4)   // NaN, +inf, and 0 and -1 on the log axis
        let svg = plot.svg()
        #expect(!svg.lowercased().contains("nan\"") && !svg.contains("inf\""))
        let parsed = try #require(parseSVG(svg))
        expectFiniteNumbers(parsed)
        // Runs [1, 0.5], [0.25, 0.2], [0.1]: two polylines and one dot.
        #expect(parsed.elements("polyline", inGroup: "series").count == 2)
        #expect(parsed.elements("circle", inGroup: "series").count == 1)
        #expect(parsed.texts.contains("NaN or infinite values not drawn: 2"))
        #expect(parsed.texts.contains("values <= 0 (log scale) not drawn: 2"))
    }

    @Test("scatter plot: one dot per point, class 0 blue and class 1 red (MLiS II Fig. 1.2.1)")
    func scatterClasses() throws {
        var plot = ScatterPlot(title: "XOR", xLabel: "x1", yLabel: "x2")
        plot.add(points: [[0.0, 0], [0, 1], [1, 0], [1, 1]], labels: [0, 1, 1, 0])
        plot.add(x: [0.5, .nan], y: [0.5, 0.5], labels: [1, 0])
        let parsed = try #require(parseSVG(plot.svg()))
        expectFiniteNumbers(parsed)
        let dots = parsed.elements("circle", inGroup: "points").compactMap { $0.attributes["fill"] }
            .filter { $0 != "#ffffff" }   // each dot sits on a white ring
        #expect(dots == ["#1f77b4", "#d62728", "#d62728", "#1f77b4", "#d62728"])
        #expect(parsed.texts.contains("y = 0") && parsed.texts.contains("y = 1"))
        #expect(parsed.texts.contains("points with NaN or infinite coordinates not drawn: 1"))
    }

    @Test("value map: a 2x2 grid of distinct values makes 4 cells, row 0 at the bottom, coloured through the colour map")
    func valueMapCells() throws {
        let map = ValueMap(title: "P(y = 1 | x)", xRange: 0...2, yRange: 0...2, values: [[0.0, 0.25], [0.75, 1.0]],
                           valueRange: 0...1, colourBarLabel: "P(y = 1 | x)")
        let parsed = try #require(parseSVG(map.svg()))
        let cells = parsed.elements("rect", inGroup: "cells")
        #expect(cells.count == 4)
        #expect(cells.map { $0.attributes["fill"]! } == [0.0, 0.25, 0.75, 1.0].map { ColourMap.blueWhiteRed.colour(at: $0).hex })
        // values[0][0] is the lower-left cell: same x as values[1][0], further down the page.
        let (lowerLeft, upperLeft) = (cells[0].attributes, cells[2].attributes)
        #expect(lowerLeft["x"] == upperLeft["x"])
        #expect(Double(lowerLeft["y"]!)! > Double(upperLeft["y"]!)!)
        #expect(parsed.elements("rect", inGroup: "colourbar").count == ColourBar.slices)
    }

    @Test("value map: NaN and infinite cells are left out and counted; points outside are counted")
    func valueMapSkipsNonFinite() throws {
        var map = ValueMap(xRange: -1...2, yRange: -1...2, values: [[0.1, Double.nan], [-Double.infinity, 0.9]])
        map.add(points: [[0.0, 0], [5, 5]], labels: [0, 1])
        let parsed = try #require(parseSVG(map.svg()))
        expectFiniteNumbers(parsed)
        #expect(parsed.elements("rect", inGroup: "cells").count == 2)
        #expect(parsed.elements("circle", inGroup: "points").count == 2)   // one dot and its white ring
        #expect(parsed.texts.contains("NaN or infinite values (white cells) not drawn: 2"))
        #expect(parsed.texts.contains("points outside the map not drawn: 1"))
    }

    @Test("value map from a function: evaluated at the cell centres, row 0 at the smallest y")
    func valueMapFromFunction() {
        #expect(MapGrid.cellCentres(of: -1...2, count: 3) == [-0.5, 0.5, 1.5])
        let ys = MapGrid.cellCentres(of: 0...1, count: 3)
        #expect(zip(ys, [1.0 / 6, 0.5, 5.0 / 6]).allSatisfy { abs($0 - $1) < 1e-15 })
        let map = ValueMap(xRange: -1...2, yRange: 0...1, resolution: 3) { x, y in x + 10 * y }
        #expect(map.values == ys.map { y in [-0.5, 0.5, 1.5].map { x in x + 10 * y } })
    }

    @Test("decision map: rows of tinted class colours, equal neighbours merged, legend per class")
    func decisionMapCells() throws {
        var map = DecisionMap(title: "AND", xRange: -1...2, yRange: -1...2, resolution: 4) { x1, x2 in
            x1 + x2 - 1.5 > 0 ? 1 : 0
        }
        map.add(points: [[0.0, 0], [0, 1], [1, 0], [1, 1]], labels: [0, 0, 0, 1])
        #expect(map.classes == [[0, 0, 0, 0], [0, 0, 0, 1], [0, 0, 1, 1], [0, 1, 1, 1]])
        let parsed = try #require(parseSVG(map.svg()))
        // Neighbours of one colour in a row share a rectangle: runs 0000, 000|1, 00|11, 0|111.
        let cells = parsed.elements("rect", inGroup: "cells")
        #expect(cells.count == 7)
        let rowWidths = Dictionary(grouping: cells) { $0.attributes["y"]! }.values.map { row in
            row.reduce(0) { $0 + Double($1.attributes["width"]!)! }
        }
        #expect(rowWidths.count == 4 && rowWidths.allSatisfy { abs($0 - rowWidths[0]) < 0.02 })
        #expect(Set(cells.map { $0.attributes["fill"]! })
            == [DecisionMap.regionColour(Palette.colour(0)).hex, DecisionMap.regionColour(Palette.colour(1)).hex])
        #expect(parsed.texts.contains("y = 0") && parsed.texts.contains("y = 1"))
    }

    @Test("histogram: counts match numpy.histogram (last bin closed)")
    func histogramCounts() throws {
        var histogram = Histogram(title: "values", bins: 4)
        histogram.add([0.0, 1, 1, 2, 3, 4], name: "a")
        histogram.add([0.5, 0.5, .nan, .infinity], name: "b")
        #expect(histogram.binEdges == [0, 1, 2, 3, 4])
        #expect(histogram.binCounts == [[1, 2, 1, 2], [2, 0, 0, 0]])
        let parsed = try #require(parseSVG(histogram.svg()))
        expectFiniteNumbers(parsed)
        #expect(parsed.elements("rect", inGroup: "bars").count == 5)   // non-empty bins only
        #expect(parsed.texts.contains("NaN or infinite values not drawn: 2"))

        var ranged = Histogram(bins: 2, range: 0...1)
        ranged.add([-1.0, 0, 0.5, 1, 2])
        #expect(ranged.binCounts == [[1, 2]])
        #expect(Histogram(bins: 3).binEdges == [0, 1.0 / 3, 2.0 / 3, 1])   // no data: 0...1
    }

    @Test("histogram: seeded random values and values on and beside every edge land in the bin whose edges hold them (seed 7)")
    func histogramAgainstOracle() {
        let range = -1.0...4.0, bins = 12
        let edges = Histogram(bins: bins, range: range).binEdges
        var generator = FigureTestRandom(state: 7)
        // Random tenths, then each edge and its two neighbouring Doubles: where the formula
        // (value - low) / (high - low) * bins rounds to the wrong bin, e.g. at -1 + 5 * 7/12.
        var values = (0..<2000).map { _ in (generator.nextUniform() * 50).rounded() / 10 - 1 }
        values += edges + edges.map(\.nextUp) + edges.map(\.nextDown)
        var histogram = Histogram(bins: bins, range: range)
        histogram.add(values)
        var oracle = [Int](repeating: 0, count: bins)
        for value in values where range.contains(value) {
            oracle[(0..<bins).last { edges[$0] <= value }!] += 1
        }
        #expect(histogram.binCounts == [oracle])
        #expect(oracle.reduce(0, +) == values.count - 2)   // all but -1.nextDown and 4.nextUp
    }

    @Test("image grid: one square per pixel, row 0 at the top, NaN pixels left out and counted")
    func imageGridPixels() throws {
        var grid = ImageGrid(title: "Digits", columns: 2, valueRange: 0...16)
        grid.add(image: [0.0, 16, 8, 4], width: 2, height: 2, caption: "label <1>")
        grid.add(image: [Double.nan, 1, 2, 3], width: 2, height: 2)
        let parsed = try #require(parseSVG(grid.svg()))
        expectFiniteNumbers(parsed)
        let pixels = parsed.elements("rect", inGroup: "image").filter { $0.attributes["fill"] != "none" }
        #expect(pixels.count == 7)
        #expect(pixels[0].attributes["fill"] == "#ffffff" && pixels[1].attributes["fill"] == "#000000")
        #expect(Double(pixels[0].attributes["y"]!)! < Double(pixels[2].attributes["y"]!)!)
        #expect(parsed.texts.contains("label <1>"))
        #expect(parsed.texts.contains("NaN or infinite pixels (white) not drawn: 1"))
    }

    @Test("identical input gives byte-identical SVG, for every chart kind")
    func deterministicOutput() {
        func figures() -> [any Figure] {
            var line = LinePlot(title: "loss")
            line.add(series: [0.9, 0.5, 0.3], name: "train")
            var scatter = ScatterPlot()
            scatter.add(x: [0.0, 1], y: [1.0, 0], labels: [0, 1])
            var histogram = Histogram(bins: 5)
            histogram.add([0.1, 0.2, 0.7, 0.9])
            var grid = ImageGrid()
            grid.add(image: [0.0, 1, 2, 3], width: 2, height: 2, caption: "a")
            return [line, scatter, histogram, grid,
                    ValueMap(xRange: -1...2, yRange: -1...2, resolution: 5) { x, y in x * y },
                    DecisionMap(xRange: -1...2, yRange: -1...2, resolution: 5) { x, y in x > y ? 1 : 0 }]
        }
        let (first, second) = (figures(), figures())
        for (a, b) in zip(first, second) {
            #expect(a.svg() == b.svg())
            _ = parseSVG(a.svg())
        }
    }

    @Test("colours: the palette follows the notes, and colour maps hit their end stops")
    func colours() {
        #expect(Palette.colour(0).hex == "#1f77b4")
        #expect(Palette.colour(1).hex == "#d62728")
        #expect(Palette.colour(10) == Palette.colour(0))
        #expect(ColourMap.greys.colour(at: 0).hex == "#ffffff")
        #expect(ColourMap.greys.colour(at: 1).hex == "#000000")
        #expect(ColourMap.greys.colour(at: 7).hex == "#000000")   // clamped
        #expect(ColourMap.viridis.colour(at: 0).hex == "#440154")
        #expect(ColourMap.blueWhiteRed.colour(at: 0.5).hex == "#f7f7f7")
    }
}
