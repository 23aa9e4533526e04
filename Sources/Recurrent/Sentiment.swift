// Sentiment.swift: DAT300's "Example sentiment analysis" end to end: four labelled sentences, the
// tokenizer with an out-of-vocabulary token, padding to length 5, a split with test_size = 0.2, and
// Embedding(100, 16) -> LSTM(32) -> Dense(1, sigmoid) trained with Adam and binary cross-entropy.
// Goals, in order: the notes' code line by line; its parameter count, 7,905; honest about what four
// sentences can teach (three to train on, one held out).

import Core
import NeuralNetworks

/// DAT300's sentiment example.
///
/// ```swift
/// let run = try SentimentExample.run(epochs: 60, seed: 1)
/// print(run.padded)                     // [[0, 0, 2, 5, 6], [0, 0, 3, 4, 7], [0, 0, 2, 8, 9], [0, 0, 3, 4, 10]]
/// print(run.parameterCount)             // 7905
/// ```
public enum SentimentExample {
    /// `txt` of the notes: 1 for positive, 0 for negative.
    public static let texts = ["I love you", "This is awful", "I feel great", "This is terrible"]
    public static let labels: [Float] = [1, 0, 1, 0]
    /// `Tokenizer(num_words=100)`, `pad_sequences(maxlen=5)`, `Embedding(100, 16)`, `LSTM(32)`.
    public static let (vocabulary, length, dimension, units) = (100, 5, 16, 32)

    /// Embedding(100, 16) -> LSTM(32) -> Dense(1, sigmoid).
    public static func model(generator: inout Xoshiro256StarStar) -> Network {
        Network([Embedding(vocabulary: vocabulary, dimension: dimension, generator: &generator),
                 LSTM(inputs: dimension, units: units, generator: &generator),
                 Dense(inputs: units, outputs: 1, activation: .sigmoid, generator: &generator)])
    }

    /// The example's token indices [N, 5] for `texts`.
    public static func inputs(_ texts: [String], tokenizer: Tokenizer) -> Tensor {
        let padded = Tokenizer.padded(tokenizer.sequences(texts), length: length)
        return Tensor(shape: [texts.count, length], scalars: padded.flatMap { $0.map(Float.init) })
    }

    /// Fits the tokenizer on all four texts (as the notes do, before the split), holds out one
    /// sentence in five (test_size = 0.2 of 4: one, drawn with `seed`), trains on the other three.
    public static func run(epochs: Int, learningRate: Float = 0.01, seed: UInt64) throws -> SentimentRun {
        var generator = Xoshiro256StarStar(seed: seed)
        let tokenizer = Tokenizer(fitting: texts, wordLimit: vocabulary)
        let x = inputs(texts, tokenizer: tokenizer)
        let order = generator.permutation(texts.count)
        let (testIndex, trainingIndices) = (order[0], Array(order.dropFirst()).sorted())
        let network = model(generator: &generator)
        var adam = Adam(learningRate: learningRate)
        let y = Tensor(shape: [texts.count, 1], scalars: labels)
        let history = try network.train(gatheringExamples(trainingIndices, of: x), gatheringExamples(trainingIndices, of: y),
                                        settings: TrainingSettings(loss: .binaryCrossEntropy, epochs: epochs, batchSize: 32),
                                        optimiser: &adam, generator: &generator)
        return SentimentRun(tokenizer: tokenizer, padded: Tokenizer.padded(tokenizer.sequences(texts), length: length),
                            trainingIndices: trainingIndices, testIndex: testIndex, network: network,
                            probabilities: network(x).scalars, history: history)
    }
}

/// What the sentiment example produced.
public struct SentimentRun {
    public let tokenizer: Tokenizer
    /// The four padded sequences.
    public let padded: [[Int]]
    public let trainingIndices: [Int]
    public let testIndex: Int
    public let network: Network
    /// P(positive) of each of the four sentences after training.
    public let probabilities: [Float]
    public let history: TrainingHistory

    public var parameterCount: Int { network.trainableParameterCount }

    /// The fraction of the training sentences whose rounded probability is their label.
    public var trainingAccuracy: Double {
        Double(trainingIndices.filter { (probabilities[$0] > 0.5) == (SentimentExample.labels[$0] == 1) }.count) / Double(trainingIndices.count)
    }

    /// P(positive) of any text, e.g. one never seen ("I love this movie").
    public func probability(_ text: String) -> Float {
        network(SentimentExample.inputs([text], tokenizer: tokenizer)).scalars[0]
    }
}
