// Training on real data: the DAT300 digits classifier, Dense(64, ReLU) -> Dense(10, softmax), on the
// standard 80/20 split of the 8x8 digits (DAT300 "Artificial Neural Network"; MLiS II Sec. 1.5.1,
// 1.5.4, 1.7.1).

import Testing
import Core
import NeuralNetworks

@Suite("Digits with the DAT300 network")
struct DigitsTests {
    @Test("DAT300 model, Adam (alpha 0.003), batch 32, 30 epochs, seed 3: >= 97 % test accuracy")
    func accuracyFloor() throws {
        let (train, test) = try Digits.standardSplit()
        var generator = Xoshiro256StarStar(seed: 3)
        let network = Network.denseClassifier(generator: &generator)
        var adam = Adam(learningRate: 0.003)
        let history = try network.train(train.images, oneHot(train.labels, classes: 10),
                                        settings: TrainingSettings(loss: .categoricalCrossEntropy, epochs: 30),
                                        optimiser: &adam, generator: &generator)
        #expect(history.trainingLoss.last! < history.trainingLoss.first! / 10)
        // Seeds 1-8 give 96.7-98.3 % with these settings (7 of the 8 reach 97 %); seed 3 gives 98.05 %.
        let accuracy = network.accuracy(test.images, labels: test.labels)
        #expect(accuracy >= 0.97, "test accuracy \(accuracy)")
    }

    @Test("Early stopping on held-out digits stops within the budget and leaves the best epoch's weights (seed 4)")
    func earlyStopping() throws {
        let (train, test) = try Digits.standardSplit()
        let (fit, held) = (train.subset(Array(0..<1000)), train.subset(Array(1000..<train.labels.count)))
        var generator = Xoshiro256StarStar(seed: 4)
        let network = Network.denseClassifier(generator: &generator)
        var adam = Adam(learningRate: 0.01)
        let heldTargets = oneHot(held.labels, classes: 10)
        let history = try network.train(fit.images, oneHot(fit.labels, classes: 10),
                                        settings: TrainingSettings(loss: .categoricalCrossEntropy, epochs: 60, earlyStoppingPatience: 5),
                                        optimiser: &adam, generator: &generator, validation: (held.images, heldTargets))
        let best = try #require(history.bestEpoch)
        #expect(history.stoppedEarly && history.epochsRun == best + 5)
        let bestLoss = history.validationLoss[best - 1]
        #expect(history.validationLoss.allSatisfy { $0 >= bestLoss })
        #expect(isApproximatelyEqual(network.loss(held.images, heldTargets, loss: .categoricalCrossEntropy), bestLoss, relativeTolerance: 1e-5))
        #expect(network.accuracy(test.images, labels: test.labels) >= 0.95)
    }

    @Test("Training is deterministic: the same seed gives the same weights")
    func determinism() throws {
        let (train, _) = try Digits.standardSplit()
        let subset = train.subset(Array(0..<300))
        func run() throws -> [Tensor] {
            var generator = Xoshiro256StarStar(seed: 8)
            let network = Network.denseClassifier(generator: &generator)
            var adam = Adam()
            try network.train(subset.images, oneHot(subset.labels, classes: 10),
                              settings: TrainingSettings(loss: .categoricalCrossEntropy, epochs: 3), optimiser: &adam, generator: &generator)
            return network.snapshot()
        }
        #expect(try run() == run())
    }
}
