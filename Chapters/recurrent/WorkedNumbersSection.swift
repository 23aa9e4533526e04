// WORKED-NUMBERS.md's section 13 computed by the module and printed beside the notes' equations: RNN-1 to
// RNN-3, the parameter counts of DAT300 "Trainable parameters" (E-57, E-59, E-60), the scalar steps
// of the RNN, LSTM and GRU (E-66), the two printed forms of each cell shown equal, and the TCN's
// receptive field (DL Padova "TCN").

import Core
import Foundation
import NeuralNetworks
import Recurrent

struct WorkedNumbers {
    let rnnStep: Double
    let lstmHidden: Double
    let gruPadova: Double
    let gruKeras: Double
    let counts: (rnn: Int, lstm: Int, gru: Int, gruResetAfter: Int, bidirectional: Int, lstm32: Int)
    let receptiveField38: Int
    let formsDifference: Double
}

/// A one-unit gate (input weight, recurrent weight, bias).
private func scalarGate(_ input: Double, _ recurrent: Double, _ bias: Double) -> GateWeights {
    GateWeights(input: [[input]], recurrent: [[recurrent]], bias: [bias])
}

private func list(_ values: [Double], digits: Int = 1) -> String {
    "(" + values.map { formatted($0, digits: digits) }.joined(separator: ", ") + ")"
}

func workedNumbersSection(generator: inout Xoshiro256StarStar) -> WorkedNumbers {
    print("1. The worked numbers (WORKED-NUMBERS.md 13)")
    print("   RNN-1, DAT300 ⊕: (0.8, 0.8, 0.8) ⊕ (1.0, 0.5, 0.0) = \(list(elementwiseSum([0.8, 0.8, 0.8], [1, 0.5, 0])))  (notes: (1.8, 1.3, 0.8))")
    print("   RNN-2, DAT300 ⊗: (0.8, 0.8, 0.8) ⊗ (1.0, 0.5, 0.0) = \(list(elementwiseProduct([0.8, 0.8, 0.8], [1, 0.5, 0])))"
          + "  (notes: (0.8, 0.4, 0.0)): a gate of 0 blocks, 1 lets through")
    let counts = (rnn: SimpleRNN(inputs: 10, units: 64, generator: &generator).parameterCount,
                  lstm: LSTM(inputs: 10, units: 64, generator: &generator).parameterCount,
                  gru: GRU(inputs: 10, units: 64, generator: &generator).parameterCount,
                  gruResetAfter: GRU(inputs: 10, units: 64, resetPlacement: .afterProduct, generator: &generator).parameterCount,
                  bidirectional: Bidirectional(LSTM(inputs: 10, units: 64, generator: &generator),
                                               LSTM(inputs: 10, units: 64, generator: &generator)).parameterCount,
                  lstm32: LSTM(inputs: 16, units: 32, generator: &generator).parameterCount)
    print("   RNN-3, DAT300 \"Trainable parameters\": SimpleRNN(64) on 10 inputs, 64 (10 + 64 + 1) = \(counts.rnn)"
          + " (printed \"4.800\": the dot is a thousands separator, E-60); dropout adds none")
    print("   LSTM(64) on 10: 4 * 64 * (10 + 64 + 1) = \(counts.lstm): four weight blocks, but three gates and a candidate (E-59)")
    print("   GRU(64) on 10: \(counts.gru) with one bias per block (DAT300's 3 units (input + units + 1)), "
          + "\(counts.gruResetAfter) with Keras' default reset_after, which adds a second bias (E-57)")
    print("   Bidirectional LSTM(64): \(counts.bidirectional) = 2 x \(counts.lstm), two layers side by side, not a stack (E-26);"
          + " LSTM(32) on 16 inputs: \(counts.lstm32)")

    let rnn = rnnStepPadova(x: [1], previous: [0.5], Wx: [[0.5]], Wh: [[0.8]], b: [0.1])[0]
    print("   RNN step, DL Padova \"Unfolding time\": h = tanh(1 * 0.5 + 0.5 * 0.8 + 0.1) = tanh(1) = \(formatted(rnn, digits: 10))")
    let lstm = lstmStepPadova(x: [1], previous: [0.5], cell: [0.2], forget: scalarGate(0.5, 0.1, 0), input: scalarGate(0.3, 0.2, 0.1),
                              output: scalarGate(0.4, -0.1, 0), candidate: scalarGate(0.6, 0.5, -0.2))
    print("   LSTM step, DL Padova \"Long Short-Term Memory\" (x = 1, H = 0.5, C = 0.2): f = \(formatted(lstm.forget[0], digits: 10)),"
          + " I = \(formatted(lstm.input[0], digits: 10)), O = \(formatted(lstm.output[0], digits: 10)),")
    print("     C̄ = \(formatted(lstm.candidate[0], digits: 10)), C = \(formatted(lstm.cell[0], digits: 10)), H = \(formatted(lstm.hidden[0], digits: 10))")
    let gates = (scalarGate(0.5, 0.5, 0), scalarGate(-0.5, 0.5, 0), scalarGate(1, 1, 0))
    let padova = gruStep(x: [1], previous: [0.5], update: gates.0, reset: gates.1, candidate: gates.2, convention: .padova)
    let keras = gruStep(x: [1], previous: [0.5], update: gates.0, reset: gates.1, candidate: gates.2, convention: .kerasPyTorch)
    print("   GRU step, DL Padova \"GRU\" (x = 1, h = 0.5): z = \(formatted(padova.update[0], digits: 10)), r = \(formatted(padova.reset[0], digits: 10)),"
          + " ĥ = \(formatted(padova.candidate[0], digits: 10))")
    print("     h = (1 - z) h + z ĥ = \(formatted(padova.hidden[0], digits: 10)) (DL Padova); h = z h + (1 - z) ĥ = "
          + "\(formatted(keras.hidden[0], digits: 10)) (Keras, PyTorch): both are GRUs, pick one and say which (E-66)")

    let difference = printedFormsDifference(generator: &generator)
    print("   The printed forms are one cell: on random weights, DL Padova's LSTM (U, W per gate) and DAT300's (W on [h, x])"
          + " differ by at most \(String(format: "%.1e", difference)) over 20 steps, and both equal the batched LSTM layer")

    print("   TCN, DL Padova: R = (f - 1)(2^K - 1) + 1 against a count of the inputs the last output reads:")
    for (f, k) in [(2, 1), (2, 4), (3, 4), (3, 8), (5, 3)] {
        print("     f = \(f), K = \(k): R = \(temporalReceptiveField(filter: f, layers: k)), counted \(receptiveFieldByCounting(filter: f, layers: k))")
    }
    print("   Multilabel BCE, DL Padova \"Recurrent DNN\": -(1/m) sum_i sum_j [y log h + (1 - y) log(1 - h)] is NeuralNetworks'"
          + " BinaryCrossEntropy (a mean over the m examples of a sum over the l labels); h are probabilities in (0, 1), not labels in {0, 1}")
    return WorkedNumbers(rnnStep: rnn, lstmHidden: lstm.hidden[0], gruPadova: padova.hidden[0], gruKeras: keras.hidden[0], counts: counts,
                         receptiveField38: temporalReceptiveField(filter: 3, layers: 8), formsDifference: difference)
}

/// The largest difference between DL Padova's and DAT300's LSTM and the batched layer, on one random
/// sequence of 20 steps (3 inputs, 4 units).
private func printedFormsDifference(generator: inout Xoshiro256StarStar) -> Double {
    let layer = LSTM(inputs: 3, units: 4, returnsSequences: true, generator: &generator)
    layer.bias.value = generator.normalTensor(shape: [1, 16], standardDeviation: 0.5)
    let x = generator.normalTensor(shape: [1, 20, 3])
    let output = layer(x).doubles
    let blocks = LSTMBlock.allCases.map { layer.gateWeights($0) }
    var (h, c) = ([Double](repeating: 0, count: 4), [Double](repeating: 0, count: 4))
    var (h2, c2) = (h, c)
    var worst = 0.0
    for t in 0..<20 {
        let input = (0..<3).map { Double(x.scalars[t * 3 + $0]) }
        let padova = lstmStepPadova(x: input, previous: h, cell: c, forget: blocks[1], input: blocks[0], output: blocks[3], candidate: blocks[2])
        let dat300 = lstmStepDAT300(x: input, previous: h2, cell: c2, forget: (blocks[1].concatenated, blocks[1].bias),
                                    update: (blocks[0].concatenated, blocks[0].bias), output: (blocks[3].concatenated, blocks[3].bias),
                                    candidate: (blocks[2].concatenated, blocks[2].bias))
        (h, c, h2, c2) = (padova.hidden, padova.cell, dat300.hidden, dat300.cell)
        for j in 0..<4 { worst = max(worst, abs(h[j] - h2[j]), abs(h[j] - output[t * 4 + j])) }
    }
    return worst
}
