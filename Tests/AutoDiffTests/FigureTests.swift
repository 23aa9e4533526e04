// Tests of the graph layout and the drawn graph: every edge goes up, nothing shares a slot, the AD-1
// figure shows the notes' values, gradients and edge derivatives, and the same graph gives the same file.

import Testing
import Core
import AutoDiff

@Suite("Drawing computational graphs")
struct FigureTests {
    @Test("AD-1 layout: inputs w1, w2 at the bottom, b lifted beside w5, y beside w7, z = w8 alone at the top; constants not drawn")
    func ad1Layout() {
        let graph = AD1Graph()
        let layout = GraphLayout(root: graph.z)
        let layers = Dictionary(uniqueKeysWithValues: layout.placedNodes.map { ($0.node.label, $0.layer) })
        #expect(layers == ["w1": 0, "w2": 0, "w3": 1, "w5": 1, "w6": 2, "w4": 3, "w7": 3, "w8": 4])
        #expect(layout.routes.count == 7)                       // the edge from the constant 0 is left out
        #expect(layout.layerCount == 5 && layout.widestLayer == 2)
    }

    @Test("Every edge goes upwards one layer at a time (bends in between), and no two items share a slot: AD-1, AD-2, a random network graph (seed 3)")
    func layoutInvariants() {
        var generator = Xoshiro256StarStar(seed: 3)
        let network = ScalarNetwork(sizes: [2, 3, 2], hidden: .tanh, output: .sigmoid, generator: &generator)
        let roots = [AD1Graph().z, AD2Graph(x: 2).f, Node.sum(network([0.5, -1]))]
        for root in roots {
            let layout = GraphLayout(root: root)
            let layerOf = Dictionary(uniqueKeysWithValues: layout.placedNodes.map { (ObjectIdentifier($0.node), $0.layer) })
            var slots = Set(layout.placedNodes.map { "\($0.layer),\($0.column)" })
            #expect(slots.count == layout.placedNodes.count)
            for route in layout.routes {
                let (from, to) = (layerOf[ObjectIdentifier(route.from)]!, layerOf[ObjectIdentifier(route.to)]!)
                #expect(from < to)
                #expect(route.bends.map(\.layer) == Array((from + 1)..<to))
                for bend in route.bends { #expect(slots.insert("\(bend.layer),\(bend.column)").inserted) }
            }
        }
    }

    @Test("AD-2 layout: the edge w1 -> w3 bends round w2 instead of running through it")
    func ad2Bend() {
        let graph = AD2Graph(x: 2)
        let layout = GraphLayout(root: graph.f)
        let route = layout.routes.first { $0.from === graph.w1 && $0.to === graph.w3 }!
        let w2 = layout.placedNodes.first { $0.node === graph.w2 }!
        #expect(route.bends.count == 1 && route.bends[0].layer == w2.layer && route.bends[0].column != w2.column)
    }

    @Test("The AD-1 figure shows each node's formula, value and gradient, and the local derivative of each edge; same graph, same bytes")
    func ad1Figure() {
        let graph = AD1Graph()
        graph.z.backward()
        let figure = ComputationGraphFigure(root: graph.z, title: "AD-1", inputNames: AD1Graph.variableNames)
        let svg = figure.svg()
        for text in ["w1 = w", "w2 = x", "w3 = b", "w4 = y", "w5 = w1 × w2", "w7 = max(0, w6)", "w8 = w4 − w7",
                     "value 3", "gradient -2", "gradient -1", ">-1</text>", ">1</text>", ">2</text>"] {
            #expect(svg.contains(text), "missing \(text)")
        }
        #expect(figure.boxes.count == 8 && figure.edges.count == 7)
        #expect(figure.edges.map(\.label).sorted() == ["-1", "1", "1", "1", "1", "1", "2"])
        #expect(ComputationGraphFigure(root: graph.z, title: "AD-1", inputNames: AD1Graph.variableNames).svg() == svg)
        #expect(!svg.contains("nan"))
    }
}
