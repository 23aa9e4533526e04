// Solution to Exercise 03: the BCE gradient of logistic regression (MLiS II Eq. (1.2.14)).
//
// Derivation, for one example: dJ/dy^ = -(y/y^) + (1 - y)/(1 - y^) and dy^/dz = y^(1 - y^), so
// dJ/dz = y^ - y; and dz/dw = x~. Averaging over the N examples gives (1/N) X^T (Y^ - Y).

import Core

public func binaryCrossEntropyGradient(weights: Tensor, _ X: Tensor, _ Y: Tensor) -> Tensor {
    let predictions = matmul(X, weights).sigmoidElements()            // Y^ = sigma(X w), Eq. (1.2.11)
    return (1 / Float(X.rows)) * matmul(X, predictions - Y, transposeA: true)
}
