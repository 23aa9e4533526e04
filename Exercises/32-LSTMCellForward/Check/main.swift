// Checks for exercise 32 (one LSTM step). Run: swift run --package-path Exercises exercises 32

import Foundation
import ExerciseCheck
import Core
import Recurrent
import Exercise32

check("The worked scalar step: c = 0.4826684230, h = 0.2630264839") {
    let block = { (u: Double, w: Double, b: Double) in LSTMBlockWeights(U: [[u]], W: [[w]], b: [b]) }
    let result = lstmCellForward(x: [1], h: [0.5], c: [0.2], forget: block(0.5, 0.1, 0), input: block(0.3, 0.2, 0.1),
                                 output: block(0.4, -0.1, 0), candidate: block(0.6, 0.5, -0.2))
    expect(result.c.count == 1 && abs(result.c[0] - 0.4826684230) < 1e-10, "expected c = 0.4826684230, got \(result.c)")
    expect(result.h.count == 1 && abs(result.h[0] - 0.2630264839) < 1e-10, "expected h = 0.2630264839, got \(result.h)")
}

check("Three inputs, four units: the same as the library's LSTM layer on the same weights (seed 321)") {
    var generator = Xoshiro256StarStar(seed: 321)
    let lstm = LSTM(inputs: 3, units: 4, generator: &generator)
    lstm.bias.value = generator.normalTensor(shape: [1, 16], standardDeviation: 0.5)
    let (x, h, c) = (generator.normalTensor(shape: [1, 1, 3]), generator.normalTensor(shape: [1, 4]), generator.normalTensor(shape: [1, 4]))
    (lstm.initialState, lstm.initialCellState) = (h, c)
    let expectedH = lstm(x).doubles, expectedC = lstm.finalCellState!.doubles
    let blocks = LSTMBlock.allCases.map { lstm.gateWeights($0) }.map { LSTMBlockWeights(U: $0.input, W: $0.recurrent, b: $0.bias) }
    let got = lstmCellForward(x: x.doubles, h: h.doubles, c: c.doubles, forget: blocks[1], input: blocks[0], output: blocks[3],
                              candidate: blocks[2])
    expect(isApproximatelyEqual(got.h, expectedH, absoluteTolerance: 1e-6), "expected h = \(expectedH), got \(got.h)")
    expect(isApproximatelyEqual(got.c, expectedC, absoluteTolerance: 1e-6), "expected c = \(expectedC), got \(got.c)")
}

check("Gates do what they say: forget = 1, input = 0 keeps c exactly; forget = 0, input = 1 replaces it by the candidate") {
    let open = LSTMBlockWeights(U: [[0]], W: [[0]], b: [40]), shut = LSTMBlockWeights(U: [[0]], W: [[0]], b: [-40])
    let candidate = LSTMBlockWeights(U: [[1]], W: [[0]], b: [0])
    let kept = lstmCellForward(x: [0.3], h: [0], c: [0.7], forget: open, input: shut, output: open, candidate: candidate)
    expect(abs(kept.c[0] - 0.7) < 1e-12, "forget gate 1, input gate 0: c stays 0.7, got \(kept.c)")
    let replaced = lstmCellForward(x: [0.3], h: [0], c: [0.7], forget: shut, input: open, output: open, candidate: candidate)
    expect(abs(replaced.c[0] - tanh(0.3)) < 1e-12, "forget gate 0, input gate 1: c becomes tanh(0.3), got \(replaced.c)")
    expect(abs(replaced.h[0] - tanh(tanh(0.3))) < 1e-12, "output gate 1: h = tanh(c), got \(replaced.h)")
}

runChecks()
