// Bad input stops with a message naming what is wrong: a latent space of fewer than one dimension,
// pixel targets outside [0, 1] for the Bernoulli decoder, mismatched shapes in the sampling step.
// Each runs in a child process (Swift Testing's exit tests) and checks its standard error.

import Testing
import Core
import NeuralNetworks
import Autoencoders

@Suite("Bad input to the autoencoders stops with a message")
struct BadInputTests {
    @Test("A latent size < 1: the VAE and both deterministic autoencoders stop")
    func latentSize() async {
        let vae = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            var generator = Xoshiro256StarStar(seed: 1)
            _ = VariationalAutoencoder(latent: 0, generator: &generator)
        }
        #expect(standardError(of: vae).contains("VariationalAutoencoder: the latent space needs at least 1 dimension, got 0"))
        let linear = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            var generator = Xoshiro256StarStar(seed: 1)
            _ = Autoencoder.linear(latent: -1, generator: &generator)
        }
        #expect(standardError(of: linear).contains("Autoencoder.linear: the latent space needs at least 1 dimension, got -1"))
        let deep = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            var generator = Xoshiro256StarStar(seed: 1)
            _ = Autoencoder.deep(latent: 0, generator: &generator)
        }
        #expect(standardError(of: deep).contains("Autoencoder.deep: the latent space needs at least 1 dimension, got 0"))
    }

    @Test("Pixel targets outside [0, 1] (the digits' raw 0...16) for the Bernoulli decoder: the loss and VAE training stop, naming the pixel")
    func pixelTargets() async {
        let loss = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = BernoulliReconstruction().value(predicted: Tensor([[0, 0], [0, 0]]), target: Tensor([[0, 0.5], [16, 1]]))
        }
        #expect(standardError(of: loss).contains(
            "BernoulliReconstruction.value: a Bernoulli decoder's pixel targets must lie in [0, 1], but target 2 (example 1) is 16.0"))
        let negative = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = BernoulliReconstruction().gradient(predicted: Tensor([[0, 0]]), target: Tensor([[-0.5, 1]]))
        }
        #expect(standardError(of: negative).contains("target 0 (example 0) is -0.5"))
        let training = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            var generator = Xoshiro256StarStar(seed: 1)
            let vae = VariationalAutoencoder(inputs: 4, hidden: 3, latent: 1, generator: &generator)
            var adam = Adam()
            _ = try? vae.train(Tensor([[0, 4, 8, 16]]), epochs: 1, optimiser: &adam, generator: &generator)
        }
        #expect(standardError(of: training).contains("VariationalAutoencoder.train: a Bernoulli decoder's pixel targets must lie in [0, 1]"))
    }

    @Test("Mismatched shapes in the sampling step and the KL term name both shapes")
    func shapes() async {
        let sampling = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = reparameterise(mean: Tensor(shape: [2, 3]), logVariance: Tensor(shape: [2, 3]), noise: Tensor(shape: [2, 2]))
        }
        #expect(standardError(of: sampling).contains("reparameterise(mean:logVariance:noise:): mu [N, latent] vs eps: shapes [2, 3] and [2, 2] do not fit"))
        let kl = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = klDivergence(mean: Tensor(shape: [4, 2]), logVariance: Tensor(shape: [2, 4]))
        }
        #expect(standardError(of: kl).contains("mu [N, latent] vs log sigma^2: shapes [4, 2] and [2, 4] do not fit"))
    }
}
