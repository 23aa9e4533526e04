// SaturationExperiment.swift: why Goodfellow et al. 2014 (Sec. 3) did not train G on the loss the notes
// print (DL Padova "Generative Adversal Network": "train G to minimize log(1 - D(G(z)))"). Early in
// training D rejects G's samples with confidence; then D(G(z)) is near 0, where log(1 - D) is flat and
// its gradient -D vanishes, while -log D still pushes with -(1 - D), nearly -1.
// Goals, in order: the experiment in one call, the same for the chapter and the tests.

import Core
import NeuralNetworks

/// What the experiment measures: D's verdict on G's samples, and the norm of G's parameter gradient
/// under each loss on the same noise.
public struct SaturationMeasurement: Sendable {
    /// The mean of D(G(z)) over the noise batch.
    public let meanDiscriminatorOutput: Double
    public let saturatingGradientNorm: Double
    public let nonSaturatingGradientNorm: Double

    /// saturating / non-saturating gradient norm.
    public var ratio: Double { saturatingGradientNorm / nonSaturatingGradientNorm }
}

extension AdversarialNetworks {
    /// An untrained G (2-32-32-2) and a D (2-32-32-1) trained alone for `steps` steps (Adam, alpha = 0.01,
    /// batch 128) to tell the ring from G's samples; then both losses' gradients in G's parameters on 256
    /// noise draws.
    public static func saturationExperiment(seed: UInt64, steps: Int = 1000) -> SaturationMeasurement {
        var random = Xoshiro256StarStar(seed: seed)
        let gan = AdversarialNetworks(
            generator: multilayerGenerator(noiseDimension: 2, sampleDimension: 2, hidden: 32, generator: &random),
            discriminator: multilayerDiscriminator(sampleDimension: 2, hidden: 32, generator: &random),
            noiseDimension: 2, sampleDimension: 2, discriminatorOptimiser: Adam(learningRate: 0.01, beta1: 0.5))
        let ring = GaussianMixture.ring()
        for _ in 0..<steps {
            gan.discriminatorStep(real: ring.sample(128, generator: &random), noise: NoisePrior.uniform.sample(128, dimension: 2, generator: &random))
        }
        let noise = NoisePrior.uniform.sample(256, dimension: 2, generator: &random)
        let verdicts = gan.discriminatorProbabilities(gan.generator(noise)).scalars
        func norm(_ values: [Float]) -> Double { values.reduce(0.0) { $0 + Double($1) * Double($1) }.squareRoot() }
        return SaturationMeasurement(meanDiscriminatorOutput: Double(verdicts.reduce(0, +)) / Double(verdicts.count),
                                     saturatingGradientNorm: norm(gan.generatorGradient(noise: noise, loss: .saturating)),
                                     nonSaturatingGradientNorm: norm(gan.generatorGradient(noise: noise, loss: .nonSaturating)))
    }
}
