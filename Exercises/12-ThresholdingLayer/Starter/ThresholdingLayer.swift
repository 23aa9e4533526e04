// Exercise 12: a thresholding layer.   Practises MLiS II Sec. 2.8.2, Eq. (2.8.10), Eq. (2.8.12), Eq. (2.8.13)
// and erratum E-47.
// Check:  swift run --package-path Exercises exercises 12     (one hint at a time: exercises --hint 12)
// See it running:  swift run sparse-coding
//
// One layer of thresholding pursuit computes the responses D^T X of every atom to every signal and
// removes the weak ones with a threshold T (Eq. (2.8.10)). Use the SOFT non-negative threshold
//     T_beta(z) = max(z - beta, 0) = ReLU(z - beta),
// which shrinks what it keeps by beta (the notes' Eq. (2.8.12) prints the hard one, z if z > beta, else 0,
// and Eq. (2.8.13) the bias +beta: both are slips, E-47). The layer is then a ReLU layer with weights D
// and bias -beta. For D = I (5 x 5), x = (-1, 0.2, 0.5, 1, 2) and beta = 0.5 the answer is
// (0, 0, 0, 0.5, 1.5).

import Core

/// T_beta(D^T X) with the soft non-negative threshold.
/// - Parameters:
///   - X: the signals [n, P], one per column.
///   - D: the dictionary [n, K], atoms as columns.
///   - beta: the threshold, >= 0.
/// - Returns: Gamma [K, P].
public func softThresholdingLayer(signals X: Tensor, dictionary D: Tensor, beta: Float) -> Tensor {
    // TODO: the responses D^T X, then max(z - beta, 0) on every entry.
    return Tensor(shape: [D.columns, X.columns])
}
