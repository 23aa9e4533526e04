// Binary addition: a simple RNN with DAT300's output layer learns to add two 8-bit numbers bit by
// bit, trained by back-propagation through time on a few hundred pairs, then checked on every pair
// it never saw. The unrolled network's loss, J = (1/N) sum_n sum_t l_t, is printed step by step.

import Core
import Foundation
import NeuralNetworks
import Recurrent

struct BinaryAdditionResults {
    let accuracy: Double
    let heldOut: Int
    let finalLoss: Float
}

func binaryAdditionSection(options: ChapterOptions) throws -> BinaryAdditionResults {
    var generator = Xoshiro256StarStar(seed: options.seed)
    let trainingCount = 1000
    let (training, heldOut) = BinaryAddition.split(trainingCount: trainingCount, generator: &generator)
    let network = BinaryAddition.model(hidden: 16, generator: &generator)
    print("\n2. Binary addition: a + b for 8-bit a, b, read least significant bit first over T = 9 steps")
    print("   SimpleRNN(2 -> 16, tanh) with DAT300's output layer y_t = W_hy h_t + b_y at every step"
          + " (\(network.trainableParameterCount) parameters); BCE from logits summed over the 9 steps, averaged over the pairs;")
    print("   Adam, alpha = \(options.learningRate), \(options.epochs) epochs on \(trainingCount) random pairs; \(heldOut.count) pairs held out")
    let (x, y) = BinaryAddition.encode(training)
    let loss = BinaryCrossEntropyFromLogits()
    let untrainedSteps = stepLosses(network, x, y)
    var adam = Adam(learningRate: options.learningRate)
    var progress = ProgressLine(total: options.epochs, label: "epoch")
    let history = try network.train(x, y, settings: TrainingSettings(loss: loss, epochs: options.epochs), optimiser: &adam,
                                    generator: &generator) { report in
        progress.update(report.epoch, message: "J = \(formatted(report.trainingLoss))")
    }
    progress.finish()
    let trainedSteps = stepLosses(network, x, y)
    print("   The unrolled network's loss, step by step (BCE of bit t, averaged over the training pairs):")
    print("     untrained: " + untrainedSteps.map { formatted($0, digits: 3) }.joined(separator: " ") + "  J = \(formatted(untrainedSteps.reduce(0, +)))")
    print("     trained:   " + trainedSteps.map { formatted($0, digits: 3) }.joined(separator: " ") + "  J = \(formatted(trainedSteps.reduce(0, +)))")
    let accuracy = BinaryAddition.accuracy(network, heldOut)
    let correct = Int((accuracy * Double(heldOut.count)).rounded())
    print("   held-out pairs added exactly (all 9 bits): \(correct) of \(heldOut.count) (\(formatted(accuracy * 100, digits: 2)) %);"
          + " e.g. 201 + 99 = \(BinaryAddition.predictedSums(network, [(201, 99)])[0])")

    var plot = LinePlot(title: "Binary addition: the unrolled network's loss", xLabel: "epoch", yLabel: "J (BCE summed over 9 steps)", logY: true)
    plot.add(x: history.trainingLoss.indices.map { Double($0 + 1) }, y: history.trainingLoss, name: "training pairs")
    let path = try options.figurePath("binary-addition-loss.svg")
    try plot.write(to: path)
    print("   figure: \(path)")
    return BinaryAdditionResults(accuracy: accuracy, heldOut: heldOut.count, finalLoss: history.trainingLoss.last ?? .nan)
}

/// The BCE of each time step, averaged over the examples: the terms of J = sum_t l_t.
private func stepLosses(_ network: Network, _ x: Tensor, _ y: Tensor) -> [Double] {
    let logits = network(x)
    let steps = BinaryAddition.steps, n = x.shape[0]
    return (0..<steps).map { t in
        let z = logits.sliced(t..<(t + 1), alongAxis: 1).reshaped([n, 1]), target = y.sliced(t..<(t + 1), alongAxis: 1).reshaped([n, 1])
        return Double(BinaryCrossEntropyFromLogits().value(predicted: z, target: target))
    }
}
