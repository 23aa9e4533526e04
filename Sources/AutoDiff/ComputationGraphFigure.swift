// ComputationGraphFigure.swift: a computational graph drawn as DL Padova "AutoDifferentiation" draws
// AD-1: one box per node with how it is computed, its value and (after backward()) its gradient, and
// the local derivative written on each edge, so the chain rule can be read off the picture: the
// gradient of a node is the sum, over the edges leaving it, of edge number × gradient above.
// Goals, in order: readable at 100 % zoom; nothing overlaps on the graphs of the notes; the same
// bytes for the same graph (through Core's SVGDocument).

import Core

/// A graph from `root` down, laid out by `GraphLayout`, as an SVG figure.
///
/// ```swift
/// let graph = AD1Graph()
/// graph.z.backward()
/// let figure = ComputationGraphFigure(root: graph.z, title: "AD-1", inputNames: AD1Graph.variableNames)
/// try figure.write(to: "figures/ad1-graph.svg")
/// ```
public struct ComputationGraphFigure: Figure {
    /// One node's box: its three lines, where it sits, and whether it is an input or the result.
    public struct Box: Sendable {
        public let lines: [String]
        public let layer: Int
        public let column: Double
        public let isInput: Bool
        public let isResult: Bool
    }

    /// One edge: from box `from` up to box `to`, bending at (layer, column) points, labelled `label`.
    public struct Edge: Sendable {
        public let from: Int
        public let to: Int
        public let bends: [Bend]
        public let label: String
    }

    public struct Bend: Sendable {
        public let layer: Int
        public let column: Double
    }

    public let title: String
    /// A line under the graph, e.g. saying what the edge numbers are.
    public let caption: String
    /// The boxes and edges, taken from the graph when the figure was made: later changes to the
    /// nodes (another backward pass) do not change the figure.
    public let boxes: [Box]
    public let edges: [Edge]
    private let layerCount: Int
    private let widestLayer: Int

    static let fontSize = 12.0
    static let boxHeight = 58.0
    static let layerGap = 118.0
    static let top = 50.0
    static let bottom = 46.0
    static let edgeColour = "#555555"
    static let derivativeColour = "#b35900"

    /// - Parameter inputNames: what the input nodes stand for: ["w1": "w"] draws "w1 = w".
    public init(root: Node, title: String, inputNames: [String: String] = [:],
                caption: String = "Numbers on the edges: the local derivative d(upper)/d(lower); gradients are d(top)/d(node).") {
        let layout = GraphLayout(root: root)
        var index: [ObjectIdentifier: Int] = [:]
        for (position, placed) in layout.placedNodes.enumerated() { index[ObjectIdentifier(placed.node)] = position }
        self.title = title
        self.caption = caption
        self.boxes = layout.placedNodes.map { placed in
            Box(lines: Self.lines(of: placed.node, inputNames: inputNames), layer: placed.layer, column: placed.column,
                isInput: placed.node.inputs.isEmpty, isResult: placed.node === root)
        }
        self.edges = layout.routes.map { route in
            Edge(from: index[ObjectIdentifier(route.from)]!, to: index[ObjectIdentifier(route.to)]!,
                 bends: route.bends.map { Bend(layer: $0.layer, column: $0.column) }, label: shortNumber(route.localDerivative))
        }
        self.layerCount = layout.layerCount
        self.widestLayer = layout.widestLayer
    }

    /// The three lines of a node's box: how it is computed, its value, its gradient.
    public static func lines(of node: Node, inputNames: [String: String] = [:]) -> [String] {
        let name = node.label.isEmpty ? "·" : node.label
        let heading = node.inputs.isEmpty ? inputNames[name].map { "\(name) = \($0)" } ?? name : "\(name) = \(node.expression)"
        return [heading, "value \(shortNumber(node.value))", "gradient \(shortNumber(node.gradient))"]
    }

    /// About how wide a text is: DejaVu Sans averages 0.6 em per character.
    static func textWidth(_ text: String, size: Double = fontSize) -> Double { Double(text.count) * size * 0.6 }

    var boxWidth: Double { max(110, (boxes.flatMap(\.lines).map { Self.textWidth($0) }.max() ?? 0) + 20) }
    var columnSpacing: Double { boxWidth + 46 }
    var width: Double { max(520, Double(widestLayer) * columnSpacing + 40, Self.textWidth(caption, size: 11) + 40) }
    var height: Double { Self.top + Double(layerCount - 1) * Self.layerGap + Self.boxHeight + Self.bottom }

    /// The centre of a slot in pixels; layer 0 is at the bottom.
    func point(layer: Int, column: Double) -> (x: Double, y: Double) {
        (width / 2 + column * columnSpacing, Self.top + Double(layerCount - 1 - layer) * Self.layerGap + Self.boxHeight / 2)
    }

    public func svg() -> String {
        var document = SVGDocument(width: width, height: height)
        document.rect(x: 0, y: 0, width: width, height: height, fill: "#ffffff")
        document.text(title, x: width / 2, y: 28, size: 15, anchor: .middle, bold: true)
        document.group("edges") { group in
            for edge in edges { drawEdge(edge, into: &group) }
        }
        document.group("nodes") { group in
            for box in boxes { drawBox(box, into: &group) }
        }
        document.text(caption, x: 20, y: height - 16, size: 11, colour: "#333333")
        return document.render()
    }

    /// A line from the top of the input's box, through its bends, to the bottom of the node's box,
    /// with the local derivative in a small box halfway along its last segment.
    private func drawEdge(_ edge: Edge, into document: inout SVGDocument) {
        let start = point(layer: boxes[edge.from].layer, column: boxes[edge.from].column)
        let end = point(layer: boxes[edge.to].layer, column: boxes[edge.to].column)
        let points = [(x: start.x, y: start.y - Self.boxHeight / 2)] + edge.bends.map { point(layer: $0.layer, column: $0.column) }
            + [(x: end.x, y: end.y + Self.boxHeight / 2)]
        document.polyline(points: points, stroke: Self.edgeColour, strokeWidth: 1.5)
        let (from, to) = (points[points.count - 2], points[points.count - 1])
        let middle = (x: (from.x + to.x) / 2, y: (from.y + to.y) / 2)
        let labelWidth = Self.textWidth(edge.label, size: 11) + 10
        document.rect(x: middle.x - labelWidth / 2, y: middle.y - 9, width: labelWidth, height: 17, fill: "#ffffff",
                      stroke: Self.derivativeColour, strokeWidth: 0.8)
        document.text(edge.label, x: middle.x, y: middle.y + 4, size: 11, anchor: .middle, colour: Self.derivativeColour)
    }

    /// A box: inputs blue-grey, the result red-tinted, the rest cream.
    private func drawBox(_ box: Box, into document: inout SVGDocument) {
        let centre = point(layer: box.layer, column: box.column)
        let fill = box.isResult ? "#fde0dd" : (box.isInput ? "#e3edf7" : "#fff5d6")
        document.rect(x: centre.x - boxWidth / 2, y: centre.y - Self.boxHeight / 2, width: boxWidth, height: Self.boxHeight,
                      fill: fill, stroke: "#1a1a1a", strokeWidth: 1.2)
        for (index, line) in box.lines.enumerated() {
            document.text(line, x: centre.x, y: centre.y - 12 + 16 * Double(index), size: Self.fontSize, anchor: .middle,
                          bold: index == 0)
        }
    }
}
