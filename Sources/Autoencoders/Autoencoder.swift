// Autoencoder.swift: DAT300 "Autoencoders": the deterministic autoencoder, an encoder that compresses
// the input to a latent code and a decoder that rebuilds the input from it. The notes print the
// linear one, `encoder = Dense(LATENT)(input)`, `decoder = Dense(INPUT)(encoder)`; here also a deep
// one with the VAE's layer sizes (its comparison row), and the denoising autoencoder, which sees a
// corrupted input and is scored against the clean one (Vincent et al. 2008).
// Goals, in order: nothing but platform parts (Dense, Network, a `Loss`, `Network.train`), so the
// only new idea on the page is "the target is the input"; the same encoder shape as the VAE's mean
// head, so the two can be compared code for code.
//
// What the linear one learns: with MSE and no activation, the best rank-`latent` map x -> x W1 W2
// (+ biases) is the projection onto the top `latent` principal components of the centred data
// (Baldi & Hornik 1989). W1 and W2 need not be orthogonal, but the decoder's rows span that subspace;
// `PrincipalComponents` and `principalAngles` check it.

import Core
import NeuralNetworks

/// x -> encoder -> code -> decoder -> reconstruction, trained with the input as its own target.
///
/// ```swift
/// var generator = Xoshiro256StarStar(seed: 1)
/// let linear = Autoencoder.linear(latent: 2, generator: &generator)     // DAT300: Dense(2) -> Dense(64)
/// var adam = Adam(learningRate: 0.01)
/// try linear.train(x, target: x, loss: .meanSquaredError, epochs: 100, optimiser: &adam, generator: &generator)
/// print(linear.encode(x).shape)                                          // [N, 2]
/// ```
public final class Autoencoder {
    public let encoder: Network
    public let decoder: Network
    /// Network([encoder, decoder]): what trains.
    public let network: Network
    public let latentSize: Int

    /// Precondition: `latentSize >= 1` (the encoder's output width; checked on use by the layers).
    public init(encoder: Network, decoder: Network, latentSize: Int) {
        require(latentSize >= 1, "Autoencoder: the latent space needs at least 1 dimension, got \(latentSize)")
        (self.encoder, self.decoder, self.latentSize) = (encoder, decoder, latentSize)
        network = Network([encoder, decoder])
    }

    /// DAT300's linear autoencoder: Dense(latent, linear) -> Dense(inputs, linear), Xavier weights.
    /// Precondition: `latent >= 1`.
    public static func linear(inputs: Int = 64, latent: Int, generator: inout Xoshiro256StarStar) -> Autoencoder {
        require(latent >= 1, "Autoencoder.linear: the latent space needs at least 1 dimension, got \(latent)")
        return Autoencoder(encoder: Network([Dense(inputs: inputs, outputs: latent, activation: .linear, generator: &generator)]),
                           decoder: Network([Dense(inputs: latent, outputs: inputs, activation: .linear, generator: &generator)]),
                           latentSize: latent)
    }

    /// The VAE's shapes without the sampling: inputs -> hidden (ReLU) -> latent (linear), then
    /// latent -> hidden (ReLU) -> inputs (linear: Bernoulli logits, for `BernoulliReconstruction`),
    /// initialised as the VAE's (`autoencoderLayer`). Precondition: `latent >= 1`.
    public static func deep(inputs: Int = 64, hidden: Int = 128, latent: Int, generator: inout Xoshiro256StarStar) -> Autoencoder {
        require(latent >= 1, "Autoencoder.deep: the latent space needs at least 1 dimension, got \(latent)")
        let encoder = Network([autoencoderLayer(inputs, hidden, .relu, &generator), autoencoderLayer(hidden, latent, .linear, &generator)])
        let decoder = Network([autoencoderLayer(latent, hidden, .relu, &generator), autoencoderLayer(hidden, inputs, .linear, &generator)])
        return Autoencoder(encoder: encoder, decoder: decoder, latentSize: latent)
    }

    /// The codes of the rows of x: [N, latent].
    public func encode(_ input: Tensor) -> Tensor { encoder(input) }

    /// The decoder's output for the rows of x (values for the linear one, logits for the deep one).
    public func reconstruct(_ input: Tensor) -> Tensor { network(input) }

    /// Trains `network` to map `input` to `target` (the input itself, or the clean images of a
    /// denoising autoencoder) with `loss`, through the platform's `Network.train`.
    @discardableResult
    public func train(_ input: Tensor, target: Tensor, loss: some Loss, epochs: Int, batchSize: Int = 64,
                      optimiser: inout some Optimiser, generator: inout Xoshiro256StarStar) throws -> TrainingHistory {
        try network.train(input, target, settings: TrainingSettings(loss: loss, epochs: epochs, batchSize: batchSize),
                          optimiser: &optimiser, generator: &generator)
    }

    /// The denoising autoencoder's training: each epoch corrupts the clean images afresh
    /// (`corrupted(_:noise:generator:)`) and trains one epoch from the corrupted images to the clean
    /// ones. Returns the training loss of each epoch.
    @discardableResult
    public func trainDenoising(_ clean: Tensor, noise: Float, loss: some Loss, epochs: Int, batchSize: Int = 64,
                               optimiser: inout some Optimiser, generator: inout Xoshiro256StarStar) throws -> [Float] {
        var losses: [Float] = []
        for _ in 0..<epochs {
            let noisy = corrupted(clean, noise: noise, generator: &generator)
            losses += try train(noisy, target: clean, loss: loss, epochs: 1, batchSize: batchSize, optimiser: &optimiser,
                                generator: &generator).trainingLoss
        }
        return losses
    }
}

/// x + sigma eps with eps ~ N(0, 1) per pixel, clipped to [0, 1] (still valid pixel values): the
/// corruption of the denoising autoencoder. Shape as `images`. Precondition: sigma >= 0.
public func corrupted(_ images: Tensor, noise standardDeviation: Float, generator: inout Xoshiro256StarStar) -> Tensor {
    require(standardDeviation >= 0, "corrupted: the noise's standard deviation must be >= 0, got \(standardDeviation)")
    let noise = generator.normalTensor(shape: images.shape, standardDeviation: standardDeviation)
    return combineElements(images, noise, "corrupted") { min(max($0 + $1, 0), 1) }
}

extension Autoencoder {
    /// The rows of the last decoder layer's weights W [latent, inputs], in Double: for the linear
    /// autoencoder, vectors that span the image of its decoder (x^ = z W + b), which
    /// `principalAngles` compares with the principal components. Precondition: that layer is a Dense.
    public var decoderRows: [[Double]] {
        guard let last = decoder.layers.last as? Dense else {
            requirementFailed("Autoencoder.decoderRows: the decoder's last layer is not a Dense layer")
        }
        let w = last.weights.value
        return (0..<w.rows).map { w.row($0).map(Double.init) }
    }
}
