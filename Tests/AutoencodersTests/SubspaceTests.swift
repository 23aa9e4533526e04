// What DAT300's linear autoencoder learns (Dense(LATENT) -> Dense(INPUT) with MSE): the subspace of
// the top principal components, found by Core's symmetric eigen-solver. Principal angles near 0 on
// data with a known spectrum and on the digits, and the reconstruction error of PCA itself. Also the
// PCA and principal-angle tools on cases worked by hand.

import Foundation
import Testing
import Core
import NeuralNetworks
import Autoencoders

/// Degrees from radians.
private func degrees(_ radians: [Double]) -> [Double] { radians.map { $0 * 180 / .pi } }

/// Trains `autoencoder` with MSE, batches of 64, Adam at each (learning rate, epochs) in turn.
private func trainLinear(_ autoencoder: Autoencoder, _ x: Tensor, schedule: [(Float, Int)], generator: inout Xoshiro256StarStar) throws {
    var adam = Adam()
    for (rate, epochs) in schedule {
        adam.learningRate = rate
        try autoencoder.train(x, target: x, loss: .meanSquaredError, epochs: epochs, optimiser: &adam, generator: &generator)
    }
}

@Suite("The linear autoencoder spans the principal subspace (PCA by Core's eigen-solver)")
struct SubspaceTests {
    @Test("Principal angles by hand: span{e1, e2} vs span{e1 + e2, e3} are 0 and 90 degrees; a basis and its rotation span one plane (angles 0)")
    func anglesByHand() {
        let angles = principalAngles([[1, 0, 0], [0, 1, 0]], [[1, 1, 0], [0, 0, 1]])
        #expect(isApproximatelyEqual(angles, [0, Double.pi / 2], absoluteTolerance: 1e-7))
        let rotated = principalAngles([[1, 2, 0, 1], [0, 1, 1, 0]], [[1, 3, 1, 1], [2, 3, -1, 2]])
        #expect(rotated.allSatisfy { $0 < 1e-7 }, "\(rotated)")
        #expect(principalAngles([[1, 0, 0]], [[0, 1, 0], [0, 0, 1]]) == [Double.pi / 2])
    }

    @Test("PCA recovers a known spectrum: data with variances 9, 4, 1 along three random orthonormal directions in 10-D plus noise 0.01; its reconstruction error is the sum of the other eigenvalues (seed 591)")
    func knownSpectrum() {
        var generator = Xoshiro256StarStar(seed: 591)
        let (data, directions) = Self.lowRankData(rows: 4000, dimension: 10, deviations: [3, 2, 1], noise: 0.1, &generator)
        let pca = PrincipalComponents(data)
        #expect(isApproximatelyEqual(Array(pca.variances.prefix(3)), [9, 4, 1], relativeTolerance: 0.08), "\(pca.variances.prefix(3))")
        #expect(pca.variances[3] < 0.02)
        #expect(degrees(principalAngles(pca.top(3), directions)).allSatisfy { $0 < 1 })
        for k in 0..<3 { #expect(degrees(principalAngles([pca.directions[k]], [directions[k]]))[0] < 2, "direction \(k)") }
        // On the data it was fitted on, PCA's error with k components is the sum of the other eigenvalues.
        for k in [1, 2, 3] {
            #expect(isApproximatelyEqual(pca.reconstructionError(data, components: k), pca.variances.dropFirst(k).reduce(0, +),
                                         relativeTolerance: 1e-6), "k = \(k)")
        }
    }

    @Test("Linear autoencoder, known spectrum: latent 2 learns the span of the top two components to within 0.1 degree (seed 592)")
    func linearAutoencoderKnownSpectrum() throws {
        var generator = Xoshiro256StarStar(seed: 592)
        let (data, _) = Self.lowRankData(rows: 1000, dimension: 10, deviations: [3, 2, 1], noise: 0.1, &generator)
        let autoencoder = Autoencoder.linear(inputs: 10, latent: 2, generator: &generator)
        try trainLinear(autoencoder, data, schedule: [(0.01, 60), (0.001, 60), (0.0001, 30)], generator: &generator)
        let angles = degrees(principalAngles(autoencoder.decoderRows, PrincipalComponents(data).top(2)))
        #expect(angles.allSatisfy { $0 < 0.1 }, "angles \(angles) degrees")
    }

    @Test("Linear autoencoder on the digits (latent 2): principal angles to PCA's top two below 1 degree, and its test MSE within 1 % of PCA's (seed 593)")
    func linearAutoencoderDigits() throws {
        let (train, test) = try Digits.standardSplit()
        var generator = Xoshiro256StarStar(seed: 593)
        let autoencoder = Autoencoder.linear(latent: 2, generator: &generator)
        try trainLinear(autoencoder, train.images, schedule: [(0.01, 60), (0.001, 60), (0.0001, 60)], generator: &generator)
        let pca = PrincipalComponents(train.images)
        let angles = degrees(principalAngles(autoencoder.decoderRows, pca.top(2)))
        #expect(angles.allSatisfy { $0 < 1 }, "angles \(angles) degrees")
        let random = degrees(principalAngles([generator.normalTensor(shape: [64]).doubles, generator.normalTensor(shape: [64]).doubles], pca.top(2)))
        #expect(random.allSatisfy { $0 > 45 }, "a random plane is far: \(random)")
        let autoencoderError = Double(autoencoder.network.loss(test.images, test.images, loss: .meanSquaredError))
        let pcaError = pca.reconstructionError(test.images, components: 2)
        #expect(abs(autoencoderError - pcaError) < 0.01 * pcaError, "linear AE \(autoencoderError), PCA \(pcaError)")
    }

    /// X = Z diag(deviations) Q + noise: Z ~ N(0, 1) [rows, k], Q's rows k random orthonormal directions.
    static func lowRankData(rows: Int, dimension: Int, deviations: [Double], noise: Float,
                            _ generator: inout Xoshiro256StarStar) -> (Tensor, [[Double]]) {
        var directions: [[Double]] = []
        for _ in deviations.indices {
            var v = generator.normalTensor(shape: [dimension]).doubles
            for q in directions {
                let projection = zip(v, q).reduce(0) { $0 + $1.0 * $1.1 }
                v = zip(v, q).map { $0 - projection * $1 }
            }
            let norm = v.reduce(0) { $0 + $1 * $1 }.squareRoot()
            directions.append(v.map { $0 / norm })
        }
        var scalars: [Float] = []
        for _ in 0..<rows {
            let z = deviations.map { $0 * generator.normalDouble() }
            scalars += (0..<dimension).map { j in
                Float(zip(z, directions).reduce(0) { $0 + $1.0 * $1.1[j] }) + generator.normal(standardDeviation: noise)
            }
        }
        return (Tensor(shape: [rows, dimension], scalars: scalars), directions)
    }
}
