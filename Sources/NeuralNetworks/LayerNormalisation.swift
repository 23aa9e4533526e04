// LayerNormalisation.swift: normalisation over the features of each example (each token of a
// sequence), DL Padova "Normalization Layer" (Ba, Kiros & Hinton 2016, "Layer normalization"), the
// "norm" of the transformer's "add & norm" (DL Padova "Encoders", "Decoder").
// Goals, in order: the formulas of batch normalisation (MLiS II Eq. (2.3.1), Eq. (2.3.2)) with the
// statistics taken along the other axis, conventions stated (biased variance, epsilon inside the root,
// as E-52); the backward pass through the mean and variance, checked by finite differences; any rank.
//
// Batch normalisation (BatchNormalisation.swift) averages each feature over the examples of a batch;
// layer normalisation averages each example over its features, so it needs no batch statistics and
// behaves the same in training and at test time. The notes' "done through columns (top-bottom)"
// describes their layout, one word per column; here one token is one row, and the statistics run
// along it (E-ATT-3).

import Core

/// y = gamma x^ + beta, x^ = (x - mu) / sqrt(sigma^2 + epsilon), with mu and sigma^2 over the last
/// axis (the d features of one token), and gamma, beta learnt per feature.
///
///     mu      = (1/d) sum_j x_j,   sigma^2 = (1/d) sum_j (x_j - mu)^2      (per token; biased)
///     x^_j    = (x_j - mu) / sqrt(sigma^2 + epsilon)                       (Eq. (2.3.1), along the features)
///     y_j     = gamma_j x^_j + beta_j                                       (Eq. (2.3.2))
///
/// Shapes: input [..., d] (a batch [N, d] or sequences [B, T, d]) to the same shape; gamma and beta [1, d].
///
/// ```swift
/// let norm = LayerNormalisation(features: 4, epsilon: 0)
/// print(norm(Tensor([[1, 2, 3, 4]])).scalars)   // [-1.3416407, -0.4472136, 0.4472136, 1.3416407]
/// ```
public final class LayerNormalisation: Layer {
    /// gamma, shape [1, d], starts at 1.
    public let scale: Parameter
    /// beta, shape [1, d], starts at 0.
    public let shift: Parameter
    public let epsilon: Float

    private var normalised: Tensor?              // x^ of the last forward pass
    private var inverseDeviations: [Float] = []  // 1 / sqrt(sigma^2 + epsilon) per token

    /// epsilon = 1e-5 is PyTorch's default for `nn.LayerNorm`.
    public init(features: Int, epsilon: Float = 1e-5) {
        require(features > 0, "LayerNormalisation: needs at least one feature, got \(features)")
        require(epsilon >= 0, "LayerNormalisation: needs epsilon >= 0, got \(epsilon)")
        scale = Parameter("gamma", value: Tensor(shape: [1, features], repeating: 1))
        shift = Parameter("beta", value: Tensor(shape: [1, features]))
        self.epsilon = epsilon
    }

    public var features: Int { scale.count }
    public var parameters: [Parameter] { [scale, shift] }

    /// Eq. (2.3.1) and Eq. (2.3.2) along the last axis, token by token. `training` changes nothing.
    public func forward(_ input: Tensor, training: Bool = false) -> Tensor {
        requireShapes(input.rank >= 1 && input.shape.last == features,
                      "LayerNormalisation.forward (input [..., d] vs gamma [1, d])", input.shape, scale.value.shape)
        let d = features, tokens = input.count / d
        let (gamma, beta) = (scale.value.scalars, shift.value.scalars)
        var normalised = input, output = input
        inverseDeviations = [Float](repeating: 0, count: tokens)
        input.scalars.withUnsafeBufferPointer { x in
            normalised.scalars.withUnsafeMutableBufferPointer { xHat in
                output.scalars.withUnsafeMutableBufferPointer { y in
                    for t in 0..<tokens {
                        let row = (t * d)..<((t + 1) * d)
                        let mean = Kernels.sum(UnsafeBufferPointer(rebasing: x[row])) / Float(d)
                        for k in row { xHat[k] = x[k] - mean }
                        let centred = UnsafeBufferPointer(rebasing: xHat[row])
                        let inverse = 1 / (Kernels.dot(centred, centred) / Float(d) + epsilon).squareRoot()
                        inverseDeviations[t] = inverse
                        for (j, k) in row.enumerated() {
                            xHat[k] *= inverse                                                  // (2.3.1)
                            y[k] = gamma[j] * xHat[k] + beta[j]                                      // (2.3.2)
                        }
                    }
                }
            }
        }
        self.normalised = normalised
        return output
    }

    /// With g = dJ/dy, per token (d features) and summed over all tokens for the parameters:
    ///
    ///     dJ/dbeta_j  = sum_tokens g_j,   dJ/dgamma_j = sum_tokens g_j x^_j
    ///     dJ/dx_j     = (1 / sqrt(sigma^2 + epsilon)) (h_j - mean_k h_k - x^_j mean_k h_k x^_k),  h = gamma ⊙ g
    ///
    /// The last line is the chain rule through x^ and through mu and sigma^2, which depend on every
    /// feature of the token (batch normalisation's rule with the roles of the axes exchanged).
    public func backward(_ outputGradient: Tensor) -> Tensor {
        let normalised = cached(normalised, "LayerNormalisation")
        requireShapes(outputGradient.shape == normalised.shape, "LayerNormalisation.backward (dJ/dy vs input)",
                      outputGradient.shape, normalised.shape)
        let d = features, tokens = normalised.count / d
        var gammaGradient = [Float](repeating: 0, count: d), betaGradient = gammaGradient
        var inputGradient = outputGradient
        var h = [Float](repeating: 0, count: d)
        let gamma = scale.value.scalars
        outputGradient.scalars.withUnsafeBufferPointer { g in
            normalised.scalars.withUnsafeBufferPointer { xHat in
                inputGradient.scalars.withUnsafeMutableBufferPointer { dx in
                    for t in 0..<tokens {
                        let base = t * d
                        var (meanH, meanHXHat): (Float, Float) = (0, 0)
                        for j in 0..<d {
                            betaGradient[j] += g[base + j]
                            gammaGradient[j] += g[base + j] * xHat[base + j]
                            h[j] = gamma[j] * g[base + j]
                            meanH += h[j]
                            meanHXHat += h[j] * xHat[base + j]
                        }
                        (meanH, meanHXHat) = (meanH / Float(d), meanHXHat / Float(d))
                        for j in 0..<d {
                            dx[base + j] = inverseDeviations[t] * (h[j] - meanH - xHat[base + j] * meanHXHat)
                        }
                    }
                }
            }
        }
        scale.gradient = Tensor(shape: [1, d], scalars: gammaGradient)
        shift.gradient = Tensor(shape: [1, d], scalars: betaGradient)
        return inputGradient
    }
}
