// The digits part of the chapter: DAT300's Dense(64, ReLU) -> Dense(10, softmax) trained with Adam
// (MLiS II Eq. (1.5.8), Eq. (1.5.9), Eq. (1.5.10), Eq. (1.5.11)) on mini-batches (1.5.5), with early stopping
// on held-out data (Sec. 1.7.1).

import Core
import NeuralNetworks

struct DigitsResults {
    var epochsRun = 0
    var bestEpoch = 0
    var testAccuracy = 0.0
}

func digitsSection(options: ChapterOptions) throws -> DigitsResults {
    let (train, test) = try Digits.standardSplit()
    // MLiS II 1.7.1: fit on training data, stop on separate validation data, judge on the test set.
    let (fit, validation) = train.stratifiedSplit(testFraction: 0.2, seed: Digits.splitSeed + 1)
    print("5. The DAT300 network on the 8x8 digits: Dense(64, ReLU) -> Dense(10, softmax), Xavier-uniform weights,")
    print("   Adam (alpha = \(options.learningRate)), mini-batches of 32, cross-entropy with the simple output error (Y^ - Y)/N.")
    print("   \(fit.labels.count) images to fit, \(validation.labels.count) to decide when to stop (patience 5 epochs),"
          + " \(test.labels.count) test images; at most \(options.epochs) epochs.")
    var generator = Xoshiro256StarStar(seed: options.seed)
    let network = Network.denseClassifier(generator: &generator)
    print("   \(network.trainableParameterCount) trainable parameters (64 x 64 + 64 and 64 x 10 + 10).")
    var adam = Adam(learningRate: options.learningRate)
    let testTargets = oneHot(test.labels, classes: Digits.classes)
    var testLoss: [Float] = []
    var progress = ProgressLine(total: options.epochs, label: "   epoch")
    let history = try network.train(fit.images, oneHot(fit.labels, classes: Digits.classes),
                                    settings: TrainingSettings(loss: .categoricalCrossEntropy, epochs: options.epochs,
                                                               earlyStoppingPatience: 5),
                                    optimiser: &adam, generator: &generator,
                                    validation: (validation.images, oneHot(validation.labels, classes: Digits.classes))) { report in
        testLoss.append(network.loss(test.images, testTargets, loss: .categoricalCrossEntropy))
        progress.update(report.epoch, message: "training loss \(formatted(report.trainingLoss)),"
                        + " validation loss \(formatted(report.validationLoss ?? .nan))")
    }
    progress.finish()
    let best = history.bestEpoch ?? history.epochsRun
    print("   " + (history.stoppedEarly ? "Stopped after epoch \(history.epochsRun): " : "Ran all \(history.epochsRun) epochs; ")
          + "the best validation loss, \(formatted(history.validationLoss[best - 1])), was at epoch \(best), whose weights the network keeps.")
    let predicted = network.predictClasses(test.images)
    let confusion = ConfusionMatrix(classes: Digits.classes, truth: test.labels, predicted: predicted)
    print("   Training accuracy \(formatted(network.accuracy(train.images, labels: train.labels) * 100, digits: 2)) %,"
          + " test accuracy \(formatted(confusion.accuracy * 100, digits: 2)) %. Confusion matrix (rows: true digit):")
    print(confusion.description.split(separator: "\n").map { "   " + $0 }.joined(separator: "\n"))
    try writeDigitFigures(history: history, testLoss: testLoss, best: best, test: test, predicted: predicted, options: options)
    return DigitsResults(epochsRun: history.epochsRun, bestEpoch: best, testAccuracy: confusion.accuracy)
}

/// Training, validation and test loss against the epoch, and the misclassified test digits.
func writeDigitFigures(history: TrainingHistory, testLoss: [Float], best: Int, test: Digits, predicted: [Int],
                       options: ChapterOptions) throws {
    var curves = LinePlot(title: "Digits: loss per epoch (best validation loss at epoch \(best))", xLabel: "epoch",
                          yLabel: "mean cross-entropy", logY: true)
    let epochs = (1...history.epochsRun).map(Double.init)
    curves.add(x: epochs, y: history.trainingLoss, name: "training (mean over the epoch's batches)")
    curves.add(x: epochs, y: history.validationLoss, name: "validation (decides when to stop)")
    curves.add(x: epochs, y: testLoss, name: "test")
    let curvePath = try options.figurePath("digits-loss-curves.svg")
    try curves.write(to: curvePath)
    var mistakes = ImageGrid(title: "Misclassified test digits (true -> predicted)", columns: 10, valueRange: 0...1, imageSize: 48)
    for i in test.labels.indices where predicted[i] != test.labels[i] {
        mistakes.add(image: test.images.row(i), width: 8, height: 8, caption: "\(test.labels[i])->\(predicted[i])")
    }
    print("   wrote \(curvePath)")
    if !mistakes.images.isEmpty {
        let path = try options.figurePath("digits-misclassified.svg")
        try mistakes.write(to: path)
        print("   wrote \(path)")
    }
}
