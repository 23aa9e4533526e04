// Training on real tasks, seeded, each in about a second: binary addition exact on every held-out
// pair; the first-bit memory task (the step-1 gradient vanishing with T, and both cells learning
// T = 10); DL Padova's multilabel "Recurrent DNN"; the forecasters against "same as last year".

import Foundation
import Testing
import Core
import NeuralNetworks
@testable import Recurrent

@Suite("Recurrent networks trained on real tasks")
struct TaskTests {
    @Test("Binary addition: SimpleRNN(16) trained on 1,000 random pairs for 30 epochs adds all 64,536 held-out pairs exactly (seed 1)")
    func binaryAddition() throws {
        var generator = Xoshiro256StarStar(seed: 1)
        let (training, heldOut) = BinaryAddition.split(trainingCount: 1000, generator: &generator)
        let network = BinaryAddition.model(hidden: 16, generator: &generator)
        let (x, y) = BinaryAddition.encode(training)
        var adam = Adam(learningRate: 0.01)
        try network.train(x, y, settings: TrainingSettings(loss: BinaryCrossEntropyFromLogits(), epochs: 30), optimiser: &adam,
                          generator: &generator)
        #expect(heldOut.count == 64_536)
        #expect(BinaryAddition.accuracy(network, heldOut) == 1)
        #expect(BinaryAddition.predictedSums(network, [(255, 255), (0, 0), (128, 128)]) == [510, 0, 256])
    }

    @Test("Binary addition's encoding: least significant bit first, the ninth step the carry out")
    func binaryAdditionEncoding() {
        let (x, y) = BinaryAddition.encode([(3, 5), (255, 1)])
        #expect(Array(x.scalars[0..<6]) == [1, 1, 1, 0, 0, 1])                 // bits 0, 1, 2 of (3, 5)
        #expect(Array(y.scalars[0..<9]) == [0, 0, 0, 1, 0, 0, 0, 0, 0])          // 8
        #expect(Array(y.scalars[9..<18]) == [0, 0, 0, 0, 0, 0, 0, 0, 1])         // 256
    }

    @Test("The vanishing gradient at initialisation: ||dz/dx_1|| falls over 100-fold from T = 5 to T = 50 for the simple RNN and Keras' LSTM (forget bias 1), not for an LSTM whose forget gates start at 0.95 (geometric mean of seeds 1-5)")
    func gradientVanishesWithLength() {
        for cell in FirstBitMemory.Cell.allCases {
            let norms = [5, 20, 50].map { steps in
                exp((1...5).map { seed -> Double in
                    var generator = Xoshiro256StarStar(seed: UInt64(seed))
                    let network = FirstBitMemory.model(cell, generator: &generator)
                    let (x, _) = FirstBitMemory.data(count: 200, steps: steps, generator: &generator)
                    return log(FirstBitMemory.firstStepGradientNorm(network, inputs: x))
                }.reduce(0, +) / 5)
            }
            if cell == .lstmForgetBias3 {
                #expect(norms[2] > norms[0] / 10, "\(cell): \(norms)")
            } else {
                #expect(norms[0] > norms[1] && norms[1] > norms[2] && norms[0] > 100 * norms[2], "\(cell): \(norms)")
            }
        }
    }

    @Test("Remembering the first of 10 bits: the simple RNN and the LSTMs of equal budget all reach 99 % on held-out sequences in 8 epochs (seed 1)")
    func firstBitTen() throws {
        var generator = Xoshiro256StarStar(seed: 0)
        #expect(FirstBitMemory.model(.lstm, generator: &generator).trainableParameterCount == 329)
        #expect(FirstBitMemory.model(.simpleRNN, generator: &generator).trainableParameterCount == 341)
        for cell in FirstBitMemory.Cell.allCases {
            let run = try FirstBitMemory.run(cell, steps: 10, epochs: 8, seed: 1)
            #expect(run.accuracy >= 0.99, "\(cell): \(run.accuracy)")
        }
    }

    @Test("DL Padova \"Recurrent DNN\": Embedding -> GRU -> max over time -> Dense, multilabel BCE; which of tokens 1, 2, 3 occur in 8 tokens, >= 95 % of labels right on held-out sequences (seed 2)")
    func recurrentDNN() throws {
        var generator = Xoshiro256StarStar(seed: 2)
        func data(_ count: Int) -> (Tensor, Tensor) {
            let tokens = (0..<(count * 8)).map { _ in generator.uniformInt(below: 6) }
            let labels = (0..<count).flatMap { n in (1...3).map { token in tokens[(n * 8)..<((n + 1) * 8)].contains(token) ? Float(1) : 0 } }
            return (Tensor(shape: [count, 8], scalars: tokens.map(Float.init)), Tensor(shape: [count, 3], scalars: labels))
        }
        let (x, y) = data(600), (xTest, yTest) = data(300)
        let network = Network.recurrentDNN(vocabulary: 6, dimension: 4, units: 8, labels: 3, generator: &generator)
        var adam = Adam(learningRate: 0.02)
        try network.train(x, y, settings: TrainingSettings(loss: BinaryCrossEntropyFromLogits(), epochs: 15), optimiser: &adam, generator: &generator)
        let logits = network(xTest)
        let right = zip(logits.scalars, yTest.scalars).filter { ($0 > 0) == ($1 == 1) }.count
        #expect(Double(right) / Double(yTest.count) >= 0.95, "\(right) of \(yTest.count)")
        // The notes' CELoss on the probabilities equals the BCE from the logits.
        let probabilities = mapElements(logits) { sigmoid($0) }
        var celoss = 0.0
        for (h, label) in zip(probabilities.scalars, yTest.scalars) {
            celoss -= Double(label) * log(Double(h)) + (1 - Double(label)) * log(1 - Double(h))
        }
        celoss /= 300
        #expect(isApproximatelyEqual(celoss, Double(BinaryCrossEntropyFromLogits().value(predicted: logits, target: yTest)), relativeTolerance: 1e-4))
        #expect(isApproximatelyEqual(celoss, Double(BinaryCrossEntropy().value(predicted: probabilities, target: yTest)), relativeTolerance: 1e-4))
    }

    @Test("Airline passengers: 144 months from 1949-01 (112) to 1960-12 (432), total 40,363; \"same as last year\" misses 1959-60 by 50.0 (RMSE)")
    func airlineSeries() throws {
        let series = try AirlinePassengers.load()
        #expect(series.passengers.count == 144 && series.months.first == "1949-01" && series.months.last == "1960-12")
        #expect(series.passengers.first == 112 && series.passengers.last == 432 && series.passengers.reduce(0, +) == 40_363)
        let problem = ForecastProblem(series: series)
        #expect(problem.training.inputs.shape == [96, 12, 1] && problem.test.inputs.shape == [24, 12, 1])
        #expect(isApproximatelyEqual(problem.rootMeanSquaredError(problem.seasonalNaive), 49.9867, absoluteTolerance: 1e-3))
        let noGrowth = Tensor(shape: [24, 1], repeating: -problem.growthMean / problem.growthDeviation)
        #expect(isApproximatelyEqual(problem.passengers(fromStandardisedGrowths: noGrowth), problem.seasonalNaive, relativeTolerance: 1e-6))
    }

    @Test("The LSTM and the TCN forecast 1959-60 with under half the RMSE of \"same as last year\" (seed 1)")
    func forecastersBeatTheNaiveForecast() throws {
        let problem = ForecastProblem(series: try AirlinePassengers.load())
        let naive = problem.rootMeanSquaredError(problem.seasonalNaive)
        for forecaster in Forecaster.allCases {
            let fit = try forecaster.fit(problem, epochs: 60, seed: 1)
            #expect(problem.rootMeanSquaredError(fit.forecast) < naive / 2, "\(forecaster): \(problem.rootMeanSquaredError(fit.forecast))")
        }
    }

    @Test("A malformed airline file is an error naming the file and the line: a month out of order, a bad value, a missing field")
    func malformedAirlineFile() throws {
        let cases = [("month,passengers\n1949-01,112\n1949-03,118\n", "3: month 1949-03 does not follow 1949-1"),
                     ("month,passengers\n1949-01,112\n1949-02,-5\n", "3: column 2 is \"-5\""),
                     ("month,passengers\n1949-01\n", "2: expected 2 comma-separated values"),
                     ("month,passengers\n1949-13,100\n", "2: column 1 is \"1949-13\", expected a month YYYY-MM")]
        for (text, message) in cases {
            let path = FileManager.default.temporaryDirectory.appendingPathComponent("airline-\(UUID().uuidString).csv").path
            try text.write(toFile: path, atomically: true, encoding: .utf8)
            defer { try? FileManager.default.removeItem(atPath: path) }
            #expect { try AirlinePassengers.load(path: path) } throws: { error in
                "\(error)".contains(path) && "\(error)".contains(message)
            }
        }
    }
}
