// SequenceTraining.swift: training a transformer on a sequence task with Adam and the warm-up of
// Vaswani et al. (2017), Sec. 5.3, Eq. (3); held-out accuracy of whole sequences after each epoch.
// Goals, in order: everything seeded; fresh random sequences every batch, never one of the held-out
// set; the loop in the library, so tests and the chapter train the same way.

import Core
import NeuralNetworks

/// The learning rate of Vaswani et al., Eq. (3), with the peak given directly:
///
///     alpha(step) = peak min(step / warmup, sqrt(warmup / step)),   step = iteration + 1
///
/// It rises linearly for `warmup` steps, then falls as 1/sqrt(step). (Eq. (3) writes the peak as
/// d_model^-1/2 warmup^-1/2.) A transformer with post-norm blocks needs the slow start: a full step
/// of Adam on untrained attention can saturate the softmax.
public struct WarmupSchedule: LearningRateSchedule {
    public let peak: Float
    public let warmup: Int

    public init(peak: Float, warmup: Int) {
        require(peak > 0 && warmup >= 1, "WarmupSchedule: needs peak > 0 and warmup >= 1, got \(peak) and \(warmup)")
        (self.peak, self.warmup) = (peak, warmup)
    }

    public func learningRate(at iteration: Int) -> Float {
        let step = Float(iteration + 1), warmup = Float(self.warmup)
        return peak * min(step / warmup, (warmup / step).squareRoot())
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
    /// Trains on `task` with Adam (beta2 = 0.98, epsilon = 1e-9 as Vaswani et al.) under `WarmupSchedule`;
    /// every batch is fresh sequences of length `shape.length`, none of them in `heldOut`, whose whole-
    /// sequence accuracy is measured after each epoch. Returns the epochs' reports.
    /// Throws `DivergenceError` if a batch loss is NaN or infinite.
    @discardableResult
    public func train(task: SequenceTask, settings: SequenceTrainingSettings, generator: inout Xoshiro256StarStar,
                      heldOut: [[Int]] = [], onEpoch: (SequenceEpochReport) -> Void = { _ in }) throws -> [SequenceEpochReport] {
        var adam = Adam(learningRate: settings.learningRate, beta2: 0.98, epsilon: 1e-9)
        let schedule = WarmupSchedule(peak: settings.learningRate, warmup: settings.warmup)
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
