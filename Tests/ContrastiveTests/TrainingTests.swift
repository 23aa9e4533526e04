// Small seeded trainings (a few seconds): SimCLR's loss starts near log(2N - 1) and falls, and its
// features beat a frozen random encoder's under linear evaluation; without negatives the encoder
// collapses (every image's representation points one way); MoCo's loss falls.

import Foundation
import Testing
import Core
import NeuralNetworks
import Contrastive

@Suite("Contrastive: training on the digits", .serialized)
struct TrainingTests {
    static let kind = EncoderKind.dense(hidden: 64, features: 32)

    @Test("SimCLR, 12 epochs, N = 128, tau = 0.5: loss from about log(255) = 5.54 to below 4.8; linear accuracy >= 90 % and above the random encoder's")
    func simCLRLearns() throws {
        let (train, test) = try Digits.standardSplit()
        var generator = Xoshiro256StarStar(seed: 1)
        let encoder = Self.kind.makeEncoder(generator: &generator)
        let random = Self.kind.makeEncoder(generator: &generator)
        let head = projectionHead(inputs: 32, hidden: 32, outputs: 16, generator: &generator)
        let history = try trainSimCLR(encoder: encoder, head: head, images: train.images,
                                      settings: ContrastiveSettings(epochs: 12, batchSize: 128, temperature: 0.5, learningRate: 3e-3),
                                      generator: &generator)
        #expect(abs(history.firstBatchLoss - log(255)) < 0.3)
        #expect(history.epochLoss.last! < 4.8)
        func accuracy(_ f: Network) throws -> Double {
            var evaluation = Xoshiro256StarStar(seed: 2)
            return try linearEvaluationAccuracy(trainFeatures: representations(of: train.images, encoder: f), trainLabels: train.labels,
                                                testFeatures: representations(of: test.images, encoder: f), testLabels: test.labels,
                                                settings: LinearEvaluationSettings(epochs: 30), generator: &evaluation)
        }
        let (learnt, baseline) = (try accuracy(encoder), try accuracy(random))
        #expect(learnt >= 0.90, "SimCLR features: \(learnt)")
        #expect(learnt > baseline, "SimCLR \(learnt) vs random \(baseline)")
    }

    @Test("The loss without negatives collapses: mean cosine between different digits' representations > 0.95, loss near -1/tau")
    func collapseWithoutNegatives() throws {
        let (train, _) = try Digits.standardSplit()
        var generator = Xoshiro256StarStar(seed: 1)
        let encoder = Self.kind.makeEncoder(generator: &generator)
        let head = projectionHead(inputs: 32, hidden: 32, outputs: 16, generator: &generator)
        let history = try trainSimCLR(encoder: encoder, head: head, images: train.images,
                                      settings: ContrastiveSettings(epochs: 6, batchSize: 128, temperature: 0.5, learningRate: 3e-3,
                                                                    negatives: false), generator: &generator)
        #expect(history.epochLoss.last! < -1.95)
        let cosine = meanPairwiseCosine(Network([encoder, head])(train.images.sliced(0..<200)))
        #expect(cosine > 0.95, "mean pairwise cosine \(cosine)")
    }

    @Test("MoCo, 6 epochs, N = 64, queue 512, m = 0.99: the InfoNCE loss falls")
    func moCoLearns() throws {
        let (train, _) = try Digits.standardSplit()
        var generator = Xoshiro256StarStar(seed: 1)
        let (qf, qg) = (Self.kind.makeEncoder(generator: &generator), projectionHead(inputs: 32, hidden: 32, outputs: 16, generator: &generator))
        let (kf, kg) = (Self.kind.makeEncoder(generator: &generator), projectionHead(inputs: 32, hidden: 32, outputs: 16, generator: &generator))
        let model = MoCo(queryEncoder: qf, queryHead: qg, keyEncoder: kf, keyHead: kg, queueSize: 512, momentum: 0.99, generator: &generator)
        let history = try trainMoCo(model, images: train.images,
                                    settings: ContrastiveSettings(epochs: 6, batchSize: 64, temperature: 0.2, learningRate: 3e-3),
                                    generator: &generator)
        #expect(history.epochLoss.last! < history.epochLoss.first! - 0.3, "\(history.epochLoss)")
    }
}
