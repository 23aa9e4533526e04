// Exercise 15: the semi-supervised loss of a GCN and its gradient.
// Practises MLiS II Sec. 2.9.2 (only the labelled nodes enter the loss), Eq. (2.9.5)'s softmax and the
// cross-entropy of Table 1.1.
// Check:  swift run --package-path Exercises exercises 15     (one hint at a time: exercises --hint 15)
// See it running:  swift run graph-convolution
//
// With logits Z [N, C] and the labelled nodes L (each with its class y_i):
//     J = -(1/|L|) sum_(i in L) log softmax(z_i)_(y_i)
//     dJ/dZ_i = (softmax(z_i) - onehot(y_i)) / |L|   for i in L,   and 0 for every other node.
// The unlabelled nodes still matter: the graph layers mix their features into the labelled ones.

import Core

/// The cross-entropy on the labelled nodes only, and its gradient with respect to the logits.
/// - Parameters:
///   - logits: Z, shape [N, C].
///   - labelledNodes: the rows of Z whose class is known.
///   - labels: their classes, in the same order.
/// - Returns: J and dJ/dZ (shape [N, C], zero on unlabelled rows).
public func maskedCrossEntropy(logits: Tensor, labelledNodes: [Int], labels: [Int]) -> (loss: Float, gradient: Tensor) {
    // TODO: sum -log softmax over the labelled rows, fill their gradient rows, divide both by |L|.
    return (0, Tensor(shape: logits.shape))
}
