// The denoising autoencoder (Vincent et al. 2008; DAT300 "Applications": autoencoders "can therefore
// remove the noise in the data"): the deep autoencoder trained from corrupted digits (Gaussian noise,
// clipped to [0, 1], drawn afresh each epoch) to the clean ones; its input, output and target drawn.

import Autoencoders
import Core
import NeuralNetworks

struct DenoisingResults {
    /// Squared error per test image of the noisy input, and of the output, against the clean digit.
    var inputError: Float = 0
    var outputError: Float = 0
}

func denoisingSection(train: Digits, test: Digits, options: ChapterOptions) throws -> DenoisingResults {
    let (noise, epochs) = (Float(0.3), min(options.epochs, 100))
    print("\n5. A denoising autoencoder: 64 -> 128 ReLU -> 16 -> 128 ReLU -> 64 Bernoulli logits, fed digits with Gaussian")
    print("   noise of standard deviation \(noise) (clipped to [0, 1], fresh each epoch) and scored against the clean digits;")
    print("   Adam, alpha = \(options.learningRate), batches of 64, \(epochs) epochs.")
    var generator = Xoshiro256StarStar(seed: options.seed &+ 300)
    let autoencoder = Autoencoder.deep(latent: 16, generator: &generator)
    var adam = Adam(learningRate: options.learningRate)
    var progress = ProgressLine(total: epochs, label: "   epoch")
    for epoch in 1...epochs {
        let loss = try autoencoder.trainDenoising(train.images, noise: noise, loss: .bernoulliReconstruction, epochs: 1,
                                                  optimiser: &adam, generator: &generator)
        progress.update(epoch, message: "training reconstruction \(formatted(loss[0], digits: 2)) nats per image")
    }
    progress.finish()
    let noisy = corrupted(test.images, noise: noise, generator: &generator)
    let output = autoencoder.reconstruct(noisy).sigmoidElements()
    var results = DenoisingResults()
    results.inputError = MeanSquaredError().value(predicted: noisy, target: test.images)
    results.outputError = MeanSquaredError().value(predicted: output, target: test.images)
    print("   Test digits, squared error per image against the clean digit: noisy input \(formatted(results.inputError, digits: 3)),"
          + " denoised output \(formatted(results.outputError, digits: 3)).")
    let rows = (0..<10).map { digit in test.labels.firstIndex(of: digit)! }
    var grid = ImageGrid(title: "Denoising autoencoder: noisy input (top), output, clean target (bottom)", columns: 10, valueRange: 0...1)
    for (name, images) in [("input", noisy), ("output", output), ("target", test.images)] {
        let chosen = images.gatheringRows(rows)
        for i in 0..<10 { grid.add(image: chosen.row(i), width: 8, height: 8, caption: i == 0 ? name : "") }
    }
    try write(grid, "denoising.svg", "the denoising autoencoder's input, output and target", options)
    return results
}
