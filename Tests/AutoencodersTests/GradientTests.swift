// Every backward pass of the module against central differences in Double (Core's GradientCheck):
// the sampling step z = mu + exp(log sigma^2 / 2) eps at a fixed eps, the KL term, the whole VAE loss
// (decoder, sampling step, KL, both heads, the trunk: every parameter and the encoder's input), and the
// deterministic autoencoders (linear with MSE; deep with the Bernoulli term on a corrupted input, i.e.
// the denoising autoencoder's loss).

import Foundation
import Testing
import Core
import NeuralNetworks
import Autoencoders

@Suite("Gradients against central differences in Double")
struct GradientTests {
    @Test("The sampling step at a fixed eps: dJ/dmu = dJ/dz and dJ/dlog sigma^2 = dJ/dz eps sigma/2 match central differences (seed 571)")
    func reparameterisation() {
        var generator = Xoshiro256StarStar(seed: 571)
        let mean = generator.normalTensor(shape: [4, 3]), logVariance = generator.normalTensor(shape: [4, 3])
        let noise = generator.normalTensor(shape: [4, 3]), weighting = generator.normalTensor(shape: [4, 3])
        let (dMean, dLogVariance) = reparameterisationBackward(weighting, logVariance: logVariance, noise: noise)
        let error = GradientCheck.error(analytic: dMean.doubles + dLogVariance.doubles, at: mean.doubles + logVariance.doubles) { values in
            let code = (0..<12).map { values[$0] + exp(values[12 + $0] / 2) * Double(noise.scalars[$0]) }
            return weightedSum(code, weighting)
        }
        #expect(error < gradientTolerance, "error \(error)")
    }

    @Test("The KL term: dKL/dmu = mu/N and dKL/dlog sigma^2 = (sigma^2 - 1)/(2N) match central differences (seed 572)")
    func klTerm() {
        var generator = Xoshiro256StarStar(seed: 572)
        let mean = generator.normalTensor(shape: [5, 2], standardDeviation: 2), logVariance = generator.normalTensor(shape: [5, 2])
        let (dMean, dLogVariance) = klDivergenceGradient(mean: mean, logVariance: logVariance)
        let error = GradientCheck.error(analytic: dMean.doubles + dLogVariance.doubles, at: mean.doubles + logVariance.doubles) { values in
            doubleKL(mean: Array(values[0..<10]), logVariance: Array(values[10..<20]), rows: 5)
        }
        #expect(error < gradientTolerance, "error \(error)")
        #expect(isApproximatelyEqual(Double(klDivergence(mean: mean, logVariance: logVariance)),
                                     doubleKL(mean: mean.doubles, logVariance: logVariance.doubles, rows: 5), relativeTolerance: 1e-5))
    }

    @Test("The whole VAE loss (reconstruction + KL) at a fixed eps: every parameter of decoder, both heads and trunk, and dJ/dx through the encoder, match central differences (seed 573)")
    func wholeVariationalLoss() {
        var generator = Xoshiro256StarStar(seed: 573)
        let (rows, pixels) = (3, 6)
        let vae = VariationalAutoencoder(inputs: pixels, hidden: 5, latent: 2, generator: &generator)
        for parameter in vae.parameters where parameter.name == "b" {
            parameter.value = generator.normalTensor(shape: parameter.value.shape, standardDeviation: 0.3)
        }
        let x = randomImages(rows: rows, pixels: pixels, &generator), noise = generator.normalTensor(shape: [rows, 2])
        let pass = vae.forward(x, noise: noise)
        let inputGradient = vae.backward(pass)
        let parameters = vae.parameters
        #expect(parameters.count == 10)
        let terms = vae.terms(of: pass)
        let reference = doubleVAELoss(x.doubles + parameters.flatMap(\.value.doubles), sizes: parameters.map(\.count), rows: rows,
                                      target: x.doubles, noise: noise.doubles)
        #expect(isApproximatelyEqual(Double(terms.negativeELBO), reference, relativeTolerance: 1e-5))
        let error = GradientCheck.error(analytic: inputGradient.doubles + parameters.flatMap(\.gradient.doubles),
                                        at: x.doubles + parameters.flatMap(\.value.doubles)) { values in
            doubleVAELoss(values, sizes: parameters.map(\.count), rows: rows, target: x.doubles, noise: noise.doubles)
        }
        #expect(error < gradientTolerance, "error \(error)")
    }

    @Test("DAT300's linear autoencoder with MSE: dJ/dW and dJ/db of encoder and decoder match central differences (seed 574)")
    func linearAutoencoder() {
        var generator = Xoshiro256StarStar(seed: 574)
        let autoencoder = Autoencoder.linear(inputs: 5, latent: 2, generator: &generator)
        let x = generator.normalTensor(shape: [4, 5])
        let output = autoencoder.network.forward(x, training: true)
        autoencoder.network.backward(loss: .meanSquaredError, output: output, target: x)
        let parameters = autoencoder.network.parameters
        let sizes = parameters.map(\.count)
        let error = GradientCheck.error(analytic: parameters.flatMap(\.gradient.doubles), at: parameters.flatMap(\.value.doubles)) { values in
            var reader = Reader(values)
            let code = doubleDense(x.doubles, rows: 4, reader.take(sizes[0]), reader.take(sizes[1]), relu: false)
            let reconstruction = doubleDense(code, rows: 4, reader.take(sizes[2]), reader.take(sizes[3]), relu: false)
            return zip(reconstruction, x.doubles).reduce(0.0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) } / 4
        }
        #expect(error < gradientTolerance, "error \(error)")
    }

    @Test("The deep (and denoising) autoencoder: Bernoulli term of a corrupted input against the clean target, every parameter matches central differences (seed 575)")
    func denoisingAutoencoder() {
        var generator = Xoshiro256StarStar(seed: 575)
        let autoencoder = Autoencoder.deep(inputs: 6, hidden: 4, latent: 2, generator: &generator)
        for parameter in autoencoder.network.parameters where parameter.name == "b" {
            parameter.value = generator.normalTensor(shape: parameter.value.shape, standardDeviation: 0.3)
        }
        let clean = randomImages(rows: 3, pixels: 6, &generator)
        let noisy = corrupted(clean, noise: 0.3, generator: &generator)
        let output = autoencoder.network.forward(noisy, training: true)
        autoencoder.network.backward(loss: .bernoulliReconstruction, output: output, target: clean)
        let parameters = autoencoder.network.parameters
        let sizes = parameters.map(\.count)
        let error = GradientCheck.error(analytic: parameters.flatMap(\.gradient.doubles), at: parameters.flatMap(\.value.doubles)) { values in
            var reader = Reader(values)
            var a = noisy.doubles
            for (layer, relu) in [(0, true), (2, false), (4, true), (6, false)] {
                a = doubleDense(a, rows: 3, reader.take(sizes[layer]), reader.take(sizes[layer + 1]), relu: relu)
            }
            return doubleBernoulli(logits: a, target: clean.doubles, rows: 3)
        }
        #expect(error < gradientTolerance, "error \(error)")
    }
}
