// backprop: MLiS II Sec. 1.2.4-1.7 (multi-layer perceptrons, back-propagation, optimisers,
// initialisation, regularisation) as a program a student runs beside the notes.
//   swift run backprop [--seed N] [--epochs N] [--learning-rate X] [--out DIR]
// It reproduces the XOR network and its training (Figs. 1.2.5, 1.3.1), races the optimisers on the
// Rosenbrock function (Fig. 1.5.2), repeats the initialisation experiment (Fig. 1.6.1), shows the
// schedules and regularisers, trains the DAT300 network on the 8x8 digits with early stopping, and
// draws the activations (Fig. 1.1.2), the XOR matrices (Fig. 1.2.4) and three learning rates (Fig. 1.5.1).

import Core
import Foundation
import NeuralNetworks

let defaults = ChapterOptions(seed: 0, epochs: 100, learningRate: 0.003, outputDirectory: "backprop-figures")
let summary = """
    Multi-layer perceptrons and back-propagation (MLiS II 1.2.4-1.7, DL Padova, DAT300): the XOR
    network by hand and by back-propagation (Figs. 1.2.5, 1.3.1), the optimiser race on the Rosenbrock
    function (Fig. 1.5.2), the 100-layer initialisation experiment (Fig. 1.6.1), learning-rate
    schedules, dropout and batch normalisation, then Dense(64, ReLU) -> Dense(10, softmax) on the 8x8
    digits with Adam and early stopping. --seed draws the XOR and digits starting weights (and the
    initialisation experiment's); --epochs and --learning-rate set the digits training (Adam's alpha,
    mini-batches of 32); the other sections use the notes' own settings.
    """

func run() throws {
    let options = defaults.parsingCommandLine(program: "backprop", summary: summary)
    print("Multi-layer perceptrons and back-propagation (MLiS II 1.2.4-1.7). Seed \(options.seed);"
          + " figures go to \(options.outputDirectory)/\n")
    let xor = try xorSection(options: options)
    let race = try rosenbrockSection(options: options)
    let initialisation = try initialisationSection(options: options)
    let regularisation = try schedulesAndRegularisationSection(options: options)
    let digits = try digitsSection(options: options)
    try notesFiguresSection(options: options)

    print(report.closingLines(exercises: chapterExercises, outputDirectory: options.outputDirectory))
    print("\n" + summaryLine([
        "xor_handset_predictions": xor.handSetPredictions,
        "xor_printed_w_predictions": xor.printedPredictions,
        "xor_final_loss": "\(xor.finalLoss)",
        "xor_converged_seeds_0_to_19": xor.convergedSeeds,
        "notebook_loss_epoch_300": formatted(xor.notebookLossAtEpoch300, digits: 10),
        "rosenbrock_distance_100_sgd": formatted(race.distanceAfter100[0], digits: 6),
        "rosenbrock_distance_100_momentum": formatted(race.distanceAfter100[1], digits: 6),
        "rosenbrock_distance_100_rmsprop": formatted(race.distanceAfter100[2], digits: 6),
        "rosenbrock_distance_100_adam": formatted(race.distanceAfter100[3], digits: 6),
        "init_normal_mean_derivative": formatted(initialisation.normalDerivativeMean, digits: 3),
        "init_xavier_mean_derivative": formatted(initialisation.xavierDerivativeMean, digits: 3),
        "init_xavier_spread_ratio": formatted(initialisation.xavierSpreadRatio, digits: 2),
        "init_xavier_gradient_layer1": "\(initialisation.xavierFirstLayerGradient)",
        "clr_at_0": formatted(regularisation.cyclicAtZero, digits: 4),
        "dropout_training_mean": formatted(regularisation.dropoutTrainingMean, digits: 3),
        "digits_epochs_run": "\(digits.epochsRun)",
        "digits_best_epoch": "\(digits.bestEpoch)",
        "digits_test_accuracy": formatted(digits.testAccuracy, digits: 4),
        "digits_learning_rate": "\(options.learningRate)",
        "seed": "\(options.seed)",
    ]))
    try report.write(into: options.outputDirectory)
}

/// "(a, b, c)" with `digits` decimals.
func show(_ values: [Float], digits: Int = 4) -> String {
    "(" + values.map { formatted($0, digits: digits) }.joined(separator: ", ") + ")"
}

do {
    try run()
} catch {
    FileHandle.standardError.write(Data("backprop: \(error)\n".utf8))
    exit(1)
}
