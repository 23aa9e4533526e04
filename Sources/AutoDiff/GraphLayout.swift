// GraphLayout.swift: where to draw each node of a computational graph, inputs at the bottom and the
// result at the top, as DL Padova "AutoDifferentiation" draws AD-1 ("propagating from the bottom
// (the input variables) to the top (the output function)").
// Goals, in order: every edge points upwards; an edge that skips layers bends round the nodes in
// between instead of running through them; few crossings on small graphs; deterministic.
//
// The method is the usual layered drawing (Sugiyama): (1) a node's layer is one more than its
// highest input's; an input node is then lifted to just below its lowest user, so b of AD-1 sits
// beside w1 x w2 rather than beside w and x; (2) an edge that spans several layers gets a bend point
// in each layer it crosses; (3) each layer, from the bottom up, is sorted by the mean position of
// what feeds it from the layer below (the barycentre rule). Constants are not drawn.

/// Layers and positions for the nodes of the graph below `root`, and the route of each edge.
public struct GraphLayout {
    /// A drawn node: its layer (0 at the bottom) and its column, centred on 0 (-1, 0, 1 or -0.5, 0.5).
    public struct PlacedNode {
        public let node: Node
        public let layer: Int
        public let column: Double
    }

    /// An edge from an input to the node computed from it, with its local derivative and the
    /// (layer, column) points it bends at on the way up (none when it joins neighbouring layers).
    public struct Route {
        public let from: Node
        public let to: Node
        public let localDerivative: Double
        public let bends: [(layer: Int, column: Double)]
    }

    public let placedNodes: [PlacedNode]
    public let routes: [Route]
    /// The number of layers, and the most items (nodes and bends) in any one layer.
    public let layerCount: Int
    public let widestLayer: Int

    /// One slot in a layer: a node, or the bend of an edge passing through.
    private struct Item {
        let node: Node?
        let layer: Int
        var below: [Int] = []          // items in the layer underneath that feed this one
    }

    public init(root: Node) {
        let nodes = root.topologicalOrder().filter { !$0.isConstant }
        let layers = Self.assignLayers(nodes)
        var items: [Item] = []
        var itemOfNode: [ObjectIdentifier: Int] = [:]
        for node in nodes {
            itemOfNode[ObjectIdentifier(node)] = items.count
            items.append(Item(node: node, layer: layers[ObjectIdentifier(node)]!))
        }
        // Each edge: a chain of bend items from the input's layer up to the node's.
        var bendItems: [[Int]] = []
        var edges: [(from: Node, to: Node, localDerivative: Double)] = []
        for node in nodes {
            for (input, localDerivative) in zip(node.inputs, node.localDerivatives) where !input.isConstant {
                var previous = itemOfNode[ObjectIdentifier(input)]!
                var chain: [Int] = []
                for layer in (items[previous].layer + 1)..<items[itemOfNode[ObjectIdentifier(node)]!].layer {
                    items.append(Item(node: nil, layer: layer, below: [previous]))
                    previous = items.count - 1
                    chain.append(previous)
                }
                items[itemOfNode[ObjectIdentifier(node)]!].below.append(previous)
                bendItems.append(chain)
                edges.append((input, node, localDerivative))
            }
        }
        let columns = Self.orderLayers(items)
        placedNodes = nodes.map { node in
            let item = itemOfNode[ObjectIdentifier(node)]!
            return PlacedNode(node: node, layer: items[item].layer, column: columns[item])
        }
        routes = zip(edges, bendItems).map { edge, chain in
            Route(from: edge.from, to: edge.to, localDerivative: edge.localDerivative,
                  bends: chain.map { (items[$0].layer, columns[$0]) })
        }
        layerCount = (items.map(\.layer).max() ?? 0) + 1
        widestLayer = (0..<layerCount).map { layer in items.filter { $0.layer == layer }.count }.max() ?? 1
    }

    /// Step (1): layer = 1 + the highest input's layer (0 for inputs), then each input node moved up to
    /// one below the lowest node that uses it.
    private static func assignLayers(_ nodes: [Node]) -> [ObjectIdentifier: Int] {
        var layer: [ObjectIdentifier: Int] = [:]
        for node in nodes {                                 // topological order: inputs come first
            let below = node.inputs.filter { !$0.isConstant }.map { layer[ObjectIdentifier($0)]! }
            layer[ObjectIdentifier(node)] = (below.max() ?? -1) + 1
        }
        var lowestUser: [ObjectIdentifier: Int] = [:]
        for node in nodes {
            for input in node.inputs where !input.isConstant {
                lowestUser[ObjectIdentifier(input), default: Int.max] = min(lowestUser[ObjectIdentifier(input), default: Int.max],
                                                                            layer[ObjectIdentifier(node)]!)
            }
        }
        for node in nodes where node.inputs.allSatisfy(\.isConstant) {
            if let user = lowestUser[ObjectIdentifier(node)] { layer[ObjectIdentifier(node)] = user - 1 }
        }
        return layer
    }

    /// Steps (2)-(3): the column of every item. Layer 0 keeps the order the items were made in; each
    /// layer above is sorted by the mean position of the items feeding it (items fed by nothing, such
    /// as lifted inputs, go to the right), ties kept in the order they were made.
    private static func orderLayers(_ items: [Item]) -> [Double] {
        var columns = [Double](repeating: 0, count: items.count)
        let layerCount = (items.map(\.layer).max() ?? 0) + 1
        for layer in 0..<layerCount {
            let members = items.indices.filter { items[$0].layer == layer }
            func barycentre(_ item: Int) -> Double {
                let below = items[item].below
                return below.isEmpty ? Double.infinity : below.map { columns[$0] }.reduce(0, +) / Double(below.count)
            }
            let ordered = layer == 0 ? members : members.sorted { (barycentre($0), $0) < (barycentre($1), $1) }
            for (index, item) in ordered.enumerated() {
                columns[item] = Double(index) - Double(ordered.count - 1) / 2
            }
        }
        return columns
    }
}
