// Tests that programmer errors stop the program with a message naming the bad value or shapes: an
// edge to a node that does not exist, a non-symmetric adjacency read as undirected, mismatched shapes.
// Each runs in a child process (Swift Testing's exit tests) and checks its standard error.

import Testing
import Core
import NeuralNetworks
import GraphNetworks

@Suite("Bad graph input stops with a message")
struct BadInputTests {
    @Test("An edge to a node that does not exist")
    func edgeToMissingNode() async {
        let stopped = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Graph(nodeCount: 3, edges: [(0, 1), (1, 3)])
        }
        #expect(standardError(of: stopped).contains("Graph: edge 1 (1, 3) names node 3, but the graph has the nodes 0..<3"))
    }

    @Test("A non-symmetric adjacency given as an undirected graph")
    func nonSymmetricAdjacency() async {
        let stopped = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Graph(adjacency: Tensor([[0, 1, 0], [0, 0, 1], [0, 1, 0]]))
        }
        #expect(standardError(of: stopped).contains(
            "the adjacency is not symmetric: A[0, 1] = 1.0 but A[1, 0] = 0.0; an undirected graph needs A = A^T"))
    }

    @Test("A self-loop in A, and an edge given twice")
    func selfLoopAndDuplicate() async {
        let loop = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Graph(nodeCount: 2, edges: [(1, 1)])
        }
        #expect(standardError(of: loop).contains("edge 0 (1, 1) is a self-loop"))
        let twice = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Graph(nodeCount: 3, edges: [(0, 1), (1, 0)])
        }
        #expect(standardError(of: twice).contains("edge 1 (1, 0) is given twice"))
    }

    @Test("Normalising without self-loops when a node has no neighbour")
    func isolatedNodeWithoutSelfLoops() async {
        let stopped = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Graph(nodeCount: 3, edges: [(0, 1)]).normalisedAdjacency(addingSelfLoops: false)
        }
        #expect(standardError(of: stopped).contains("node 2 has degree 0, so D^-1/2 is undefined"))
    }

    @Test("Features with the wrong number of rows, or weights that do not fit them")
    func layerShapes() async {
        let rows = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            let s = Graph(nodeCount: 3, edges: [(0, 1)]).normalisedAdjacency()
            _ = GraphConvolution(weights: Tensor(shape: [2, 4]), activation: .relu, propagation: s)(Tensor(shape: [4, 2]))
        }
        #expect(standardError(of: rows).contains("GraphConvolution.forward (S H: S is [N, N], H is [N, F_in]): shapes [3, 3] and [4, 2] do not fit"))
        let weights = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            let s = Graph(nodeCount: 3, edges: [(0, 1)]).normalisedAdjacency()
            _ = GraphConvolution(weights: Tensor(shape: [5, 4]), activation: .relu, propagation: s)(Tensor(shape: [3, 2]))
        }
        #expect(standardError(of: weights).contains("shapes [3, 2] and [5, 4] do not fit"))
    }

    @Test("Backward before any forward pass, and a gradient of the wrong shape")
    func backwardMisuse() async {
        let early = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            let s = Graph(nodeCount: 3, edges: [(0, 1)]).normalisedAdjacency()
            _ = GraphConvolution(weights: Tensor(shape: [2, 4]), activation: .relu, propagation: s).backward(Tensor(shape: [3, 4]))
        }
        #expect(standardError(of: early).contains("GraphConvolution.backward: called before forward"))
        let shape = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            let s = Graph(nodeCount: 3, edges: [(0, 1)]).normalisedAdjacency()
            let layer = GraphConvolution(weights: Tensor(shape: [2, 4]), activation: .relu, propagation: s)
            _ = layer(Tensor(shape: [3, 2]))
            _ = layer.backward(Tensor(shape: [3, 5]))
        }
        #expect(standardError(of: shape).contains("GraphConvolution.backward (dJ/dH' against H'): shapes [3, 5] and [3, 4] do not fit"))
    }

    @Test("Layers stacked on different graphs")
    func layersOnDifferentGraphs() async {
        let stopped = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            let (path, star) = (Graph(nodeCount: 3, edges: [(0, 1), (1, 2)]), Graph(nodeCount: 3, edges: [(0, 1), (0, 2)]))
            _ = GraphConvolutionalNetwork(layers: [
                GraphConvolution(weights: Tensor(shape: [2, 2]), activation: .relu, propagation: path.normalisedAdjacency()),
                GraphConvolution(weights: Tensor(shape: [2, 2]), activation: .linear, propagation: star.normalisedAdjacency()),
            ])
        }
        #expect(standardError(of: stopped).contains("layers 0 and 1 propagate along different graphs"))
    }

    @Test("A labelled node that the logits do not have")
    func labelledNodeOutOfRange() async {
        let stopped = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = MaskedCrossEntropy(labelledNodes: [0, 7], labels: [0, 1], classes: 2).evaluate(Tensor(shape: [4, 2]))
        }
        #expect(standardError(of: stopped).contains("labelled node 7 is not a row of the logits [4, 2]"))
    }
}
