// Tests of multinomial logistic regression: its gradient, and training on the real digits.

import Foundation
import Testing
import Core
import LinearModels

@Suite("Softmax regression")
struct SoftmaxRegressionTests {
    @Test("grad_W = (1/N) X^T (softmax(XW) - Y) matches central differences of the mean CCE (seed 29)")
    func gradientMatchesFiniteDifferences() {
        var generator = Xoshiro256StarStar(seed: 29)
        let (n, p, m) = (7, 4, 3)
        let X = generator.normalTensor(shape: [n, p])
        let labels = (0..<n).map { _ in generator.uniformInt(below: m) }
        let W = generator.normalTensor(shape: [p, m], standardDeviation: 0.5)
        let analytic = SoftmaxRegression(weights: W).gradient(X, oneHot(labels, classes: m)).doubles
        let error = GradientCheck.error(analytic: analytic, at: W.doubles) { weights in
            var total = 0.0
            for i in 0..<n {
                let logits = (0..<m).map { c in (0..<p).reduce(0.0) { $0 + Double(X[i, $1]) * weights[$1 * m + c] } }
                let top = logits.max()!
                let logNormaliser = top + log(logits.reduce(0.0) { $0 + exp($1 - top) })
                total -= logits[labels[i]] - logNormaliser
            }
            return total / Double(n)
        }
        #expect(error < 1e-5)
    }

    @Test("Digits: >= 95 % test accuracy on the standard 80/20 split (seed 1, 30 epochs, alpha 0.5, batch 32)")
    func digitsAccuracy() throws {
        let (train, test) = try Digits.standardSplit()
        var generator = Xoshiro256StarStar(seed: 1)
        var model = SoftmaxRegression(inputs: Digits.pixels + 1, classes: Digits.classes, generator: &generator)
        let history = try model.train(train.images.prependingOnesColumn(), labels: train.labels, learningRate: 0.5,
                                      epochs: 30, batchSize: 32, generator: &generator)
        #expect(history.last! < history.first!)
        let predicted = model.predict(test.images.prependingOnesColumn())
        let testAccuracy = accuracy(predicted: predicted, truth: test.labels)
        #expect(testAccuracy >= 0.95, "test accuracy \(testAccuracy)")
    }

    @Test("Training is deterministic: the same seed gives the same weights")
    func determinism() throws {
        let (train, _) = try Digits.standardSplit()
        let subset = train.subset(Array(0..<200))
        func run() throws -> Tensor {
            var generator = Xoshiro256StarStar(seed: 8)
            var model = SoftmaxRegression(inputs: 65, classes: 10, generator: &generator)
            try model.train(subset.images.prependingOnesColumn(), labels: subset.labels, learningRate: 0.5, epochs: 3,
                            generator: &generator)
            return model.weights
        }
        #expect(try run() == run())
    }
}
