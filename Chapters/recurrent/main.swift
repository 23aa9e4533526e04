// recurrent: recurrent networks (DL Padova "Unfolding time", "Long Short-Term Memory", "GRU", "TCN",
// "Recurrent DNN"; DAT300 RNN, LSTM, "Trainable parameters") as a program a student runs beside the notes.
//   swift run recurrent [--seed N] [--epochs N] [--learning-rate X] [--out DIR] [--runs N]
// It prints WORKED-NUMBERS.md's worked numbers beside their equations, trains a simple RNN to add binary
// numbers, measures the vanishing gradient of a simple RNN against an LSTM, forecasts the airline
// passengers with an LSTM and a TCN against "same as last year", and runs DAT300's sentiment example.

import Core
import Foundation
import Recurrent

let defaults = ChapterOptions(seed: 1, epochs: 60, learningRate: 0.01, outputDirectory: "recurrent-figures", runs: 3)
let summary = """
    Recurrent networks (DL Padova "Unfolding time", "Long Short-Term Memory", "GRU", "TCN", "Recurrent DNN";
    DAT300 RNN, LSTM, "Trainable parameters"): the worked numbers of WORKED-NUMBERS.md (RNN-1..3, parameter
    counts, the scalar RNN, LSTM and GRU steps in both printed forms, the TCN's receptive field); a simple RNN
    adding 8-bit numbers (back-propagation through time); the vanishing gradient of a simple RNN against
    LSTMs of equal budget, T = 5, 10, 20, 50; one-month-ahead forecasts of the airline passengers with an LSTM
    and a TCN against "same as last year"; DAT300's sentiment example (tokenizer, padding, 7,905 parameters).
    --epochs and --learning-rate (Adam's alpha) apply to every training; --runs is the seeded runs of the
    memory task and of each forecaster.
    """

func run() throws {
    let options = defaults.parsingCommandLine(program: "recurrent", summary: summary)
    print("Recurrent networks (DL Padova, DAT300). Seed \(options.seed); figures go to \(options.outputDirectory)/\n")
    var generator = Xoshiro256StarStar(seed: options.seed)
    let worked = workedNumbersSection(generator: &generator)
    let addition = try binaryAdditionSection(options: options)
    let memory = try memorySection(options: options)
    let forecast = try forecastSection(options: options)
    let sentiment = try sentimentSection(options: options)
    let accuracies = { (cell: FirstBitMemory.Cell) in memory.accuracy[cell]!.map { formatted($0, digits: 3) }.joined(separator: "/") }

    print(report.closingLines(exercises: chapterExercises, outputDirectory: options.outputDirectory))
    print("\n" + summaryLine([
        "rnn1": "1.8/1.3/0.8",
        "rnn2": "0.8/0.4/0.0",
        "rnn3_parameters": "\(worked.counts.rnn)",
        "lstm_parameters": "\(worked.counts.lstm)",
        "gru_parameters": "\(worked.counts.gru)",
        "gru_reset_after_parameters": "\(worked.counts.gruResetAfter)",
        "bilstm_parameters": "\(worked.counts.bidirectional)",
        "lstm32_on16_parameters": "\(worked.counts.lstm32)",
        "sentiment_parameters": "\(sentiment.parameters)",
        "rnn_h": formatted(worked.rnnStep),
        "lstm_h": formatted(worked.lstmHidden),
        "gru_h_padova": formatted(worked.gruPadova),
        "gru_h_keras": formatted(worked.gruKeras),
        "printed_forms_max_difference": String(format: "%.1e", worked.formsDifference),
        "tcn_receptive_field_3_8": "\(worked.receptiveField38)",
        "binary_addition_accuracy": formatted(addition.accuracy),
        "binary_addition_heldout_pairs": "\(addition.heldOut)",
        "memory_T": memory.lengths.map(String.init).joined(separator: "/"),
        "memory_rnn_accuracy": accuracies(.simpleRNN),
        "memory_lstm_accuracy": accuracies(.lstm),
        "memory_lstm_bf3_accuracy": accuracies(.lstmForgetBias3),
        "airline_rmse_same_as_last_year": formatted(forecast.naive, digits: 1),
        "airline_rmse_mean_growth": formatted(forecast.naiveWithGrowth, digits: 1),
        "airline_rmse_lstm": formatted(forecast.rmse[.lstm]!, digits: 1),
        "airline_rmse_tcn": formatted(forecast.rmse[.tcn]!, digits: 1),
        "sentiment_training_accuracy": formatted(sentiment.trainingAccuracy, digits: 2),
        "sentiment_heldout_correct": "\(sentiment.heldOutCorrect)",
        "epochs": "\(options.epochs)",
        "learning_rate": "\(options.learningRate)",
        "runs": "\(options.runs ?? 3)",
        "seed": "\(options.seed)",
    ]))
    try report.write(into: options.outputDirectory)
}

do {
    try run()
} catch {
    FileHandle.standardError.write(Data("recurrent: \(error)\n".utf8))
    exit(1)
}
