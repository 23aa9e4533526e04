// Reparameterisation.swift: DAT300 "Reparameterization": z = mu + sigma ⊙ eps with eps ~ N(0, I),
// in both printed forms (the second, z = mu + exp(log(sigma^2)/2) ⊙ eps, is what the notes' code
// `eps * tf.exp(logvar * 0.5) + mean` computes), and the backward pass through it.
// Goals, in order: both forms, shown equal (WORKED-NUMBERS.md 12.3: mu = (0.5, -1), log sigma^2 =
// (log 4, 0), eps = (1, -0.5) give sigma = (2, 1) and z = (2.5, -1.5)); the gradient through the
// sampling step with eps held fixed, which is what makes sampling differentiable; eps drawn only
// from the seeded generator, by the caller, so a pass can be repeated exactly.
//
// Why the trick works: z ~ N(mu, sigma^2) drawn directly has no derivative with respect to mu or
// sigma. Written as a fixed function of (mu, log sigma^2) and an independent eps, it does:
//     dz/dmu = 1,   dz/dlog sigma^2 = eps ⊙ exp(log sigma^2 / 2) / 2 = eps ⊙ sigma / 2.
// The encoder predicts log sigma^2 (any real number) rather than sigma (which must be positive).

import Core
import Foundation
import NeuralNetworks

/// sigma = exp(log(sigma^2) / 2), elementwise, any shape   (DAT300 "Reparameterization")
///
/// ```swift
/// print(standardDeviation(logVariance: Tensor([[log(4), 0]])).scalars)   // [2.0, 1.0]
/// ```
public func standardDeviation(logVariance: Tensor) -> Tensor {
    mapElements(logVariance) { exp($0 / 2) }
}

/// z = mu + sigma ⊙ eps, the first printed form   (DAT300 "Reparameterization")
///
/// Shapes: `mean`, `standardDeviation` and `noise` all [N, latent]. Precondition: equal shapes.
public func reparameterise(mean: Tensor, standardDeviation: Tensor, noise: Tensor) -> Tensor {
    requireLatentShapes("reparameterise(mean:standardDeviation:noise:)", ("mu", mean), ("sigma", standardDeviation), ("eps", noise))
    return combineElements(mean, standardDeviation, noise, "reparameterise") { mu, sigma, epsilon in mu + sigma * epsilon }
}

/// z = mu + exp(log(sigma^2) / 2) ⊙ eps, the second printed form and the notes' code
/// `eps * tf.exp(logvar * 0.5) + mean`   (DAT300 "Reparameterization")
///
/// ```swift
/// let z = reparameterise(mean: Tensor([[0.5, -1]]), logVariance: Tensor([[log(4), 0]]), noise: Tensor([[1, -0.5]]))
/// print(z.scalars)   // [2.5, -1.5]: sigma = (2, 1)
/// ```
/// Shapes: `mean`, `logVariance` and `noise` all [N, latent]. Precondition: equal shapes.
public func reparameterise(mean: Tensor, logVariance: Tensor, noise: Tensor) -> Tensor {
    requireLatentShapes("reparameterise(mean:logVariance:noise:)", ("mu", mean), ("log sigma^2", logVariance), ("eps", noise))
    return combineElements(mean, logVariance, noise, "reparameterise") { mu, logSigmaSquared, epsilon in
        mu + exp(logSigmaSquared / 2) * epsilon
    }
}

/// The backward pass of z = mu + exp(log sigma^2 / 2) ⊙ eps with eps held fixed
/// (DAT300 "Reparameterization"):
///
///     dJ/dmu          = dJ/dz
///     dJ/dlog sigma^2 = dJ/dz ⊙ eps ⊙ exp(log sigma^2 / 2) / 2
///
/// Shapes: all [N, latent]. Precondition: equal shapes.
public func reparameterisationBackward(_ codeGradient: Tensor, logVariance: Tensor, noise: Tensor)
    -> (mean: Tensor, logVariance: Tensor)
{
    requireLatentShapes("reparameterisationBackward", ("dJ/dz", codeGradient), ("log sigma^2", logVariance), ("eps", noise))
    let logVarianceGradient = combineElements(codeGradient, logVariance, noise, "reparameterisationBackward") { g, logSigmaSquared, epsilon in
        g * epsilon * exp(logSigmaSquared / 2) / 2
    }
    return (codeGradient, logVarianceGradient)
}

/// Stops unless the tensors are matrices [N, latent] of one shape, naming the operation and the two
/// that differ.
func requireLatentShapes(_ operation: String, _ named: (name: String, tensor: Tensor)...) {
    let first = named[0]
    for other in named.dropFirst() {
        requireShapes(first.tensor.rank == 2 && other.tensor.shape == first.tensor.shape,
                      "\(operation): \(first.name) [N, latent] vs \(other.name)", first.tensor.shape, other.tensor.shape)
    }
}
