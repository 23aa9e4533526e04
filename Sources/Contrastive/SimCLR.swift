// SimCLR.swift: pre-training a Siamese encoder without labels (thesis ch. 2 Sec. 2.3.1; Chen et al.
// 2020, Algorithm 1): each batch of N images gives two random views of each, both pass through the
// shared encoder f and head g, and NT-Xent pulls each pair together and the 2N - 2 others apart.
// Goals, in order: Algorithm 1 step by step; seeded; the loss at the start (about log(2N - 1)) and at
// the end recorded.

import Core
import NeuralNetworks

/// The settings of contrastive pre-training.
public struct ContrastiveSettings: Sendable {
    public var epochs: Int
    /// N images per batch (2N views).
    public var batchSize: Int
    public var temperature: Float
    public var learningRate: Float
    public var augmentation: Augmentation
    /// False: the loss without negatives (the collapse experiment).
    public var negatives: Bool

    public init(epochs: Int, batchSize: Int = 256, temperature: Float = 0.5, learningRate: Float = 1e-3,
                augmentation: Augmentation = Augmentation(), negatives: Bool = true) {
        require(epochs >= 0 && batchSize >= 2, "ContrastiveSettings: a batch of one image has no negatives; needs batchSize >= 2 and epochs >= 0, got \(batchSize) and \(epochs)")
        require(temperature > 0, "ContrastiveSettings: the temperature tau must be > 0, got \(temperature)")
        (self.epochs, self.batchSize, self.temperature, self.learningRate, self.augmentation, self.negatives) =
            (epochs, batchSize, temperature, learningRate, augmentation, negatives)
    }
}

/// What pre-training recorded: the first batch's loss, and the mean loss of each epoch.
public struct ContrastiveHistory: Sendable {
    public var firstBatchLoss: Float = .nan
    public var epochLoss: [Float] = []

    public init() {}
}

/// Trains `encoder` and `head` (f and g) by SimCLR on the rows of `images` (labels never used), with Adam.
/// The last batch of an epoch is dropped when it has fewer than 2 images. Throws `DivergenceError`.
@discardableResult
public func trainSimCLR(encoder: Network, head: Network, images: Tensor, settings: ContrastiveSettings,
                        generator: inout Xoshiro256StarStar, onEpoch: (Int, Float) -> Void = { _, _ in }) throws -> ContrastiveHistory {
    let siamese = SiameseNetwork(Network([encoder, head]))
    let loss = NTXent(temperature: settings.temperature, negatives: settings.negatives)
    var adam = Adam(learningRate: settings.learningRate)
    var history = ContrastiveHistory()
    for epoch in 1...max(settings.epochs, 1) where settings.epochs > 0 {
        let order = generator.permutation(images.shape[0])
        var (total, batches): (Float, Int) = (0, 0)
        for start in stride(from: 0, to: order.count, by: settings.batchSize) where order.count - start >= 2 {
            let batch = images.gatheringRows(Array(order[start..<min(start + settings.batchSize, order.count)]))
            let first = settings.augmentation.views(of: batch, generator: &generator)
            let second = settings.augmentation.views(of: batch, generator: &generator)
            let (zi, zj) = siamese.forward(first, second, training: true)
            let (value, gradient) = loss.valueAndGradient(Tensor(concatenating: [zi, zj], alongAxis: 0))
            try DivergenceError.check(value, step: epoch)
            if history.firstBatchLoss.isNaN { history.firstBatchLoss = value }
            let halves = gradient.split(alongAxis: 0, sizes: [zi.shape[0], zj.shape[0]])
            siamese.backward(halves[0], halves[1])
            adam.update(siamese.parameters)
            (total, batches) = (total + value, batches + 1)
        }
        history.epochLoss.append(total / Float(max(batches, 1)))
        onEpoch(epoch, history.epochLoss.last!)
    }
    return history
}
