// Tests of Graph.swift and SymmetricEigenvalues.swift: degree (MLiS II Eq. (2.9.1)), adjacency, degree
// matrix and Laplacian L = D - A (DL Padova "Classification/Regression on Graphs", erratum E-69) of
// WORKED-NUMBERS.md's hand graph (WORKED-NUMBERS.md 9.3 G1), the Laplacian's spectrum,
// components, relabelling.

import Testing
import Core
import GraphNetworks

@Suite("Graphs: adjacency, degree, Laplacian (MLiS II 2.9.1, DL Padova)")
struct GraphTests {
    @Test("Sec. 9.3 (G1): the path 0 - 1 - 2 has A = [[0,1,0],[1,0,1],[0,1,0]], degrees (1, 2, 1), D = diag(1, 2, 1)")
    func pathGraphAdjacencyAndDegree() {
        #expect(pathGraph.adjacency == Tensor([[0, 1, 0], [1, 0, 1], [0, 1, 0]]))
        #expect(pathGraph.degrees == [1, 2, 1])
        #expect(pathGraph.degreeMatrix == Tensor([[1, 0, 0], [0, 2, 0], [0, 0, 1]]))
        #expect(pathGraph.neighbours == [[1], [0, 2], [1]])
    }

    @Test("E-69: L = D - A = [[1,-1,0],[-1,2,-1],[0,-1,1]]: L_ij = -A_ij off the diagonal, but L_ii = d_i, not -A_ii = 0")
    func pathGraphLaplacian() {
        let laplacian = pathGraph.laplacian
        #expect(laplacian == Tensor([[1, -1, 0], [-1, 2, -1], [0, -1, 1]]))
        for i in 0..<3 {
            #expect(laplacian[i, i] == pathGraph.degrees[i], "L_ii = d_i at node \(i)")
            #expect(laplacian[i, i] != -pathGraph.adjacency[i, i], "the notes' L_ij = -A_ij fails on the diagonal")
        }
    }

    @Test("Sec. 9.3 (G1): the eigenvalues of the path graph's Laplacian are 0, 1, 3")
    func pathGraphSpectrum() {
        #expect(isApproximatelyEqual(symmetricEigenvalues(pathGraph.laplacian), [0, 1, 3], absoluteTolerance: 1e-12))
    }

    @Test("Eq. (2.9.1) on a weighted graph: the degree is the sum of the edge weights, the row sums of A")
    func weightedDegree() {
        let graph = Graph(nodeCount: 4, weightedEdges: [(0, 1, 2), (1, 2, 0.5), (3, 1, 1)])
        #expect(graph.degrees == [2, 3.5, 0.5, 1])
        let a = graph.adjacency
        for i in 0..<4 { #expect((0..<4).reduce(0) { $0 + a[i, $1] } == graph.degrees[i]) }
    }

    @Test("A graph read back from its adjacency matrix is the same graph, and A = A^T")
    func adjacencyRoundTrip() {
        var generator = Xoshiro256StarStar(seed: 3)
        let graph = randomGraph(nodeCount: 15, density: 0.3, generator: &generator)
        let a = graph.adjacency
        #expect(a == a.transposed())
        #expect(Graph(adjacency: a).adjacency == a)
    }

    @Test("The Laplacian is positive semidefinite, with the eigenvalue 0 once per connected component (seed 5)")
    func laplacianZeroEigenvaluesCountComponents() {
        var generator = Xoshiro256StarStar(seed: 5)
        // Two random blobs and an isolated node: three components (sparse enough to check they are found).
        let left = randomGraph(nodeCount: 8, density: 0.6, generator: &generator)
        let right = randomGraph(nodeCount: 6, density: 0.7, generator: &generator)
        let edges = left.edges.map { ($0.first, $0.second) } + right.edges.map { ($0.first + 8, $0.second + 8) }
        let graph = Graph(nodeCount: 15, edges: edges)
        let components = graph.connectedComponents
        let eigenvalues = symmetricEigenvalues(graph.laplacian)
        #expect(eigenvalues.allSatisfy { $0 > -1e-9 }, "L is positive semidefinite: \(eigenvalues)")
        #expect(eigenvalues.filter { abs($0) < 1e-9 }.count == components.count, "\(components) against \(eigenvalues)")
        #expect(components.last == [14])
    }

    @Test("Fig. 2.9.3: toggling one symmetric pair of entries of A removes the only bridge and splits the graph")
    func oneEntryChangesTheGraph() {
        // Two triangles joined by the edge {2, 3}.
        let graph = Graph(nodeCount: 6, edges: [(0, 1), (1, 2), (0, 2), (2, 3), (3, 4), (4, 5), (3, 5)])
        #expect(graph.connectedComponents.count == 1)
        let cut = graph.togglingEdge(3, 2)
        #expect(cut.edges.count == graph.edges.count - 1)
        #expect(cut.connectedComponents == [[0, 1, 2], [3, 4, 5]])
        #expect(cut.togglingEdge(2, 3).adjacency == graph.adjacency)
    }

    @Test("Relabelling gives A' = P A P^T: A'[new(i), new(j)] = A[i, j] (seed 7)")
    func relabelling() {
        var generator = Xoshiro256StarStar(seed: 7)
        let graph = randomGraph(nodeCount: 10, density: 0.4, generator: &generator)
        let newLabel = generator.permutation(10)
        let (a, relabelled) = (graph.adjacency, graph.relabelled(newLabel).adjacency)
        for i in 0..<10 { for j in 0..<10 { #expect(relabelled[newLabel[i], newLabel[j]] == a[i, j]) } }
        #expect(symmetricEigenvalues(graph.laplacian).elementsEqual(symmetricEigenvalues(graph.relabelled(newLabel).laplacian)) {
            abs($0 - $1) < 1e-9
        }, "the spectrum does not depend on the labels")
    }

    @Test("The Jacobi eigenvalues of random symmetric matrices: their sum is the trace, their squares sum to ||A||_F^2 (seed 9)")
    func jacobiInvariants() {
        var generator = Xoshiro256StarStar(seed: 9)
        for size in [1, 2, 5, 20] {
            let b = generator.normalTensor(shape: [size, size])
            let symmetric = 0.5 * (b + b.transposed())
            let eigenvalues = symmetricEigenvalues(symmetric)
            let trace = (0..<size).reduce(0.0) { $0 + Double(symmetric[$1, $1]) }
            let frobenius = symmetric.doubles.reduce(0) { $0 + $1 * $1 }
            #expect(isApproximatelyEqual(eigenvalues.reduce(0, +), trace, absoluteTolerance: 1e-9), "size \(size)")
            #expect(isApproximatelyEqual(eigenvalues.reduce(0) { $0 + $1 * $1 }, frobenius, relativeTolerance: 1e-9), "size \(size)")
            #expect(eigenvalues == eigenvalues.sorted())
        }
    }
}
