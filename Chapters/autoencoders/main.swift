// autoencoders: DAT300 "Autoencoders", "Variational Autoencoders", "Reparameterization", "Objective
// function" and "Kullback-Leiber divergence" as a program a student runs beside the notes.
//   swift run autoencoders [--seed N] [--epochs N] [--learning-rate X] [--out DIR]
// It works the KL term (with the minus the notes drop, E-56) and the reparameterisation by hand,
// shows that DAT300's linear autoencoder finds the principal subspace, trains 2-D and 8-D VAEs on the
// 8x8 digits beside a deterministic autoencoder with the same encoder, draws their latent spaces,
// reconstructions, samples, a decoded grid and an interpolation, and trains a denoising autoencoder.

import Core
import Foundation

let defaults = ChapterOptions(seed: 1, epochs: 200, learningRate: 1e-3, outputDirectory: "autoencoders-figures")
let summary = """
    Autoencoders and variational autoencoders (DAT300 "Autoencoders", "Variational Autoencoders",
    "Reparameterization", "Objective function", "Kullback-Leiber divergence"): the KL term with its sign
    (E-56) and the reparameterisation worked by hand; DAT300's linear autoencoder against PCA; VAEs with
    2-D and 8-D latent spaces on the 8x8 digits (encoder 64 -> 128 ReLU -> mu, log sigma^2; decoder
    latent -> 128 ReLU -> 64 Bernoulli logits; Adam, batches of 64) beside a deterministic autoencoder with
    the same encoder; a denoising autoencoder. --epochs and --learning-rate are those of the VAEs and
    autoencoders (the issue's run: 200 epochs at 0.001).
    """

func run() throws {
    let options = defaults.parsingCommandLine(program: "autoencoders", summary: summary)
    print("Autoencoders and variational autoencoders (DAT300). Seed \(options.seed); figures go to \(options.outputDirectory)/\n")
    let worked = workedNumbersSection()
    let (train, test) = try Digits.standardSplit()
    let linear = try linearSection(train: train, test: test, options: options)
    let variational = try variationalSection(train: train, test: test, options: options)
    let denoising = try denoisingSection(train: train, test: test, options: options)

    func terms(_ prefix: String, _ model: ModelResults) -> [(String, String)] {
        [("\(prefix)_test_negative_elbo", formatted(model.meanOfSamples.negativeELBO, digits: 2)),
         ("\(prefix)_test_negative_elbo_one_sample", formatted(model.oneSample.negativeELBO, digits: 2)),
         ("\(prefix)_test_reconstruction", formatted(model.meanOfSamples.reconstruction, digits: 2)),
         ("\(prefix)_test_kl", formatted(model.meanOfSamples.kl, digits: 2)),
         ("\(prefix)_knn_accuracy", formatted(model.nearestNeighbourAccuracy, digits: 4))]
    }
    var pairs: [(String, String)] = [
        ("kl_0_1", formatted(worked.kl[0], digits: 4)), ("kl_0.5_2", formatted(worked.kl[1], digits: 4)),
        ("kl_1_0.5", formatted(worked.kl[2], digits: 4)), ("printed_kl_0.5_2", formatted(worked.printedKL[1], digits: 4)),
        ("reparameterised_z", worked.code.map { formatted($0, digits: 4) }.joined(separator: "/")),
        ("linear_ae_pca_angles_degrees", linear.anglesInDegrees.map { formatted($0, digits: 3) }.joined(separator: "/")),
        ("linear_ae_test_mse", formatted(linear.autoencoderError, digits: 4)), ("pca2_test_mse", formatted(linear.pcaError, digits: 4)),
    ]
    pairs += terms("vae2", variational.vae2) + terms("vae8", variational.vae8)
    pairs += [("ae2_test_reconstruction", formatted(variational.ae2.reconstruction, digits: 2)),
              ("ae2_knn_accuracy", formatted(variational.ae2.nearestNeighbourAccuracy, digits: 4)),
              ("ae8_test_reconstruction", formatted(variational.ae8.reconstruction, digits: 2)),
              ("ae8_knn_accuracy", formatted(variational.ae8.nearestNeighbourAccuracy, digits: 4)),
              ("denoising_input_squared_error", formatted(denoising.inputError, digits: 3)),
              ("denoising_output_squared_error", formatted(denoising.outputError, digits: 3)),
              ("epochs", "\(options.epochs)"), ("learning_rate", "\(options.learningRate)"), ("seed", "\(options.seed)")]
    print(report.closingLines(exercises: chapterExercises, outputDirectory: options.outputDirectory))
    print("\n" + pairs.map { "\($0.0)=\($0.1)" }.joined(separator: " "))
    try report.write(into: options.outputDirectory)
}

do {
    try run()
} catch {
    FileHandle.standardError.write(Data("autoencoders: \(error)\n".utf8))
    exit(1)
}
