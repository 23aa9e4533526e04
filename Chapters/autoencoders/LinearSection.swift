// DAT300 "Autoencoders": the linear autoencoder the notes print (Dense(LATENT) -> Dense(INPUT)) trained
// with MSE on the digits, against principal component analysis by Core's symmetric eigen-solver: the
// principal angles between the decoder's span and the top two components, and the two errors.

import Autoencoders
import Core
import NeuralNetworks

struct LinearResults {
    var anglesInDegrees: [Double] = []
    var autoencoderError = 0.0
    var pcaError = 0.0
}

func linearSection(train: Digits, test: Digits, options: ChapterOptions) throws -> LinearResults {
    var results = LinearResults()
    print("3. DAT300's linear autoencoder, encoder = Dense(2)(input), decoder = Dense(64)(encoder), trained with MSE on the")
    print("   \(train.images.rows) training digits (Adam, batches of 64, learning rate 0.01, then 0.001, then 0.0001). With no")
    print("   activation it can only project: the best projection onto a plane is onto the top two principal components.")
    let pca = PrincipalComponents(train.images)
    let total = pca.variances.reduce(0, +)
    print("   PCA (eigenvectors of the covariance, Core's Jacobi solver): the top two directions carry "
          + "\(formatted(100 * (pca.variances[0] + pca.variances[1]) / total, digits: 1)) % of the variance "
          + "(\(formatted(pca.variances[0])) and \(formatted(pca.variances[1])) of \(formatted(total))).")
    var generator = Xoshiro256StarStar(seed: options.seed &+ 30)
    let autoencoder = Autoencoder.linear(latent: 2, generator: &generator)
    var adam = Adam()
    let stage = min(options.epochs, 60)
    var progress = ProgressLine(total: 3 * stage, label: "   epoch")
    for (index, rate) in [Float(0.01), 0.001, 0.0001].enumerated() {
        adam.learningRate = rate
        try autoencoder.train(train.images, target: train.images, loss: .meanSquaredError, epochs: stage, optimiser: &adam, generator: &generator)
        progress.update((index + 1) * stage)
    }
    progress.finish()
    results.anglesInDegrees = principalAngles(autoencoder.decoderRows, pca.top(2)).map { $0 * 180 / .pi }
    results.autoencoderError = Double(autoencoder.network.loss(test.images, test.images, loss: .meanSquaredError))
    results.pcaError = pca.reconstructionError(test.images, components: 2)
    print("   Principal angles between the decoder's span and the top two components: "
          + results.anglesInDegrees.map { formatted($0, digits: 3) }.joined(separator: " and ") + " degrees (a random plane: about 80-90).")
    print("   Test squared error per image: linear autoencoder \(formatted(results.autoencoderError)), PCA's projection "
          + "\(formatted(results.pcaError)): the same subspace, the same error.")
    print("   (The encoder's own weights are not compared: pixels that are 0 in every image give them no gradient.)")
    var images = ImageGrid(title: "Top two principal components and the linear decoder's two rows (each scaled to its own range)",
                           columns: 4, imageSize: 96)
    for (k, direction) in pca.top(2).enumerated() { images.add(image: direction, width: 8, height: 8, caption: "PC \(k + 1)") }
    for (k, row) in autoencoder.decoderRows.enumerated() { images.add(image: row, width: 8, height: 8, caption: "decoder row \(k + 1)") }
    let path = try options.figurePath("linear-autoencoder-vs-pca.svg")
    try images.write(to: path)
    print("   The decoder's rows are not the components themselves (any basis of the plane will do), but mixtures of them.")
    print("   wrote \(path)\n")
    return results
}
