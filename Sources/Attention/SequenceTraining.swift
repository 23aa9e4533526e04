// SequenceTraining.swift: training a transformer on a sequence task with Adam, the warm-up of Vaswani et
// al. (2017), Sec. 5.3, Eq. (3), and a cosine decay to 0; held-out accuracy of whole sequences after each epoch.
// Goals, in order: everything seeded; fresh random sequences every batch, never one of the held-out
// set; the loop in the library, so tests and the chapter train the same way.

import Core
import NeuralNetworks

/// A linear warm-up to `peak` over `warmup` steps, then a decay: Vaswani et al.'s Eq. (3), with the
/// peak given directly, or a cosine to 0 at `totalSteps`:
///
///     step = iteration + 1
///     alpha(step) = peak step / warmup                                        for step <= warmup
///     alpha(step) = peak sqrt(warmup / step)                                  (Vaswani et al., Eq. (3))
///     alpha(step) = peak (1 + cos(pi (step - warmup) / (total - warmup))) / 2   (`CosineAnnealingSchedule`)
///
/// (Eq. (3) writes the peak as d_model^-1/2 warmup^-1/2.) A transformer with post-norm blocks needs the
/// slow start: a full step of Adam on untrained attention can saturate the softmax. The cosine ends at
/// 0, so the last steps settle the weights instead of moving them about (seen on sorting: the held-out
/// accuracy of the inverse square root's last epochs jumps between 90 % and 99 %).
public struct WarmupSchedule: LearningRateSchedule {
    /// What follows the warm-up.
    public enum Decay: Sendable, Equatable {
        case inverseSquareRoot
        case cosine(totalSteps: Int)
    }

    public let peak: Float
    public let warmup: Int
    public let decay: Decay

    public init(peak: Float, warmup: Int, decay: Decay = .inverseSquareRoot) {
        require(peak > 0 && warmup >= 1, "WarmupSchedule: needs peak > 0 and warmup >= 1, got \(peak) and \(warmup)")
        if case .cosine(let total) = decay {
            require(total > warmup, "WarmupSchedule: the cosine needs totalSteps > warmup, got \(total) and \(warmup)")
        }
        (self.peak, self.warmup, self.decay) = (peak, warmup, decay)
    }

    public func learningRate(at iteration: Int) -> Float {
        let step = Float(iteration + 1), warmup = Float(self.warmup)
        guard step > warmup else { return peak * step / warmup }
        switch decay {
        case .inverseSquareRoot:
            return peak * (warmup / step).squareRoot()
        case .cosine(let total):                       // NeuralNetworks' cosine, started after the warm-up
            return CosineAnnealingSchedule(maximum: peak, minimum: 0, period: total - self.warmup)
                .learningRate(at: iteration + 1 - self.warmup)
        }
    }
}

/// How `Transformer.train` trains.
public struct SequenceTrainingSettings: Sendable {
    public var epochs: Int
    /// Batches per epoch, each of `batchSize` fresh random sequences.
    public var stepsPerEpoch: Int
    public var batchSize: Int
    /// The peak of the warm-up schedule.
    public var learningRate: Float
    public var warmup: Int
    public var gradientClipNorm: Float?

    public init(epochs: Int, stepsPerEpoch: Int = 100, batchSize: Int = 64, learningRate: Float = 0.002, warmup: Int = 200,
                gradientClipNorm: Float? = 1) {
        require(epochs >= 0 && stepsPerEpoch >= 1 && batchSize >= 1,
                "SequenceTrainingSettings: needs epochs >= 0, stepsPerEpoch >= 1 and batchSize >= 1")
        (self.epochs, self.stepsPerEpoch, self.batchSize) = (epochs, stepsPerEpoch, batchSize)
        (self.learningRate, self.warmup, self.gradientClipNorm) = (learningRate, warmup, gradientClipNorm)
    }
}

/// One epoch's numbers.
public struct SequenceEpochReport: Sendable {
    public let epoch: Int
    /// The mean cross-entropy per token over the epoch's batches.
    public let trainingLoss: Float
    /// Whole held-out sequences right, by greedy decoding (nil without held-out data).
    public let heldOutAccuracy: Double?
}

extension Transformer {
    /// Trains on `task` with Adam (beta2 = 0.98, epsilon = 1e-9 as Vaswani et al.) under `WarmupSchedule`
    /// (cosine to 0 at the last step);
    /// every batch is fresh sequences of length `shape.length`, none of them in `heldOut`, whose whole-
    /// sequence accuracy is measured after each epoch. Returns the epochs' reports.
    /// Throws `DivergenceError` if a batch loss is NaN or infinite.
    @discardableResult
    public func train(task: SequenceTask, settings: SequenceTrainingSettings, generator: inout Xoshiro256StarStar,
                      heldOut: [[Int]] = [], onEpoch: (SequenceEpochReport) -> Void = { _ in }) throws -> [SequenceEpochReport] {
        var adam = Adam(learningRate: settings.learningRate, beta2: 0.98, epsilon: 1e-9)
        let schedule = WarmupSchedule(peak: settings.learningRate, warmup: settings.warmup,
                                      decay: .cosine(totalSteps: max(settings.epochs * settings.stepsPerEpoch, settings.warmup + 1)))
        let excluded = Set(heldOut)
        var reports: [SequenceEpochReport] = []
        var iteration = 0
        for epoch in stride(from: 1, through: settings.epochs, by: 1) {
            var total: Float = 0
            for _ in 0..<settings.stepsPerEpoch {
                let sources = randomSequences(count: settings.batchSize, length: shape.length, digits: shape.vocabulary,
                                              excluding: excluded, generator: &generator)
                adam.learningRate = schedule.learningRate(at: iteration)
                let loss = trainingStep(source: tokenTensor(sources), target: tokenTensor(sources.map(task.target)),
                                        optimiser: &adam, gradientClipNorm: settings.gradientClipNorm)
                iteration += 1
                try DivergenceError.check(loss, step: iteration)
                total += loss
            }
            let accuracy = heldOut.isEmpty ? nil : heldOutAccuracy(task: task, sequences: heldOut)
            let report = SequenceEpochReport(epoch: epoch, trainingLoss: total / Float(settings.stepsPerEpoch), heldOutAccuracy: accuracy)
            reports.append(report)
            onEpoch(report)
        }
        return reports
    }

    /// Whole sequences right, by greedy decoding, in batches of 256.
    public func heldOutAccuracy(task: SequenceTask, sequences: [[Int]]) -> Double {
        var predicted: [[Int]] = []
        for start in stride(from: 0, to: sequences.count, by: 256) {
            predicted += predict(tokenTensor(Array(sequences[start..<min(start + 256, sequences.count)])))
        }
        return exactSequenceAccuracy(predicted: predicted, targets: sequences.map(task.target))
    }
}
