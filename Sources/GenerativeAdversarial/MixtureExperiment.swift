// MixtureExperiment.swift: the experiment of Srivastava et al. 2017 (VEEGAN, Sec. 5.1) as one call: train
// a generator on the ring or the grid with fixed seeds, by the non-saturating GAN, the saturating GAN
// (the notes' loss) or the generative matching network (MMD, no discriminator), then count its modes on
// 2,500 samples. The chapter and the tests share it.
// Goals, in order: the three methods on equal terms (the same G, the same noise, batch, steps and
// learning-rate schedule); snapshots of the samples while training, so mode collapse can be watched.

import Core
import NeuralNetworks

/// How the generator is trained.
public enum GenerativeMethod: String, CaseIterable, Sendable {
    /// GAN, G minimising -log D(G(z)) (Goodfellow et al. 2014, Sec. 3).
    case nonSaturating = "non-saturating GAN"
    /// GAN, G minimising log(1 - D(G(z))) (DL Padova "Generative Adversal Network", as printed).
    case saturating = "saturating GAN"
    /// Generative matching network: G descending MMD^2 with Gaussian kernels (no D).
    case matching = "MMD generator (GMN)"
}

/// The sizes and schedule of a mixture run.
public struct MixtureSettings: Sendable {
    public var steps: Int
    public var hidden: Int
    public var noiseDimension: Int
    public var batchSize: Int
    /// The peak Adam step of both players; cosine annealing takes it to 1/100 of that at the end.
    public var learningRate: Float
    /// sigma of the MMD's Gaussian kernels (the matching method only).
    public var bandwidths: [Float]

    public init(steps: Int = 5000, hidden: Int = 64, noiseDimension: Int = 2, batchSize: Int = 256, learningRate: Float = 0.001,
                bandwidths: [Float] = [0.05, 0.3, 2]) {
        require(steps >= 1, "MixtureSettings: needs at least one training step, got \(steps)")
        (self.steps, self.hidden, self.noiseDimension, self.batchSize) = (steps, hidden, noiseDimension, batchSize)
        (self.learningRate, self.bandwidths) = (learningRate, bandwidths)
    }
}

/// What one run leaves: the counts, the samples seen while training, and the losses.
public struct MixtureRun {
    public let method: GenerativeMethod
    /// VEEGAN's counts on 2,500 samples after training.
    public let coverage: ModeCoverage
    /// 2,500 samples after training.
    public let samples: Tensor
    /// (step, 2,500 samples) at the requested steps (0 is before training).
    public let snapshots: [(step: Int, samples: Tensor)]
    /// Per step: V (GAN) or MMD^2 (GMN).
    public let values: [Float]
    /// Per step: G's loss (GAN), or MMD^2 again (GMN).
    public let generatorLosses: [Float]
    /// The GAN itself, for maps of D (nil for the GMN).
    public let adversarial: AdversarialNetworks?
}

/// Trains `method` on `target` with the seed `seed` and counts modes. `onStep(step)` is called after
/// each step (for a progress line). Throws `DivergenceError` on NaN or infinity.
public func trainOnMixture(_ method: GenerativeMethod, target: GaussianMixture, settings: MixtureSettings, seed: UInt64,
                           snapshotSteps: [Int] = [], onStep: (Int) -> Void = { _ in }) throws -> MixtureRun {
    var random = Xoshiro256StarStar(seed: seed)
    let schedule = CosineAnnealingSchedule(maximum: settings.learningRate, minimum: settings.learningRate / 100, period: settings.steps)
    let generator = AdversarialNetworks.multilayerGenerator(noiseDimension: settings.noiseDimension, sampleDimension: target.dimension,
                                                            hidden: settings.hidden, generator: &random)
    var adversarial: AdversarialNetworks? = nil
    var matching: GenerativeMatchingNetwork? = nil
    if method == .matching {
        matching = GenerativeMatchingNetwork(generator: generator, noiseDimension: settings.noiseDimension, sampleDimension: target.dimension,
                                             loss: MaximumMeanDiscrepancy(bandwidths: settings.bandwidths), batchSize: settings.batchSize)
    } else {
        let discriminator = AdversarialNetworks.multilayerDiscriminator(sampleDimension: target.dimension, hidden: settings.hidden, generator: &random)
        let game = AdversarialSettings(generatorLoss: method == .saturating ? .saturating : .nonSaturating, batchSize: settings.batchSize,
                                       schedule: schedule)
        adversarial = AdversarialNetworks(generator: generator, discriminator: discriminator, noiseDimension: settings.noiseDimension,
                                          sampleDimension: target.dimension, settings: game,
                                          generatorOptimiser: Adam(learningRate: settings.learningRate, beta1: 0.5),
                                          discriminatorOptimiser: Adam(learningRate: settings.learningRate, beta1: 0.5))
    }
    let model: SampleGenerator = adversarial ?? matching!
    var evaluation = Xoshiro256StarStar(seed: seed &+ 1_000_003)
    var snapshots: [(step: Int, samples: Tensor)] = []
    if snapshotSteps.contains(0) { snapshots.append((0, model.sample(2500, generator: &evaluation))) }
    var (values, generatorLosses) = ([Float](), [Float]())
    for step in 1...settings.steps {
        if let adversarial {
            let report = try adversarial.trainingStep(data: target, generator: &random)
            values.append(report.value)
            generatorLosses.append(report.generatorLoss)
        } else if let matching {
            let discrepancy = try matching.trainingStep(data: target, generator: &random, learningRate: schedule.learningRate(at: step - 1))
            values.append(discrepancy)
            generatorLosses.append(discrepancy)
        }
        if snapshotSteps.contains(step) { snapshots.append((step, model.sample(2500, generator: &evaluation))) }
        onStep(step)
    }
    let samples = model.sample(2500, generator: &evaluation)
    return MixtureRun(method: method, coverage: ModeCoverage(samples: samples, target: target), samples: samples, snapshots: snapshots,
                      values: values, generatorLosses: generatorLosses, adversarial: adversarial)
}
