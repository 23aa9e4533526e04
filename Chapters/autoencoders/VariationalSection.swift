// DAT300 "Variational Autoencoders", "Objective function": the VAEs on the 8x8 digits with 2-D
// and 8-D latent spaces, trained for --epochs epochs, evaluated on the test set (negative ELBO with one
// eps and averaged over 100, its two parts, 5-NN on mu), beside the deterministic autoencoder with the
// same encoder; the figures are drawn in VariationalFigures.swift.

import Autoencoders
import Core
import NeuralNetworks

struct ModelResults {
    var oneSample = ELBOTerms(reconstruction: 0, kl: 0)
    var meanOfSamples = ELBOTerms(reconstruction: 0, kl: 0)
    var nearestNeighbourAccuracy = 0.0
}

struct AutoencoderResults {
    var reconstruction: Float = 0
    var nearestNeighbourAccuracy = 0.0
}

struct VariationalResults {
    var vae2 = ModelResults()
    var vae8 = ModelResults()
    var ae2 = AutoencoderResults()
    var ae8 = AutoencoderResults()
}

/// A trained VAE with its training terms and test negative ELBO (one eps) per epoch.
struct TrainedVAE {
    let model: VariationalAutoencoder
    let training: [ELBOTerms]
    let testNegativeELBO: [Float]
}

func variationalSection(train: Digits, test: Digits, options: ChapterOptions) throws -> VariationalResults {
    var results = VariationalResults()
    print("4. Variational autoencoders on the digits (pixels / 16, \(train.images.rows) training and \(test.images.rows) test images):")
    print("   encoder 64 -> 128 ReLU -> mu and log sigma^2 (two linear heads on one trunk), z = mu + exp(log sigma^2 / 2) eps,")
    print("   decoder latent -> 128 ReLU -> 64 Bernoulli logits. Loss = reconstruction + KL, nats per image (DAT300 \"Objective")
    print("   function\"); Adam (Eq. (1.5.8), Eq. (1.5.9), Eq. (1.5.10), Eq. (1.5.11)), alpha = \(options.learningRate),"
          + " batches of \(DigitsVAE.batchSize), \(options.epochs) epochs, a fresh eps per batch.")
    var vaes: [Int: TrainedVAE] = [:]
    for latent in [2, 8] {
        vaes[latent] = try trainVAE(latent: latent, train: train, test: test, options: options)
    }
    var generator = Xoshiro256StarStar(seed: options.seed &+ 1_000)
    for latent in [2, 8] {
        let evaluation = DigitsVAE.evaluate(vaes[latent]!.model, train: train, test: test, generator: &generator)
        let model = ModelResults(oneSample: evaluation.oneSample, meanOfSamples: evaluation.meanOfSamples,
                                 nearestNeighbourAccuracy: evaluation.nearestNeighbourAccuracy)
        if latent == 2 { results.vae2 = model } else { results.vae8 = model }
    }
    print("   Deterministic autoencoders with the same encoder (64 -> 128 ReLU -> latent) and decoder, the same Bernoulli term")
    print("   without KL or sampling, the same optimiser, batches and epochs:")
    for latent in [2, 8] {
        var aeGenerator = Xoshiro256StarStar(seed: options.seed &+ 100 &+ UInt64(latent))
        let autoencoder = try DigitsVAE.trainAutoencoder(latent: latent, on: train, epochs: options.epochs,
                                                         learningRate: options.learningRate, generator: &aeGenerator)
        let (reconstruction, accuracy) = DigitsVAE.evaluate(autoencoder, train: train, test: test)
        if latent == 2 { results.ae2 = AutoencoderResults(reconstruction: reconstruction, nearestNeighbourAccuracy: accuracy) }
        else { results.ae8 = AutoencoderResults(reconstruction: reconstruction, nearestNeighbourAccuracy: accuracy) }
        if latent == 2 { try drawCodes(autoencoder.encode(test.images), test: test, name: "ae2-latent-space.svg",
                                       title: "Deterministic autoencoder, 2-D codes of the test digits", options: options) }
    }
    printTable(results)
    try drawVariationalFigures(vae2: vaes[2]!, vae8: vaes[8]!, test: test, options: options)
    return results
}

private func trainVAE(latent: Int, train: Digits, test: Digits, options: ChapterOptions) throws -> TrainedVAE {
    var generator = Xoshiro256StarStar(seed: options.seed &+ UInt64(latent))
    var evaluation = Xoshiro256StarStar(seed: options.seed &+ 500 &+ UInt64(latent))
    var testNegativeELBO: [Float] = []
    var progress = ProgressLine(total: options.epochs, label: "   \(latent)-D VAE, epoch")
    let (model, training) = try DigitsVAE.train(latent: latent, on: train, epochs: options.epochs, learningRate: options.learningRate,
                                                generator: &generator) { epoch, terms, model in
        testNegativeELBO.append(model.evaluate(test.images, generator: &evaluation).negativeELBO)
        progress.update(epoch, message: "training -ELBO \(formatted(terms.negativeELBO, digits: 2)) = \(formatted(terms.reconstruction, digits: 2))"
                        + " + \(formatted(terms.kl, digits: 2)), test \(formatted(testNegativeELBO.last!, digits: 2))")
    }
    progress.finish()
    return TrainedVAE(model: model, training: training, testNegativeELBO: testNegativeELBO)
}

private func printTable(_ results: VariationalResults) {
    print("   Test set, nats per image (the issue's goals: -ELBO <= 25.5 for 2-D, <= 25.0 for 8-D; 5-NN on mu >= 72 % and >= 92 %):")
    print("     model          -ELBO (1 eps)  -ELBO (mean of 100)  reconstruction  KL      5-NN on codes")
    for (name, model) in [("VAE, 2-D", results.vae2), ("VAE, 8-D", results.vae8)] {
        print("     \(name)       \(formatted(model.oneSample.negativeELBO, digits: 2))          \(formatted(model.meanOfSamples.negativeELBO, digits: 2))"
              + "                \(formatted(model.meanOfSamples.reconstruction, digits: 2))           \(formatted(model.meanOfSamples.kl, digits: 2))    "
              + "\(formatted(100 * model.nearestNeighbourAccuracy, digits: 1)) %")
    }
    for (name, model) in [("AE, 2-D ", results.ae2), ("AE, 8-D ", results.ae8)] {
        print("     \(name)       -              -                    \(formatted(model.reconstruction, digits: 2))           -       "
              + "\(formatted(100 * model.nearestNeighbourAccuracy, digits: 1)) %")
    }
    print("   The autoencoder reconstructs better (it pays no KL and is never shaken by eps), but it is not a generative")
    print("   model: its codes fill no known distribution, so there is nothing to sample them from. The VAE trades some")
    print("   reconstruction for a latent space shaped like N(0, I), from which new digits are drawn below.")
}
