// Exercise 07: the backward pass of one dense ReLU layer.   Practises MLiS II Sec. 1.3, the four
// back-propagation equations (1.3.4)-(1.3.7), written for a batch (one example per row).
// Check:  swift run --package-path Exercises exercises 07     (one hint at a time: exercises --hint 07)
// See it running:  swift run backprop
//
// The layer computed Z = A_prev W + b and A = ReLU(Z). Given dJ/dA, back-propagation gives
//     Delta      = dJ/dA ⊙ ReLU'(Z)        (1.3.4)   ReLU'(z) = 0 if z < 0, else 1 (Table 1.2)
//     dJ/db      = sum over the rows of Delta  (1.3.5)   shape [1, n_out]
//     dJ/dA_prev = Delta W^T               (1.3.6)   shape [N, n_in]
//     dJ/dW      = A_prev^T Delta          (1.3.7)   shape [n_in, n_out]

import Core

/// The gradients of a dense ReLU layer from dJ/dA.
/// - Parameters:
///   - input: A_prev, shape [N, n_in].
///   - weights: W, shape [n_in, n_out].
///   - preActivation: Z = A_prev W + b, shape [N, n_out].
///   - outputGradient: dJ/dA, shape [N, n_out].
/// - Returns: dJ/dA_prev [N, n_in], dJ/dW [n_in, n_out] and dJ/db [1, n_out].
public func denseReLUBackward(input: Tensor, weights: Tensor, preActivation: Tensor, outputGradient: Tensor)
    -> (inputGradient: Tensor, weightGradient: Tensor, biasGradient: Tensor)
{
    // TODO: compute Delta by (1.3.4), then the three gradients by (1.3.5), (1.3.6) and (1.3.7).
    return (Tensor(shape: input.shape), Tensor(shape: weights.shape), Tensor(shape: [1, weights.columns]))
}
