// contrastive: thesis ch. 2 Secs. 2.1.3-2.1.4, 2.2.4-2.2.5, 2.3.1-2.3.2 and DL Padova "Siamese Network"
// as a program a student runs beside the notes.
//   swift run -c release contrastive [--seed N] [--epochs N] [--learning-rate X] [--out DIR]
// It works the cosine similarity, the triplet loss in both forms (E-24) and an NT-Xent hand case,
// shows augmented views of digits, pre-trains encoders on the 8x8 digits with SimCLR and MoCo without
// labels, evaluates them linearly against raw pixels, a frozen random encoder and the same encoder
// trained with labels (all labels and 10 per class), sweeps the temperature and the batch size, and
// shows the collapse of the loss without negatives.

import Core
import Foundation

let defaults = ChapterOptions(seed: 1, epochs: 100, learningRate: 3e-3, outputDirectory: "contrastive-figures")
let summary = """
    Contrastive and Siamese learning (thesis ch. 2 Secs. 2.1.3-2.1.4, 2.2.4-2.2.5, 2.3.1-2.3.2; DL Padova
    "Siamese Network"): cosine similarity, the triplet loss as printed and as FaceNet's hinge (E-24), SimCLR's
    NT-Xent (Chen et al. 2020, since the notes give no formula: E-74) and MoCo's InfoNCE with a momentum key
    encoder and a queue. Pre-trains an encoder built on the ResNet block of Sec. 2.2.4 (and a dense one) on the
    8x8 digits without labels (N = 128 images, tau = 0.2), then fits softmax regression on the frozen features. --epochs is the
    pre-training length (the sweeps use a fifth of it), --learning-rate Adam's step.
    """

func run() throws {
    let options = defaults.parsingCommandLine(program: "contrastive", summary: summary)
    print("Contrastive learning on the 8x8 digits. Seed \(options.seed); figures go to \(options.outputDirectory)/\n")
    let worked = workedNumbersSection()
    let (train, test) = try Digits.standardSplit()
    let evaluation = try pretrainingSection(train: train, test: test, options: options)
    let sweeps = try sweepSection(train: train, test: test, options: options)

    let pairs: [(String, String)] = [
        ("cosine_123_456", formatted(worked.cosine, digits: 4)),
        ("triplet_loss_printed", formatted(worked.tripletPrinted, digits: 4)),
        ("triplet_loss_printed_second", formatted(worked.tripletSecond, digits: 4)),
        ("ntxent_hand_case", formatted(worked.ntXent, digits: 6)),
        ("simclr_loss_start", formatted(evaluation.simCLRHistory.firstBatchLoss, digits: 3)),
        ("log_2n_minus_1", formatted(log(Double(2 * evaluation.batchSize - 1)), digits: 3)),
        ("simclr_loss_end", formatted(evaluation.simCLRHistory.epochLoss.last ?? .nan, digits: 3)),
        ("simclr_linear_accuracy", formatted(evaluation.all["SimCLR"] ?? .nan, digits: 4)),
        ("moco_linear_accuracy", formatted(evaluation.all["MoCo"] ?? .nan, digits: 4)),
        ("dense_simclr_linear_accuracy", formatted(evaluation.all["SimCLR, dense encoder"] ?? .nan, digits: 4)),
        ("random_encoder_linear_accuracy", formatted(evaluation.all["random encoder"] ?? .nan, digits: 4)),
        ("supervised_encoder_accuracy", formatted(evaluation.all["supervised encoder"] ?? .nan, digits: 4)),
        ("raw_pixels_linear_accuracy", formatted(evaluation.all["raw pixels"] ?? .nan, digits: 4)),
        ("simclr_10_per_class_accuracy", formatted(evaluation.fewLabels["SimCLR"] ?? .nan, digits: 4)),
        ("raw_pixels_10_per_class_accuracy", formatted(evaluation.fewLabels["raw pixels"] ?? .nan, digits: 4)),
        ("collapse_mean_cosine", formatted(sweeps.collapseCosine, digits: 4)),
        ("collapse_linear_accuracy", formatted(sweeps.collapseAccuracy, digits: 4)),
        ("best_temperature", "\(sweeps.bestTemperature)"),
        ("epochs", "\(options.epochs)"), ("learning_rate", "\(options.learningRate)"), ("seed", "\(options.seed)"),
    ]
    print(report.closingLines(exercises: chapterExercises, outputDirectory: options.outputDirectory))
    print("\n" + pairs.map { "\($0.0)=\($0.1)" }.joined(separator: " "))
    try report.write(into: options.outputDirectory)
}

do {
    try run()
} catch {
    FileHandle.standardError.write(Data("contrastive: \(error)\n".utf8))
    exit(1)
}
