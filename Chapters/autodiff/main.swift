// autodiff: DL Padova "AutoDifferentiation" (and MLiS II Sec. 1.3, back-propagation as the chain rule)
// as a program a student runs beside the notes.
//   swift run autodiff [--seed N] [--epochs N] [--learning-rate X] [--out DIR]
// It builds and draws the notes' graph AD-1 with every value, gradient and edge derivative (and
// erratum E-12), the exercise graph AD-2, checks reverse mode against forward mode, uses the scalar
// engine as a third oracle for Dense's backward pass, and trains a small MLP made of scalar nodes on
// XOR and on two half-moons, timing it against the same network on tensors.

import AutoDiff
import Core
import Foundation

let defaults = ChapterOptions(seed: 1, epochs: 150, learningRate: 1, outputDirectory: "autodiff-figures")
let summary = """
    Automatic differentiation (DL Padova "AutoDifferentiation"; MLiS II Sec. 1.3): a scalar reverse-mode
    engine and forward mode with dual numbers on the notes' graph AD-1 (with erratum E-12) and the
    exercise graph AD-2, drawn as SVG; the engine as a third gradient oracle for Dense (the first step
    of the XOR network MLP-3, and softmax + cross-entropy); and a 2-16-16-1 MLP built from scalar nodes
    learning XOR and two half-moons, timed against the same network on tensors. --epochs and
    --learning-rate set the moons training (full batch, plain gradient descent); --seed draws the
    moons and the starting weights. XOR uses its own settings (200 steps, alpha = 0.5).
    """

func run() throws {
    let options = defaults.parsingCommandLine(program: "autodiff", summary: summary)
    print("Automatic differentiation (DL Padova \"AutoDifferentiation\"; MLiS II Sec. 1.3). Seed \(options.seed);"
          + " figures go to \(options.outputDirectory)/\n")
    let worked = try workedExamplesSection(options: options)
    let oracle = oracleSection()
    let learner = try learnerSection(options: options)

    print(report.closingLines(exercises: chapterExercises, outputDirectory: options.outputDirectory))
    print("\n" + summaryLine([
        "ad1_z": shortNumber(worked.ad1Value),
        "ad1_dz_dw": shortNumber(worked.ad1Gradient[0]),
        "ad1_dz_dx": shortNumber(worked.ad1Gradient[1]),
        "ad1_dz_db": shortNumber(worked.ad1Gradient[2]),
        "ad1_dz_dy": shortNumber(worked.ad1Gradient[3]),
        "ad2_f_at_2": shortNumber(worked.ad2ValueAt2),
        "ad2_fprime_at_1": shortNumber(worked.ad2Derivatives[0]),
        "ad2_fprime_at_2": shortNumber(worked.ad2Derivatives[1]),
        "ad2_fprime_at_minus_1": shortNumber(worked.ad2Derivatives[2]),
        "oracle_mlp3_max_difference": scientific(oracle.mlp3Difference),
        "oracle_softmax_cce_max_difference": scientific(oracle.softmaxDifference),
        "xor_accuracy": formatted(learner.xorAccuracy, digits: 2),
        "moons_train_accuracy": formatted(learner.moonsTrainAccuracy, digits: 4),
        "moons_test_accuracy": formatted(learner.moonsTestAccuracy, digits: 4),
        "scalar_ms_per_step": formatted(learner.scalarMillisecondsPerStep, digits: 3),
        "tensor_ms_per_step": formatted(learner.tensorMillisecondsPerStep, digits: 4),
        "tensor_speedup": formatted(learner.scalarMillisecondsPerStep / learner.tensorMillisecondsPerStep, digits: 0),
        "epochs": "\(options.epochs)",
        "learning_rate": "\(options.learningRate)",
        "seed": "\(options.seed)",
    ]))
    try report.write(into: options.outputDirectory)
}

/// A small number in scientific notation, e.g. "3.7e-08".
func scientific(_ value: Double) -> String {
    String(format: "%.1e", value)
}

do {
    try run()
} catch {
    FileHandle.standardError.write(Data("autodiff: \(error)\n".utf8))
    exit(1)
}
