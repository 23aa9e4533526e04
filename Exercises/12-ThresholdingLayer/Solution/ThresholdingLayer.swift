// Solution to Exercise 12: a thresholding layer (MLiS II Sec. 2.8.2, Eq. (2.8.10), Eq. (2.8.11), Eq.
// (2.8.12), Eq. (2.8.13), E-47).
//
// Why subtract beta: the soft threshold is the proximal step of beta ||gamma||_1 restricted to
// gamma >= 0, the non-negative basis-pursuit step; the hard threshold (z if z > beta) jumps at beta
// and corresponds to the L0 penalty of Eq. (2.8.9). Written as max(z - beta, 0) it is ReLU(z + b) with
// bias b = -beta, which is why a layer of thresholding pursuit is a ReLU layer with weights D.

import Core

public func softThresholdingLayer(signals X: Tensor, dictionary D: Tensor, beta: Float) -> Tensor {
    matmul(D, X, transposeA: true).map { max($0 - beta, 0) }
}
