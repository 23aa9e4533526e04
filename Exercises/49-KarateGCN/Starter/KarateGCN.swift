// Exercise 49: the forward pass of a two-layer graph convolutional network and its masked loss.
// Practises MLiS II Sec. 2.9.2: self-loops and the symmetric normalisation of Eq. (2.9.3) and
// Eq. (2.9.4), the two-layer model of Eq. (2.9.5), and its loss,
// the cross-entropy over the labelled nodes only (H^(0) = X is N x F: E-49).
// See it running: `swift run graph-convolution` (the same model on Zachary's karate club).
// Check: swift run --package-path Exercises exercises 49
// Hints, one at a time: swift run --package-path Exercises exercises --hint 49
//
// Write three functions: the normalised adjacency A~ (self-loops added first); the forward pass
// (features X: N x F, W0: F x H, W1: H x C; ReLU after the first layer, the softmax along each node's
// row, computed stably); and the masked cross-entropy, the mean over the labelled nodes only.
// The check runs them on Zachary's karate club with only the instructor and the administrator labelled.

import Foundation

/// A~, the adjacency with self-loops, normalised symmetrically by the degrees, N x N.   Eq. (2.9.4)
public func normalisedAdjacency(_ adjacency: [[Double]]) -> [[Double]] {
    // TODO: add the self-loops, the degrees of A + I, then scale entry (i, j) by both nodes' 1/sqrt(degree).
    return adjacency.map { $0.map { _ in 0 } }
}

/// The product of an N x K and a K x M matrix.
func multiply(_ a: [[Double]], _ b: [[Double]]) -> [[Double]] {
    let columns = b.first?.count ?? 0
    return a.map { row in (0..<columns).map { j in zip(row, b).reduce(0) { $0 + $1.0 * $1.1[j] } } }
}

/// Y^, the two-layer model's class probabilities: one row of C per node.   Eq. (2.9.5)
public func graphConvolutionForward(adjacency: [[Double]], features: [[Double]], w0: [[Double]],
                                    w1: [[Double]]) -> [[Double]] {
    // TODO: the hidden layer ReLU(A~ X W0), the logits A~ H W1, and the softmax of each row.
    return []
}

/// J, the cross-entropy of Y^ against the labels, averaged over the labelled nodes only.   Eq. (2.9.5)
public func maskedCrossEntropy(probabilities: [[Double]], labelledNodes: [Int], labels: [Int]) -> Double {
    // TODO: the mean of -log Y^ at each labelled node's own class.
    return 0
}
