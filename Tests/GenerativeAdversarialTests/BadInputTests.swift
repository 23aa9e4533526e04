// Programmer errors stop with a message naming what does not fit: a noise dimension or a sample
// dimension the networks do not have, k < 1, a discriminator with more than one output, real samples
// of the wrong width. Each runs in a child process (Swift Testing's exit tests).

import Testing
import Core
import NeuralNetworks
@testable import GenerativeAdversarial

@Suite("Bad GAN input stops with a message")
struct BadInputTests {
    @Test("A noise dimension the generator does not take")
    func noiseDimension() async {
        let stopped = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            var random = Xoshiro256StarStar(seed: 1)
            let (g, d) = smallNetworks(&random)
            _ = AdversarialNetworks(generator: g, discriminator: d, noiseDimension: 3, sampleDimension: 2)
        }
        #expect(standardError(of: stopped).contains("the noise dimension is 3, but the generator's first layer takes 2 inputs"))
    }

    @Test("A sample dimension the generator does not make, or the discriminator does not take")
    func sampleDimension() async {
        let generatorSide = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            var random = Xoshiro256StarStar(seed: 1)
            let (g, _) = smallNetworks(&random)
            let d = AdversarialNetworks.multilayerDiscriminator(sampleDimension: 3, hidden: 4, generator: &random)
            _ = AdversarialNetworks(generator: g, discriminator: d, noiseDimension: 2, sampleDimension: 3)
        }
        #expect(standardError(of: generatorSide).contains("the generator makes samples of shape [2] from one noise row, but the sample dimension is 3"))
        let discriminatorSide = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            var random = Xoshiro256StarStar(seed: 1)
            let (g, _) = smallNetworks(&random)
            let d = AdversarialNetworks.multilayerDiscriminator(sampleDimension: 64, hidden: 4, generator: &random)
            _ = AdversarialNetworks(generator: g, discriminator: d, noiseDimension: 2, sampleDimension: 2)
        }
        #expect(standardError(of: discriminatorSide).contains("samples have 2 numbers, but the discriminator's first layer takes 64 inputs"))
    }

    @Test("k < 1 discriminator steps per generator step")
    func discriminatorSteps() async {
        let stopped = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            var random = Xoshiro256StarStar(seed: 1)
            let (g, d) = smallNetworks(&random)
            _ = AdversarialNetworks(generator: g, discriminator: d, noiseDimension: 2, sampleDimension: 2,
                                    settings: AdversarialSettings(discriminatorSteps: 0))
        }
        #expect(standardError(of: stopped).contains("k, the discriminator steps per generator step, must be at least 1, got 0"))
    }

    @Test("A discriminator with two outputs instead of one logit")
    func discriminatorOutputs() async {
        let stopped = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            var random = Xoshiro256StarStar(seed: 1)
            let (g, _) = smallNetworks(&random)
            let d = Network([Dense(inputs: 2, outputs: 2, activation: .linear, generator: &random)])
            _ = AdversarialNetworks(generator: g, discriminator: d, noiseDimension: 2, sampleDimension: 2)
        }
        #expect(standardError(of: stopped).contains("the discriminator must give one logit per sample, shape [N, 1]; it gives [1, 2]"))
    }

    @Test("Real samples, or noise, of the wrong width during training")
    func trainingShapes() async {
        let real = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            var random = Xoshiro256StarStar(seed: 1)
            let (g, d) = smallNetworks(&random)
            let gan = AdversarialNetworks(generator: g, discriminator: d, noiseDimension: 2, sampleDimension: 2)
            _ = try gan.trainingStep(data: GaussianMixture.line(mean: 0, standardDeviation: 1), generator: &random)
        }
        #expect(standardError(of: real).contains(
            "AdversarialNetworks.discriminatorStep (real samples): samples [N, d] vs the sample dimension d = 2 of the networks: shapes [256, 1] and [256, 2] do not fit"))
        let noise = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            var random = Xoshiro256StarStar(seed: 1)
            let (g, d) = smallNetworks(&random)
            let gan = AdversarialNetworks(generator: g, discriminator: d, noiseDimension: 2, sampleDimension: 2)
            gan.generatorStep(noise: Tensor(shape: [4, 3]))
        }
        #expect(standardError(of: noise).contains("noise [N, k] vs the noise dimension k = 2 of the generator: shapes [4, 3] and [4, 2] do not fit"))
    }

    @Test("A GMN whose data have another width, and an MMD between samples of different widths")
    func matchingShapes() async {
        let stopped = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = MaximumMeanDiscrepancy(bandwidths: [1]).squaredDistance(generated: Tensor(shape: [3, 2]), data: Tensor(shape: [4, 3]))
        }
        #expect(standardError(of: stopped).contains("MaximumMeanDiscrepancy.squaredDistance (generated [n, d] vs data [m, d]): shapes [3, 2] and [4, 3] do not fit"))
        let bandwidth = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = MaximumMeanDiscrepancy(bandwidths: [1, 0])
        }
        #expect(standardError(of: bandwidth).contains("needs positive kernel bandwidths, got [1.0, 0.0]"))
    }
}
