import Core
import Foundation
import NeuralNetworks
import Recurrent

func experiment() throws {
    for seed in 1...5 {
        let run = try SentimentExample.run(epochs: 60, seed: UInt64(seed))
        print(run.padded, run.tokenizer.wordIndex.sorted { $0.value < $1.value }.map { "\($0.key)=\($0.value)" }, run.parameterCount, run.testIndex, run.probabilities, run.trainingAccuracy, run.history.trainingLoss.last!, run.probability("I love this movie"), run.probability("This is bad"))
    }
}
try experiment()
