// Solution to Exercise 36: layer normalisation's backward pass for one token.
//
// Where the formula comes from: x^_j = (x_j - mu) / s depends on x_k directly (delta_jk / s), through mu
// (dmu/dx_k = 1/d) and through s (ds/dx_k = (x_k - mu) / (d s) = x^_k / d), so
//     dx^_j/dx_k = (delta_jk - 1/d) / s - x^_j x^_k / (d s),
// and dJ/dx_k = sum_j h_j dx^_j/dx_k = (1/s) (h_k - mean(h) - x^_k mean(h ⊙ x^)).
// It is batch normalisation's backward pass (one feature over a batch) with the roles of the axes swapped.

public func layerNormalisationBackward(input: [Float], gamma: [Float], epsilon: Float, outputGradient: [Float]) -> [Float] {
    let d = Float(input.count)
    let mean = input.reduce(0, +) / d
    let variance = input.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / d
    let s = (variance + epsilon).squareRoot()
    let normalised = input.map { ($0 - mean) / s }
    let h = zip(gamma, outputGradient).map { $0 * $1 }
    let meanH = h.reduce(0, +) / d
    let meanHX = zip(h, normalised).reduce(0) { $0 + $1.0 * $1.1 } / d
    return zip(h, normalised).map { ($0 - meanH - $1 * meanHX) / s }
}
