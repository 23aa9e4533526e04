// The matrices of a graph (MLiS II Secs. 2.9.1-2.9.2, DL Padova "Classification/Regression on
// Graphs"), on WORKED-NUMBERS.md's path graph (WORKED-NUMBERS.md 9.3 G1), Figs. 2.9.2-2.9.3,
// and what the naive propagation A H of Eq. (2.9.3) gets wrong.

import Core
import NeuralNetworks
import GraphNetworks

struct MatrixResults {
    var laplacianEigenvalues: [Double] = []
    var normalisedOffDiagonal: Float = 0
    var softmaxFirstRow: [Float] = []
    var componentsAfterToggle = 0
    var naiveGrowth = 0.0
    var normalisedGrowth = 0.0
}

func matricesSection(options: ChapterOptions) throws -> MatrixResults {
    var results = MatrixResults()
    let path = Graph(nodeCount: 3, edges: [(0, 1), (1, 2)])
    print("1. A graph as matrices (MLiS II Sec. 2.9.1; DL Padova \"Classification/Regression on Graphs\"): the path 0 - 1 - 2")
    print(matrixText("adjacency A", path.adjacency))
    print("   degree d(v_i) = sum_j e_ij (Eq. (2.9.1)): \(path.degrees.map { formatted($0, digits: 0) }.joined(separator: ", "))")
    print(matrixText("Laplacian L = D - A (L_ij = -A_ij off the diagonal, L_ii = d_i: E-69)", path.laplacian))
    results.laplacianEigenvalues = symmetricEigenvalues(path.laplacian)
    print("   eigenvalues of L: \(results.laplacianEigenvalues.map { formatted($0, digits: 4) }.joined(separator: ", "))"
          + " (one 0 per connected component)\n")

    print("   Self-loops A^ = A + I and D^_ii = sum_j A^_ij (D^ is not defined in the notes: E-49) give D^ = diag(2, 3, 2), and")
    let s = path.normalisedAdjacency()
    results.normalisedOffDiagonal = s.dense[0, 1]
    print(matrixText("D^-1/2 A^ D^-1/2 (Eq. (2.9.4); entries 1/2, 1/sqrt(6) = 0.4082, 1/3)", s.dense))
    let model = GraphConvolutionalNetwork(layers: [
        GraphConvolution(weights: Tensor([[1, -1, 0.5], [0.5, 1, -1]]), activation: .relu, propagation: s),
        GraphConvolution(weights: Tensor([[1, 0], [0, 1], [1, -1]]), activation: .linear, propagation: s),
    ])
    let x = Tensor([[1, 0], [0, 1], [1, 1]])
    print("   The two-layer GCN of Eq. (2.9.5), softmax(S ReLU(S X W0) W1) with S = D^-1/2 A^ D^-1/2 (the notes print A^: E-49),")
    print("   X = [[1,0],[0,1],[1,1]], W0 = [[1,-1,0.5],[0.5,1,-1]], W1 = [[1,0],[0,1],[1,-1]]:")
    print(matrixText("hidden H = ReLU(S X W0)", model.layerOutputs(x)[0]))
    let probabilities = model.probabilities(x)
    results.softmaxFirstRow = probabilities.row(0)
    print(matrixText("Y^ = softmax(S H W1), one row per node", probabilities) + "\n")

    try figuresSection(options: options, results: &results)
    try naivePropagationSection(results: &results)
    return results
}

/// Figs. 2.9.2 and 2.9.3: a small graph and its adjacency matrix, then the same with one pair of entries changed.
private func figuresSection(options: ChapterOptions, results: inout MatrixResults) throws {
    let triangles = Graph(nodeCount: 6, edges: [(0, 1), (1, 2), (0, 2), (2, 3), (3, 4), (4, 5), (3, 5)])
    let cut = triangles.togglingEdge(2, 3)
    results.componentsAfterToggle = cut.connectedComponents.count
    print("2. Figs. 2.9.2-2.9.3: two triangles joined by the edge {2, 3}. A_01 = A_10 = 1 (black): nodes 0 and 1 are friends;")
    print("   A_00 = 0 (white): no self-loop. (The notes count nodes from 1.) Changing the one pair A_23 = A_32 to 0 cuts the")
    print("   graph in \(results.componentsAfterToggle): components \(cut.connectedComponents); the Laplacian now has"
          + " \(symmetricEigenvalues(cut.laplacian).filter { abs($0) < 1e-9 }.count) zero eigenvalues.")
    let before = GraphFigure(title: "Fig. 2.9.2: a graph and its adjacency matrix", graph: triangles)
    let after = GraphFigure(title: "Fig. 2.9.3: one pair of entries changed (red)", graph: cut, highlighted: (2, 3),
                            caption: "A_23 = A_32: 1 -> 0. The graph falls apart into two components.")
    let paths = [try options.figurePath("fig-2.9.2-graph-and-adjacency.svg"), try options.figurePath("fig-2.9.3-one-entry-changed.svg")]
    try before.write(to: paths[0])
    try after.write(to: paths[1])
    print("   wrote \(paths[0])\n      Fig. 2.9.2: a graph with arbitrarily numbered nodes and its adjacency matrix")
    print("   wrote \(paths[1])\n      Fig. 2.9.3: one entry of the adjacency matrix (and its mirror) changed, and the graph it now describes\n")
}

/// Eq. (2.9.3)'s two problems, measured on the karate club.
private func naivePropagationSection(results: inout MatrixResults) throws {
    print("3. What the naive layer Phi(A H K) of Eq. (2.9.3) gets wrong, and what Eq. (2.9.4) fixes")
    let path = Graph(nodeCount: 3, edges: [(0, 1), (1, 2)])
    let onlyMiddle = Tensor(column: [0, 1, 0])
    let spread = { (rule: PropagationRule) in
        path.propagationMatrix(rule).times(onlyMiddle).scalars.map { formatted($0, digits: 3) }.joined(separator: ", ")
    }
    print("   A feature only node 1 has, h = (0, 1, 0), on the path graph:")
    for rule in PropagationRule.allCases {
        print("     \(rule.rawValue.padding(toLength: 36, withPad: " ", startingAt: 0)) h -> (\(spread(rule)))")
    }
    print("   A h hands the feature to nodes 0 and 2 and takes it from node 1 itself: A_ii = 0 drops each node's own features.")
    let club = try KarateClub.load()
    var generator = Xoshiro256StarStar(seed: 23)
    let x = generator.normalTensor(shape: [34, 1])
    let norm = { (t: Tensor) in Double(t.dot(t)).squareRoot() }
    let naive = diffusionSequence(x, shift: club.graph.propagationMatrix(.naive), count: 11)
    let normalised = diffusionSequence(x, shift: club.graph.propagationMatrix(.normalised), count: 11)
    results.naiveGrowth = norm(naive[10]) / norm(x)
    results.normalisedGrowth = norm(normalised[10]) / norm(x)
    let largest = symmetricEigenvalues(club.graph.adjacency).last!
    print("   On the karate club, ten layers' worth of propagation of a random signal x (seed 23):")
    print("     ||A^10 x|| / ||x|| = \(formatted(results.naiveGrowth, digits: 0)) (the largest eigenvalue of A is"
          + " \(formatted(largest, digits: 4)), and high-degree members dominate)")
    print("     ||(D^-1/2 A^ D^-1/2)^10 x|| / ||x|| = \(formatted(results.normalisedGrowth)) (its eigenvalues lie in [-1, 1])\n")
}

/// A matrix printed under a heading, one indented row per line, 4 decimals.
func matrixText(_ heading: String, _ matrix: Tensor) -> String {
    let rows = (0..<matrix.rows).map { i in
        "     [" + matrix.row(i).map { value in
            let text = formatted(value)
            return String(repeating: " ", count: max(0, 7 - text.count)) + text
        }.joined(separator: ", ") + "]"
    }
    return "   \(heading):\n" + rows.joined(separator: "\n")
}
