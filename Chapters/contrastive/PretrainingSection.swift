// Augmented views, SimCLR and MoCo pre-training without labels, and linear evaluation (thesis ch. 2
// Secs. 2.1.4, 2.2.4, 2.2.5, 2.3.1, 2.3.2; Chen et al. 2020 Sec. 4) against raw pixels, a frozen random
// encoder and the same encoder trained with labels; the 2-D projection of the learnt features by PCA.

import Core
import NeuralNetworks
import Autoencoders
import Contrastive
import Foundation

struct Evaluation {
    var all: [String: Double] = [:]
    var fewLabels: [String: Double] = [:]
    var simCLRHistory = ContrastiveHistory()
    let batchSize: Int
}

/// The main encoder: a 3x3 convolution, the ResNet block of thesis Sec. 2.2.4, pooling, and a dense layer to a
/// 32-number representation. With N = 128 and tau = 0.2 it met both goals of issue 17 in the measured run
/// (N = 256, tau = 0.5 and N = 64 each missed one; see Sources/Contrastive/README.md).
let encoderKind = EncoderKind.residual(channels: 8, features: 32)
let mainTemperature: Float = 0.2
let mainBatchSize = 128

func pretrainingSection(train: Digits, test: Digits, options: ChapterOptions) throws -> Evaluation {
    var generator = Xoshiro256StarStar(seed: options.seed)
    try drawViews(train, options: options, generator: &generator)
    var evaluation = Evaluation(batchSize: mainBatchSize)
    let settings = ContrastiveSettings(epochs: options.epochs, batchSize: evaluation.batchSize, temperature: mainTemperature,
                                       learningRate: options.learningRate)
    print("== SimCLR (thesis Sec. 2.3.1): encoder \(encoderKind), head \(encoderKind.features)-64-32, N = \(settings.batchSize) images "
          + "(\(2 * settings.batchSize) views), tau = \(settings.temperature), Adam \(settings.learningRate), \(settings.epochs) epochs ==")
    let encoder = encoderKind.makeEncoder(generator: &generator)
    let head = projectionHead(inputs: encoderKind.features, hidden: 64, outputs: 32, generator: &generator)
    evaluation.simCLRHistory = try pretrain("SimCLR", epochs: settings.epochs) { try trainSimCLR(encoder: encoder, head: head, images: train.images, settings: settings, generator: &generator, onEpoch: $0) }
    print("loss at the first batch \(formatted(evaluation.simCLRHistory.firstBatchLoss, digits: 3)) "
          + "(log(2N - 1) = \(formatted(log(Double(2 * settings.batchSize - 1)), digits: 3)): views look alike to a fresh encoder); "
          + "last epoch \(formatted(evaluation.simCLRHistory.epochLoss.last!, digits: 3))")

    print("\n== MoCo (thesis Sec. 2.3.2): the same encoder and head, N = 128, a queue of 512 keys, m = 0.99, tau = 0.2 ==")
    let moco = MoCo(queryEncoder: encoderKind.makeEncoder(generator: &generator),
                    queryHead: projectionHead(inputs: encoderKind.features, hidden: 64, outputs: 32, generator: &generator),
                    keyEncoder: encoderKind.makeEncoder(generator: &generator),
                    keyHead: projectionHead(inputs: encoderKind.features, hidden: 64, outputs: 32, generator: &generator),
                    queueSize: 512, momentum: 0.99, generator: &generator)
    var mocoSettings = settings
    (mocoSettings.batchSize, mocoSettings.temperature) = (128, 0.2)
    let mocoHistory = try pretrain("MoCo", epochs: mocoSettings.epochs) { try trainMoCo(moco, images: train.images, settings: mocoSettings, generator: &generator, onEpoch: $0) }
    print("InfoNCE over 1 + 512 candidates: first batch \(formatted(mocoHistory.firstBatchLoss, digits: 3)) (log 513 = 6.240), "
          + "last epoch \(formatted(mocoHistory.epochLoss.last!, digits: 3))")

    let denseKind = EncoderKind.dense(hidden: 256, features: 32)
    print("\n== SimCLR with a dense encoder instead: \(denseKind), \(max(1, options.epochs / 2)) epochs ==")
    let dense = denseKind.makeEncoder(generator: &generator)
    var denseSettings = settings
    denseSettings.epochs = max(1, options.epochs / 2)
    try pretrain("SimCLR dense", epochs: denseSettings.epochs) {
        try trainSimCLR(encoder: dense, head: projectionHead(inputs: denseKind.features, hidden: 64, outputs: 32, generator: &generator),
                        images: train.images, settings: denseSettings, generator: &generator, onEpoch: $0)
    }

    print("\n== Baselines: a frozen random encoder, and the same encoder trained with all labels (cross-entropy, Adam, 60 epochs) ==")
    let random = encoderKind.makeEncoder(generator: &generator)
    let supervised = encoderKind.makeEncoder(generator: &generator)
    var adam = Adam(learningRate: 1e-3)
    try Network([supervised, Dense(inputs: encoderKind.features, outputs: 10, activation: .linear, generator: &generator)])
        .train(train.images, oneHot(train.labels, classes: 10), settings: TrainingSettings(loss: .categoricalCrossEntropyFromLogits, epochs: 60),
               optimiser: &adam, generator: &generator)

    let features: [(String, (Tensor) -> Tensor)] = [
        ("raw pixels", { $0 }), ("random encoder", { representations(of: $0, encoder: random) }),
        ("SimCLR", { representations(of: $0, encoder: encoder) }), ("MoCo", { representations(of: $0, encoder: moco.queryEncoder) }),
        ("SimCLR, dense encoder", { representations(of: $0, encoder: dense) }),
        ("supervised encoder", { representations(of: $0, encoder: supervised) }),
    ]
    print("\n== Linear evaluation: softmax regression on frozen features (standardised), test accuracy on \(test.labels.count) digits ==")
    print("features               | all \(train.labels.count) labels | 10 labels per class (mean of 5 draws)")
    for (name, extract) in features {
        let (trainFeatures, testFeatures) = (extract(train.images), extract(test.images))
        var linear = Xoshiro256StarStar(seed: options.seed &+ 100)
        let all = try linearEvaluationAccuracy(trainFeatures: trainFeatures, trainLabels: train.labels, testFeatures: testFeatures,
                                               testLabels: test.labels, generator: &linear)
        var few: [Double] = []
        for draw in 0..<5 {
            var drawGenerator = Xoshiro256StarStar(seed: 1000 + UInt64(draw))
            let labelled = labelledSubset(train.labels, perClass: 10, generator: &drawGenerator)
            few.append(try linearEvaluationAccuracy(trainFeatures: trainFeatures, trainLabels: train.labels, testFeatures: testFeatures,
                                                    testLabels: test.labels, labelled: labelled,
                                                    settings: LinearEvaluationSettings(epochs: 300), generator: &drawGenerator))
        }
        (evaluation.all[name], evaluation.fewLabels[name]) = (all, few.reduce(0, +) / 5)
        print("\(name.padding(toLength: 22, withPad: " ", startingAt: 0)) | \(percent(all).padding(toLength: 14, withPad: " ", startingAt: 0)) | "
              + "\(percent(few.reduce(0, +) / 5))  (\(few.map(percent).joined(separator: ", ")))")
    }
    try drawProjection(representations(of: test.images, encoder: encoder), labels: test.labels, options: options)
    try drawLosses(evaluation.simCLRHistory, mocoHistory, batchSize: settings.batchSize, options: options)
    return evaluation
}

func percent(_ value: Double) -> String { formatted(100 * value, digits: 1) + " %" }

/// Runs a pre-training with a progress line over its epochs.
@discardableResult
func pretrain(_ label: String, epochs: Int, _ body: ((Int, Float) -> Void) throws -> ContrastiveHistory) throws -> ContrastiveHistory {
    var progress: ProgressLine?
    let history = try body { epoch, loss in
        if progress == nil { progress = ProgressLine(total: epochs, label: "\(label) epoch") }
        progress?.update(epoch, message: "loss \(formatted(loss, digits: 3))")
    }
    progress?.finish()
    return history
}
