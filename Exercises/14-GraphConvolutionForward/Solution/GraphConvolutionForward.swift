// Solution to Exercise 14: one graph layer, H' = ReLU(S H K) (MLiS II Eq. (2.9.4)).
//
// (S H) K and S (H K) are equal; the library keeps P = S H because the backward pass needs it for
// dJ/dK = P^T dJ/dZ. When F_out is much smaller than F_in (e.g. X = I with N inputs), S (H K) is cheaper.

import Core

public func graphConvolution(propagation: Tensor, features: Tensor, weights: Tensor) -> Tensor {
    let propagated = matmul(propagation, features)     // S H: each node with its neighbours
    return matmul(propagated, weights).map { max(0, $0) }   // Phi(S H K), Phi = ReLU
}
