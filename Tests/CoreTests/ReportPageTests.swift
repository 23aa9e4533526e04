// ReportPageTests.swift: the chapters' report pages (Core/Figures/ReportPage.swift), the
// well-formedness checker they rely on (WellFormedness.swift) and the matrix grids of NumberGrid.swift.

import Foundation
import Testing
@testable import Core

@Suite("Well-formedness checker")
struct WellFormednessTests {
    @Test("accepts a declaration, a DOCTYPE, comments, entities and self-closing tags")
    func acceptsWellFormed() {
        let text = """
            <?xml version="1.0" encoding="UTF-8"?>
            <!DOCTYPE html>
            <!-- a comment with < and & -->
            <html a="1 &lt; 2"><body><p>a &amp; b &#60; c &#x3C;</p><img src="x.svg"/></body></html>
            """
        #expect(wellFormednessProblems(in: text) == [])
    }

    @Test("finds a bare &, a raw <, a tag left open, a wrong end tag, two roots, an unquoted attribute")
    func findsEachProblem() {
        let broken = [
            "<p>a & b</p>", "<p>a < b</p>", "<p><b>bold</p>", "<p></b>", "<p/><p/>", "<p a=1/>",
            "<p a=\"<\"/>", "<p>", "</p>", "text<p/>", "<p/>text", "<!-- never ends <p/>",
        ]
        for text in broken {
            #expect(!wellFormednessProblems(in: text).isEmpty, "\(text) should be rejected")
        }
    }

    @Test("every chart kind writes well-formed SVG (a NumberGrid with awkward labels too)")
    func chartsAreWellFormed() {
        var grid = NumberGrid(title: "a < b & \"c\"")
        grid.add("X & <Y>", [[1.5, -2], [0, 3]], tint: .diverging, digits: 1, highlighted: [(1, 1)])
        grid.add(symbol: "<*>")
        grid.newRow()
        grid.add("K", [[7]], tint: .grey)
        var plot = LinePlot(title: "x < 1 & y", xLabel: "<x>", yLabel: "&y")
        plot.add(series: [1.0, 2.0], name: "</svg>")
        #expect(wellFormednessProblems(in: grid.svg()) == [])
        #expect(wellFormednessProblems(in: plot.svg()) == [])
    }
}

@Suite("NumberGrid")
struct NumberGridTests {
    @Test("CONV-3 as a grid: every number of input, kernel and output is printed in a cell")
    func conv3NumbersAppear() {
        var grid = NumberGrid(title: "CONV-3")
        grid.add("input", [[0, 1, 2, 3], [4, 5, 4, 4], [6, 5, 7, 1], [1, 2, 2, 8]], highlighted: [(0, 0)])
        grid.add(symbol: "*")
        grid.add("kernel", [[1, 2, 3], [3, 4, 2], [2, 1, 1]], tint: .grey)
        grid.add(symbol: "=")
        grid.add("output", [[72, 71], [84, 84]], tint: .green)
        let svg = grid.svg()
        for number in ["72", "71", "84", "8"] {
            #expect(svg.contains(">\(number)</text>"), "missing \(number)")
        }
        // 16 + 9 + 4 cells, one highlight outline.
        #expect(svg.components(separatedBy: "stroke=\"#ffffff\"").count - 1 == 29)
        #expect(svg.components(separatedBy: "stroke=\"#d62728\"").count - 1 == 1)
    }

    @Test("decimals are fixed and a negative zero prints as 0")
    func cellText() {
        #expect(NumberGrid.cellText(-0.0001, digits: 2) == "0.00")
        #expect(NumberGrid.cellText(2.5, digits: 1) == "2.5")
        #expect(NumberGrid.cellText(-2, digits: 0) == "-2")
    }
}

@Suite("Report page")
struct ReportPageTests {
    /// A temporary folder with the two figures a small chapter run would write.
    func folderWithFigures() throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("report-page-\(UUID().uuidString)").path
        var plot = LinePlot(title: "Loss & accuracy (Fig. 1.3.1)")
        plot.add(series: [3.0, 2.0, 1.0], name: "J")
        try plot.write(to: folder + "/fig-1.3.1-loss.svg")
        var grid = NumberGrid(title: "XOR")
        grid.add("X", [[0, 1]])
        try grid.write(to: folder + "/fig-1.2.4-xor.svg")
        return folder
    }

    @Test("printed lines, figures in order with their captions, and the final key=value line as a table")
    func pageHoldsEverything() throws {
        let folder = try folderWithFigures()
        let report = ReportPage(title: "Chapter <1> & more", captions: ["fig-1.2.4-xor.svg": "Fig. 1.2.4: X propagated"])
        report.record("1. A worked number: 0.5 < 1 & 2 > 1\n   wrote \(folder)/fig-1.3.1-loss.svg\n")
        report.record("   wrote \(folder)/fig-1.2.4-xo")    // a line printed in two parts
        report.record("r.svg (the grid)\n\nloss=0.25 accuracy=0.9750 seed=0\n")
        #expect(report.figures == [
            ReportPage.FigureEntry(file: "fig-1.3.1-loss.svg", caption: "Loss & accuracy (Fig. 1.3.1)"),
            ReportPage.FigureEntry(file: "fig-1.2.4-xor.svg", caption: "Fig. 1.2.4: X propagated"),
        ])
        #expect(report.finalResults.map(\.key) == ["loss", "accuracy", "seed"])
        #expect(report.finalResults.map(\.value) == ["0.25", "0.9750", "0"])
        let path = try report.write(into: folder)
        let html = try String(contentsOfFile: path, encoding: .utf8)
        #expect(wellFormednessProblems(in: html) == [])
        #expect(html.contains("0.5 &lt; 1 &amp; 2 &gt; 1"))
        #expect(html.contains("<title>Chapter &lt;1&gt; &amp; more</title>"))
        #expect(html.contains("<tr><th>accuracy</th><td>0.9750</td></tr>"))
        #expect(!html.contains("<script"))
        #expect(html.components(separatedBy: "http").count - 1 == 1, "the only URL is the XHTML namespace")
        let first = try #require(html.range(of: "fig-1.3.1-loss.svg"))
        let second = try #require(html.range(of: "fig-1.2.4-xor.svg"))
        #expect(first.lowerBound < second.lowerBound)
    }

    @Test("every figure the page names exists beside it; a missing or malformed one stops the write")
    func namedFiguresExist() throws {
        let folder = try folderWithFigures()
        let report = ReportPage(title: "t")
        report.record("wrote \(folder)/fig-1.3.1-loss.svg\n")
        let html = report.html()
        for name in html.components(separatedBy: "src=\"").dropFirst().map({ String($0.prefix { $0 != "\"" }) }) {
            #expect(FileManager.default.fileExists(atPath: folder + "/" + name), "\(name) is named but missing")
        }
        report.addFigure(path: folder + "/missing.svg", caption: "gone")
        #expect(throws: ReportPageError.self) { try report.write(into: folder) }
        try Data("<svg><g></svg>".utf8).write(to: URL(fileURLWithPath: folder + "/broken.svg"))
        let other = ReportPage(title: "t")
        other.record("wrote \(folder)/broken.svg\n")
        #expect(throws: ReportPageError.self) { try other.write(into: folder) }
        #expect(!FileManager.default.fileExists(atPath: folder + "/index.html"))
    }

    @Test("a deeper-indented Fig./Eq. line under a wrote line is its caption; a prefix key captions every panel")
    func captionsFromLinesAndPrefixes() throws {
        let folder = try folderWithFigures()
        let report = ReportPage(title: "t", captions: ["fig-1.3.1-": "Fig. 1.3.1: from the map"])
        report.record("   wrote \(folder)/fig-1.3.1-loss.svg\n   wrote \(folder)/fig-1.2.4-xor.svg\n      Fig. 1.2.4: from the line\n")
        report.record("      Fig. 9.9.9: not a caption, no figure just written\n")
        #expect(report.figures.map(\.caption) == ["Fig. 1.3.1: from the map — Loss & accuracy (Fig. 1.3.1)", "Fig. 1.2.4: from the line"])
        #expect(report.printedLines.count == 4)
    }

    @Test("the exercises block names each exercise with two digits and the runner command")
    func exercises() {
        let block = exercisesBlock([(7, "the backward pass of a dense layer"), (42, "a whole XOR step")])
        #expect(block.contains("swift run --package-path Exercises exercises N"))
        #expect(block.contains("  07  the backward pass of a dense layer"))
        #expect(block.contains("  42  a whole XOR step"))
    }

    @Test("the closing lines: one blank line before the exercises (not two), then where the page is written")
    func closingLines() {
        let report = ReportPage(title: "t")
        report.record("last result\n")
        let afterText = report.closingLines(exercises: [(7, "dense backward")], outputDirectory: "out")
        #expect(afterText.hasPrefix("\nExercises for this chapter"))
        #expect(afterText.hasSuffix("\n  07  dense backward\nReport page (the figures with captions, the numbers above, the results): out/index.html"))
        report.record("\n")
        #expect(report.closingLines(exercises: [(7, "dense backward")], outputDirectory: "out").hasPrefix("Exercises for this chapter"))
    }
}
