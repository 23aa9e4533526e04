// convolution: MLiS II Sec. 2.2-2.7 (convolution, padding, stride, pooling, transposed convolution,
// metrics) as a program a student runs beside the notes.
//   swift run convolution [--seed N] [--epochs N] [--learning-rate X] [--out DIR]
// It works the notes' convolutions by hand and by the unrolled matrix K*, checks every size and
// parameter count, shows the checkerboard of transposed convolution beside resize-convolution, trains
// a small CNN on the 8x8 digits, measures it the ways of Sec. 2.7 (confusion matrix, precision,
// recall, F1, micro and macro averages, ROC curves and AUC), and draws the convolutions of
// Figs. 2.2.1-2.3.3, the unrolled K* of Eq. (2.2.6) and the IoU boxes of Fig. 2.7.3 as grids of numbers.

import Convolution
import Core
import Foundation

let defaults = ChapterOptions(seed: 7, epochs: DigitsCNN.epochs, learningRate: DigitsCNN.learningRate,
                              outputDirectory: "convolution-figures")
let summary = """
    Convolutional networks (MLiS II 2.2-2.7): the worked convolutions of the notes (Eq. (2.2.5), Eq. (2.2.6) and
    2.3.3-2.3.5) with their errata, output sizes and parameter counts (Eq. (2.2.7), Eq. (2.2.8), DAT300), the
    checkerboard artefact of transposed convolution beside resize-convolution, then a CNN on the 8x8
    digits (conv 3x3 -> ReLU -> max-pool 2 -> dense softmax, Adam, mini-batches of 32) with its learnt
    filters, feature maps, confusion matrix, precision/recall/F1 and ROC curves (Sec. 2.7).
    --epochs and --learning-rate set the CNN's training.
    """

func run() throws {
    let options = defaults.parsingCommandLine(program: "convolution", summary: summary)
    print("Convolutional networks (MLiS II 2.2-2.7). Seed \(options.seed); figures go to \(options.outputDirectory)/\n")
    let worked = workedNumbersSection()
    sizesSection()
    let upsampling = try upsamplingSection(options: options)
    let galaxy = galaxySection()
    let digits = try digitsSection(options: options)
    try notesFiguresSection(options: options)

    print(report.closingLines(exercises: chapterExercises, outputDirectory: options.outputDirectory))
    print("\n" + summaryLine([
        "conv3_output": worked.notesOutput,
        "transposed_2_3_5_output": worked.transposedOutput,
        "thesis_output": worked.thesisOutput,
        "full_padding_size": "\(worked.fullPaddingSize)",
        "dat300_parameters": worked.datParameters,
        "checkerboard_interior_values": upsampling.checkerboardValues,
        "resize_convolution_interior_values": upsampling.resizeValues,
        "galaxy_accuracy": formatted(galaxy.accuracy, digits: 2),
        "galaxy_recall": formatted(galaxy.recall, digits: 2),
        "cnn_epochs": "\(options.epochs)",
        "cnn_learning_rate": "\(options.learningRate)",
        "cnn_parameters": "\(digits.parameters)",
        "cnn_train_accuracy": formatted(digits.trainAccuracy, digits: 4),
        "cnn_test_accuracy": formatted(digits.testAccuracy, digits: 4),
        "cnn_macro_f1": formatted(digits.macroF1, digits: 4),
        "cnn_micro_f1": formatted(digits.microF1, digits: 4),
        "cnn_worst_auc": formatted(digits.worstAUC, digits: 4),
        "seed": "\(options.seed)",
    ]))
    try report.write(into: options.outputDirectory)
}

do {
    try run()
} catch {
    FileHandle.standardError.write(Data("convolution: \(error)\n".utf8))
    exit(1)
}
