// LinearEvaluation.swift: the linear evaluation protocol of Chen et al. 2020 (Sec. 4): freeze the
// encoder, fit a linear classifier (the project's softmax regression, MLiS II Eq. (2.2.9)) on its
// representations, and report test accuracy; with all training labels, or only a few per class.
// Goals, in order: the same classifier and the same training for every set of features (raw pixels,
// random encoder, contrastive encoder, supervised encoder), so the comparison is fair; seeded.

import Core
import LinearModels
import NeuralNetworks

/// How the linear classifier is trained on the features.
public struct LinearEvaluationSettings: Sendable {
    public var epochs: Int
    public var learningRate: Float
    public var batchSize: Int

    public init(epochs: Int = 100, learningRate: Float = 0.05, batchSize: Int = 32) {
        (self.epochs, self.learningRate, self.batchSize) = (epochs, learningRate, batchSize)
    }
}

/// Test accuracy of softmax regression trained on `trainFeatures` rows `labelled` (all rows if nil),
/// tested on `testFeatures`. Features are standardised with the mean and deviation of all training rows
/// (no labels needed for that), then a column of ones is prepended (the bias, as in the notes).
public func linearEvaluationAccuracy(trainFeatures: Tensor, trainLabels: [Int], testFeatures: Tensor, testLabels: [Int],
                                     labelled: [Int]? = nil, settings: LinearEvaluationSettings = LinearEvaluationSettings(),
                                     generator: inout Xoshiro256StarStar) throws -> Double {
    requireShapes(trainFeatures.rank == 2 && testFeatures.rank == 2 && trainFeatures.columns == testFeatures.columns,
                  "linearEvaluationAccuracy: train vs test features", trainFeatures.shape, testFeatures.shape)
    let scaling = Standardisation(fitting: trainFeatures)
    let rows = labelled ?? Array(0..<trainFeatures.rows)
    let x = scaling.transform(trainFeatures.gatheringRows(rows)).prependingOnesColumn()
    var classifier = SoftmaxRegression(inputs: x.columns, classes: Digits.classes, generator: &generator)
    try classifier.train(x, labels: rows.map { trainLabels[$0] }, learningRate: settings.learningRate,
                         epochs: settings.epochs, batchSize: settings.batchSize, generator: &generator)
    let predictions = classifier.predict(scaling.transform(testFeatures).prependingOnesColumn())
    return Double(zip(predictions, testLabels).filter { $0 == $1 }.count) / Double(testLabels.count)
}

/// `perClass` indices of each class 0..<10 drawn at random from `labels` (a few labelled examples).
/// Precondition: every class has at least `perClass` examples.
public func labelledSubset(_ labels: [Int], perClass: Int, generator: inout Xoshiro256StarStar) -> [Int] {
    let order = generator.permutation(labels.count)
    var chosen: [Int] = []
    for digit in 0..<Digits.classes {
        let members = order.filter { labels[$0] == digit }
        require(members.count >= perClass, "labelledSubset: class \(digit) has \(members.count) examples, fewer than \(perClass)")
        chosen += members.prefix(perClass)
    }
    return chosen.sorted()
}

/// The mean cosine similarity between the representations of different images [N, d]: near 1 when the
/// encoder has collapsed (every image mapped in one direction). Rows of length 0 count as similarity 1.
public func meanPairwiseCosine(_ h: Tensor) -> Double {
    let n = h.rows
    guard n >= 2 else { return 1 }
    let norms = h.norm(alongAxis: 1).scalars
    let safe = Tensor(shape: h.shape, scalars: (0..<h.count).map { norms[$0 / h.columns] > 0 ? h.scalars[$0] / norms[$0 / h.columns] : 1 / Float(h.columns).squareRoot() })
    let similarity = matmul(safe, safe, transposeB: true)
    var total = 0.0
    for i in 0..<n { for k in 0..<n where k != i { total += Double(similarity[i, k]) } }
    return total / Double(n * (n - 1))
}

/// mean_i cos(q_i, k_i) - mean_{i != j} cos(q_i, k_j) for queries and keys [N, d]: how much closer two
/// views of one image are than views of two images (0 for an encoder that tells nothing apart).
public func positiveNegativeGap(queries: Tensor, keys: Tensor) -> Double {
    requireShapes(queries.shape == keys.shape && queries.rank == 2 && queries.rows >= 2, "positiveNegativeGap: queries vs keys",
                  queries.shape, keys.shape)
    let similarity = matmul(unitRows(queries).units, unitRows(keys).units, transposeB: true)
    let n = queries.rows
    var (positive, negative) = (0.0, 0.0)
    for i in 0..<n {
        for j in 0..<n { if i == j { positive += Double(similarity[i, j]) } else { negative += Double(similarity[i, j]) } }
    }
    return positive / Double(n) - negative / Double(n * (n - 1))
}
