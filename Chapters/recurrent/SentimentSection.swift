// DAT300's "Example sentiment analysis" end to end: the tokenizer with an out-of-vocabulary token,
// padding to length 5, Embedding(100, 16) -> LSTM(32) -> Dense(1, sigmoid), 7,905 parameters.

import Core
import Foundation
import NeuralNetworks
import Recurrent

struct SentimentResults {
    let parameters: Int
    let trainingAccuracy: Double
    let heldOutCorrect: Bool
}

func sentimentSection(options: ChapterOptions) throws -> SentimentResults {
    print("\n5. DAT300's sentiment example: \(SentimentExample.texts.enumerated().map { "\"\($1)\": \(Int(SentimentExample.labels[$0]))" }.joined(separator: ", "))")
    let run = try SentimentExample.run(epochs: options.epochs, learningRate: options.learningRate, seed: options.seed)
    let index = run.tokenizer.wordIndex.sorted { $0.value < $1.value }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
    print("   Tokenizer(num_words=100, oov_token=\"<OOV>\"): <OOV> 1, \(index); 0 is padding")
    print("   pad_sequences(maxlen=5): " + run.padded.map { "\($0)" }.joined(separator: " "))
    print("   Embedding(100, 16) -> LSTM(32) -> Dense(1, sigmoid): 1,600 + 6,272 + 33 = \(run.parameterCount) parameters")
    let test = SentimentExample.texts[run.testIndex]
    print("   test_size = 0.2 of 4 sentences: \"\(test)\" held out; Adam, alpha = \(options.learningRate), \(options.epochs) epochs of BCE"
          + " on the other three (final loss \(formatted(run.history.trainingLoss.last ?? .nan, digits: 5)))")
    for (i, text) in SentimentExample.texts.enumerated() {
        print("     P(positive | \"\(text)\") = \(formatted(run.probabilities[i], digits: 4))\(i == run.testIndex ? "  (held out)" : "")")
    }
    for text in ["I love this movie", "This is bad", "great"] {
        print("     P(positive | \"\(text)\") = \(formatted(run.probability(text), digits: 4))  (tokens \(run.tokenizer.sequences([text])[0]))")
    }
    print("   Four sentences teach word patterns (\"I ...\" against \"This is ...\"), not sentiment: a held-out sentence is right only when it shares them")
    let heldOutCorrect = (run.probabilities[run.testIndex] > 0.5) == (SentimentExample.labels[run.testIndex] == 1)
    return SentimentResults(parameters: run.parameterCount, trainingAccuracy: run.trainingAccuracy, heldOutCorrect: heldOutCorrect)
}
