// The digits part of the chapter: softmax regression (Eq. (2.2.9) with the CCE of Table 1.1) trained
// by mini-batch gradient descent (Eq. (1.5.5)) on the standard 80/20 split of the 8x8 digits.

import Core
import LinearModels

func digitsSection(options: ChapterOptions) throws -> (trainAccuracy: Double, testAccuracy: Double) {
    let (train, test) = try Digits.standardSplit()
    print("4. Softmax regression on the 8x8 digits: \(train.labels.count) training and \(test.labels.count) test images,"
          + " \(options.epochs) epochs, alpha = \(options.learningRate), mini-batches of 32")
    let (trainInputs, testInputs) = (train.images.prependingOnesColumn(), test.images.prependingOnesColumn())
    var generator = Xoshiro256StarStar(seed: options.seed)
    var model = SoftmaxRegression(inputs: Digits.pixels + 1, classes: Digits.classes, generator: &generator)
    var progress = ProgressLine(total: options.epochs, label: "epoch")
    let losses = try model.train(trainInputs, labels: train.labels, learningRate: options.learningRate,
                                 epochs: options.epochs, generator: &generator) { epoch, loss in
        progress.update(epoch, message: "training loss \(formatted(loss))")
    }
    progress.finish()

    let trainAccuracy = accuracy(predicted: model.predict(trainInputs), truth: train.labels)
    let predicted = model.predict(testInputs)
    let confusion = ConfusionMatrix(classes: Digits.classes, truth: test.labels, predicted: predicted)
    print("   training accuracy \(formatted(trainAccuracy * 100, digits: 2)) %, test accuracy \(formatted(confusion.accuracy * 100, digits: 2)) %")
    print("   Confusion matrix of the test set (rows: true digit, columns: predicted digit):")
    print(confusion.description.split(separator: "\n").map { "   " + $0 }.joined(separator: "\n"))

    try writeDigitFigures(model: model, losses: losses, test: test, predicted: predicted, options: options)
    return (trainAccuracy, confusion.accuracy)
}

/// The loss curve, each class's weights as an 8x8 image, and the misclassified test digits.
func writeDigitFigures(model: SoftmaxRegression, losses: [Float], test: Digits, predicted: [Int],
                       options: ChapterOptions) throws {
    var curve = LinePlot(title: "Softmax regression on digits: training loss", xLabel: "epoch", yLabel: "mean cross-entropy")
    curve.add(x: (1...losses.count).map(Double.init), y: losses, name: "training loss")
    let lossPath = try options.figurePath("digits-training-loss.svg")
    try curve.write(to: lossPath)

    // Column m of W (without the bias row) weighs each pixel's evidence for digit m.
    var templates = ImageGrid(title: "Weights of each class (red: evidence for, blue: against)", columns: 10, imageSize: 64)
    templates.colourMap = .blueWhiteRed
    let largest = Double(model.weights.scalars.dropFirst(Digits.classes).map { abs($0) }.max() ?? 1)
    templates.valueRange = -largest...largest
    for digit in 0..<Digits.classes {
        let pixels = (1...Digits.pixels).map { model.weights[$0, digit] }
        templates.add(image: pixels, width: 8, height: 8, caption: "\(digit)")
    }
    let templatePath = try options.figurePath("digits-class-weights.svg")
    try templates.write(to: templatePath)

    var mistakes = ImageGrid(title: "Misclassified test digits (true -> predicted)", columns: 10, valueRange: 0...1, imageSize: 48)
    for i in test.labels.indices where predicted[i] != test.labels[i] {
        mistakes.add(image: test.images.row(i), width: 8, height: 8, caption: "\(test.labels[i])->\(predicted[i])")
    }
    let mistakesPath = try options.figurePath("digits-misclassified.svg")
    if !mistakes.images.isEmpty { try mistakes.write(to: mistakesPath) }
    print("   wrote \(lossPath)\n   wrote \(templatePath)" + (mistakes.images.isEmpty ? "" : "\n   wrote \(mistakesPath)"))
}
