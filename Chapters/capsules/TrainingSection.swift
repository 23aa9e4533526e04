// The CapsNet on the 8x8 digits (Sabour et al. Sec. 4 scaled down): its architecture, its training with
// the margin loss and the reconstruction loss, the training curves and the test accuracy.

import Capsules
import Core
import Foundation

struct TrainedCapsNet {
    let network: CapsuleNetwork
    let testAccuracy: Double
    let trainAccuracy: Double
    let seconds: Double
}

/// Trains one CapsNet with `configuration` and `seed`; returns it with its per-epoch losses and test
/// accuracies (measured after every epoch when `curves` is true).
func trainCapsNet(_ configuration: CapsuleNetworkConfiguration, seed: UInt64, train: Digits, test: Digits, options: ChapterOptions,
                  label: String, curves: Bool = false)
    throws -> (network: CapsuleNetwork, losses: [CapsuleLosses], testAccuracies: [Double], seconds: Double) {
    var generator = Xoshiro256StarStar(seed: seed)
    let network = CapsuleNetwork(configuration: configuration, generator: &generator)
    var progress = ProgressLine(total: options.epochs, label: label)
    var accuracies: [Double] = []
    let start = DispatchTime.now().uptimeNanoseconds
    let losses = try network.train(on: train, epochs: options.epochs, learningRate: options.learningRate, generator: &generator) { report in
        var message = "margin loss \(formatted(report.losses.margin)), reconstruction \(formatted(report.losses.reconstruction))"
        if curves {
            accuracies.append(network.accuracy(test.images, labels: test.labels))
            message += ", test accuracy \(formatted(accuracies.last! * 100, digits: 2)) %"
        }
        progress.update(report.epoch, message: message)
    }
    progress.finish()
    return (network, losses, accuracies, Double(DispatchTime.now().uptimeNanoseconds - start) * 1e-9)
}

func trainingSection(train: Digits, test: Digits, options: ChapterOptions) throws -> TrainedCapsNet {
    let configuration = CapsuleNetworkConfiguration()
    let c = configuration
    print("\n4. A CapsNet on the 8x8 digits (Sabour et al. Sec. 4, scaled from 28 x 28 to 8 x 8):")
    print("   Conv2D 1 -> \(c.convolutionChannels), \(c.convolutionKernel) x \(c.convolutionKernel), ReLU (8 x 8 -> 6 x 6);"
          + " primary capsules: Conv2D \(c.convolutionChannels) -> \(c.primaryTypes) x \(c.primaryDimension), \(c.primaryKernel) x \(c.primaryKernel),"
          + " read as \(c.primaryTypes) types of \(c.primaryDimension)-D capsules on a \(c.primaryGridSide) x \(c.primaryGridSide) grid"
          + " = \(c.primaryCapsules) capsules, squashed")
    print("   u^_(j|i) = W_ij u_i with a separate 16 x 8 W_ij for each of the \(c.primaryCapsules) x \(c.classes) pairs;"
          + " \(c.classes) digit capsules of \(c.digitDimension)-D by routing with r = \(c.routingIterations);"
          + " the class is the longest capsule")
    print("   loss: margin loss + \(c.reconstructionScale) x sum of squared errors of a decoder (\(c.classes * c.digitDimension)"
          + " -> \(c.decoderHidden.map(String.init).joined(separator: " -> ")) -> 64 sigmoid) fed the true class's capsule only")
    print("   \(train.labels.count) training and \(test.labels.count) test images; Adam, alpha = \(options.learningRate),"
          + " \(options.epochs) epochs of mini-batches of \(CapsuleNetwork.batchSize); seed \(options.seed)")
    let run = try trainCapsNet(configuration, seed: options.seed, train: train, test: test, options: options, label: "epoch", curves: true)
    print("   \(run.network.trainableParameterCount) parameters; trained in \(formatted(run.seconds, digits: 1)) s"
          + " (\(formatted(run.seconds / Double(max(options.epochs, 1)), digits: 3)) s per epoch, including the test pass)")
    let testAccuracy = run.testAccuracies.last ?? run.network.accuracy(test.images, labels: test.labels)
    let trainAccuracy = run.network.accuracy(train.images, labels: train.labels)
    let wrong = Int(((1 - testAccuracy) * Double(test.labels.count)).rounded())
    print("   training accuracy \(formatted(trainAccuracy * 100, digits: 2)) %, test accuracy \(formatted(testAccuracy * 100, digits: 2)) %"
          + " (\(wrong) of \(test.labels.count) wrong; the goal is >= 98 %)")
    try writeTrainingCurves(losses: run.losses, testAccuracies: run.testAccuracies, options: options)
    return TrainedCapsNet(network: run.network, testAccuracy: testAccuracy, trainAccuracy: trainAccuracy, seconds: run.seconds)
}

/// The margin and reconstruction losses per epoch (log scale), and the test accuracy per epoch.
func writeTrainingCurves(losses: [CapsuleLosses], testAccuracies: [Double], options: ChapterOptions) throws {
    let epochs = (1...max(1, losses.count)).map(Double.init)
    var lossPlot = LinePlot(title: "CapsNet on digits: training losses", xLabel: "epoch", yLabel: "mean loss per example", logY: true)
    lossPlot.add(x: epochs, y: losses.map(\.margin), name: "margin loss")
    lossPlot.add(x: epochs, y: losses.map(\.reconstruction), name: "0.0005 x reconstruction SSE")
    let lossPath = try options.figurePath("capsnet-training-losses.svg")
    try lossPlot.write(to: lossPath)
    var accuracyPlot = LinePlot(title: "CapsNet on digits: test accuracy", xLabel: "epoch", yLabel: "test accuracy")
    accuracyPlot.add(x: epochs, y: testAccuracies, name: "r = 3, with reconstruction")
    let accuracyPath = try options.figurePath("capsnet-test-accuracy.svg")
    try accuracyPlot.write(to: accuracyPath)
    print("   wrote \(lossPath)\n   wrote \(accuracyPath)")
}
