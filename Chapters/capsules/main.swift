// capsules: DL Padova "Capsule Network", "Dynamic routing" and "Reconstruction as regularization method"
// (Sabour, Frosst & Hinton 2017) as a program a student runs beside the notes.
//   swift run capsules [--seed N] [--epochs N] [--learning-rate X] [--out DIR] [--runs N]
// It works WORKED-NUMBERS.md's numbers (squash, the routing table, the margin loss with erratum E-15), trains
// a CapsNet on the 8x8 digits, looks inside it (capsule lengths, couplings, reconstructions, the paper's
// Fig. 4), and repeats the paper's ablation (r = 1 vs 3, with and without reconstruction) over seeds.

import Capsules
import Core
import Foundation

let defaults = ChapterOptions(seed: 1, epochs: CapsuleNetwork.epochs, learningRate: CapsuleNetwork.learningRate,
                              outputDirectory: "capsules-figures", runs: 3)
let summary = """
    Capsule networks (DL Padova "Capsule Network", "Dynamic routing"; Sabour, Frosst & Hinton 2017): the squash,
    routing by agreement (Procedure 1) on WORKED-NUMBERS.md's 2 x 2 example with its coupling coefficients, the margin
    loss with both terms squared (E-15); then a CapsNet on the 8x8 digits (conv 3x3 ReLU, 128 primary capsules of
    8-D, 10 digit capsules of 16-D, r = 3, margin loss + 0.0005 x reconstruction), its capsule lengths, couplings,
    reconstructions and the paper's Fig. 4, and the ablation r = 1 / r = 3 with and without reconstruction.
    --epochs and --learning-rate set every CapsNet's training (Adam, mini-batches of 32); --runs the seeds per
    ablation row.
    """

func run() throws {
    let options = defaults.parsingCommandLine(program: "capsules", summary: summary)
    print("Capsule networks (DL Padova \"Capsule Network\", \"Dynamic routing\"; Sabour et al. 2017). Seed \(options.seed);"
          + " figures go to \(options.outputDirectory)/\n")
    let worked = try workedNumbersSection(options: options)
    let (train, test) = try Digits.standardSplit()
    let main = try trainingSection(train: train, test: test, options: options)
    try insideSection(network: main.network, test: test, options: options)
    let rows = try ablationSection(train: train, test: test, options: options, main: main.network)
    func row(_ r: Int, _ reconstruction: Bool) -> AblationRow { rows.first { $0.iterations == r && $0.reconstruction == reconstruction }! }

    print(report.closingLines(exercises: chapterExercises, outputDirectory: options.outputDirectory))
    print("\n" + summaryLine([
        "routing_c11_iteration3": formatted(worked.c11AfterIteration3, digits: 4),
        "margin_loss_t1_0.8": formatted(worked.marginLossAt08, digits: 4),
        "margin_loss_t1_0.8_as_printed": formatted(worked.printedFormAt08, digits: 4),
        "capsnet_parameters": "\(main.network.trainableParameterCount)",
        "capsnet_train_accuracy": formatted(main.trainAccuracy, digits: 4),
        "capsnet_test_accuracy": formatted(main.testAccuracy, digits: 4),
        "capsnet_r1_test_accuracy": formatted(row(1, true).accuracies[0], digits: 4),
        "ablation_r1_no_reconstruction_mean": formatted(row(1, false).mean, digits: 4),
        "ablation_r1_reconstruction_mean": formatted(row(1, true).mean, digits: 4),
        "ablation_r3_no_reconstruction_mean": formatted(row(3, false).mean, digits: 4),
        "ablation_r3_reconstruction_mean": formatted(row(3, true).mean, digits: 4),
        "ablation_r1_no_reconstruction_test_margin_loss": formatted(row(1, false).meanTestLoss, digits: 5),
        "ablation_r1_reconstruction_test_margin_loss": formatted(row(1, true).meanTestLoss, digits: 5),
        "ablation_r3_no_reconstruction_test_margin_loss": formatted(row(3, false).meanTestLoss, digits: 5),
        "ablation_r3_reconstruction_test_margin_loss": formatted(row(3, true).meanTestLoss, digits: 5),
        "ablation_runs": "\(options.runs ?? 3)",
        "capsnet_seconds_per_epoch": formatted(main.seconds / Double(options.epochs), digits: 3),
        "epochs": "\(options.epochs)",
        "learning_rate": "\(options.learningRate)",
        "seed": "\(options.seed)",
    ]))
    try report.write(into: options.outputDirectory)
}

do {
    try run()
} catch {
    FileHandle.standardError.write(Data("capsules: \(error)\n".utf8))
    exit(1)
}
