// A CNN on the 8x8 digits (MLiS II Sec. 2.2: convolution, ReLU, pooling, dense softmax), trained with
// Adam on mini-batches, then measured as Sec. 2.7 does: confusion matrix, precision, recall, F1 with
// micro and macro averages, ROC curves and their AUC.

import Convolution
import Core
import Foundation
import NeuralNetworks

struct DigitsResults {
    let parameters: Int
    let trainAccuracy: Double
    let testAccuracy: Double
    let macroF1: Double
    let microF1: Double
    let worstAUC: Double
}

func digitsSection(options: ChapterOptions) throws -> DigitsResults {
    let (train, test) = try Digits.standardSplit()
    var generator = Xoshiro256StarStar(seed: options.seed)
    let network = DigitsCNN.make(generator: &generator)
    print("\n5. A CNN on the 8x8 digits: Reshape [1, 8, 8] -> Conv2D 1 -> 16, 3 x 3 same -> ReLU -> max-pool 2 x 2 -> Flatten ->"
          + " Dense 256 -> 10 softmax, \(network.trainableParameterCount) parameters ((9 + 1) 16 + (256 + 1) 10)")
    print("   \(train.labels.count) training and \(test.labels.count) test images; Adam, alpha = \(options.learningRate),"
          + " \(options.epochs) epochs of mini-batches of \(DigitsCNN.batchSize), categorical cross-entropy")
    let untrained = network.forward(test.images, training: false)     // for the ROC figure: a network at chance
    var progress = ProgressLine(total: options.epochs, label: "epoch")
    let history = try DigitsCNN.train(network, on: train, epochs: options.epochs, learningRate: options.learningRate,
                                      generator: &generator) { report in
        progress.update(report.epoch, message: "training loss \(formatted(report.trainingLoss))")
    }
    progress.finish()

    let probabilities = network.forward(test.images, training: false)
    let predicted = probabilities.argmaxPerRow()
    let confusion = ConfusionMatrix(classes: Digits.classes, truth: test.labels, predicted: predicted)
    let trainAccuracy = network.accuracy(train.images, labels: train.labels)
    print("   training accuracy \(formatted(trainAccuracy * 100, digits: 2)) %, test accuracy \(formatted(confusion.accuracy * 100, digits: 2)) %")
    print("   Confusion matrix of the test set (Sec. 2.7.1; rows: true digit, columns: predicted digit, E-75):")
    print(confusion.description.split(separator: "\n").map { "   " + $0 }.joined(separator: "\n"))

    let classes = confusion.perClassCounts
    print("   digit: precision (2.7.2), recall (2.7.3), F1 (2.7.4), AUC (2.7.8) of that digit against the rest")
    let curves = (0..<Digits.classes).map { digit in
        ROCCurve(scores: (0..<test.labels.count).map { probabilities[$0, digit] }, labels: test.labels.map { $0 == digit })
    }
    for (digit, counts) in classes.enumerated() {
        print("     \(digit): \(formatted(counts.precision, digits: 3))  \(formatted(counts.recall, digits: 3))  "
              + "\(formatted(counts.f1, digits: 3))  \(formatted(curves[digit].area, digits: 4))")
    }
    let (microF1, macroF1) = (f1Score(classes, .micro), f1Score(classes, .macro))
    print("   micro averages (2.7.5): precision \(formatted(precision(classes, .micro))), recall \(formatted(recall(classes, .micro))),"
          + " F1 \(formatted(microF1)) (each equal to the accuracy: one label per image)")
    print("   macro averages (2.7.6): precision \(formatted(precision(classes, .macro))), recall \(formatted(recall(classes, .macro))),"
          + " F1 \(formatted(macroF1))")

    try writeTrainingFigures(network: network, losses: history.trainingLoss, test: test, options: options)
    let hardest = curves.indices.min { curves[$0].area < curves[$1].area }!
    let untrainedCurve = ROCCurve(scores: (0..<test.labels.count).map { untrained[$0, hardest] }, labels: test.labels.map { $0 == hardest })
    print("   before training, the network's ROC for digit \(hardest) has AUC \(formatted(untrainedCurve.area, digits: 4))"
          + " (0.5 is chance; below it is worse than chance, the red curve of Fig. 2.7.2)")
    try writeMetricFigures(confusion: confusion, curves: curves, untrained: (hardest, untrainedCurve), options: options)
    return DigitsResults(parameters: network.trainableParameterCount, trainAccuracy: trainAccuracy, testAccuracy: confusion.accuracy,
                         macroF1: macroF1, microF1: microF1, worstAUC: curves.map(\.area).min() ?? 0)
}

/// The loss curve, the 16 learnt 3 x 3 filters, and one test digit with its 16 feature maps after the ReLU.
func writeTrainingFigures(network: Network, losses: [Float], test: Digits, options: ChapterOptions) throws {
    var curve = LinePlot(title: "CNN on digits: training loss", xLabel: "epoch", yLabel: "mean cross-entropy", logY: true)
    curve.add(x: (1...max(1, losses.count)).map(Double.init), y: losses, name: "training loss")
    let lossPath = try options.figurePath("cnn-training-loss.svg")
    try curve.write(to: lossPath)

    guard let convolution = network.layers.compactMap({ $0 as? Convolution2D }).first else { return }
    let filters = convolution.weights.value
    let largest = Double(filters.scalars.map { abs($0) }.max() ?? 1)
    var filterGrid = ImageGrid(title: "Learnt 3x3 filters (red: positive weight, blue: negative)", columns: 8,
                               valueRange: -largest...largest, imageSize: 48)
    filterGrid.colourMap = .blueWhiteRed
    for k in 0..<filters.shape[0] {
        filterGrid.add(image: Array(filters.scalars[(k * 9)..<((k + 1) * 9)]), width: 3, height: 3, caption: "filter \(k)")
    }
    let filterPath = try options.figurePath("cnn-filters.svg")
    try filterGrid.write(to: filterPath)

    let digit = test.images.gatheringRows([0])
    let maps = ActivationLayer(.relu).forward(convolution.forward(digit.reshaped([1, 1, 8, 8])), training: false)
    var mapGrid = ImageGrid(title: "A test digit (label \(test.labels[0])) and its 16 feature maps after the ReLU", columns: 9, imageSize: 48)
    mapGrid.add(image: digit.scalars, width: 8, height: 8, caption: "input")
    for k in 0..<maps.shape[1] {
        mapGrid.add(image: Array(maps.scalars[(k * 64)..<((k + 1) * 64)]), width: 8, height: 8, caption: "map \(k)")
    }
    let mapPath = try options.figurePath("cnn-feature-maps.svg")
    try mapGrid.write(to: mapPath)
    print("   wrote \(lossPath)\n   wrote \(filterPath)\n   wrote \(mapPath)")
}

/// The confusion matrix as a coloured grid, and the ROC curves of the three hardest digits with the
/// chance line and the untrained network's curve for the hardest one.
func writeMetricFigures(confusion: ConfusionMatrix, curves: [ROCCurve], untrained: (digit: Int, curve: ROCCurve),
                        options: ChapterOptions) throws {
    let values = (0..<confusion.classes).map { t in (0..<confusion.classes).map { p in log(1 + Double(confusion.counts[t][p])) } }
    var map = ValueMap(title: "Confusion matrix of the test set (colour: log(1 + count))", xLabel: "predicted digit",
                       yLabel: "true digit", xRange: -0.5...9.5, yRange: -0.5...9.5, values: values, colourBarLabel: "log(1 + count)")
    map.colourMap = .viridis
    let confusionPath = try options.figurePath("fig-2.7.1-confusion-matrix.svg")
    try map.write(to: confusionPath)

    var roc = LinePlot(title: "ROC curves, one digit against the rest (MLiS II Fig. 2.7.2)", xLabel: "false positive rate (2.7.7)",
                       yLabel: "true positive rate (recall)")
    roc.width = 800
    roc.add(x: [0.0, 1.0], y: [0.0, 1.0], name: "chance (AUC 0.5)")
    let hardest = curves.indices.sorted { curves[$0].area < curves[$1].area }.prefix(3)
    for digit in hardest {
        roc.add(x: curves[digit].falsePositiveRates, y: curves[digit].truePositiveRates,
                name: "digit \(digit) (AUC \(formatted(curves[digit].area, digits: 4)))")
    }
    roc.add(x: untrained.curve.falsePositiveRates, y: untrained.curve.truePositiveRates,
            name: "digit \(untrained.digit), untrained (AUC \(formatted(untrained.curve.area, digits: 4)))")
    let rocPath = try options.figurePath("fig-2.7.2-roc.svg")
    try roc.write(to: rocPath)
    print("   wrote \(confusionPath)\n      Fig. 2.7.1: the confusion matrix of the digits CNN on the test set")
    print("   wrote \(rocPath)\n      Fig. 2.7.2: ROC curves, one digit against the rest, with the chance diagonal")
}
