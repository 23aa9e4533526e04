// GenerativeMatchingNetwork.swift: the notes' generative matching network (GMN), DL Padova "Generative
// Adversal Network": "generate some uniform inputs; make these inputs go through the network and
// collect the generated outputs; compare the true ... and the generated [distributions] based on the
// available samples; use backpropagation to make one step of gradient descent to lower the distance".
// The distance is the MMD with a Gaussian kernel (Li, Swersky & Zemel 2015): no discriminator at all.
// Goals, in order: those four steps, one line each; the platform's `trainingStep` with MMD^2 as its loss.

import Core
import NeuralNetworks

/// A generator trained by the maximum mean discrepancy between its samples and the data's.
///
/// ```swift
/// var random = Xoshiro256StarStar(seed: 1)
/// let gmn = GenerativeMatchingNetwork(generator: AdversarialNetworks.multilayerGenerator(noiseDimension: 2,
///     sampleDimension: 2, hidden: 128, generator: &random), noiseDimension: 2, sampleDimension: 2,
///     loss: MaximumMeanDiscrepancy(bandwidths: [0.05, 0.2, 1]))
/// for _ in 0..<1000 { _ = try gmn.trainingStep(data: GaussianMixture.ring(), generator: &random) }
/// ```
public final class GenerativeMatchingNetwork: SampleGenerator {
    public let generator: Network
    public let noiseDimension: Int
    public let sampleDimension: Int
    public let loss: MaximumMeanDiscrepancy
    public let prior: NoisePrior
    public let batchSize: Int
    private var optimiser: any Optimiser

    /// Preconditions: G takes `noiseDimension` inputs and makes samples of `sampleDimension`; a
    /// positive batch size.
    public init(generator: Network, noiseDimension: Int, sampleDimension: Int, loss: MaximumMeanDiscrepancy,
                prior: NoisePrior = .uniform, batchSize: Int = 256, optimiser: any Optimiser = Adam(learningRate: 0.001, beta1: 0.5)) {
        require(batchSize >= 1, "GenerativeMatchingNetwork: the batch size must be positive, got \(batchSize)")
        requireGenerator(generator, noiseDimension: noiseDimension, sampleDimension: sampleDimension, "GenerativeMatchingNetwork")
        (self.generator, self.noiseDimension, self.sampleDimension) = (generator, noiseDimension, sampleDimension)
        (self.loss, self.prior, self.batchSize, self.optimiser) = (loss, prior, batchSize, optimiser)
    }

    public func sample(_ count: Int, generator random: inout Xoshiro256StarStar) -> Tensor {
        generator.forward(prior.sample(count, dimension: noiseDimension, generator: &random), training: false)
    }

    /// The GMN loop once: uniform inputs, generated outputs, MMD^2 against a batch of data, one
    /// gradient step. Returns MMD^2 before the step; throws `DivergenceError` on NaN or infinity.
    /// `learningRate`, if given, replaces the optimiser's step from now on (for a schedule).
    @discardableResult
    public func trainingStep(data: some SampleSource, generator random: inout Xoshiro256StarStar, learningRate: Float? = nil) throws -> Float {
        if let learningRate { optimiser.learningRate = learningRate }
        requireShapes(data.dimension == sampleDimension, "GenerativeMatchingNetwork.trainingStep: data [N, d] vs the sample dimension",
                      [batchSize, data.dimension], [batchSize, sampleDimension])
        let noise = prior.sample(batchSize, dimension: noiseDimension, generator: &random)
        let real = data.sample(batchSize, generator: &random)
        let generated = generator.forward(noise, training: true)
        let (discrepancy, gradient) = loss.valueAndGradient(generated: generated, data: real)   // the kernels once, for both
        generator.backwardDiscardingInputGradient(gradient)
        optimiser.update(generator.parameters)
        try DivergenceError.check(discrepancy, step: 0)
        return discrepancy
    }
}
