// Exercise 03: the gradient of the binary cross-entropy of logistic regression.
// Practises MLiS II Sec. 1.2.3, Eq. (1.2.11), Eq. (1.2.12), Eq. (1.2.13), Eq. (1.2.14), and the BCE of Table 1.1.
// Check:  swift run --package-path Exercises exercises 03     (one hint at a time: exercises --hint 03)
// See it running:  swift run linear-models
//
// With y^ = sigma(x~^T w) and the mean loss J = -(1/N) sum_i [y log y^ + (1 - y) log(1 - y^)],
// the chain rule gives dJ/dz = y^ - y for each example, so
//     grad_w J = (1/N) X^T (Y^ - Y).

import Core

/// grad_w J of the mean BCE for logistic regression, Eq. (1.2.14).
/// - Parameters:
///   - weights: w, shape [P, 1].
///   - X: inputs, shape [N, P] (first column ones).
///   - Y: targets in {0, 1}, shape [N, 1].
/// - Returns: the gradient, shape [P, 1].
public func binaryCrossEntropyGradient(weights: Tensor, _ X: Tensor, _ Y: Tensor) -> Tensor {
    // TODO: compute Y^ = sigma(X w), then (1/N) X^T (Y^ - Y).
    return Tensor(shape: weights.shape)
}
