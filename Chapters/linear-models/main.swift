// linear-models: MLiS II Sec. 1.2.1-1.2.3 and 1.7.2 as a program a student runs beside the notes.
//   swift run linear-models [--seed N] [--epochs N] [--learning-rate X] [--out DIR]
// It reproduces the worked numbers of the linear model, the perceptron and logistic regression on
// AND and XOR, draws Figs. 1.2.1 and 1.2.2, then trains softmax regression on the 8x8 digits.

import Core
import Foundation
import LinearModels

let defaults = ChapterOptions(seed: 1, epochs: 30, learningRate: 0.5, outputDirectory: "linear-models-figures")
let summary = """
    Linear models of MLiS II 1.2.1-1.2.3: the normal equations, ridge, the perceptron and logistic
    regression on AND and XOR (with Figs. 1.2.1 and 1.2.2 as SVG), then softmax regression on the
    8x8 digits. --epochs and --learning-rate set the digits training (mini-batches of 32); the logic
    gates use the notes' own settings (alpha = 0.1).
    """

func run() throws {
    let options = defaults.parsingCommandLine(program: "linear-models", summary: summary)
    print("Linear models (MLiS II 1.2.1-1.2.3, 1.7.2). Seed \(options.seed); figures go to \(options.outputDirectory)/\n")

    let linear = try linearModelSection()
    let gates = try logicGateSection(options: options)
    let digits = try digitsSection(options: options)

    print(report.closingLines(exercises: chapterExercises, outputDirectory: options.outputDirectory))
    print("\n" + summaryLine([
        "and_weights": linear.andWeights,
        "xor_weights": linear.xorWeights,
        "perceptron_and_accuracy": formatted(gates.perceptronAnd, digits: 2),
        "perceptron_xor_accuracy": formatted(gates.perceptronXor, digits: 2),
        "logistic_xor_max_deviation_from_half": formatted(gates.logisticXorDeviation, digits: 4),
        "digits_epochs": "\(options.epochs)",
        "digits_learning_rate": "\(options.learningRate)",
        "digits_train_accuracy": formatted(digits.trainAccuracy, digits: 4),
        "digits_test_accuracy": formatted(digits.testAccuracy, digits: 4),
        "seed": "\(options.seed)",
    ]))
    try report.write(into: options.outputDirectory)
}

do {
    try run()
} catch {
    FileHandle.standardError.write(Data("linear-models: \(error)\n".utf8))
    exit(1)
}
