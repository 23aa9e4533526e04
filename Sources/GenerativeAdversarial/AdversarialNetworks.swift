// AdversarialNetworks.swift: a generator G(z; theta_g) and a discriminator D(x; theta_d), two networks of
// the platform's layers, and the training the notes describe (DL Padova "Generative Adversal Network";
// Goodfellow et al. 2014, Algorithm 1): k steps of D ascending V(D, G), then one step of G through a
// frozen D.
// Goals, in order: Algorithm 1 readable in `trainingStep`; D frozen during G's step with the
// platform's `freeze(parameters:statistics:)` (no copy of D, no hand-written chain rule: G's gradient
// comes back through Network([G, D]) as through any network); bad shapes and k < 1 stop at once,
// with a message naming the mismatch.

import Core
import NeuralNetworks

/// What a training step of the game is made of.
public struct AdversarialSettings: Sendable {
    /// What G minimises: the notes' saturating log(1 - D(G(z))) or the non-saturating -log D(G(z)).
    public var generatorLoss: GeneratorLoss
    /// k, the discriminator steps per generator step (Algorithm 1; Goodfellow et al. used k = 1).
    public var discriminatorSteps: Int
    /// m, the real samples and the noise draws of every step.
    public var batchSize: Int
    /// p_z.
    public var prior: NoisePrior
    /// Both players' learning rate at each training step (e.g. cosine annealing), or nil to keep the
    /// optimisers' own.
    public var schedule: (any LearningRateSchedule)?

    public init(generatorLoss: GeneratorLoss = .nonSaturating, discriminatorSteps: Int = 1, batchSize: Int = 256,
                prior: NoisePrior = .uniform, schedule: (any LearningRateSchedule)? = nil) {
        (self.generatorLoss, self.discriminatorSteps, self.batchSize, self.prior) = (generatorLoss, discriminatorSteps, batchSize, prior)
        self.schedule = schedule
    }
}

/// The numbers of one training step.
public struct AdversarialStepReport: Sendable {
    /// The batch estimate of V(D, G) at D's last step, before its update.
    public let value: Float
    /// G's loss before its update.
    public let generatorLoss: Float
}

/// Anything that draws samples from a learnt distribution: a GAN's generator, a GMN.
public protocol SampleGenerator: AnyObject {
    /// `count` samples G(z), z ~ p_z, shape [count, sample dimension], at test time.
    func sample(_ count: Int, generator: inout Xoshiro256StarStar) -> Tensor
}

/// G and D with their optimisers.
///
/// ```swift
/// var generator = Xoshiro256StarStar(seed: 1)
/// let gan = AdversarialNetworks.multilayer(noiseDimension: 2, sampleDimension: 2, hidden: 128, generator: &generator)
/// let ring = GaussianMixture.ring()
/// for _ in 0..<2000 { _ = try gan.trainingStep(data: ring, generator: &generator) }
/// let samples = gan.sample(2500, generator: &generator)
/// print(ModeCoverage(samples: samples, target: ring).modesCaptured)   // 8 when the ring is covered
/// ```
public final class AdversarialNetworks: SampleGenerator {
    /// G: noise [n, noiseDimension] -> samples [n, sampleDimension].
    public let generator: Network
    /// D: samples [n, sampleDimension] -> logits [n, 1]; D(x) = sigmoid(logit).
    public let discriminator: Network
    public let noiseDimension: Int
    public let sampleDimension: Int
    public var settings: AdversarialSettings
    /// D(G(z)) as one network, through which G's step runs with D frozen.
    private let chain: Network
    private var generatorOptimiser: any Optimiser
    private var discriminatorOptimiser: any Optimiser
    /// Training steps taken so far (the schedule's iteration).
    public private(set) var stepsTaken = 0

    /// Preconditions (each stops with a message): k >= 1 and a positive batch size; G takes
    /// `noiseDimension` inputs and makes samples of `sampleDimension`; D takes such samples and gives
    /// one logit per sample.
    public init(generator: Network, discriminator: Network, noiseDimension: Int, sampleDimension: Int,
                settings: AdversarialSettings = AdversarialSettings(),
                generatorOptimiser: any Optimiser = Adam(learningRate: 0.001, beta1: 0.5),
                discriminatorOptimiser: any Optimiser = Adam(learningRate: 0.001, beta1: 0.5)) {
        requireSettings(settings)
        requireGenerator(generator, noiseDimension: noiseDimension, sampleDimension: sampleDimension, "AdversarialNetworks")
        requireDiscriminator(discriminator, sampleDimension: sampleDimension)
        (self.generator, self.discriminator, self.noiseDimension, self.sampleDimension) = (generator, discriminator, noiseDimension, sampleDimension)
        (self.settings, self.generatorOptimiser, self.discriminatorOptimiser) = (settings, generatorOptimiser, discriminatorOptimiser)
        chain = Network([generator, discriminator])
    }

    public func sample(_ count: Int, generator random: inout Xoshiro256StarStar) -> Tensor {
        generator.forward(settings.prior.sample(count, dimension: noiseDimension, generator: &random), training: false)
    }

    /// D(x) = sigmoid(D's logit) for samples x [n, sampleDimension], at test time: [n, 1].
    public func discriminatorProbabilities(_ samples: Tensor) -> Tensor {
        requireSamples(samples, "AdversarialNetworks.discriminatorProbabilities")
        return discriminator.forward(samples, training: false).sigmoidElements()
    }

    /// One step of D ascending V on m real samples and G(z) for n noise draws (stacked into one batch,
    /// D's loss -V; see `DiscriminatorLoss`). Returns V before the update.
    @discardableResult
    public func discriminatorStep(real: Tensor, noise: Tensor) -> Float {
        requireSamples(real, "AdversarialNetworks.discriminatorStep (real samples)")
        requireNoise(noise, "AdversarialNetworks.discriminatorStep")
        let fake = generator.forward(noise, training: true)
        let batch = Tensor(concatenating: [real, fake], alongAxis: 0)
        let labels = Tensor(column: [Float](repeating: 1, count: real.rows) + [Float](repeating: 0, count: fake.rows))
        return -discriminator.trainingStep(batch, labels, loss: DiscriminatorLoss(), optimiser: &discriminatorOptimiser)
    }

    /// One step of G through D frozen (parameters and statistics) by `freeze(parameters:statistics:)`:
    /// G's gradient flows back through D, D stays bit-identical. Returns G's loss before the update.
    @discardableResult
    public func generatorStep(noise: Tensor) -> Float {
        requireNoise(noise, "AdversarialNetworks.generatorStep")
        discriminator.freeze()
        defer { discriminator.freeze(parameters: false, statistics: false) }
        let wanted = Tensor(shape: [noise.rows, 1], repeating: 1)
        return chain.trainingStep(noise, wanted, loss: settings.generatorLoss, optimiser: &generatorOptimiser)
    }

    /// Algorithm 1 of Goodfellow et al. (2014), one iteration: k times (fresh real samples and noise,
    /// one step of D), then one step of G on fresh noise. Throws `DivergenceError` on a NaN or
    /// infinite loss.
    @discardableResult
    public func trainingStep(data: some SampleSource, generator random: inout Xoshiro256StarStar) throws -> AdversarialStepReport {
        let m = settings.batchSize
        if let schedule = settings.schedule {
            let rate = schedule.learningRate(at: stepsTaken)
            (generatorOptimiser.learningRate, discriminatorOptimiser.learningRate) = (rate, rate)
        }
        stepsTaken += 1
        var value: Float = 0
        for _ in 0..<settings.discriminatorSteps {
            let real = data.sample(m, generator: &random)
            value = discriminatorStep(real: real, noise: settings.prior.sample(m, dimension: noiseDimension, generator: &random))
        }
        let loss = generatorStep(noise: settings.prior.sample(m, dimension: noiseDimension, generator: &random))
        try DivergenceError.check(value, step: stepsTaken)
        try DivergenceError.check(loss, step: stepsTaken)
        return AdversarialStepReport(value: value, generatorLoss: loss)
    }

    /// The gradient of `loss` with respect to G's parameters on `noise`, as one flat array, without
    /// any update (D frozen meanwhile): how strongly each loss pushes G (the saturation experiment).
    public func generatorGradient(noise: Tensor, loss: GeneratorLoss) -> [Float] {
        requireNoise(noise, "AdversarialNetworks.generatorGradient")
        discriminator.freeze()
        defer { discriminator.freeze(parameters: false, statistics: false) }
        let output = chain.forward(noise, training: true)
        chain.backward(loss: loss, output: output, target: output)
        return generator.parameters.filter(\.isTrainable).flatMap(\.gradient.scalars)
    }

    private func requireSamples(_ samples: Tensor, _ operation: String) {
        requireShapes(samples.rank == 2 && samples.columns == sampleDimension,
                      "\(operation): samples [N, d] vs the sample dimension d = \(sampleDimension) of the networks",
                      samples.shape, [samples.shape.first ?? 0, sampleDimension])
    }

    private func requireNoise(_ noise: Tensor, _ operation: String) {
        requireShapes(noise.rank == 2 && noise.columns == noiseDimension,
                      "\(operation): noise [N, k] vs the noise dimension k = \(noiseDimension) of the generator",
                      noise.shape, [noise.shape.first ?? 0, noiseDimension])
    }
}

/// Stops unless k >= 1 and the batch size is positive.
func requireSettings(_ settings: AdversarialSettings) {
    require(settings.discriminatorSteps >= 1,
            "AdversarialNetworks: k, the discriminator steps per generator step, must be at least 1, got \(settings.discriminatorSteps)")
    require(settings.batchSize >= 1, "AdversarialNetworks: the batch size must be positive, got \(settings.batchSize)")
}

/// Stops unless G takes `noiseDimension` numbers and makes samples of `sampleDimension`: its first
/// dense layer is checked by name, then one test-time pass on a zero row checks the output's width.
func requireGenerator(_ generator: Network, noiseDimension: Int, sampleDimension: Int, _ owner: String) {
    require(noiseDimension >= 1 && sampleDimension >= 1,
            "\(owner): the noise and sample dimensions must be positive, got \(noiseDimension) and \(sampleDimension)")
    if let first = firstDense(in: generator) {
        require(first.inputCount == noiseDimension,
                "\(owner): the noise dimension is \(noiseDimension), but the generator's first layer takes \(first.inputCount) inputs")
    }
    let width = generator.forward(Tensor(shape: [1, noiseDimension]), training: false).shape
    require(width == [1, sampleDimension],
            "\(owner): the generator makes samples of shape \(Array(width.dropFirst())) from one noise row, but the sample dimension is \(sampleDimension)")
}

/// Stops unless D takes samples of `sampleDimension` and gives one logit each.
func requireDiscriminator(_ discriminator: Network, sampleDimension: Int) {
    if let first = firstDense(in: discriminator) {
        require(first.inputCount == sampleDimension,
                "AdversarialNetworks: samples have \(sampleDimension) numbers, but the discriminator's first layer takes \(first.inputCount) inputs")
    }
    let output = discriminator.forward(Tensor(shape: [1, sampleDimension]), training: false).shape
    require(output == [1, 1], "AdversarialNetworks: the discriminator must give one logit per sample, shape [N, 1]; it gives \(output) for one sample")
}

/// The first layer with parameters, if it is a `Dense` (looking inside nested networks).
func firstDense(in network: Network) -> Dense? {
    for layer in network.layers where !layer.parameters.isEmpty {
        if let dense = layer as? Dense { return dense }
        if let inner = layer as? Network { return firstDense(in: inner) }
        return nil
    }
    return nil
}
