// SVGDocument.swift: the smallest SVG writer the course's figures need.
// Goals, in order: always well-formed XML; byte-identical output for identical input (no dates, no
// randomness, no locale); short files; then a small API.
//
// SVG is plain XML text, so a figure is a list of elements such as
//     <rect x="10" y="20" width="30" height="40" fill="#1f77b4"/>
// inside one <svg> root. Pixel coordinates start at the top-left corner and y grows downwards.

import Foundation

/// A list of SVG elements on a canvas of `width` x `height` pixels, rendered as one XML string.
///
/// ```swift
/// var document = SVGDocument(width: 100, height: 50)
/// document.rect(x: 0, y: 0, width: 100, height: 50, fill: "#ffffff")
/// document.text("a < b", x: 50, y: 25, anchor: .middle)
/// print(document.render().contains("a &lt; b"))   // true
/// try document.write(to: "figures/example.svg")   // creates figures/ if needed
/// ```
///
/// Every number goes through `SVGDocument.format(_:)`, which stops with a message on NaN or
/// infinity: a figure never contains the text "nan". The charts skip non-finite data before drawing.
public struct SVGDocument: Sendable {
    /// Canvas size in pixels.
    public let width: Double
    public let height: Double
    /// The elements in drawing order (later ones are painted on top), one XML element per entry.
    public private(set) var elements: [String] = []

    /// Where a text's `x` coordinate sits: at its start, middle or end.
    public enum TextAnchor: String, Sendable {
        case start, middle, end
    }

    /// An empty canvas. Precondition: both sizes are positive and finite.
    public init(width: Double, height: Double) {
        require(width > 0 && height > 0 && width.isFinite && height.isFinite,
                     "SVGDocument: canvas size must be positive and finite, got \(width) x \(height)")
        self.width = width
        self.height = height
    }

    // MARK: Elements

    /// A rectangle with top-left corner (x, y). `stroke: nil` draws no outline.
    public mutating func rect(x: Double, y: Double, width: Double, height: Double, fill: String,
                              stroke: String? = nil, strokeWidth: Double = 1, opacity: Double = 1) {
        var element = "<rect x=\"\(Self.format(x))\" y=\"\(Self.format(y))\" "
            + "width=\"\(Self.format(width))\" height=\"\(Self.format(height))\" fill=\"\(fill)\""
        if let stroke {
            element += " stroke=\"\(stroke)\" stroke-width=\"\(Self.format(strokeWidth))\""
        }
        if opacity < 1 { element += " fill-opacity=\"\(Self.format(opacity))\"" }
        elements.append(element + "/>")
    }

    /// A straight line from (x1, y1) to (x2, y2); `dashed` draws it as 4-pixel dashes.
    public mutating func line(x1: Double, y1: Double, x2: Double, y2: Double, stroke: String,
                              strokeWidth: Double = 1, dashed: Bool = false) {
        var element = "<line x1=\"\(Self.format(x1))\" y1=\"\(Self.format(y1))\" "
            + "x2=\"\(Self.format(x2))\" y2=\"\(Self.format(y2))\" "
            + "stroke=\"\(stroke)\" stroke-width=\"\(Self.format(strokeWidth))\""
        if dashed { element += " stroke-dasharray=\"4 3\"" }
        elements.append(element + "/>")
    }

    /// A connected line through `points`, in order (no fill).
    public mutating func polyline(points: [(x: Double, y: Double)], stroke: String, strokeWidth: Double = 2) {
        let coordinates = points.map { "\(Self.format($0.x)),\(Self.format($0.y))" }.joined(separator: " ")
        elements.append("<polyline points=\"\(coordinates)\" fill=\"none\" stroke=\"\(stroke)\" "
            + "stroke-width=\"\(Self.format(strokeWidth))\" stroke-linejoin=\"round\" stroke-linecap=\"round\"/>")
    }

    /// A circle of radius `radius` centred on (cx, cy).
    public mutating func circle(cx: Double, cy: Double, radius: Double, fill: String,
                                stroke: String? = nil, strokeWidth: Double = 1) {
        var element = "<circle cx=\"\(Self.format(cx))\" cy=\"\(Self.format(cy))\" "
            + "r=\"\(Self.format(radius))\" fill=\"\(fill)\""
        if let stroke {
            element += " stroke=\"\(stroke)\" stroke-width=\"\(Self.format(strokeWidth))\""
        }
        elements.append(element + "/>")
    }

    /// A line of text whose baseline starts, centres or ends at (x, y), depending on `anchor`.
    /// `rotation` is in degrees, clockwise, about (x, y): -90 gives text that reads upwards.
    public mutating func text(_ content: String, x: Double, y: Double, size: Double = 12,
                              anchor: TextAnchor = .start, colour: String = "#000000",
                              bold: Bool = false, rotation: Double = 0) {
        var element = "<text x=\"\(Self.format(x))\" y=\"\(Self.format(y))\" font-size=\"\(Self.format(size))\""
        if anchor != .start { element += " text-anchor=\"\(anchor.rawValue)\"" }
        if colour != "#000000" { element += " fill=\"\(colour)\"" }
        if bold { element += " font-weight=\"bold\"" }
        if rotation != 0 {
            element += " transform=\"rotate(\(Self.format(rotation)) \(Self.format(x)) \(Self.format(y)))\""
        }
        elements.append(element + ">\(Self.escape(content))</text>")
    }

    /// An XML comment, e.g. to label a group of elements for a reader of the file.
    public mutating func comment(_ content: String) {
        // "--" is not allowed inside a comment, so it is broken up.
        let safe = Self.escape(content).replacingOccurrences(of: "--", with: "- -")
        elements.append("<!-- \(safe) -->")
    }

    /// Wraps the elements `draw` adds in `<g class="name">`, so a reader (or a test) can find them.
    /// `crispEdges` asks the renderer not to smooth the edges of the shapes inside: without it,
    /// neighbouring cells of a map show faint seams where their smoothed edges meet.
    public mutating func group(_ name: String, crispEdges: Bool = false, _ draw: (inout SVGDocument) -> Void) {
        var inner = SVGDocument(width: width, height: height)
        draw(&inner)
        let rendering = crispEdges ? " shape-rendering=\"crispEdges\"" : ""
        elements.append("<g class=\"\(Self.escape(name))\"\(rendering)>")
        elements.append(contentsOf: inner.elements.map { "  " + $0 })
        elements.append("</g>")
    }

    // MARK: Output

    /// The whole document as one XML string, ending in a newline.
    public func render() -> String {
        var lines = [
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>",
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(Self.format(width))\" "
                + "height=\"\(Self.format(height))\" viewBox=\"0 0 \(Self.format(width)) \(Self.format(height))\" "
                + "font-family=\"DejaVu Sans, Helvetica, Arial, sans-serif\">",
        ]
        lines.append(contentsOf: elements)
        lines.append("</svg>")
        return lines.joined(separator: "\n") + "\n"
    }

    /// Writes `render()` to `path`, creating missing folders on the way.
    /// Throws the file system's error if the folder cannot be created or the file cannot be written.
    public func write(to path: String) throws {
        try Self.writeText(render(), to: path)
    }

    /// Writes `text` as UTF-8 to `path`, creating missing folders on the way.
    static func writeText(_ text: String, to path: String) throws {
        let url = URL(fileURLWithPath: path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(),
                                                withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url, options: .atomic)
    }

    // MARK: Numbers and text

    /// A coordinate rounded to 2 decimals with trailing zeros dropped: 12.5, 3, -0.25, never "-0".
    ///
    /// Hundredths of a pixel are far below what a screen shows, and a fixed rule (not `description`,
    /// which may print 17 digits or "1e-05") keeps files short and identical from run to run.
    /// Precondition: `value` is finite and below 1e12 in size (so the figure never says "nan").
    public static func format(_ value: Double) -> String {
        formatFixed(value, decimals: 2, dropTrailingZeros: true)
    }

    /// `value` with exactly `decimals` digits after the point (or fewer if `dropTrailingZeros`),
    /// computed with integers so no locale or float printing rule can change it.
    /// Precondition: `value` is finite and |value| * 10^decimals < 1e15.
    static func formatFixed(_ value: Double, decimals: Int, dropTrailingZeros: Bool = false) -> String {
        require(value.isFinite, "SVGDocument: cannot write the non-finite number \(value) into a figure")
        var scale = 1.0
        for _ in 0..<decimals { scale *= 10 }
        let scaled = (value * scale).rounded()
        require(abs(scaled) < 1e15,
                     "SVGDocument: number \(value) is too large to write with \(decimals) decimals")
        let units = Int(abs(scaled))
        let sign = scaled < 0 ? "-" : ""
        let whole = units / Int(scale)
        var fraction = ""
        if decimals > 0 {
            let digits = String(units % Int(scale))
            fraction = String(repeating: "0", count: decimals - digits.count) + digits
        }
        if dropTrailingZeros {
            while fraction.hasSuffix("0") { fraction.removeLast() }
        }
        return sign + "\(whole)" + (fraction.isEmpty ? "" : "." + fraction)
    }

    /// `text` made safe to put between XML tags or inside an attribute: the five special characters
    /// become entities (`<` is `&lt;`, `&` is `&amp;`), and control characters XML 1.0 forbids
    /// (U+0000...U+001F except tab, newline and carriage return; U+FFFE, U+FFFF) become U+FFFD.
    public static func escape(_ text: String) -> String {
        var result = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&apos;"
            case "\t", "\n", "\r": result.unicodeScalars.append(scalar)
            case _ where scalar.value < 0x20 || scalar.value == 0xFFFE || scalar.value == 0xFFFF:
                result += "\u{FFFD}"
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }
}
