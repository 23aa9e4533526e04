// DAT300's sentiment example: the tokenizer numbers words as Keras does, pads and truncates at the
// front, maps unknown words to <OOV>; the model has 7,905 parameters and fits its three sentences.

import Testing
import Core
import NeuralNetworks
@testable import Recurrent

@Suite("DAT300's sentiment example: tokenizer, padding, Embedding -> LSTM -> Dense")
struct SentimentTests {
    @Test("Tokenizer(num_words=100, oov_token=\"<OOV>\"): <OOV> 1, then by falling count with ties in order of first appearance: i 2, this 3, is 4, love 5, ...")
    func kerasNumbering() {
        let tokenizer = Tokenizer(fitting: SentimentExample.texts, wordLimit: 100)
        let expected = ["i": 2, "this": 3, "is": 4, "love": 5, "you": 6, "awful": 7, "feel": 8, "great": 9, "terrible": 10]
        #expect(tokenizer.wordIndex == expected)
        #expect(tokenizer.sequences(SentimentExample.texts) == [[2, 5, 6], [3, 4, 7], [2, 8, 9], [3, 4, 10]])
        #expect(tokenizer.sequences(["I love this movie!", "GREAT, great."]) == [[2, 5, 3, 1], [9, 9]])
    }

    @Test("num_words: indices at or above the limit become <OOV>; pad_sequences pads and cuts at the front")
    func limitsAndPadding() {
        let tokenizer = Tokenizer(fitting: SentimentExample.texts, wordLimit: 5)
        #expect(tokenizer.sequences(["I love you"]) == [[2, 1, 1]])
        #expect(Tokenizer.padded([[2, 5, 6], [1, 2, 3, 4, 5, 6, 7]], length: 5) == [[0, 0, 2, 5, 6], [3, 4, 5, 6, 7]])
    }

    @Test("The example end to end: 7,905 parameters; the three training sentences fitted; the held-out one right (seed 1, 60 epochs)")
    func endToEnd() throws {
        let run = try SentimentExample.run(epochs: 60, seed: 1)
        #expect(run.padded == [[0, 0, 2, 5, 6], [0, 0, 3, 4, 7], [0, 0, 2, 8, 9], [0, 0, 3, 4, 10]])
        #expect(run.parameterCount == 7_905)
        #expect(run.trainingAccuracy == 1 && run.trainingIndices.count == 3)
        let heldOut = run.probabilities[run.testIndex]
        #expect((heldOut > 0.5) == (SentimentExample.labels[run.testIndex] == 1), "P = \(heldOut) for \"\(SentimentExample.texts[run.testIndex])\"")
    }
}
