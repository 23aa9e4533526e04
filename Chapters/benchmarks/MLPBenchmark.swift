// MLPBenchmark.swift: how long one training epoch of the DAT300 digits network takes.
// The model is Dense(64, ReLU) -> Dense(10, softmax) (DAT300 "Artificial Neural Network") trained
// with Adam (alpha 0.001, the default of the notes and of scikit-learn) on mini-batches of 32, on
// the 1,437 training images of the standard digits split; the test accuracy after the same epochs is
// reported beside the time, so a faster run cannot hide a worse result.
//
// The comparison it was written for (run by hand, not part of the project):
//     MLPClassifier(hidden_layer_sizes=(64,), solver="adam", batch_size=32, max_iter=30,
//                   tol=0, n_iter_no_change=10**9)
// from scikit-learn, on the same split and epochs.

import Core
import Foundation
import NeuralNetworks

/// One `key=value` line: seconds per epoch (the fastest of `runs` identical, seeded trainings of
/// `epochs` epochs each, divided by `epochs`) and the test accuracy they reach. `quick` trains 5
/// epochs once. A missing data file gives a "skipped" line instead of stopping the benchmarks.
func mlpBenchmark(quick: Bool = false) -> String {
    let (epochs, runs) = quick ? (5, 1) : (30, 5)
    let description = "mlp digits layers=64-64-10 optimiser=adam learning_rate=0.001 batch=32 epochs=\(epochs)"
    guard let (train, test) = try? Digits.standardSplit() else {
        return "\(description) skipped (the digits data file was not found)"
    }
    let targets = oneHot(train.labels, classes: Digits.classes)
    var fastest = Double.infinity
    var accuracy = 0.0
    for _ in 0..<runs {
        var generator = Xoshiro256StarStar(seed: 1)
        let network = Network.denseClassifier(generator: &generator)
        var adam = Adam(learningRate: 0.001)
        let start = DispatchTime.now().uptimeNanoseconds
        _ = try? network.train(train.images, targets, settings: TrainingSettings(loss: .categoricalCrossEntropy, epochs: epochs),
                               optimiser: &adam, generator: &generator)
        fastest = min(fastest, Double(DispatchTime.now().uptimeNanoseconds - start) * 1e-9)
        accuracy = network.accuracy(test.images, labels: test.labels)
    }
    return "\(description) seconds_per_epoch=\(formatted(fastest / Double(epochs), digits: 5))"
        + " test_accuracy=\(formatted(accuracy, digits: 4)) runs=\(runs)"
}
