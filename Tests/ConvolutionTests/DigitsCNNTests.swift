// The CNN on the real 8 x 8 digits: an accuracy floor with a fixed seed, in seconds, and determinism.

import Testing
import Core
import NeuralNetworks
import Convolution

@Suite("A CNN on the 8x8 digits")
struct DigitsCNNTests {
    @Test("Conv 3x3 (16 filters) -> ReLU -> max-pool 2 -> dense softmax: >= 98 % test accuracy on the standard split (seed 7, 30 epochs of Adam)")
    func accuracyFloor() throws {
        let (train, test) = try Digits.standardSplit()
        var generator = Xoshiro256StarStar(seed: 7)
        let network = DigitsCNN.make(generator: &generator)
        #expect(network.trainableParameterCount == 2_730)
        let history = try DigitsCNN.train(network, on: train, generator: &generator)
        #expect(history.trainingLoss.last! < history.trainingLoss.first! / 10)
        let accuracy = network.accuracy(test.images, labels: test.labels)
        #expect(accuracy >= 0.98, "test accuracy \(accuracy)")
    }

    @Test("Training is deterministic: the same seed gives the same weights (seed 8, 2 epochs on 300 images)")
    func determinism() throws {
        let (train, _) = try Digits.standardSplit()
        let subset = train.subset(Array(0..<300))
        func run() throws -> [Tensor] {
            var generator = Xoshiro256StarStar(seed: 8)
            let network = DigitsCNN.make(generator: &generator)
            try DigitsCNN.train(network, on: subset, epochs: 2, generator: &generator)
            return network.snapshot()
        }
        #expect(try run() == run())
    }
}
