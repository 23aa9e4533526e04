// Exercise 02: one step of the perceptron learning algorithm.   Practises MLiS II Sec. 1.2.2,
// Eq. (1.2.9), Eq. (1.2.10).
// Check:  swift run --package-path Exercises exercises 02     (one hint at a time: exercises --hint 02)
// See it running:  swift run linear-models
//
// The perceptron predicts Y^ = Theta(X w) (Theta(z) = 0 if z < 0, else 1) and updates all weights
// at once:
//     w  <-  w - alpha X^T (Y^ - Y).

import Core

/// The weights after one update of Eq. (1.2.10).
/// - Parameters:
///   - weights: w, shape [P, 1].
///   - X: inputs, shape [N, P] (first column ones).
///   - Y: targets in {0, 1}, shape [N, 1].
///   - learningRate: alpha.
/// - Returns: the new w, shape [P, 1].
public func perceptronUpdate(weights: Tensor, _ X: Tensor, _ Y: Tensor, learningRate: Float) -> Tensor {
    // TODO: predict with the step function, then move the weights against X^T (Y^ - Y).
    return weights
}

/// The step function of Eq. (1.2.9): Theta(z) = 0 if z < 0, else 1.
func heaviside(_ z: Float) -> Float { z < 0 ? 0 : 1 }
