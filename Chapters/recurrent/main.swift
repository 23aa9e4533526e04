import Core
import Foundation
import NeuralNetworks
import Recurrent

func experiment() throws {
    let steps = Int(CommandLine.arguments[1])!
    for cell in FirstBitMemory.Cell.allCases {
        var results: [String] = []
        for seed in 1...5 {
            var g = Xoshiro256StarStar(seed: UInt64(seed))
            let net = FirstBitMemory.model(cell, generator: &g)
            let (xt, yt) = FirstBitMemory.data(count: 1000, steps: steps, generator: &g)
            var adam = Adam(learningRate: Float(CommandLine.arguments[2])!)
            var firstPerfect = 0
            for epoch in 1...60 {
                let (x, y) = FirstBitMemory.data(count: 1000, steps: steps, generator: &g)
                try net.train(x, y, settings: TrainingSettings(loss: BinaryCrossEntropyFromLogits(), epochs: 1, batchSize: 32), optimiser: &adam, generator: &g)
                if firstPerfect == 0 && epoch % 5 == 0 && FirstBitMemory.accuracy(net, inputs: xt, labels: yt) > 0.99 { firstPerfect = epoch }
            }
            results.append("\(FirstBitMemory.accuracy(net, inputs: xt, labels: yt))@\(firstPerfect)")
        }
        print(steps, cell, results)
    }
}
try experiment()
