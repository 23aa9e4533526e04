// Exercise 09: Xavier's bound and weights drawn within it.   Practises MLiS II Sec. 1.6, Eq. (1.6.2)
// and Eq. (1.6.3); DL Padova "Parameter initialization".
// Check:  swift run --package-path Exercises exercises 09     (one hint at a time: exercises --hint 09)
// See it running:  swift run backprop
//
// Xavier (Glorot) initialisation asks the weights for Var[W] = 2/(n_in + n_out), a compromise between
// keeping the variance of the activations on the way forward (n_in Var[W] = 1, from Eq. (1.6.2)) and
// of the gradients on the way back (n_out Var[W] = 1). A uniform U(-a, a) has variance a^2/3, so
//     a^2/3 = 2/(n_in + n_out)   gives   a = sqrt(6/(n_in + n_out))          (1.6.3)
// (DL Padova prints the lower bound as sqrt(-6/...), an OCR slip: ERRATA E-07.)

import Core

/// a = sqrt(6/(n_in + n_out)), the bound of Eq. (1.6.3).
public func xavierUniformBound(inputs: Int, outputs: Int) -> Double {
    // TODO: return the bound a.
    return 0
}

/// A weight matrix of shape [inputs, outputs] with entries drawn from U(-a, a).
public func xavierUniformWeights(inputs: Int, outputs: Int, generator: inout Xoshiro256StarStar) -> Tensor {
    // TODO: draw inputs * outputs numbers from U(-a, a) with `generator`.
    return Tensor(shape: [inputs, outputs])
}
