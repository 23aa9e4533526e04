// Exercise 14: the forward pass of one graph convolutional layer.
// Practises MLiS II Sec. 2.9.2, Eq. (2.9.2), Eq. (2.9.3), Eq. (2.9.4): H' = Phi(S H K) with Phi = ReLU.
// Check:  swift run --package-path Exercises exercises 14     (one hint at a time: exercises --hint 14)
// See it running:  swift run graph-convolution
//
// One node per row (the notes' "F x N" is the transpose: erratum E-49):
//     S [N, N]  the propagation matrix, e.g. D^^-1/2 A^ D^^-1/2,
//     H [N, F_in]  the features, K [F_in, F_out]  the weights, H' [N, F_out]  the output.
// Row i of S H mixes node i's features with its neighbours'; K turns F_in features into F_out; ReLU keeps
// the positive part.

import Core

/// H' = ReLU(S H K), one graph convolutional layer (Eq. (2.9.4)).
/// - Parameters:
///   - propagation: S, shape [N, N].
///   - features: H, shape [N, F_in].
///   - weights: K, shape [F_in, F_out].
/// - Returns: H', shape [N, F_out].
public func graphConvolution(propagation: Tensor, features: Tensor, weights: Tensor) -> Tensor {
    // TODO: propagate (S H), transform (times K), then apply ReLU to every element.
    return Tensor(shape: [features.rows, weights.columns])
}
