// Exercise 48: a graph's adjacency, degree and Laplacian matrices from its list of edges.
// Practises MLiS II Sec. 2.9.1, Eq. (2.9.1) (the degree of a node) and DL Padova
// "Classification/Regression on Graphs" (the Laplacian L = D - A; E-69).
// See it running: `swift run graph-convolution` (Zachary's karate club, its degrees and spectrum).
// Check: swift run --package-path Exercises exercises 48
// Hints, one at a time: swift run --package-path Exercises exercises --hint 48
//
// Write three functions for an undirected graph with nodes 0..<N:
//   1. `adjacencyMatrix`: A from the edge list (each edge {i, j} connects both ways; weight 1);
//   2. `degrees`: each node's degree from A;
//   3. `laplacian`: L = D - A, with D the diagonal matrix of the degrees.

/// A, N x N: A[i][j] = A[j][i] = 1 for every edge {i, j}, 0 elsewhere (no self-loops in the list).
public func adjacencyMatrix(nodeCount: Int, edges: [(Int, Int)]) -> [[Double]] {
    var adjacency = [[Double]](repeating: [Double](repeating: 0, count: nodeCount), count: nodeCount)
    for (i, j) in edges {
        adjacency[i][j] = 1
        adjacency[j][i] = 1
    }
    return adjacency
}

/// The degree of every node.   Eq. (2.9.1)
public func degrees(_ adjacency: [[Double]]) -> [Double] {
    adjacency.map { $0.reduce(0, +) }
}

/// L = D - A (DL Padova "Classification/Regression on Graphs"), N x N.
public func laplacian(_ adjacency: [[Double]]) -> [[Double]] {
    let degree = degrees(adjacency)
    return adjacency.indices.map { i in
        adjacency.indices.map { j in (i == j ? degree[i] : 0) - adjacency[i][j] }
    }
}
