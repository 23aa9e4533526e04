// Exercise 36: the backward pass of layer normalisation for one token.
// Practises DL Padova "Normalization Layer" (the "norm" of the transformer's "add & norm") with the chain
// rule of MLiS II Sec. 1.3, through the formulas of Eq. (2.3.1) and Eq. (2.3.2) taken along the features.
// Check:  swift run --package-path Exercises exercises 36     (one hint at a time: exercises --hint 36)
// See it running:  swift run attention
//
// One token x of d features; gain gamma and shift beta learnt per feature:
//     mu = (1/d) sum_j x_j,   sigma^2 = (1/d) sum_j (x_j - mu)^2,   s = sqrt(sigma^2 + epsilon)
//     x^_j = (x_j - mu) / s,  y_j = gamma_j x^_j + beta_j
// Every x_k moves mu and sigma^2, so dJ/dx is not just gamma g / s: derive it with the chain rule through
// x^, mu and sigma^2 (g = dJ/dy).
// Two checks of your answer: the entries of dJ/dx add up to 0 (adding a constant to x changes nothing), and
// sum_j x^_j dJ/dx_j = 0 (scaling x changes nothing either, up to epsilon).

/// dJ/dx of layer normalisation for one token.
/// - Parameters:
///   - input: x, d values.
///   - gamma: the gains, d values.
///   - epsilon: added to the variance inside the root.
///   - outputGradient: g = dJ/dy, d values.
/// - Returns: dJ/dx, d values.

public func layerNormalisationBackward(input: [Float], gamma: [Float], epsilon: Float, outputGradient: [Float]) -> [Float] {
    // TODO: the chain rule through x^, mu and sigma^2, as in the header.
    return input.map { _ in 0 }
}
