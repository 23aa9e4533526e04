// Accuracy against the temperature and the batch size, and the collapse of the loss without
// negatives (the thesis's "gradient collapse", Sec. 2.2.5).

import Core
import NeuralNetworks
import Contrastive
import Foundation

struct Sweeps {
    let collapseCosine: Double
    let collapseAccuracy: Double
    let bestTemperature: Float
}

func sweepSection(train: Digits, test: Digits, options: ChapterOptions) throws -> Sweeps {
    let epochs = max(1, options.epochs / 5)
    func accuracyAfter(_ settings: ContrastiveSettings, seed: UInt64) throws -> (accuracy: Double, cosine: Double) {
        var generator = Xoshiro256StarStar(seed: seed)
        let encoder = encoderKind.makeEncoder(generator: &generator)
        let head = projectionHead(inputs: encoderKind.features, hidden: 64, outputs: 32, generator: &generator)
        try trainSimCLR(encoder: encoder, head: head, images: train.images, settings: settings, generator: &generator)
        var linear = Xoshiro256StarStar(seed: seed &+ 100)
        let accuracy = try linearEvaluationAccuracy(trainFeatures: representations(of: train.images, encoder: encoder), trainLabels: train.labels,
                                                    testFeatures: representations(of: test.images, encoder: encoder), testLabels: test.labels,
                                                    generator: &linear)
        return (accuracy, meanPairwiseCosine(representations(of: test.images.sliced(0..<200), encoder: Network([encoder, head]))))
    }

    print("\n== Accuracy against the temperature tau (N = \(mainBatchSize), \(epochs) epochs each) ==")
    let temperatures: [Float] = [0.05, 0.1, 0.2, 0.5, 1]
    var progress = ProgressLine(total: temperatures.count + 5 + 1, label: "sweep run")
    var byTemperature: [Double] = []
    for (index, tau) in temperatures.enumerated() {
        byTemperature.append(try accuracyAfter(ContrastiveSettings(epochs: epochs, batchSize: mainBatchSize, temperature: tau,
                                                                   learningRate: options.learningRate), seed: options.seed).accuracy)
        progress.update(index + 1, message: "tau \(tau): \(percent(byTemperature.last!))")
    }
    let batchSizes = [16, 32, 64, 128, 256]
    var byBatch: [Double] = []
    for (index, size) in batchSizes.enumerated() {
        byBatch.append(try accuracyAfter(ContrastiveSettings(epochs: epochs, batchSize: size, temperature: mainTemperature,
                                                             learningRate: options.learningRate), seed: options.seed).accuracy)
        progress.update(temperatures.count + index + 1, message: "N \(size): \(percent(byBatch.last!))")
    }
    let collapse = try accuracyAfter(ContrastiveSettings(epochs: epochs, batchSize: mainBatchSize, temperature: mainTemperature,
                                                         learningRate: options.learningRate, negatives: false), seed: options.seed)
    let healthy = try accuracyAfter(ContrastiveSettings(epochs: epochs, batchSize: mainBatchSize, temperature: mainTemperature,
                                                        learningRate: options.learningRate), seed: options.seed)
    progress.update(temperatures.count + 5 + 1, message: "collapse")
    progress.finish()
    for (tau, accuracy) in zip(temperatures, byTemperature) { print("tau = \(tau): \(percent(accuracy))") }
    print("(fixed epochs: a smaller batch takes more, noisier steps per epoch and has fewer negatives, 2N - 2, per view)")
    for (size, accuracy) in zip(batchSizes, byBatch) { print("N = \(size) (\(2 * size - 2) negatives per view): \(percent(accuracy))") }

    var temperaturePlot = LinePlot(title: "Linear accuracy of SimCLR features against the temperature", xLabel: "tau", yLabel: "test accuracy")
    temperaturePlot.add(x: temperatures.map(Double.init), y: byTemperature, name: "N = \(mainBatchSize), \(epochs) epochs")
    let temperaturePath = try options.figurePath("accuracy-temperature.svg")
    try temperaturePlot.write(to: temperaturePath)
    var batchPlot = LinePlot(title: "Linear accuracy of SimCLR features against the batch size N", xLabel: "N (images per batch)", yLabel: "test accuracy")
    batchPlot.add(x: batchSizes.map(Double.init), y: byBatch, name: "tau = \(mainTemperature), \(epochs) epochs")
    let batchPath = try options.figurePath("accuracy-batch-size.svg")
    try batchPlot.write(to: batchPath)
    print("wrote \(temperaturePath)")
    print("wrote \(batchPath)")

    print("\n== The loss without negatives (the thesis's \"gradient collapse\", Sec. 2.2.5) ==")
    print("L = -(1/2N) sum_i s_i,p(i): nothing pushes different digits apart, so the cheapest minimum maps every image to one point;")
    print("there L = -1/tau and every gradient is 0. The gradients vanish because the representation has collapsed, not the reverse.")
    print("mean cosine between different test digits' features z: without negatives \(formatted(collapse.cosine, digits: 4)), "
          + "with NT-Xent \(formatted(healthy.cosine, digits: 4))")
    print("linear accuracy on h = f(x), before the head: without negatives \(percent(collapse.accuracy)), with NT-Xent "
          + "\(percent(healthy.accuracy)) (the head g collapses first; h keeps some of what the random start gave it)")
    let best = zip(temperatures, byTemperature).max { $0.1 < $1.1 }!.0
    return Sweeps(collapseCosine: collapse.cosine, collapseAccuracy: collapse.accuracy, bestTemperature: best)
}
