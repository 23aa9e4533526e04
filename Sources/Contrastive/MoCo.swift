// MoCo.swift: momentum contrast (thesis ch. 2 Sec. 2.3.2, cut off mid-sentence in the notes, E-74; He,
// Fan, Wu, Xie & Girshick 2020, Eq. (2) and Algorithm 1): a query encoder trained by gradient descent,
// a key encoder that follows it as a momentum average theta_k <- m theta_k + (1 - m) theta_q, and a
// queue of the last K encoded keys as the dictionary of negatives for InfoNCE.
// Goals, in order: the three pieces (momentum update, queue, loss) each visible in one place; the
// key encoder never touched by the optimiser (its parameters are frozen); seeded.

import Core
import NeuralNetworks

/// theta_k <- m theta_k + (1 - m) theta_q, parameter by parameter   (He et al. 2020, Eq. (2))
///
/// m close to 1 (0.99, 0.999) makes the key encoder a slow average of recent query encoders, so the
/// keys in the queue, encoded over many steps, stay comparable. Precondition: 0 <= m <= 1 and the
/// two lists of parameters of equal shapes, in the same order.
public func momentumUpdate(key: [Parameter], query: [Parameter], momentum m: Float) {
    require((0...1).contains(m), "momentumUpdate: the momentum m must lie in [0, 1], got \(m)")
    require(key.count == query.count, "momentumUpdate: \(key.count) key parameters vs \(query.count) query parameters")
    for (k, q) in zip(key, query) {
        requireShapes(k.value.shape == q.value.shape, "momentumUpdate: key \(k.name) vs query \(q.name)", k.value.shape, q.value.shape)
        k.value.scale(by: m)
        k.value.add(q.value, scaledBy: 1 - m)
    }
}

/// The dictionary: a first-in first-out queue of K unit keys [K, d]; the newest batch of keys
/// replaces the oldest.
public struct KeyQueue: Sendable {
    public private(set) var keys: Tensor
    private var next = 0

    /// K random unit vectors to start with (as MoCo does). Precondition: K >= 1, d >= 1.
    public init(size: Int, dimension: Int, generator: inout Xoshiro256StarStar) {
        require(size >= 1 && dimension >= 1, "KeyQueue: needs K >= 1 keys of d >= 1 numbers, got K = \(size), d = \(dimension)")
        keys = unitRows(generator.normalTensor(shape: [size, dimension])).units
    }

    /// Pushes a batch of keys [B, d] (scaled to unit length), overwriting the oldest.
    public mutating func enqueue(_ batch: Tensor) {
        requireShapes(batch.rank == 2 && batch.columns == keys.columns, "KeyQueue.enqueue: batch [B, d] vs queue [K, d]",
                      batch.shape, keys.shape)
        let units = unitRows(batch).units
        var scalars = keys.scalars
        let d = keys.columns
        for i in 0..<units.rows {
            for k in 0..<d { scalars[next * d + k] = units[i, k] }
            next = (next + 1) % keys.rows
        }
        keys = Tensor(shape: keys.shape, scalars: scalars)
    }
}

/// A MoCo model: query network (encoder f_q then head), key network of the same shape, the queue.
public final class MoCo {
    public let queryEncoder: Network
    public let queryHead: Network
    public let keyNetwork: Network
    public private(set) var queue: KeyQueue
    public let momentum: Float
    private var query: Network { Network([queryEncoder, queryHead]) }

    /// `keyEncoder` and `keyHead` must have the shapes of the query's; they start as its copy and are frozen.
    public init(queryEncoder: Network, queryHead: Network, keyEncoder: Network, keyHead: Network, queueSize: Int,
                momentum: Float = 0.99, generator: inout Xoshiro256StarStar) {
        require((0...1).contains(momentum), "MoCo: the momentum m must lie in [0, 1], got \(momentum)")
        self.queryEncoder = queryEncoder
        self.queryHead = queryHead
        keyNetwork = Network([keyEncoder, keyHead])
        self.momentum = momentum
        let queryParameters = Network([queryEncoder, queryHead]).parameters
        require(queryParameters.map(\.value.shape) == keyNetwork.parameters.map(\.value.shape),
                "MoCo: the key network must have the query network's shapes")
        keyNetwork.restore(queryParameters.map(\.value))
        keyNetwork.freeze()
        let width = queryParameters.last?.value.shape.last ?? 1
        queue = KeyQueue(size: queueSize, dimension: width, generator: &generator)
    }

    /// One step of Algorithm 1: two views, q = f_q(view 1), k = f_k(view 2) (no gradient), InfoNCE
    /// over (k, queue), the optimiser's step on the query network, the momentum update, enqueue k.
    /// Returns the loss. Precondition: tau > 0.
    public func trainingStep(_ images: Tensor, augmentation: Augmentation, temperature: Float,
                             optimiser: inout some Optimiser, generator: inout Xoshiro256StarStar) -> Float {
        let query = self.query
        let first = augmentation.views(of: images, generator: &generator)
        let second = augmentation.views(of: images, generator: &generator)
        let q = query.forward(first, training: true)
        let k = keyNetwork.forward(second, training: true)
        let (value, gradient) = InfoNCE(temperature: temperature).valueAndGradient(queries: q, keys: k, queue: queue.keys)
        query.backwardDiscardingInputGradient(gradient)
        optimiser.update(query.parameters)
        momentumUpdate(key: keyNetwork.parameters, query: query.parameters, momentum: momentum)
        queue.enqueue(k)
        return value
    }
}

/// Trains a MoCo model on the rows of `images` (labels never used), with Adam; returns the first
/// batch's loss and each epoch's mean. Throws `DivergenceError`.
@discardableResult
public func trainMoCo(_ model: MoCo, images: Tensor, settings: ContrastiveSettings, generator: inout Xoshiro256StarStar,
                      onEpoch: (Int, Float) -> Void = { _, _ in }) throws -> ContrastiveHistory {
    var adam = Adam(learningRate: settings.learningRate)
    var history = ContrastiveHistory()
    for epoch in 1...max(settings.epochs, 1) where settings.epochs > 0 {
        let order = generator.permutation(images.shape[0])
        var (total, batches): (Float, Int) = (0, 0)
        for start in stride(from: 0, to: order.count, by: settings.batchSize) {
            let batch = images.gatheringRows(Array(order[start..<min(start + settings.batchSize, order.count)]))
            let value = model.trainingStep(batch, augmentation: settings.augmentation, temperature: settings.temperature,
                                           optimiser: &adam, generator: &generator)
            try DivergenceError.check(value, step: epoch)
            if history.firstBatchLoss.isNaN { history.firstBatchLoss = value }
            (total, batches) = (total + value, batches + 1)
        }
        history.epochLoss.append(total / Float(max(batches, 1)))
        onEpoch(epoch, history.epochLoss.last!)
    }
    return history
}
