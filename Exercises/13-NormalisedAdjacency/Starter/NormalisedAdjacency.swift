// Exercise 13: the normalised adjacency of a graph convolutional layer.
// Practises MLiS II Sec. 2.9.2, Eq. (2.9.4), with D^ defined as the degree matrix of A^ (erratum E-49).
// Check:  swift run --package-path Exercises exercises 13     (one hint at a time: exercises --hint 13)
// See it running:  swift run graph-convolution
//
// A graph layer propagates features with
//     S = D^^-1/2 A^ D^^-1/2,   A^ = A + I,   D^_ii = sum_j A^_ij   (so D^_ii = d_i + 1),
// entry by entry S_ij = A^_ij / sqrt(D^_ii D^_jj). The self-loops keep each node's own features; the
// normalisation keeps high-degree nodes from swamping the others, and S stays symmetric.

import Core

/// D^^-1/2 (A + I) D^^-1/2 for the adjacency matrix A of an undirected graph.
/// - Parameter adjacency: A, shape [N, N], symmetric, zero diagonal.
/// - Returns: the normalised matrix S, shape [N, N].
public func normalisedAdjacency(_ adjacency: Tensor) -> Tensor {
    // TODO: add the self-loops, compute the degrees of A^, and scale entry (i, j) by 1 / sqrt(d^_i d^_j).
    return adjacency
}
