// Small seeded trainings (a few seconds): SimCLR's loss starts near log(2N - 1) and falls, and its
// features beat a frozen random encoder's under linear evaluation; without negatives the encoder
// collapses (every image's representation points one way); MoCo brings two views of one digit closer
// than views of two digits (its loss first rises as real keys replace the random ones in the queue).

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

    @Test("MoCo, 6 epochs, N = 64, queue 512, m = 0.99: two views of one digit end up closer than views of two digits (the gap grows by > 0.1 from about 0)")
    func moCoLearns() throws {
        let (train, _) = try Digits.standardSplit()
        var generator = Xoshiro256StarStar(seed: 1)
        let (qf, qg) = (Self.kind.makeEncoder(generator: &generator), projectionHead(inputs: 32, hidden: 32, outputs: 16, generator: &generator))
        let (kf, kg) = (Self.kind.makeEncoder(generator: &generator), projectionHead(inputs: 32, hidden: 32, outputs: 16, generator: &generator))
        let model = MoCo(queryEncoder: qf, queryHead: qg, keyEncoder: kf, keyHead: kg, queueSize: 512, momentum: 0.99, generator: &generator)
        let images = train.images.sliced(0..<200)
        func gap() -> Double {
            var views = Xoshiro256StarStar(seed: 7)
            let q = Network([qf, qg])(Augmentation().views(of: images, generator: &views))
            let k = model.keyNetwork(Augmentation().views(of: images, generator: &views))
            return positiveNegativeGap(queries: q, keys: k)
        }
        let before = gap()
        let history = try trainMoCo(model, images: train.images,
                                    settings: ContrastiveSettings(epochs: 6, batchSize: 64, temperature: 0.2, learningRate: 3e-3),
                                    generator: &generator)
        let after = gap()
        #expect(history.epochLoss.allSatisfy { $0.isFinite })
        #expect(after > before + 0.1, "gap before \(before), after \(after); losses \(history.epochLoss)")
    }
}
