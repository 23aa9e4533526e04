// ReportPage.swift: a chapter's report page, `index.html` in its --out folder: the figures in order
// with captions naming the figure or equation of the notes they reproduce, everything the chapter
// printed (its worked numbers), and the final key=value results as a table.
// Goals, in order: readable offline in any browser (no scripts, no links out, the SVG files beside it);
// well-formed XHTML (every text escaped, checked by `wellFormednessProblems`); no figure linked that
// is missing or broken; chapters keep printing as they do, and the page records what they print.
//
// How a chapter uses it: it records every line it prints (each chapter's Report.swift wraps `print`
// so), a printed line `wrote DIR/name.svg` adds that figure to the page, and at the end the chapter
// calls `write(into:)`.

import Foundation

/// The report page of one chapter run.
///
/// ```swift
/// let report = ReportPage(title: "Linear models", captions: ["fig-1.2.1-perceptron-and.svg": "Fig. 1.2.1 (left) ..."])
/// report.record("1. The perceptron (Eq. (1.2.10))\n")
/// report.record("   wrote out/fig-1.2.1-perceptron-and.svg\n")   // a figure, with its caption from `captions`
/// report.record("accuracy=0.95 seed=0\n")                         // the final results
/// try report.write(into: "out")                                   // out/index.html
/// ```
///
/// Thread-safe: lines may be recorded from any thread; they are kept in the order recorded.
public final class ReportPage: @unchecked Sendable {
    /// One figure on the page: its file name (beside index.html) and its caption.
    public struct FigureEntry: Equatable, Sendable {
        public let file: String
        public let caption: String
    }

    public let title: String
    /// A sentence under the title, e.g. which sections of the notes the chapter follows.
    public let subtitle: String
    private let captions: [String: String]
    private let lock = NSLock()
    private var lines: [String] = []
    private var unfinishedLine = ""
    private var figureList: [FigureEntry] = []
    /// The figure of the last line, if it was a `wrote` line, and that line's indentation.
    private var lastFigure: (file: String, indent: Int)?

    /// `captions` maps a figure's file name (or the start of it) to its caption. A figure's caption is,
    /// first found: a line starting "Fig. " or "Eq. " printed right under its `wrote` line and indented
    /// deeper; its entry in `captions`; the title drawn in its SVG; its file name.
    public init(title: String, subtitle: String = "", captions: [String: String] = [:]) {
        self.title = title
        self.subtitle = subtitle
        self.captions = captions
    }

    /// The figures recorded so far, in order.
    public var figures: [FigureEntry] { lock.withLock { figureList } }

    /// The lines recorded so far, in order (the `wrote` lines of figures too).
    public var printedLines: [String] { lock.withLock { lines + (unfinishedLine.isEmpty ? [] : [unfinishedLine]) } }

    /// Records `text` exactly as the chapter printed it (it may hold several lines, or part of one).
    /// A complete line of the form `wrote PATH.svg` or `figure: PATH.svg` (any indentation, anything
    /// after) becomes a figure.
    public func record(_ text: String) {
        lock.withLock {
            unfinishedLine += text
            var parts = unfinishedLine.components(separatedBy: "\n")
            unfinishedLine = parts.removeLast()
            for line in parts { take(line) }
        }
    }

    /// Adds the figure at `path` with `caption`, as if the chapter had printed `wrote PATH`.
    public func addFigure(path: String, caption: String) {
        lock.withLock { appendFigure(file: (path as NSString).lastPathComponent, caption: caption) }
    }

    /// How the chapters announce a figure they wrote: `wrote PATH.svg` or `figure: PATH.svg`.
    static let figurePrefixes = ["wrote ", "figure: "]

    /// One complete line: a figure if it says `wrote ....svg` (or `figure: ....svg`); the caption of the figure just written if
    /// it is indented deeper than that `wrote` line and starts with "Fig. " or "Eq. "; else text.
    /// Called with the lock held.
    private func take(_ line: String) {
        defer { lines.append(line) }
        let trimmed = line.trimmingCharacters(in: .whitespaces)
        let indent = line.prefix { $0 == " " }.count
        if let last = lastFigure, indent > last.indent, trimmed.hasPrefix("Fig. ") || trimmed.hasPrefix("Eq. ") {
            lastFigure = nil
            return appendFigure(file: last.file, caption: trimmed)
        }
        lastFigure = nil
        guard let prefix = Self.figurePrefixes.first(where: trimmed.hasPrefix), let end = trimmed.range(of: ".svg") else { return }
        let path = String(trimmed[trimmed.index(trimmed.startIndex, offsetBy: prefix.count)..<end.upperBound])
        let file = (path as NSString).lastPathComponent
        appendFigure(file: file, caption: caption(for: file, drawnTitle: Self.drawnTitle(ofSVGAt: path)))
        lastFigure = (file, indent)
    }

    /// The caption of `file`: the entry of `captions` whose key is the file name; else the entry of the
    /// longest key the name starts with (e.g. "fig-1.6.1-" for all of Fig. 1.6.1's panels), followed
    /// by the panel's own drawn title; else the drawn title; else the file name.
    private func caption(for file: String, drawnTitle: String?) -> String {
        if let exact = captions[file] { return exact }
        let shared = captions.filter { file.hasPrefix($0.key) }.max { $0.key.count < $1.key.count }?.value
        switch (shared, drawnTitle) {
        case let (shared?, title?): return shared + " — " + title
        case let (shared?, nil): return shared
        case let (nil, title?): return title
        case (nil, nil): return file
        }
    }

    private func appendFigure(file: String, caption: String) {
        if let index = figureList.firstIndex(where: { $0.file == file }) {
            figureList[index] = FigureEntry(file: file, caption: caption)
        } else {
            figureList.append(FigureEntry(file: file, caption: caption))
        }
    }

    /// The text of the first bold `<text>` element of the SVG file at `path` (the charts draw their
    /// title so), or nil if there is none or the file cannot be read.
    static func drawnTitle(ofSVGAt path: String) -> String? {
        guard let svg = try? String(contentsOfFile: path, encoding: .utf8),
              let bold = svg.range(of: "font-weight=\"bold\">"),
              let end = svg.range(of: "</text>", range: bold.upperBound..<svg.endIndex) else { return nil }
        return unescape(String(svg[bold.upperBound..<end.lowerBound]))
    }

    /// The inverse of `SVGDocument.escape` for the five named entities.
    static func unescape(_ text: String) -> String {
        text.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&apos;", with: "'")
            .replacingOccurrences(of: "&amp;", with: "&")
    }
}

// MARK: The page

extension ReportPage {
    /// The final results: the pairs of the last printed line made only of `key=value` words.
    public var finalResults: [(key: String, value: String)] {
        let last = printedLines.last { !$0.trimmingCharacters(in: .whitespaces).isEmpty } ?? ""
        let words = last.split(separator: " ")
        guard !words.isEmpty, words.allSatisfy({ $0.contains("=") && !$0.hasPrefix("=") }) else { return [] }
        return words.map { word in
            let parts = word.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            return (String(parts[0]), String(parts[1]))
        }
    }

    /// The page as XHTML text: title, figures with captions, the printed text, the final results.
    public func html() -> String {
        let escape = SVGDocument.escape
        var page = [
            "<!DOCTYPE html>",
            "<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\">",
            "<head>",
            "<meta charset=\"utf-8\"/>",
            "<title>\(escape(title))</title>",
            "<style>body { font-family: sans-serif; max-width: 60em; margin: 2em auto; padding: 0 1em; } "
                + "figure { margin: 2em 0; } img { max-width: 100%; border: 1px solid #ddd; } "
                + "pre { background: #f6f6f6; padding: 1em; overflow-x: auto; } td, th { padding: 0.2em 1em; text-align: left; }</style>",
            "</head>",
            "<body>",
            "<h1>\(escape(title))</h1>",
        ]
        if !subtitle.isEmpty { page.append("<p>\(escape(subtitle))</p>") }
        let figures = self.figures
        page.append("<h2>Figures</h2>")
        if figures.isEmpty { page.append("<p>This run drew no figures.</p>") }
        for (index, figure) in figures.enumerated() {
            page.append("<figure id=\"figure-\(index + 1)\">")
            page.append("<img src=\"\(escape(figure.file))\" alt=\"\(escape(figure.caption))\"/>")
            page.append("<figcaption><b>\(index + 1).</b> \(escape(figure.caption)) (<code>\(escape(figure.file))</code>)</figcaption>")
            page.append("</figure>")
        }
        page.append("<h2>What the chapter printed</h2>")
        page.append("<pre>" + printedLines.map(escape).joined(separator: "\n") + "</pre>")
        let results = finalResults
        if !results.isEmpty {
            page.append("<h2>Final results</h2>")
            page.append("<table>")
            page.append(contentsOf: results.map { "<tr><th>\(escape($0.key))</th><td>\(escape($0.value))</td></tr>" })
            page.append("</table>")
        }
        page.append(contentsOf: ["</body>", "</html>"])
        return page.joined(separator: "\n") + "\n"
    }

    /// Writes `html()` to `directory/index.html` and returns that path, after checking that every
    /// figure the page names is a file in `directory` holding well-formed XML.
    /// Throws `ReportPageError` listing every missing or broken figure (nothing is written then).
    @discardableResult
    public func write(into directory: String) throws -> String {
        var problems: [String] = []
        for figure in figures {
            let path = (directory as NSString).appendingPathComponent(figure.file)
            guard let svg = try? String(contentsOfFile: path, encoding: .utf8) else {
                problems.append("\(figure.file) is missing from \(directory)")
                continue
            }
            problems += wellFormednessProblems(in: svg).map { "\(figure.file): \($0)" }
        }
        guard problems.isEmpty else { throw ReportPageError(problems: problems) }
        let path = (directory as NSString).appendingPathComponent("index.html")
        try SVGDocument.writeText(html(), to: path)
        return path
    }
}

/// The figures a report page would name but cannot: missing files or malformed SVG.
public struct ReportPageError: Error, CustomStringConvertible {
    public let problems: [String]
    public var description: String { "the report page names broken figures: " + problems.joined(separator: "; ") }
}

/// The closing block of a chapter: the exercises that practise its sections and the command that
/// checks one, e.g. for `[(7, "the backward pass of a dense layer")]`:
///
///     Exercises for this chapter (check one with `swift run --package-path Exercises exercises N`,
///     ask for a hint with `--hint N`):
///       07  the backward pass of a dense layer
public func exercisesBlock(_ exercises: [(number: Int, title: String)]) -> String {
    var lines = ["Exercises for this chapter (check one with `swift run --package-path Exercises exercises N`,",
                 "ask for a hint with `swift run --package-path Exercises exercises --hint N`):"]
    for exercise in exercises {
        let number = exercise.number < 10 ? "0\(exercise.number)" : "\(exercise.number)"
        lines.append("  \(number)  \(exercise.title)")
    }
    return lines.joined(separator: "\n")
}

extension ReportPage {
    /// What a chapter prints just before its final key=value line: a blank line (unless it has just
    /// printed one), the `exercisesBlock` of its sections, and where this page is written.
    public func closingLines(exercises: [(number: Int, title: String)], outputDirectory: String) -> String {
        let blankLineBefore = printedLines.last?.isEmpty == false ? "\n" : ""
        return blankLineBefore + exercisesBlock(exercises)
            + "\nReport page (the figures with captions, the numbers above, the results): \(outputDirectory)/index.html"
    }
}
