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
    // TODO: an N x N matrix of zeros, then a 1 at (i, j) and at (j, i) for every edge.
    return []
}

/// The degree of every node.   Eq. (2.9.1)
public func degrees(_ adjacency: [[Double]]) -> [Double] {
    // TODO: one degree per node.
    return []
}

/// L = D - A (DL Padova "Classification/Regression on Graphs"), N x N.
public func laplacian(_ adjacency: [[Double]]) -> [[Double]] {
    // TODO: the degree matrix minus A.
    return []
}
