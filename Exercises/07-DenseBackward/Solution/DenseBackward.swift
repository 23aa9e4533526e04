// Solution to Exercise 07: the backward pass of a dense ReLU layer (MLiS II Eq. (1.3.4), Eq.
// (1.3.5), Eq. (1.3.6), Eq. (1.3.7)).
//
// Each line is one equation, in the notes' order. With one example per row, the notes' column
// vectors become rows: W Delta of (1.3.6) becomes Delta W^T, and the outer product Delta_j a_k of
// (1.3.7), summed over the batch, becomes A_prev^T Delta. ReLU'(0) = 1, as Table 1.2's "otherwise".

import Core

public func denseReLUBackward(input: Tensor, weights: Tensor, preActivation: Tensor, outputGradient: Tensor)
    -> (inputGradient: Tensor, weightGradient: Tensor, biasGradient: Tensor)
{
    let reluDerivative = preActivation.map { $0 < 0 ? 0 : 1 }
    let delta = outputGradient.multipliedElementwise(by: reluDerivative)        // (1.3.4)
    let biasGradient = delta.columnSums()                                       // (1.3.5)
    let inputGradient = matmul(delta, weights, transposeB: true)                // (1.3.6)
    let weightGradient = matmul(input, delta, transposeA: true)                 // (1.3.7)
    return (inputGradient, weightGradient, biasGradient)
}
