// Checks for exercise 33 (recurrent parameter counts, a TCN's receptive field). Run: swift run --package-path Exercises exercises 33

import ExerciseCheck
import Core
import Recurrent
import Exercise33

check("RNN-3 and WORKED-NUMBERS.md: SimpleRNN 4,800 (RNN-3, E-60), LSTM 19,200, GRU 14,400 and 14,592 (E-57), LSTM(32) on 16 inputs 6,272") {
    expect(simpleRNNParameters(inputs: 10, units: 64) == 4_800, "got \(simpleRNNParameters(inputs: 10, units: 64))")
    expect(lstmParameters(inputs: 10, units: 64) == 19_200, "got \(lstmParameters(inputs: 10, units: 64))")
    expect(gruParameters(inputs: 10, units: 64, resetAfter: false) == 14_400, "got \(gruParameters(inputs: 10, units: 64, resetAfter: false))")
    expect(gruParameters(inputs: 10, units: 64, resetAfter: true) == 14_592, "got \(gruParameters(inputs: 10, units: 64, resetAfter: true))")
    expect(lstmParameters(inputs: 16, units: 32) == 6_272, "got \(lstmParameters(inputs: 16, units: 32))")
}

check("The library's layers on random sizes have the counts you compute (seed 331)") {
    var generator = Xoshiro256StarStar(seed: 331)
    for _ in 0..<10 {
        let (inputs, units) = (1 + generator.uniformInt(below: 20), 1 + generator.uniformInt(below: 20))
        expect(simpleRNNParameters(inputs: inputs, units: units) == SimpleRNN(inputs: inputs, units: units, generator: &generator).parameterCount, "simpleRNNParameters(inputs: inputs, units: units) == SimpleRNN(inputs: inputs, units: units, generator: &generator).parameterCount: expected \(SimpleRNN(inputs: inputs, units: units, generator: &generator).parameterCount), got \(simpleRNNParameters(inputs: inputs, units: units))")
        expect(lstmParameters(inputs: inputs, units: units) == LSTM(inputs: inputs, units: units, generator: &generator).parameterCount, "lstmParameters(inputs: inputs, units: units) == LSTM(inputs: inputs, units: units, generator: &generator).parameterCount: expected \(LSTM(inputs: inputs, units: units, generator: &generator).parameterCount), got \(lstmParameters(inputs: inputs, units: units))")
        expect(gruParameters(inputs: inputs, units: units, resetAfter: false)
                == GRU(inputs: inputs, units: units, generator: &generator).parameterCount, "gruParameters(inputs: inputs, units: units, resetAfter: false) == GRU(inputs: inputs, units: units, generator: &generator).parameterCount: expected \(GRU(inputs: inputs, units: units, generator: &generator).parameterCount), got \(gruParameters(inputs: inputs, units: units, resetAfter: false))")
        expect(gruParameters(inputs: inputs, units: units, resetAfter: true)
                == GRU(inputs: inputs, units: units, resetPlacement: .afterProduct, generator: &generator).parameterCount, "gruParameters(inputs: inputs, units: units, resetAfter: true) == GRU(inputs: inputs, units: units, resetPlacement: .afterProduct, generator: &generator).parameterCount: expected \(GRU(inputs: inputs, units: units, resetPlacement: .afterProduct, generator: &generator).parameterCount), got \(gruParameters(inputs: inputs, units: units, resetAfter: true))")
    }
}

check("Receptive fields: (2,1) -> 2, (2,4) -> 16, (3,4) -> 31, (3,8) -> 511, (5,3) -> 29, and the library's count by brute force") {
    for (f, k, expected) in [(2, 1, 2), (2, 4, 16), (3, 4, 31), (3, 8, 511), (5, 3, 29)] {
        expect(tcnReceptiveField(filter: f, layers: k) == expected, "f = \(f), K = \(k): expected \(expected), got \(tcnReceptiveField(filter: f, layers: k))")
    }
    for f in 1...4 {
        for k in 1...6 {
            expect(tcnReceptiveField(filter: f, layers: k) == receptiveFieldByCounting(filter: f, layers: k), "f = \(f), K = \(k)")
        }
    }
}

runChecks()
