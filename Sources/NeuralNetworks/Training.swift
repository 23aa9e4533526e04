// Training.swift: mini-batch training, MLiS II Sec. 1.3 (the algorithm), Sec. 1.5.1 (Eq. (1.5.5):
// mini-batches drawn in a fresh random order each epoch), Sec. 1.7.1 (early stopping) and 1.7.2
// (Eq. (1.7.1): J~ = J + lambda Omega); DL Padova "SGD" (fewer patterns in the last batch).
// Goals, in order: one step as the notes' four steps plus the optional extras, in that order;
// everything seeded; a loop that stays in the library (fast under `swift test`).

import Core

/// What `Network.train` does besides the forward and backward passes.
public struct TrainingSettings: Sendable {
    /// Any `Loss`: `.meanSquaredError`, `.categoricalCrossEntropyFromLogits`, or a module's own.
    public var loss: any Loss
    public var epochs: Int
    /// B of Eq. (1.5.5); the last batch of an epoch holds the remainder.
    public var batchSize: Int
    /// lambda Omega(w) added to the loss (Eq. (1.7.1)), or nil.
    public var penalty: Penalty?
    /// Clip the global gradient norm to this value before each update, or nil.
    public var gradientClipNorm: Float?
    /// A learning rate per iteration (overrides the optimiser's), or nil.
    public var schedule: (any LearningRateSchedule)?
    /// Stop after this many epochs without a better validation loss and restore the best parameters
    /// (needs validation data), or nil.
    public var earlyStoppingPatience: Int?

    public init(loss: some Loss, epochs: Int, batchSize: Int = 32, penalty: Penalty? = nil, gradientClipNorm: Float? = nil,
                schedule: (any LearningRateSchedule)? = nil, earlyStoppingPatience: Int? = nil) {
        require(epochs >= 0 && batchSize > 0, "TrainingSettings: needs epochs >= 0 and batchSize > 0, got \(epochs) and \(batchSize)")
        (self.loss, self.epochs, self.batchSize, self.penalty) = (loss, epochs, batchSize, penalty)
        (self.gradientClipNorm, self.schedule, self.earlyStoppingPatience) = (gradientClipNorm, schedule, earlyStoppingPatience)
    }
}

/// One epoch's numbers, as `Network.train` reports them.
public struct EpochReport: Sendable {
    /// 1-based.
    public let epoch: Int
    /// The mean of the batch losses of the epoch (with dropout active, penalty included).
    public let trainingLoss: Float
    /// The test-time loss on the validation data, if any.
    public let validationLoss: Float?
    /// The learning rate of the epoch's last update.
    public let learningRate: Float
}

/// The losses of every epoch, and where early stopping found the best parameters.
public struct TrainingHistory: Sendable {
    public var trainingLoss: [Float] = []
    public var validationLoss: [Float] = []
    /// The epoch whose parameters the network holds after early stopping (1-based), or nil.
    public var bestEpoch: Int? = nil
    /// True when early stopping ended training before `settings.epochs`.
    public var stoppedEarly = false
    public var epochsRun: Int { trainingLoss.count }
}

extension Network {
    /// One update on the batch (X, Y), with X of shape [B, n_in] and Y of shape [B, n_out]:
    /// forward pass, loss (Eq. (1.1.1)), error at the output and backward pass (Eq. (1.3.4), Eq. (1.3.5),
    /// Eq. (1.3.6), Eq. (1.3.7)), the
    /// penalty's gradient (Eq. (1.7.1)), gradient clipping, and the optimiser's update. Returns J (+ the
    /// penalty) before the update.
    ///
    /// Frozen parameters (`Layer.freeze`) are left as they are: a GAN's generator step is
    /// `Network([generator, discriminator]).trainingStep(z, real, ...)` with the discriminator frozen.
    /// dJ/dX is not computed (`backwardDiscardingInputGradient(loss:output:target:)`).
    @discardableResult
    public func trainingStep(_ X: Tensor, _ Y: Tensor, loss: some Loss, optimiser: inout some Optimiser,
                             penalty: Penalty? = nil, gradientClipNorm: Float? = nil) -> Float {
        let output = forward(X, training: true)
        var value = loss.value(predicted: output, target: Y)
        backwardDiscardingInputGradient(loss: loss, output: output, target: Y)
        let parameters = self.parameters
        if let penalty {
            value += penalty.value(parameters)
            penalty.addGradient(to: parameters)
        }
        if let gradientClipNorm { clipGradientNorm(parameters, maximumNorm: gradientClipNorm) }
        optimiser.update(parameters)
        return value
    }

    /// Mini-batch training for `settings.epochs` epochs: each epoch visits the rows of (X, Y) in a
    /// fresh order drawn from `generator`, in batches of `settings.batchSize` (Eq. (1.5.5)).
    ///
    /// With `validation` data the test-time loss on it is recorded after every epoch; with
    /// `settings.earlyStoppingPatience` as well, training stops after that many epochs without
    /// improvement, and in any case ends with the best epoch's parameters (Sec. 1.7.1).
    /// `onEpoch` receives each epoch's numbers (for a progress line).
    /// Throws `DivergenceError` when a batch loss is NaN or infinite.
    @discardableResult
    public func train(_ X: Tensor, _ Y: Tensor, settings: TrainingSettings, optimiser: inout some Optimiser,
                      generator: inout Xoshiro256StarStar, validation: (inputs: Tensor, targets: Tensor)? = nil,
                      onEpoch: (EpochReport) -> Void = { _ in }) throws -> TrainingHistory {
        requireShapes(X.rank >= 1 && Y.rank >= 1 && X.shape[0] == Y.shape[0], "Network.train: X rows vs Y rows", X.shape, Y.shape)
        require(settings.earlyStoppingPatience == nil || validation != nil,
                "Network.train: early stopping needs validation data")
        var history = TrainingHistory()
        var stopping = settings.earlyStoppingPatience.map { EarlyStopping(patience: $0) }
        var iteration = 0
        for epoch in stride(from: 1, through: settings.epochs, by: 1) {
            let order = generator.permutation(X.shape[0])
            var total: Float = 0
            for start in stride(from: 0, to: order.count, by: settings.batchSize) {
                let batch = Array(order[start..<min(start + settings.batchSize, order.count)])
                if let schedule = settings.schedule { optimiser.learningRate = schedule.learningRate(at: iteration) }
                let batchLoss = trainingStep(gatheringExamples(batch, of: X), gatheringExamples(batch, of: Y), loss: settings.loss,
                                             optimiser: &optimiser, penalty: settings.penalty,
                                             gradientClipNorm: settings.gradientClipNorm)
                try DivergenceError.check(batchLoss, step: iteration + 1)
                total += batchLoss * Float(batch.count)
                iteration += 1
            }
            history.trainingLoss.append(total / Float(max(X.shape[0], 1)))
            let validationLoss = validation.map { loss($0.inputs, $0.targets, loss: settings.loss) }
            if let validationLoss { history.validationLoss.append(validationLoss) }
            onEpoch(EpochReport(epoch: epoch, trainingLoss: history.trainingLoss.last!, validationLoss: validationLoss,
                                learningRate: optimiser.learningRate))
            if let validationLoss, stopping?.observe(validationLoss: validationLoss, epoch: epoch, network: self) == true {
                history.stoppedEarly = true
                break
            }
        }
        if let stopping {
            stopping.restoreBest(into: self)
            history.bestEpoch = stopping.bestEpoch
        }
        return history
    }
}
