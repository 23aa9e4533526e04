// sparse-coding: MLiS II Sec. 2.8 (sparse coding, OMP, thresholding, convolutional sparse coding, K-SVD)
// as a program a student runs beside the notes.
//   swift run sparse-coding [--seed N] [--epochs N] [--runs N] [--out DIR]   (no --learning-rate: no method here has one)
// It works the small examples by hand (OMP, thresholds, the sparsity bounds), compares OMP with basis
// pursuit, learns a dictionary of 8x8 digits with K-SVD (Fig. 2.7.4 made real, OMP step by step, the
// atoms, denoising), repeats the synthetic experiment of Aharon, Elad & Bruckstein (2006), and draws
// Figs. 2.8.1 and 2.8.2 as grids of the numbers the library computes. Atoms are numbered from 1.

import Core
import Foundation
import SparseCoding

let defaults = {
    var options = ChapterOptions(seed: 1, epochs: 80, learningRate: 0.1, outputDirectory: "sparse-coding-figures", runs: 5)
    options.hasLearningRate = false
    return options
}()
let summary = """
    Sparse coding (MLiS II 2.8): orthogonal matching pursuit by hand, thresholding as a ReLU network,
    convolutional dictionaries and their local sparsity bounds, basis pursuit (FISTA) against OMP, a
    K-SVD dictionary of 8x8 digits (its atoms, a digit as a sum of atoms, denoising), then the synthetic
    experiment of Aharon, Elad & Bruckstein (2006): K-SVD against MOD at 10, 20, 30 dB and without noise.
    Here --epochs is the number of dictionary-learning iterations of that experiment (the paper: 80; the
    digits use at most 20). There is no --learning-rate: none of these methods has one (FISTA's step is
    1/L). Atoms are numbered from 1, as in the notes (d_1 ... d_N).
    """

/// The shared flags of `ChapterOptions`, with `--runs N` and without `--learning-rate` (refused, exit 2: no method here has one).
func parseArguments() -> (options: ChapterOptions, runs: Int) {
    let options = defaults.parsingCommandLine(program: "sparse-coding", summary: summary)
    return (options, options.runs!)
}

func run() throws {
    let (options, runs) = parseArguments()
    print("Sparse coding (MLiS II 2.8). Seed \(options.seed); figures go to \(options.outputDirectory)/")
    print("Atoms are numbered from 1, as in the notes (d_1 ... d_N); the code's arrays count from 0.\n")
    let hand = handExamplesSection()
    let thresholds = thresholdingSection(seed: options.seed)
    let bounds = convolutionalSection(seed: options.seed)
    let pursuit = try basisPursuitSection(options: options)
    let digits = try digitsSection(options: options)
    let recovery = try recoverySection(options: options, runs: runs)
    try notesFiguresSection(options: options)

    print(report.closingLines(exercises: chapterExercises, outputDirectory: options.outputDirectory))
    print("\n" + summaryLine([
        "omp_hand_alpha": hand.alpha,
        "omp_hand_diagonal_coefficient": formatted(hand.diagonalCoefficient, digits: 7),
        "soft_threshold_beta_0.5": thresholds.soft,
        "layered_thresholding_vs_relu_max_difference": formatted(thresholds.networkDifference, digits: 7),
        "bound_2_8_6": "\(bounds.first)",
        "bound_2_8_7_as_printed": "\(bounds.second)",
        "bound_2_8_7_text_d2": "\(bounds.secondByPosition)",
        "omp_support_found": "\(pursuit.ompFound)",
        "basis_pursuit_support_found": "\(pursuit.basisPursuitFound)",
        "digits_atoms": "\(digits.atoms)",
        "digits_psnr_noisy": formatted(digits.noisy, digits: 2),
        "digits_psnr_initial_dictionary": formatted(digits.initial, digits: 2),
        "digits_psnr_learnt_dictionary": formatted(digits.learnt, digits: 2),
        "digits_psnr_learnt_clipped": formatted(digits.clipped, digits: 2),
        "recovery_ksvd_10db": formatted(recovery["ksvd"]![0], digits: 1),
        "recovery_ksvd_20db": formatted(recovery["ksvd"]![1], digits: 1),
        "recovery_ksvd_30db": formatted(recovery["ksvd"]![2], digits: 1),
        "recovery_ksvd_noiseless": formatted(recovery["ksvd"]![3], digits: 1),
        "recovery_mod_10db": formatted(recovery["mod"]![0], digits: 1),
        "recovery_mod_20db": formatted(recovery["mod"]![1], digits: 1),
        "recovery_mod_30db": formatted(recovery["mod"]![2], digits: 1),
        "recovery_mod_noiseless": formatted(recovery["mod"]![3], digits: 1),
        "recovery_mod_with_replacement_10db": formatted(recovery["mod_with_replacement"]![0], digits: 1),
        "recovery_mod_with_replacement_20db": formatted(recovery["mod_with_replacement"]![1], digits: 1),
        "recovery_mod_with_replacement_30db": formatted(recovery["mod_with_replacement"]![2], digits: 1),
        "recovery_mod_with_replacement_noiseless": formatted(recovery["mod_with_replacement"]![3], digits: 1),
        "iterations": "\(options.epochs)",
        "runs": "\(runs)",
        "seed": "\(options.seed)",
    ]))
    try report.write(into: options.outputDirectory)
}

do {
    try run()
} catch {
    FileHandle.standardError.write(Data("sparse-coding: \(error)\n".utf8))
    exit(1)
}
