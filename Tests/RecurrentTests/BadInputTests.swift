// Programmer errors stop the program with a message naming both shapes: a sequence of the wrong
// feature width, an empty sequence, a hidden state of the wrong size, a backward pass before any
// forward pass, a token index outside the vocabulary. Each runs in a child process (exit tests).

import Testing
import Core
import NeuralNetworks
@testable import Recurrent

@Suite("Bad input to the recurrent layers stops with a message")
struct BadInputTests {
    @Test("A sequence of the wrong feature width: SimpleRNN, LSTM, GRU name the input and the weights")
    func wrongFeatureWidth() async {
        let rnn = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            var generator = Xoshiro256StarStar(seed: 1)
            _ = SimpleRNN(inputs: 3, units: 4, generator: &generator)(Tensor(shape: [2, 5, 2]))
        }
        #expect(standardError(of: rnn).contains("SimpleRNN.forward: input [N, T, F] with F = 3 vs the input weights: shapes [2, 5, 2] and [3, 4] do not fit"))
        let lstm = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            var generator = Xoshiro256StarStar(seed: 1)
            _ = LSTM(inputs: 3, units: 4, generator: &generator)(Tensor(shape: [2, 5, 7]))
        }
        #expect(standardError(of: lstm).contains("LSTM.forward: input [N, T, F] with F = 3 vs the input weights: shapes [2, 5, 7] and [3, 16] do not fit"))
        let flat = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            var generator = Xoshiro256StarStar(seed: 1)
            _ = GRU(inputs: 3, units: 4, generator: &generator)(Tensor(shape: [2, 3]))
        }
        #expect(standardError(of: flat).contains("GRU.forward: input [N, T, F] with F = 3 vs the input weights: shapes [2, 3] and [3, 12] do not fit"))
    }

    @Test("An empty sequence (T = 0)")
    func emptySequence() async {
        let stopped = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            var generator = Xoshiro256StarStar(seed: 1)
            _ = LSTM(inputs: 3, units: 4, generator: &generator)(Tensor(shape: [2, 0, 3]))
        }
        #expect(standardError(of: stopped).contains("LSTM.forward: an empty sequence (T = 0 steps) vs the input weights: shapes [2, 0, 3] and [3, 16] do not fit"))
    }

    @Test("A hidden state of the wrong size: h_0 and C_0")
    func wrongStateSize() async {
        let hidden = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            var generator = Xoshiro256StarStar(seed: 1)
            let gru = GRU(inputs: 3, units: 4, generator: &generator)
            gru.initialState = Tensor(shape: [2, 5])
            _ = gru(Tensor(shape: [2, 6, 3]))
        }
        #expect(standardError(of: hidden).contains("GRU.forward: the hidden state [N, H] vs the batch's [N, H]: shapes [2, 5] and [2, 4] do not fit"))
        let cell = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            var generator = Xoshiro256StarStar(seed: 1)
            let lstm = LSTM(inputs: 3, units: 4, generator: &generator)
            lstm.initialCellState = Tensor(shape: [3, 4])
            _ = lstm(Tensor(shape: [2, 6, 3]))
        }
        #expect(standardError(of: cell).contains("LSTM.forward (C_0): the hidden state [N, H] vs the batch's [N, H]: shapes [3, 4] and [2, 4] do not fit"))
    }

    @Test("A gradient of the wrong shape, and backward before forward")
    func backwardMistakes() async {
        let shape = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            var generator = Xoshiro256StarStar(seed: 1)
            let rnn = SimpleRNN(inputs: 3, units: 4, generator: &generator)
            _ = rnn.forward(Tensor(shape: [2, 5, 3]), training: true)
            _ = rnn.backward(Tensor(shape: [2, 5, 4]))
        }
        #expect(standardError(of: shape).contains("SimpleRNN.backward: dJ/d(output) vs [N, H]: shapes [2, 5, 4] and [2, 4] do not fit"))
        let early = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            var generator = Xoshiro256StarStar(seed: 1)
            _ = LSTM(inputs: 3, units: 4, generator: &generator).backward(Tensor(shape: [2, 4]))
        }
        #expect(standardError(of: early).contains("LSTM.backward: called before forward"))
    }

    @Test("A token index outside the vocabulary, or not a whole number")
    func badTokens() async {
        let outside = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            var generator = Xoshiro256StarStar(seed: 1)
            _ = Embedding(vocabulary: 10, dimension: 2, generator: &generator)(Tensor([[1, 10]]))
        }
        #expect(standardError(of: outside).contains("Embedding.forward: entry 1 is 10.0, not a token index in 0..<10"))
        let fraction = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            var generator = Xoshiro256StarStar(seed: 1)
            _ = Embedding(vocabulary: 10, dimension: 2, generator: &generator)(Tensor([[1.5]]))
        }
        #expect(standardError(of: fraction).contains("Embedding.forward: entry 0 is 1.5, not a token index in 0..<10"))
    }
}
