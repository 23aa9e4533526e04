// The VAE figures: the ELBO and its two parts per epoch, the 2-D latent space coloured by digit,
// reconstructions of test digits, samples from the prior, a grid decoded over the 2-D latent plane,
// and interpolations between two test digits.

import Autoencoders
import Core

func drawVariationalFigures(vae2: TrainedVAE, vae8: TrainedVAE, test: Digits, options: ChapterOptions) throws {
    var plot = LinePlot(title: "Negative ELBO and its parts per epoch (nats per image)", xLabel: "epoch", yLabel: "nats per image")
    for (name, trained) in [("2-D", vae2), ("8-D", vae8)] {
        let epochs = (1...max(trained.training.count, 1)).map(Double.init)
        plot.add(x: epochs, y: trained.training.map { Double($0.negativeELBO) }, name: "\(name): -ELBO (training)")
        plot.add(x: epochs, y: trained.testNegativeELBO.map(Double.init), name: "\(name): -ELBO (test)")
        plot.add(x: epochs, y: trained.training.map { Double($0.reconstruction) }, name: "\(name): reconstruction (training)")
        plot.add(x: epochs, y: trained.training.map { Double($0.kl) }, name: "\(name): KL (training)")
    }
    try write(plot, "vae-elbo-per-epoch.svg", "the negative ELBO and its parts per epoch", options)
    try drawCodes(vae2.model.encodeMeans(test.images), test: test, name: "vae2-latent-space.svg",
                  title: "2-D VAE: mu of the test digits", options: options)
    try drawReconstructions(vae2: vae2.model, vae8: vae8.model, test: test, options: options)
    var generator = Xoshiro256StarStar(seed: options.seed &+ 2_000)
    var samples = ImageGrid(title: "Samples from the prior: z ~ N(0, I) decoded (pixel probabilities)", columns: 10, valueRange: 0...1)
    for (name, model) in [("8-D", vae8.model), ("2-D", vae2.model)] {
        let probabilities = model.decodeProbabilities(priorSamples(count: 20, latent: model.latentSize, generator: &generator))
        for i in 0..<20 { samples.add(image: probabilities.row(i), width: 8, height: 8, caption: i == 0 ? name : "") }
    }
    try write(samples, "vae-prior-samples.svg", "samples from the prior (two rows 8-D, two rows 2-D)", options)
    let side = 15
    let grid = vae2.model.decodeProbabilities(latentPlaneGrid(side: side))
    var plane = ImageGrid(title: "2-D VAE: the decoder over the latent plane (normal quantiles from 1/30 to 29/30)", columns: side,
                          valueRange: 0...1, imageSize: 40)
    for i in 0..<(side * side) { plane.add(image: grid.row(i), width: 8, height: 8) }
    try write(plane, "vae2-latent-grid.svg", "the 2-D latent plane decoded on a 15 x 15 grid", options)
    try drawInterpolations(vae2: vae2.model, vae8: vae8.model, test: test, options: options)
}

/// Codes [N, 2] as a scatter plot coloured by digit.
func drawCodes(_ codes: Tensor, test: Digits, name: String, title: String, options: ChapterOptions) throws {
    var scatter = ScatterPlot(title: title, xLabel: "z1", yLabel: "z2", classNames: (0..<10).map { "digit \($0)" })
    scatter.add(x: (0..<codes.rows).map { codes[$0, 0] }, y: (0..<codes.rows).map { codes[$0, 1] }, labels: test.labels)
    try write(scatter, name, "the 2-D codes of the test digits, coloured by digit", options)
}

/// The first test image of each digit, then its reconstructions by both VAEs (z = mu, no sampling).
private func drawReconstructions(vae2: VariationalAutoencoder, vae8: VariationalAutoencoder, test: Digits, options: ChapterOptions) throws {
    let rows = (0..<10).map { digit in test.labels.firstIndex(of: digit)! }
    let images = test.images.gatheringRows(rows)
    var grid = ImageGrid(title: "Test digits (top), reconstructed by the 2-D VAE and the 8-D VAE (decoding z = mu)", columns: 10, valueRange: 0...1)
    let outputs = [images, vae2.decodeProbabilities(vae2.encodeMeans(images)), vae8.decodeProbabilities(vae8.encodeMeans(images))]
    for (name, output) in zip(["test", "2-D", "8-D"], outputs) {
        for i in 0..<10 { grid.add(image: output.row(i), width: 8, height: 8, caption: i == 0 ? name : "") }
    }
    try write(grid, "vae-reconstructions.svg", "test digits and their reconstructions", options)
}

/// From the first test 2 to the first test 7 in ten steps, through mu of each, decoded by each VAE.
private func drawInterpolations(vae2: VariationalAutoencoder, vae8: VariationalAutoencoder, test: Digits, options: ChapterOptions) throws {
    let ends = test.images.gatheringRows([test.labels.firstIndex(of: 2)!, test.labels.firstIndex(of: 7)!])
    var grid = ImageGrid(title: "Interpolation between a 2 and a 7: z = (1 - t) mu_2 + t mu_7, decoded (8-D top, 2-D below)",
                         columns: 10, valueRange: 0...1)
    for (name, model) in [("8-D", vae8), ("2-D", vae2)] {
        let means = model.encodeMeans(ends)
        let path = model.decodeProbabilities(interpolation(from: means.row(0), to: means.row(1), steps: 10))
        for i in 0..<10 { grid.add(image: path.row(i), width: 8, height: 8, caption: i == 0 ? name : "") }
    }
    try write(grid, "vae-interpolation.svg", "an interpolation between two test digits", options)
}

/// Writes `figure` to `name` in the output folder and prints what it shows and where it went.
func write(_ figure: some Figure, _ name: String, _ what: String, _ options: ChapterOptions) throws {
    let path = try options.figurePath(name)
    try figure.write(to: path)
    print("   wrote \(path) (\(what))")
}
