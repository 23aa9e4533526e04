// Checks for exercise 30 (one VAE loss evaluation). Run: swift run --package-path Exercises exercises 30

import Foundation
import ExerciseCheck
import Core
import NeuralNetworks
import Autoencoders
import Exercise30

check("By hand: logits (0, 2) for pixels (0.5, 1) cost log 2 + log(1 + e^-2) = 0.8200753; mu = 0.5, log sigma^2 = log 4 add 0.9318528") {
    let (reconstruction, kl) = variationalLoss(logits: [[0, 2]], pixels: [[0.5, 1]], mean: [[0.5]], logVariance: [[log(4)]])
    expect(abs(reconstruction - (log(2) + log1p(exp(-2)))) < 1e-12, "reconstruction: expected 0.8200753, got \(reconstruction)")
    expect(abs(kl - 0.9318528194) < 1e-9, "KL: expected 0.9318528194, got \(kl)")
}

check("Per image: summed over pixels and coordinates, averaged over images (two copies of one image cost what one does; 64 pixels cost 64 times one)") {
    let one = variationalLoss(logits: [[1]], pixels: [[0]], mean: [[1]], logVariance: [[0]])
    let twice = variationalLoss(logits: [[1], [1]], pixels: [[0], [0]], mean: [[1], [1]], logVariance: [[0], [0]])
    let wide = variationalLoss(logits: [[Double](repeating: 1, count: 64)], pixels: [[Double](repeating: 0, count: 64)],
                               mean: [[1]], logVariance: [[0]])
    expect(abs(twice.reconstruction - one.reconstruction) < 1e-12 && abs(twice.kl - one.kl) < 1e-12, "average over images")
    expect(abs(wide.reconstruction - 64 * one.reconstruction) < 1e-9, "sum over pixels: expected \(64 * one.reconstruction), got \(wide.reconstruction)")
    expect(abs(one.kl - 0.5) < 1e-12, "KL of mu = 1, sigma = 1 is 1/2, got \(one.kl)")
}

check("Finite at logits of +-1000: a confident wrong pixel costs 1000 nats, a confident right one 0") {
    let (reconstruction, _) = variationalLoss(logits: [[1000, -1000, 1000]], pixels: [[0, 1, 1]], mean: [[0]], logVariance: [[0]])
    expect(abs(reconstruction - 2000) < 1e-9, "expected 2000, got \(reconstruction)")
}

check("Equals the library's VAE loss on a pass through a small random VAE (seed 301)") {
    var generator = Xoshiro256StarStar(seed: 301)
    let vae = VariationalAutoencoder(inputs: 6, hidden: 5, latent: 2, generator: &generator)
    let x = generator.uniformTensor(shape: [4, 6])
    let pass = vae.forward(x, noise: generator.normalTensor(shape: [4, 2]))
    let rows = { (t: Tensor) in (0..<t.rows).map { t.row($0).map(Double.init) } }
    let (reconstruction, kl) = variationalLoss(logits: rows(pass.logits), pixels: rows(x), mean: rows(pass.mean),
                                               logVariance: rows(pass.logVariance))
    let library = vae.terms(of: pass)
    expect(isApproximatelyEqual(reconstruction, Double(library.reconstruction), relativeTolerance: 1e-5),
            "reconstruction: the library gives \(library.reconstruction), you \(reconstruction)")
    expect(isApproximatelyEqual(kl, Double(library.kl), relativeTolerance: 1e-5), "KL: the library gives \(library.kl), you \(kl)")
}

runChecks()
