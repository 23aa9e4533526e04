// The vanishing gradient, measured (DL Padova "Unfolding time", DAT300 "Vanishing and Exploding
// gradients" and "Long Short-Term Memory"): remember the first of T random bits, T = 5, 10, 20, 50,
// with a simple RNN and an LSTM of equal parameter budget; the gradient that reaches x_1 against T,
// before and after training; the accuracy each reaches; the LSTM's gates over one sequence.

import Core
import Foundation
import NeuralNetworks
import Recurrent

struct MemoryResults {
    /// Mean held-out accuracy per cell, in the order of `lengths`.
    let accuracy: [FirstBitMemory.Cell: [Double]]
    let lengths: [Int]
}

/// The geometric mean (for gradients that span decades).
private func geometricMean(_ values: [Double]) -> Double {
    exp(values.map { log(max($0, 1e-300)) }.reduce(0, +) / Double(max(values.count, 1)))
}

func memorySection(options: ChapterOptions) throws -> MemoryResults {
    let lengths = [5, 10, 20, 50], runs = options.runs ?? 3
    print("\n3. The vanishing gradient, measured: remember the first of T random bits (+-1), T = \(lengths.map(String.init).joined(separator: ", "))")
    print("   SimpleRNN(17) + Dense(1) (341 parameters) against LSTM(8) + Dense(1) (329): equal budgets; the LSTM's forget-gate bias")
    print("   starts at 1 (Keras: f = 0.73, a memory halving in about 2 steps) or at 3 (f = 0.95, halving in about 14 steps)")
    print("   \(runs) seeded runs each; Adam, alpha = \(options.learningRate), \(options.epochs) epochs of 1,000 freshly drawn sequences;"
          + " 1,000 held-out sequences")
    print("   ||dz/dx_1||: how much the output logit depends on the first input, the factor back-propagation carries to every")
    print("   weight that could learn to remember it (root mean square over the held-out sequences)")
    var results: [FirstBitMemory.Cell: [[MemoryRun]]] = [:]
    var progress = ProgressLine(total: lengths.count * FirstBitMemory.Cell.allCases.count * runs, label: "run")
    var done = 0
    for cell in FirstBitMemory.Cell.allCases {
        results[cell] = try lengths.map { steps in
            try (0..<runs).map { run in
                defer { done += 1; progress.update(done, message: "\(cell.rawValue), T = \(steps)") }
                return try FirstBitMemory.run(cell, steps: steps, epochs: options.epochs, learningRate: options.learningRate,
                                              seed: options.seed &+ UInt64(run))
            }
        }
    }
    progress.finish()
    print("     T    cell            ||dz/dx_1|| untrained   trained     held-out accuracy (runs >= 99 %)")
    var accuracy: [FirstBitMemory.Cell: [Double]] = [:]
    var plot = LinePlot(title: "Remembering the first bit: the gradient at step 1", xLabel: "T (steps to remember)",
                        yLabel: "||dz/dx_1|| (geometric mean of the runs)", logY: true)
    for cell in FirstBitMemory.Cell.allCases {
        let rows = results[cell]!
        accuracy[cell] = rows.map { runs in runs.map(\.accuracy).reduce(0, +) / Double(runs.count) }
        for (steps, runs) in zip(lengths, rows) {
            let successes = runs.filter { $0.accuracy >= 0.99 }.count
            print("     \(String(steps).padding(toLength: 5, withPad: " ", startingAt: 0))\(cell.rawValue.padding(toLength: 16, withPad: " ", startingAt: 0))"
                  + "\(String(format: "%.2e", geometricMean(runs.map(\.gradientBefore))))               "
                  + "\(String(format: "%.2e", geometricMean(runs.map(\.gradientAfter))))    "
                  + "\(formatted(runs.map(\.accuracy).reduce(0, +) / Double(runs.count), digits: 3)) (\(successes) of \(runs.count))")
        }
        plot.add(x: lengths.map(Double.init), y: rows.map { geometricMean($0.map(\.gradientBefore)) }, name: "\(cell.rawValue), untrained")
        plot.add(x: lengths.map(Double.init), y: rows.map { geometricMean($0.map(\.gradientAfter)) }, name: "\(cell.rawValue), trained")
    }
    let path = try options.figurePath("vanishing-gradient.svg")
    try plot.write(to: path)
    print("   figure: \(path)")
    if let lstmRuns = results[.lstm]?[lengths.firstIndex(of: 20)!], let lstm = lstmRuns.first?.network {
        try drawGates(lstm, steps: 20, options: options)
    }
    return MemoryResults(accuracy: accuracy, lengths: lengths)
}

/// The trained LSTM's three gates over one held-out sequence of T steps, as a heat map.
private func drawGates(_ network: Network, steps: Int, options: ChapterOptions) throws {
    var generator = Xoshiro256StarStar(seed: options.seed &+ 1000)
    var (x, labels) = FirstBitMemory.data(count: 1, steps: steps, generator: &generator)
    if labels.scalars[0] == 0 { x.scalars[0] = 1; labels.scalars[0] = 1 }          // a sequence whose first bit is 1
    guard let lstm = network.layers.first as? LSTM else { return }
    _ = network(x)
    guard let gates = lstm.gateActivations else { return }
    let h = lstm.units
    // Rows from the bottom: O of units 1...H, then f, then I (the three gates; the candidate is not one, E-59).
    let blocks: [LSTMBlock] = [.output, .forget, .input]
    let values = blocks.flatMap { block in
        (0..<h).map { unit in (0..<steps).map { t in Double(gates.scalars[t * 4 * h + block.rawValue * h + unit]) } }
    }
    let map = ValueMap(title: "LSTM gates over one sequence (first bit 1, T = \(steps))", xLabel: "time step t",
                       yLabel: "unit: O 0-\(h), f \(h)-\(2 * h), I \(2 * h)-\(3 * h)", xRange: 0.5...(Double(steps) + 0.5),
                       yRange: 0...Double(3 * h), values: values, valueRange: 0...1, colourBarLabel: "gate value")
    let path = try options.figurePath("lstm-gates.svg")
    try map.write(to: path)
    let forget = (0..<h).map { unit in (1..<steps).map { t in gates.scalars[t * 4 * h + LSTMBlock.forget.rawValue * h + unit] }.reduce(0, +) / Float(steps - 1) }
    print("   LSTM gates over one sequence (T = 20, trained): mean forget gate of each unit after step 1: "
          + forget.map { formatted($0, digits: 2) }.joined(separator: " "))
    print("   figure: \(path)")
}
