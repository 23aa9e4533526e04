// Graph.swift: an undirected graph G = (V, E) from its edge list, its adjacency matrix A, the
// degree (MLiS II Sec. 2.9.1, Eq. (2.9.1)), the degree matrix D and the Laplacian L = D - A
// (DL Padova "Classification/Regression on Graphs"; erratum E-69).
// Goals, in order: a graph that is always valid (every edge names two existing nodes, A = A^T);
// the notes' definitions, one function each; plain loops (graphs here have tens of nodes, and the
// propagation that runs in training loops is the sparse product of SparseMatrix.swift).

import Core

/// An undirected graph with nodes 0..<nodeCount and weighted edges (weight 1 unless given).
///
/// ```swift
/// let path = Graph(nodeCount: 3, edges: [(0, 1), (1, 2)])   // 0 - 1 - 2
/// print(path.degrees)                                         // [1.0, 2.0, 1.0]
/// print(path.laplacian.row(1))                                // [-1.0, 2.0, -1.0]
/// ```
///
/// The edge {i, j} is stored once, with i < j; the adjacency matrix holds it twice, A_ij = A_ji = w_ij.
/// A has no self-loops (A_ii = 0, MLiS II Fig. 2.9.2): they are added by A^ = A + I (Eq. (2.9.4)).
public struct Graph: Equatable, Sendable {
    /// One undirected edge {first, second} with first < second.
    public struct Edge: Equatable, Hashable, Sendable {
        public let first: Int
        public let second: Int
        public let weight: Float
    }

    /// |V|, the number of nodes.
    public let nodeCount: Int
    /// E, each edge once, in the order given.
    public let edges: [Edge]

    /// A graph from its edge list; each pair (i, j) is the undirected edge {i, j} with weight 1.
    /// Preconditions: every node lies in 0..<nodeCount; no self-loop (i, i); no edge given twice
    /// (as (i, j) or as (j, i)). A violation stops with a message naming the edge.
    public init(nodeCount: Int, edges pairs: [(Int, Int)]) {
        self.init(nodeCount: nodeCount, weightedEdges: pairs.map { ($0.0, $0.1, 1) })
    }

    /// A graph from weighted edges (i, j, w_ij). Preconditions as `init(nodeCount:edges:)`, and w_ij > 0.
    public init(nodeCount: Int, weightedEdges: [(Int, Int, Float)]) {
        require(nodeCount >= 0, "Graph: the node count must be >= 0, got \(nodeCount)")
        var seen = Set<Int>()   // first * nodeCount + second of every edge so far
        var edges: [Edge] = []
        for (index, (i, j, weight)) in weightedEdges.enumerated() {
            require(i >= 0 && i < nodeCount && j >= 0 && j < nodeCount,
                    "Graph: edge \(index) (\(i), \(j)) names node \(i >= 0 && i < nodeCount ? j : i), "
                    + "but the graph has the nodes 0..<\(nodeCount)")
            require(i != j, "Graph: edge \(index) (\(i), \(j)) is a self-loop; A has none (self-loops enter as A + I, Eq. (2.9.4))")
            require(weight > 0 && weight.isFinite, "Graph: edge \(index) (\(i), \(j)) has weight \(weight); weights must be positive")
            let edge = Edge(first: min(i, j), second: max(i, j), weight: weight)
            require(seen.insert(edge.first * nodeCount + edge.second).inserted,
                    "Graph: edge \(index) (\(i), \(j)) is given twice")
            edges.append(edge)
        }
        self.nodeCount = nodeCount
        self.edges = edges
    }

    /// The graph whose adjacency matrix is `adjacency`, read as an undirected graph.
    /// Preconditions: a square matrix with a zero diagonal, entries >= 0, and symmetric (A = A^T):
    /// an undirected graph cannot have A_ij != A_ji, and the message names the first such pair.
    public init(adjacency: Tensor) {
        require(adjacency.rank == 2 && adjacency.rows == adjacency.columns,
                "Graph(adjacency:): the adjacency must be a square matrix, got shape \(adjacency.shape)")
        let n = adjacency.rows
        var weighted: [(Int, Int, Float)] = []
        for i in 0..<n {
            require(adjacency[i, i] == 0,
                    "Graph(adjacency:): A[\(i), \(i)] = \(adjacency[i, i]); A has no self-loops (they enter as A + I, Eq. (2.9.4))")
            for j in (i + 1)..<max(n, i + 1) {
                let (forward, backward) = (adjacency[i, j], adjacency[j, i])
                require(forward == backward,
                        "Graph(adjacency:): the adjacency is not symmetric: A[\(i), \(j)] = \(forward) but A[\(j), \(i)] = \(backward); "
                        + "an undirected graph needs A = A^T")
                require(forward >= 0, "Graph(adjacency:): A[\(i), \(j)] = \(forward); edge weights cannot be negative")
                if forward > 0 { weighted.append((i, j, forward)) }
            }
        }
        self.init(nodeCount: n, weightedEdges: weighted)
    }

    /// The adjacency matrix A, shape [N, N]: A_ij = A_ji = w_ij for every edge, 0 elsewhere (MLiS II Fig. 2.9.2).
    public var adjacency: Tensor {
        var a = Tensor(shape: [nodeCount, nodeCount])
        for edge in edges {
            a[edge.first, edge.second] = edge.weight
            a[edge.second, edge.first] = edge.weight
        }
        return a
    }

    /// The degree d(v_i) = sum_j e_ij of every node   (MLiS II Eq. (2.9.1)): the number of neighbours,
    /// or the sum of the edge weights on a weighted graph. Equal to the row sums of A.
    public var degrees: [Float] {
        var d = [Float](repeating: 0, count: nodeCount)
        for edge in edges {
            d[edge.first] += edge.weight
            d[edge.second] += edge.weight
        }
        return d
    }

    /// The degree matrix D = diag(d_1, ..., d_N), shape [N, N].
    public var degreeMatrix: Tensor {
        diagonalMatrix(degrees)
    }

    /// The graph Laplacian L = D - A, shape [N, N]   (DL Padova "Classification/Regression on Graphs").
    /// Off the diagonal L_ij = -A_ij = -w_ij; on it L_ii = d_i (the notes give only the first: E-69).
    /// L is symmetric and positive semidefinite; its eigenvalue 0 appears once per connected component.
    public var laplacian: Tensor {
        degreeMatrix - adjacency
    }

    /// The neighbours of every node, in increasing order.
    public var neighbours: [[Int]] {
        var lists = [[Int]](repeating: [], count: nodeCount)
        for edge in edges {
            lists[edge.first].append(edge.second)
            lists[edge.second].append(edge.first)
        }
        return lists.map { $0.sorted() }
    }

    /// The connected components, each a sorted list of nodes, ordered by their smallest node
    /// (breadth-first search from every node not yet reached).
    public var connectedComponents: [[Int]] {
        let lists = neighbours
        var component = [Int](repeating: -1, count: nodeCount)
        var components: [[Int]] = []
        for start in 0..<nodeCount where component[start] < 0 {
            var members = [start]
            component[start] = components.count
            var next = 0
            while next < members.count {
                for neighbour in lists[members[next]] where component[neighbour] < 0 {
                    component[neighbour] = components.count
                    members.append(neighbour)
                }
                next += 1
            }
            components.append(members.sorted())
        }
        return components
    }

    /// The same graph with node i renamed `newLabel[i]`: A'[newLabel[i], newLabel[j]] = A[i, j].
    /// In matrix form A' = P A P^T with the permutation matrix P_(newLabel[i], i) = 1.
    /// Precondition: `newLabel` is a permutation of 0..<nodeCount.
    public func relabelled(_ newLabel: [Int]) -> Graph {
        requirePermutation(newLabel, nodeCount, "Graph.relabelled")
        return Graph(nodeCount: nodeCount,
                     weightedEdges: edges.map { (newLabel[$0.first], newLabel[$0.second], $0.weight) })
    }

    /// The graph with the edge {i, j} added if it is absent, or removed if it is present: the one
    /// symmetric pair of entries of A that MLiS II Fig. 2.9.3 changes. Precondition: i != j, both nodes exist.
    public func togglingEdge(_ i: Int, _ j: Int) -> Graph {
        require(i != j && (0..<nodeCount).contains(i) && (0..<nodeCount).contains(j),
                "Graph.togglingEdge: (\(i), \(j)) is not a pair of distinct nodes of 0..<\(nodeCount)")
        let key = (min(i, j), max(i, j))
        let kept = edges.filter { ($0.first, $0.second) != key }
        let toggled = kept.count == edges.count ? edges + [Edge(first: key.0, second: key.1, weight: 1)] : kept
        return Graph(nodeCount: nodeCount, weightedEdges: toggled.map { ($0.first, $0.second, $0.weight) })
    }
}

/// The diagonal matrix with `values` on its diagonal, shape [n, n].
func diagonalMatrix(_ values: [Float]) -> Tensor {
    var d = Tensor(shape: [values.count, values.count])
    for (i, value) in values.enumerated() { d[i, i] = value }
    return d
}

/// Stops unless `permutation` holds each of 0..<count exactly once.
func requirePermutation(_ permutation: [Int], _ count: Int, _ caller: String) {
    require(permutation.count == count && Set(permutation) == Set(0..<count),
            "\(caller): \(permutation) is not a permutation of 0..<\(count)")
}
