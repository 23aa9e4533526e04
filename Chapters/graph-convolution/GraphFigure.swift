// GraphFigure.swift: a small graph drawn twice, as nodes and lines and as its adjacency matrix in
// black and white, like MLiS II Figs. 2.9.2 and 2.9.3. One pair of entries can be outlined in red: the
// one Fig. 2.9.3 changes.

import Core
import Foundation
import GraphNetworks

/// Left: the nodes on a circle, joined by their edges. Right: A, a black cell for A_ij = 1, white for 0.
struct GraphFigure: Figure {
    let title: String
    let graph: Graph
    /// The entry (i, j) (and (j, i)) outlined in red, with its edge drawn dashed if it is absent.
    let highlighted: (Int, Int)?
    let caption: String

    static let panel = 260.0
    static let top = 48.0
    static let margin = 24.0

    init(title: String, graph: Graph, highlighted: (Int, Int)? = nil, caption: String = "") {
        self.title = title
        self.graph = graph
        self.highlighted = highlighted
        self.caption = caption
    }

    func svg() -> String {
        let width = 3 * Self.margin + 2 * Self.panel
        var document = SVGDocument(width: width, height: Self.top + Self.panel + 2 * Self.margin + 10)
        document.rect(x: 0, y: 0, width: document.width, height: document.height, fill: "#ffffff")
        document.text(title, x: width / 2, y: 28, size: 15, anchor: .middle, bold: true)
        drawNodesAndEdges(into: &document)
        drawMatrix(into: &document)
        if !caption.isEmpty {
            document.text(caption, x: Self.margin, y: document.height - 10, size: 11, colour: Palette.colour(1).hex)
        }
        return document.render()
    }

    /// Node i at angle 2 pi i / N on a circle, starting at the top and going clockwise.
    private func position(_ node: Int) -> (x: Double, y: Double) {
        let angle = 2 * Double.pi * Double(node) / Double(graph.nodeCount) - Double.pi / 2
        let radius = Self.panel * 0.4
        return (Self.margin + Self.panel / 2 + radius * cos(angle), Self.top + Self.panel / 2 + radius * sin(angle))
    }

    private func drawNodesAndEdges(into document: inout SVGDocument) {
        document.group("edges") { edges in
            for edge in graph.edges {
                let (a, b) = (position(edge.first), position(edge.second))
                let isHighlighted = highlighted.map { Set([$0.0, $0.1]) == Set([edge.first, edge.second]) } ?? false
                edges.line(x1: a.x, y1: a.y, x2: b.x, y2: b.y, stroke: isHighlighted ? Palette.colour(1).hex : "#555555",
                           strokeWidth: isHighlighted ? 3 : 1.5)
            }
            if let (i, j) = highlighted, graph.adjacency[i, j] == 0 {
                let (a, b) = (position(i), position(j))
                edges.line(x1: a.x, y1: a.y, x2: b.x, y2: b.y, stroke: Palette.colour(1).hex, strokeWidth: 2, dashed: true)
            }
        }
        document.group("nodes") { nodes in
            for node in 0..<graph.nodeCount {
                let p = position(node)
                nodes.circle(cx: p.x, cy: p.y, radius: 13, fill: "#fff5d6", stroke: "#1a1a1a", strokeWidth: 1.5)
                nodes.text("\(node)", x: p.x, y: p.y + 5, size: 13, anchor: .middle, bold: true)
            }
        }
    }

    private func drawMatrix(into document: inout SVGDocument) {
        let n = graph.nodeCount
        let left = 2 * Self.margin + Self.panel + 16
        let cell = (Self.panel - 16) / Double(n)
        let a = graph.adjacency
        document.group("adjacency", crispEdges: true) { matrix in
            for i in 0..<n {
                for j in 0..<n {
                    matrix.rect(x: left + Double(j) * cell, y: Self.top + 16 + Double(i) * cell, width: cell, height: cell,
                                fill: a[i, j] != 0 ? "#000000" : "#ffffff", stroke: "#bbbbbb")
                }
            }
        }
        document.group("indices") { labels in
            for k in 0..<n {
                labels.text("\(k)", x: left + (Double(k) + 0.5) * cell, y: Self.top + 11, size: 11, anchor: .middle)
                labels.text("\(k)", x: left - 5, y: Self.top + 16 + (Double(k) + 0.5) * cell + 4, size: 11, anchor: .end)
            }
            if let (i, j) = highlighted {
                for (row, column) in [(i, j), (j, i)] {
                    labels.rect(x: left + Double(column) * cell, y: Self.top + 16 + Double(row) * cell, width: cell, height: cell,
                                fill: "none", stroke: Palette.colour(1).hex, strokeWidth: 3)
                }
            }
        }
    }
}
