// VariationalTraining.swift: mini-batch training of the VAE (MLiS II Eq. (1.5.5): a fresh random
// order each epoch, the last batch holding the remainder), with the ELBO's two parts recorded per
// batch and per epoch; and the setup on the 8x8 digits (DAT300 "Variational Autoencoders"),
// with the deterministic autoencoder of the same shapes as its comparison (DAT300 "Autoencoders").
// Goals, in order: the same loop as the platform's `Network.train`, but with eps drawn per batch and
// both terms reported; seeded; stops with `DivergenceError` when the loss is no longer finite; the
// chapter, the tests and the benchmark all train through the same few functions.

import Core
import NeuralNetworks

extension VariationalAutoencoder {
    /// Trains on the rows of x [N, pixels] for `epochs` epochs of shuffled mini-batches of `batchSize`
    /// (Eq. (1.5.5)); batch order and eps both come from `generator`. `onBatch(step, terms)` sees each
    /// batch's terms before its update (step counts from 1), `onEpoch(epoch, terms)` each epoch's mean
    /// (weighted by batch size). Returns the epochs' means.
    /// Throws `DivergenceError` when a batch's negative ELBO is NaN or infinite.
    @discardableResult
    public func train(_ input: Tensor, epochs: Int, batchSize: Int = 64, optimiser: inout some Optimiser,
                      generator: inout Xoshiro256StarStar, onBatch: (Int, ELBOTerms) -> Void = { _, _ in },
                      onEpoch: (Int, ELBOTerms) -> Void = { _, _ in }) throws -> [ELBOTerms] {
        require(input.rank == 2 && epochs >= 0 && batchSize > 0,
                "VariationalAutoencoder.train: needs x [N, pixels], epochs >= 0 and batchSize > 0, got \(input.shape), \(epochs), \(batchSize)")
        BernoulliReconstruction.requirePixelTargets(input, "VariationalAutoencoder.train")
        var history: [ELBOTerms] = []
        var step = 0
        for epoch in stride(from: 1, through: epochs, by: 1) {
            let order = generator.permutation(input.rows)
            var total = ELBOTerms(reconstruction: 0, kl: 0)
            for start in stride(from: 0, to: order.count, by: batchSize) {
                let rows = Array(order[start..<min(start + batchSize, order.count)])
                let terms = trainingStep(input.gatheringRows(rows), optimiser: &optimiser, generator: &generator)
                step += 1
                try DivergenceError.check(terms.negativeELBO, step: step)
                onBatch(step, terms)
                total.reconstruction += terms.reconstruction * Float(rows.count) / Float(input.rows)
                total.kl += terms.kl * Float(rows.count) / Float(input.rows)
            }
            history.append(total)
            onEpoch(epoch, total)
        }
        return history
    }
}

/// The experiment on the 8x8 digits (pixels / 16, Core's standard split): encoder 64 -> 128
/// ReLU -> (mu, log sigma^2), decoder latent -> 128 ReLU -> 64 logits, Adam with alpha = 1e-3,
/// batches of 64, 200 epochs; evaluated on the test set by its negative ELBO (one eps, and the mean
/// over 100), the two parts, and a 5-nearest-neighbour classifier on mu.
public enum DigitsVAE {
    public static let hidden = 128
    public static let batchSize = 64
    public static let epochs = 200
    public static let learningRate: Float = 1e-3
    /// The number of eps draws averaged in the reported test ELBO.
    public static let evaluationSamples = 100
    /// k of the nearest-neighbour classifier on the codes.
    public static let neighbours = 5

    /// A VAE with the architecture, trained on `train.images`. `onEpoch(epoch, terms, model)`
    /// sees each epoch's training terms and the model as it stands (e.g. to evaluate it on test data).
    public static func train(latent: Int, on train: Digits, epochs: Int = epochs, learningRate: Float = learningRate,
                             generator: inout Xoshiro256StarStar,
                             onEpoch: (Int, ELBOTerms, VariationalAutoencoder) -> Void = { _, _, _ in })
        throws -> (model: VariationalAutoencoder, history: [ELBOTerms])
    {
        let model = VariationalAutoencoder(inputs: Digits.pixels, hidden: hidden, latent: latent, generator: &generator)
        var adam = Adam(learningRate: learningRate)
        let history = try model.train(train.images, epochs: epochs, batchSize: batchSize, optimiser: &adam, generator: &generator,
                                      onEpoch: { onEpoch($0, $1, model) })
        return (model, history)
    }

    /// The deterministic comparison: `Autoencoder.deep` with the VAE's encoder and decoder shapes,
    /// trained with the same Bernoulli term (no KL, no sampling), optimiser, batches and epochs.
    public static func trainAutoencoder(latent: Int, on train: Digits, epochs: Int = epochs, learningRate: Float = learningRate,
                                        generator: inout Xoshiro256StarStar) throws -> Autoencoder {
        let autoencoder = Autoencoder.deep(inputs: Digits.pixels, hidden: hidden, latent: latent, generator: &generator)
        var adam = Adam(learningRate: learningRate)
        try autoencoder.train(train.images, target: train.images, loss: .bernoulliReconstruction, epochs: epochs, batchSize: batchSize,
                              optimiser: &adam, generator: &generator)
        return autoencoder
    }

    /// The deterministic autoencoder's test reconstruction term (nats per image) and the k-NN accuracy
    /// on its codes, fitted on the training codes.
    public static func evaluate(_ autoencoder: Autoencoder, train: Digits, test: Digits)
        -> (reconstruction: Float, nearestNeighbourAccuracy: Double)
    {
        let reconstruction = autoencoder.network.loss(test.images, test.images, loss: .bernoulliReconstruction)
        let classifier = NearestNeighbourClassifier(points: autoencoder.encode(train.images), labels: train.labels, k: neighbours)
        return (reconstruction, Core.accuracy(predicted: classifier.classify(autoencoder.encode(test.images)), truth: test.labels))
    }

    /// How a trained VAE does on the test set.
    public struct Evaluation: Sendable {
        /// The test set's terms with one eps per image.
        public let oneSample: ELBOTerms
        /// The mean over `evaluationSamples` draws of eps.
        public let meanOfSamples: ELBOTerms
        /// The accuracy of k-NN on the test set's mu, fitted on the training set's mu.
        public let nearestNeighbourAccuracy: Double
    }

    public static func evaluate(_ model: VariationalAutoencoder, train: Digits, test: Digits, samples: Int = evaluationSamples,
                                generator: inout Xoshiro256StarStar) -> Evaluation {
        let oneSample = model.evaluate(test.images, samples: 1, generator: &generator)
        let meanOfSamples = model.evaluate(test.images, samples: samples, generator: &generator)
        let classifier = NearestNeighbourClassifier(points: model.encodeMeans(train.images), labels: train.labels, k: neighbours)
        let accuracy = Core.accuracy(predicted: classifier.classify(model.encodeMeans(test.images)), truth: test.labels)
        return Evaluation(oneSample: oneSample, meanOfSamples: meanOfSamples, nearestNeighbourAccuracy: accuracy)
    }
}
