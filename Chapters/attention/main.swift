// attention: DL Padova "Key-Value-Query concept", "Self attention", "Multi-head attention", "Positional
// Encoding", "Normalization Layer", "Encoders", "Decoder" and "Masked multi-head attention" as a program
// a student runs beside the notes.
//   swift run attention [--seed N] [--epochs N] [--learning-rate X] [--out DIR]
// It prints attention's formula on WORKED-NUMBERS.md's 2 x 2 example (with and without the causal mask),
// the shapes of multi-head attention, draws the positional encoding, and trains a small transformer to
// copy, reverse and sort sequences of digits, drawing its training curves and attention maps, and
// trains the Recurrent module's LSTM on the same tasks for comparison.

import Attention
import Core
import Foundation

let defaults = ChapterOptions(seed: 1, epochs: 20, learningRate: 0.002, outputDirectory: "attention-figures")
let summary = """
    Attention and the transformer (DL Padova "Self attention", "Multi-head attention", "Positional Encoding", "Encoders",
    "Decoder", "Masked multi-head attention"): softmax(Q K^T / sqrt(d_k)) V on WORKED-NUMBERS.md's example, the causal mask and its
    two placements, multi-head shapes, the positional encoding (Vaswani et al.), and an encoder-decoder transformer trained
    to copy, reverse and sort 8 digits, beside the LSTM of the recurrent chapter on the same tasks. --epochs (of 100 batches
    of 64) and --learning-rate (the warm-up's peak, Adam) are those of each task's training, for both models.
    """

func run() throws {
    let options = defaults.parsingCommandLine(program: "attention", summary: summary)
    print("Attention and the transformer (DL Padova \"Self attention\" ... \"Masked multi-head attention\"; Vaswani et al. 2017).")
    print("Seed \(options.seed); figures go to \(options.outputDirectory)/\n")
    let formula = try formulaSection(options: options)
    let tasks = try tasksSection(options: options)
    let lstm = try lstmSection(options: options)
    func accuracy(_ task: SequenceTask) -> String {
        formatted(tasks.first { $0.task == task }?.sequenceAccuracy ?? .nan)
    }
    func lstmAccuracy(_ task: SequenceTask) -> String {
        formatted(lstm.first { $0.task == task }?.sequenceAccuracy ?? .nan)
    }
    print(report.closingLines(exercises: chapterExercises, outputDirectory: options.outputDirectory))
    print(summaryLine([
        "attention_weight_00": formatted(formula.weights[0, 0]),
        "attention_output_00": formatted(formula.output[0, 0]),
        "attention_output_11": formatted(formula.output[1, 1]),
        "causal_output_10": formatted(formula.causalOutput[1, 0]),
        "mask_placements_equal": "\(formula.placementsEqual)",
        "copy_sequence_accuracy": accuracy(.copy),
        "reverse_sequence_accuracy": accuracy(.reverse),
        "sort_sequence_accuracy": accuracy(.sort),
        "lstm_copy_sequence_accuracy": lstmAccuracy(.copy),
        "lstm_reverse_sequence_accuracy": lstmAccuracy(.reverse),
        "lstm_sort_sequence_accuracy": lstmAccuracy(.sort),
        "epochs": "\(options.epochs)",
        "learning_rate": "\(options.learningRate)",
        "seed": "\(options.seed)",
    ]))
    try report.write(into: options.outputDirectory)
}

do {
    try run()
} catch {
    FileHandle.standardError.write(Data("attention: \(error)\n".utf8))
    exit(1)
}
