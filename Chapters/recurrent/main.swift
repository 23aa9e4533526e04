import Core
import Foundation
import NeuralNetworks
import Recurrent

func experiment() throws {
    for (hidden, count, epochs, lr) in [(8, 1000, 30, Float(0.01)), (16, 1000, 30, 0.01), (16, 2000, 20, 0.01), (8, 500, 60, 0.02)] {
        var generator = Xoshiro256StarStar(seed: 1)
        let (training, heldOut) = BinaryAddition.split(trainingCount: count, generator: &generator)
        let network = BinaryAddition.model(hidden: hidden, generator: &generator)
        let (x, y) = BinaryAddition.encode(training)
        var adam = Adam(learningRate: lr)
        let start = Date()
        let history = try network.train(x, y, settings: TrainingSettings(loss: BinaryCrossEntropyFromLogits(), epochs: epochs, batchSize: 32),
                                        optimiser: &adam, generator: &generator)
        let t = Date().timeIntervalSince(start)
        print(hidden, count, epochs, lr, history.trainingLoss.last!, BinaryAddition.accuracy(network, training), BinaryAddition.accuracy(network, heldOut), t)
    }
}
try experiment()
