// graph-convolution: MLiS II Sec. 2.9 (graph theory, graph convolution) and DL Padova "GCN" and
// "Graph Signal" as a program a student runs beside the notes.
//   swift run graph-convolution [--seed N] [--epochs N] [--learning-rate X] [--out DIR]
// It prints a graph's matrices with WORKED-NUMBERS.md's numbers, draws Figs. 2.9.2-2.9.3, shows what the
// naive propagation gets wrong, learns a graph filter, and on Zachary's karate club draws an untrained
// GCN's embedding and trains the semi-supervised GCN of Eq. (2.9.5) from two labelled members.

import Core
import Foundation
import GraphNetworks

let defaults = ChapterOptions(seed: 1, epochs: 200, learningRate: 0.01, outputDirectory: "graph-convolution-figures")
let summary = """
    Graph convolutional networks (MLiS II Sec. 2.9; DL Padova "GCN", "Graph Signal"): adjacency, degree and
    Laplacian; the normalised propagation of Eq. (2.9.4) against the naive one of Eq. (2.9.3); Figs. 2.9.2-2.9.3
    as SVG; graph filters learnt by gradient descent; and the karate club: an untrained GCN's embedding and the
    two-layer GCN of Eq. (2.9.5) trained from one labelled member per faction. --epochs and --learning-rate
    are those of the karate-club training (Adam).
    """

func run() throws {
    let options = defaults.parsingCommandLine(program: "graph-convolution", summary: summary)
    print("Graph convolutional networks (MLiS II Sec. 2.9; DL Padova \"GCN\", \"Graph Signal\").")
    print("Seed \(options.seed); figures go to \(options.outputDirectory)/\n")
    let matrices = try matricesSection(options: options)
    let signals = try signalSection(options: options)
    let karate = try karateSection(options: options)

    print(report.closingLines(exercises: chapterExercises, outputDirectory: options.outputDirectory))
    print(summaryLine([
        "path_laplacian_eigenvalues": matrices.laplacianEigenvalues.map { formatted($0) }.joined(separator: "/"),
        "path_normalised_adjacency_01": formatted(matrices.normalisedOffDiagonal),
        "gcn_g1_softmax_row0": matrices.softmaxFirstRow.map { formatted($0) }.joined(separator: "/"),
        "fig_2.9.3_components_after_one_change": "\(matrices.componentsAfterToggle)",
        "karate_naive_growth_10_steps": formatted(matrices.naiveGrowth, digits: 0),
        "karate_normalised_growth_10_steps": formatted(matrices.normalisedGrowth),
        "filter_g2_output": signals.workedOutput.map { formatted($0) }.joined(separator: "/"),
        "filter_true_h": signals.truth.map { formatted($0) }.joined(separator: "/"),
        "filter_learnt_h": signals.learnt.map { formatted($0) }.joined(separator: "/"),
        "filter_least_squares_h": signals.leastSquares.map { formatted($0) }.joined(separator: "/"),
        "untrained_split_accuracy": formatted(karate.untrainedSeparation),
        "untrained_split_accuracy_mean50": formatted(karate.untrainedSeparationMean),
        "random_points_split_accuracy_mean50": formatted(karate.randomSeparationMean),
        "karate_unlabelled_correct": "\(karate.correct)/32",
        "karate_unlabelled_accuracy": formatted(karate.accuracy),
        "karate_final_loss": formatted(karate.finalLoss),
        "epochs": "\(options.epochs)",
        "learning_rate": "\(options.learningRate)",
        "seed": "\(options.seed)",
    ]))
    try report.write(into: options.outputDirectory)
}

do {
    try run()
} catch {
    FileHandle.standardError.write(Data("graph-convolution: \(error)\n".utf8))
    exit(1)
}
