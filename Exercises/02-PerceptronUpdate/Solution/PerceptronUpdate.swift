// Solution to Exercise 02: one step of the perceptron learning algorithm (MLiS II Eq. (1.2.10)).
//
// All examples are predicted with the current w, then w moves once: the batch form of the update.
// Only misclassified examples contribute, since Y^ - Y is 0 where the prediction is right.

import Core

public func perceptronUpdate(weights: Tensor, _ X: Tensor, _ Y: Tensor, learningRate: Float) -> Tensor {
    let predictions = matmul(X, weights).map(heaviside)              // Y^ = Theta(X w), Eq. (1.2.9)
    let step = matmul(X, predictions - Y, transposeA: true)           // X^T (Y^ - Y)
    return weights - learningRate * step                              // Eq. (1.2.10)
}

/// The step function of Eq. (1.2.9): Theta(z) = 0 if z < 0, else 1.
func heaviside(_ z: Float) -> Float { z < 0 ? 0 : 1 }
