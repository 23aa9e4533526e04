// CapsuleNetworkTraining.swift: training a CapsNet, Sabour, Frosst & Hinton 2017, Sec. 4 and 4.1
// (DL Padova "Dynamic routing", "Reconstruction as regularization method"): the total loss is the
// margin loss plus 0.0005 times the reconstruction error of the decoder fed the TRUE class's capsule;
// one mini-batch step of Adam (MLiS II Eq. (1.5.5)) on both.
// Goals, in order: the chain rule visible in one function (the two losses meet at v); the optimisers,
// layers and losses of NeuralNetworks; seeded shuffles, so a seed gives the same network.

import Core
import NeuralNetworks

/// The two parts of the loss of one batch, or their means over an epoch.
public struct CapsuleLosses: Sendable, Equatable {
    /// The margin loss (E-15's form), mean over the examples.
    public var margin: Float
    /// 0.0005 x the sum of squared pixel errors, mean over the examples (0 without a decoder).
    public var reconstruction: Float
    public var total: Float { margin + reconstruction }
}

/// One epoch's numbers for a progress line or a training curve.
public struct CapsuleEpochReport: Sendable {
    public let epoch: Int
    public let losses: CapsuleLosses
}

extension CapsuleNetwork {
    /// The CapsNet's training settings: Adam (alpha 0.002) on mini-batches of 32, 30 epochs.
    public static let epochs = 30
    public static let learningRate: Float = 0.002
    public static let batchSize = 32

    /// One update on the batch (X [B, side^2], labels): forward to v, the margin loss on ||v||, the
    /// reconstruction loss on the decoder's output from v masked to the true class; their gradients
    /// added at v (dJ/dv = normBackward(dL_margin/d||v||) + mask^T(decoder backward)); the encoder's
    /// backward pass; one optimiser step on every parameter. Returns the losses before the update.
    @discardableResult
    public func trainingStep(_ images: Tensor, labels: [Int], optimiser: inout some Optimiser) -> CapsuleLosses {
        let v = encoder.forward(images, training: true)                                  // [B, J, D]
        let lengths = v.norm(alongAxis: 2)                                               // ||v_j||
        let targets = oneHot(labels, classes: configuration.classes)
        var losses = CapsuleLosses(margin: marginLoss.value(predicted: lengths, target: targets), reconstruction: 0)
        var capsuleGradient = normBackward(marginLoss.gradient(predicted: lengths, target: targets), input: v, norms: lengths,
                                           alongAxis: 2)
        if let decoder {
            let reconstructed = decoder.forward(maskCapsules(v, keeping: labels), training: true)
            losses.reconstruction = reconstructionLoss.value(predicted: reconstructed, target: images)
            let maskedGradient = decoder.backward(loss: reconstructionLoss, output: reconstructed, target: images)
            capsuleGradient.add(maskCapsulesBackward(maskedGradient, keeping: labels, capsuleShape: v.shape))
        }
        encoder.backwardDiscardingInputGradient(capsuleGradient)
        optimiser.update(parameters)
        return losses
    }

    /// Mini-batch training: each epoch visits the examples in a fresh order drawn from `generator`, in
    /// batches of `batchSize`, with Adam at `learningRate`. `onEpoch` receives each epoch's mean losses.
    /// Throws `DivergenceError` when a batch loss is NaN or infinite.
    @discardableResult
    public func train(images: Tensor, labels: [Int], epochs: Int = CapsuleNetwork.epochs,
                      learningRate: Float = CapsuleNetwork.learningRate, batchSize: Int = CapsuleNetwork.batchSize,
                      generator: inout Xoshiro256StarStar, onEpoch: (CapsuleEpochReport) -> Void = { _ in }) throws -> [CapsuleLosses] {
        requireShapes(images.rank == 2 && images.shape[0] == labels.count, "CapsuleNetwork.train: images [N, pixels] vs labels [N]",
                      images.shape, [labels.count])
        require(epochs >= 0 && batchSize >= 1 && learningRate > 0,
                "CapsuleNetwork.train: needs epochs >= 0, batchSize >= 1, learningRate > 0, got \(epochs), \(batchSize), \(learningRate)")
        var adam = Adam(learningRate: learningRate)
        var history: [CapsuleLosses] = []
        var step = 0
        for epoch in stride(from: 1, through: epochs, by: 1) {
            let order = generator.permutation(labels.count)
            var sum = CapsuleLosses(margin: 0, reconstruction: 0)
            for start in stride(from: 0, to: order.count, by: batchSize) {
                let batch = Array(order[start..<min(start + batchSize, order.count)])
                let losses = trainingStep(images.gatheringRows(batch), labels: batch.map { labels[$0] }, optimiser: &adam)
                step += 1
                try DivergenceError.check(losses.total, step: step)
                sum.margin += losses.margin * Float(batch.count)
                sum.reconstruction += losses.reconstruction * Float(batch.count)
            }
            let count = Float(max(labels.count, 1))
            let mean = CapsuleLosses(margin: sum.margin / count, reconstruction: sum.reconstruction / count)
            history.append(mean)
            onEpoch(CapsuleEpochReport(epoch: epoch, losses: mean))
        }
        return history
    }

    /// `train(images:labels:...)` on a digits set.
    @discardableResult
    public func train(on digits: Digits, epochs: Int = CapsuleNetwork.epochs, learningRate: Float = CapsuleNetwork.learningRate,
                      batchSize: Int = CapsuleNetwork.batchSize, generator: inout Xoshiro256StarStar,
                      onEpoch: (CapsuleEpochReport) -> Void = { _ in }) throws -> [CapsuleLosses] {
        try train(images: digits.images, labels: digits.labels, epochs: epochs, learningRate: learningRate, batchSize: batchSize,
                  generator: &generator, onEpoch: onEpoch)
    }
}
