// Tests of the loss protocol (issue 11, points 1 and 4): the cross-entropies from logits (exact
// where the probability forms clamp, gradients against central differences in Double); N is the
// first axis at any rank; a loss written outside the module trains a network; and the simple
// Delta of softmax + CCE comes from the loss and the output layer, however deeply it is nested.

import Foundation
import Testing
import Core
import NeuralNetworks

/// The Huber loss, written here as a later module would write its own: l = sum_k h(y^_k - y_k) with
/// h(r) = r^2/2 for |r| <= 1, |r| - 1/2 beyond; dJ/dY^ = h'(Y^ - Y)/N.
struct HuberLoss: Loss {
    var description: String { "Huber" }

    func value(predicted: Tensor, target: Tensor) -> Float {
        requireMatchingShapes(predicted, target, "Loss.value")
        let perElement = combineElements(predicted, target, "Huber") { yHat, y in
            let r = abs(yHat - y)
            return r <= 1 ? r * r / 2 : r - 0.5
        }
        return perElement.sum() / Float(batchCount(predicted))
    }

    func gradient(predicted: Tensor, target: Tensor) -> Tensor {
        let n = Float(batchCount(predicted))
        return combineElements(predicted, target, "Huber gradient") { yHat, y in min(max(yHat - y, -1), 1) / n }
    }
}

@Suite("The loss protocol: losses from logits, any rank, losses from outside, the simple delta from the loss")
struct LossProtocolTests {
    @Test("Logits at +-1000: BCE and CCE from logits are exact (1000, 2000) where the clamped forms saturate at 16.1; their gradients are exact too")
    func extremeLogits() {
        let logits = Tensor([[1000, -1000]])
        let bce = BinaryCrossEntropyFromLogits()
        #expect(bce.value(predicted: logits, target: Tensor([[0, 1]])) == 2000)
        #expect(bce.value(predicted: logits, target: Tensor([[1, 0]])) == 0)
        #expect(bce.gradient(predicted: logits, target: Tensor([[0, 1]])).scalars == [1, -1])
        let clamped = BinaryCrossEntropy().value(predicted: logits.map { sigmoid($0) }, target: Tensor([[0, 1]]))
        #expect(isApproximatelyEqual(clamped, -2 * log(probabilityFloor)))           // 32.2: saturated
        let cce = CategoricalCrossEntropyFromLogits()
        let (scores, target) = (Tensor([[1000, -1000, 0]]), Tensor([[0, 1, 0]]))
        #expect(cce.value(predicted: scores, target: target) == 2000)
        #expect(cce.gradient(predicted: scores, target: target).scalars == [1, -1, 0])
        #expect(softmaxCrossEntropy(logits: scores, target: target) == 2000)
        #expect(isApproximatelyEqual(CategoricalCrossEntropy().value(predicted: scores.softmaxRows(), target: target),
                                     -log(probabilityFloor)))                          // 16.1: saturated
    }

    @Test("Away from the clamp, the losses from logits equal BCE(sigmoid(Z)) and CCE(softmax(Z)), and their gradients equal the simple delta (seed 91)")
    func logitsAgreeWithProbabilities() {
        var generator = Xoshiro256StarStar(seed: 91)
        let z = generator.normalTensor(shape: [5, 4], standardDeviation: 2)
        let labels = oneHot((0..<5).map { _ in generator.uniformInt(below: 4) }, classes: 4)
        let bits = Tensor(shape: [5, 4], scalars: (0..<20).map { _ in Float(generator.uniformInt(below: 2)) })
        #expect(isApproximatelyEqual(BinaryCrossEntropyFromLogits().value(predicted: z, target: bits),
                                     BinaryCrossEntropy().value(predicted: z.map { sigmoid($0) }, target: bits), relativeTolerance: 1e-5))
        #expect(isApproximatelyEqual(CategoricalCrossEntropyFromLogits().value(predicted: z, target: labels),
                                     CategoricalCrossEntropy().value(predicted: z.softmaxRows(), target: labels), relativeTolerance: 1e-5))
        let probabilities = z.softmaxRows()
        let delta = CategoricalCrossEntropy().simplifiedDelta(outputActivation: .softmax, predicted: probabilities, target: labels)!
        #expect(isApproximatelyEqual(CategoricalCrossEntropyFromLogits().gradient(predicted: z, target: labels).scalars, delta.scalars,
                                     relativeTolerance: 1e-5, absoluteTolerance: 1e-7))
    }

    /// J in Double for the losses from logits, from the probability forms (no clamping needed in Double
    /// for the logits used here).
    static func referenceFromLogits(_ loss: any Loss, _ z: [Double], _ y: [Double], rows: Int) -> Double {
        let width = z.count / rows
        var total = 0.0
        for i in 0..<rows {
            let row = Array(z[(i * width)..<((i + 1) * width)]), target = Array(y[(i * width)..<((i + 1) * width)])
            if loss is BinaryCrossEntropyFromLogits {
                for (zk, yk) in zip(row, target) { total -= yk * log(sigmoid(zk)) + (1 - yk) * log(1 - sigmoid(zk)) }
            } else {
                let top = row.max()!
                let normaliser = top + log(row.reduce(0) { $0 + exp($1 - top) })
                for (zk, yk) in zip(row, target) { total += yk * (normaliser - zk) }
            }
        }
        return total / Double(rows)
    }

    @Test("dJ/dZ of BCE and CCE from logits matches central differences in Double, hard and soft targets, random shapes (seed 92)")
    func logitsGradients() {
        var generator = Xoshiro256StarStar(seed: 92)
        for loss: any Loss in [BinaryCrossEntropyFromLogits(), CategoricalCrossEntropyFromLogits()] {
            for trial in 0..<6 {
                let (rows, columns) = (1 + generator.uniformInt(below: 5), 1 + generator.uniformInt(below: 5))
                let z = generator.normalTensor(shape: [rows, columns], standardDeviation: 3)
                // Hard targets (0/1, one-hot) on even trials; soft ones (any weights in [0, 1]) on odd ones.
                let y = trial % 2 == 1 ? generator.uniformTensor(shape: [rows, columns])
                    : loss is CategoricalCrossEntropyFromLogits
                        ? oneHot((0..<rows).map { _ in generator.uniformInt(below: columns) }, classes: columns)
                        : Tensor(shape: [rows, columns], scalars: (0..<(rows * columns)).map { _ in Float(generator.uniformInt(below: 2)) })
                let error = GradientCheck.error(analytic: loss.gradient(predicted: z, target: y).doubles, at: z.doubles) {
                    Self.referenceFromLogits(loss, $0, y.doubles, rows: rows)
                }
                #expect(error < gradientTolerance, "\(loss), trial \(trial), [\(rows), \(columns)]")
                #expect(isApproximatelyEqual(loss.value(predicted: z, target: y),
                                             Float(Self.referenceFromLogits(loss, z.doubles, y.doubles, rows: rows)), relativeTolerance: 1e-5))
            }
        }
    }

    @Test("Issue 11 point 4: MSE, MAE, BCE and CCE divide by N, the first axis, at every rank: [N, C, H, W] gives the values and gradients of [N, C H W] (seed 93)")
    func firstAxisIsTheBatch() {
        var generator = Xoshiro256StarStar(seed: 93)
        let shape = [3, 2, 2, 2]
        let yHat = generator.uniformTensor(shape: shape, 0.05, 0.95), y = generator.uniformTensor(shape: shape)
        let (flatHat, flatY) = (yHat.reshaped([3, 8]), y.reshaped([3, 8]))
        for loss: any Loss in [MeanSquaredError(), MeanAbsoluteError(), BinaryCrossEntropy(), CategoricalCrossEntropy(), BinaryCrossEntropyFromLogits()] {
            #expect(loss.value(predicted: yHat, target: y) == loss.value(predicted: flatHat, target: flatY), "\(loss)")
            #expect(loss.gradient(predicted: yHat, target: y) == loss.gradient(predicted: flatHat, target: flatY).reshaped(shape), "\(loss)")
        }
        // The MSE of a [3, 2, 2, 2] batch is the sum of squares over 3, not over 1 (the old N-times-too-large value).
        let sumOfSquares = (yHat - y).dot(yHat - y)
        #expect(isApproximatelyEqual(MeanSquaredError().value(predicted: yHat, target: y), sumOfSquares / 3))
        let targets = y.doubles
        let error = GradientCheck.error(analytic: MeanSquaredError().gradient(predicted: yHat, target: y).doubles, at: yHat.doubles) { p in
            var total = 0.0
            for (value, target) in zip(p, targets) { total += (value - target) * (value - target) }
            return total / 3
        }
        #expect(error < gradientTolerance)
        // A rank-1 batch [N] is N examples of one output.
        #expect(MeanAbsoluteError().value(predicted: Tensor(shape: [4], scalars: [1, 2, 3, 4]), target: Tensor(shape: [4])) == 2.5)
    }

    @Test("A loss written outside the module (Huber) is passed to train and trainingStep like the built-in ones, and fits a line (seed 94)")
    func lossFromOutside() throws {
        var generator = Xoshiro256StarStar(seed: 94)
        let x = generator.uniformTensor(shape: [64, 1], -1, 1)
        let y = x.map { 3 * $0 - 1 }
        let network = Network([Dense(inputs: 1, outputs: 1, activation: .linear, generator: &generator)])
        var sgd = SGD(learningRate: 0.1)
        let first = network.trainingStep(x, y, loss: HuberLoss(), optimiser: &sgd)
        let history = try network.train(x, y, settings: TrainingSettings(loss: HuberLoss(), epochs: 200, batchSize: 16),
                                        optimiser: &sgd, generator: &generator)
        #expect(history.trainingLoss.last! < first / 100)
        let dense = network.layers[0] as! Dense
        #expect(isApproximatelyEqual(dense.weights.value.scalars[0], 3, relativeTolerance: 1e-2))
        #expect(HuberLoss().simplifiedDelta(outputActivation: .softmax, predicted: y, target: y) == nil)
        #expect(network.loss(x, y, loss: HuberLoss()) < 1e-3)
    }

    /// D: a classifier ending in Dense(softmax); G: noise to D's input.
    static func generatorAndClassifier(_ generator: inout Xoshiro256StarStar, output: Activation) -> (Network, Network) {
        let g = Network([Dense(inputs: 3, outputs: 5, activation: .tanh, generator: &generator)])
        let d = Network([
            Dense(inputs: 5, outputs: 6, activation: .relu, generator: &generator),
            // Large weights: saturated outputs, where the clamped gradient and the simple delta differ.
            Dense(inputs: 6, outputs: 4, activation: output, weightInitialisation: .normal(standardDeviation: 40), generator: &generator),
        ])
        return (g, d)
    }

    @Test("Network([G, D]) with D ending in softmax (CCE) or sigmoid (BCE) back-propagates exactly as D alone: the simple delta, not the clamped gradient (seed 95)")
    func simpleDeltaFromNestedOutputLayer() {
        var generator = Xoshiro256StarStar(seed: 95)
        for (output, loss) in [(Activation.softmax, CategoricalCrossEntropy() as any Loss), (.sigmoid, BinaryCrossEntropy())] {
            let (g, d) = Self.generatorAndClassifier(&generator, output: output)
            let z = generator.normalTensor(shape: [6, 3])
            let target = oneHot((0..<6).map { _ in generator.uniformInt(below: 4) }, classes: 4)
            let combined = Network([Network([g, d])])                         // nested twice
            let prediction = combined.forward(z, training: true)
            _ = combined.backward(loss: loss, output: prediction, target: target)
            let nestedGradients = d.parameters.map(\.gradient)
            // D alone, on G's output, and its last layer started by hand from (Y^ - Y)/N.
            let hidden = g.forward(z, training: true)
            #expect(d.forward(hidden, training: true) == prediction)
            let alone = d.backward(loss: loss, output: prediction, target: target)
            #expect(d.parameters.map(\.gradient) == nestedGradients, "\(output)")
            let last = d.layers[1] as! Dense
            _ = last.backward(delta: (1 / Float(6)) * (prediction - target))
            #expect(last.weights.gradient == nestedGradients[2], "\(output): the simple delta")
            // The clamped long way differs here: the fallback would have been a different gradient.
            _ = last.backward(loss.gradient(predicted: prediction, target: target))
            #expect(last.weights.gradient != nestedGradients[2], "\(output): saturated, so the long way is clamped")
            #expect(alone.shape == hidden.shape)
        }
    }

    @Test("An ActivationLayer(.softmax) as the output layer takes the simple delta too (seed 96)")
    func simpleDeltaThroughActivationLayer() {
        var generator = Xoshiro256StarStar(seed: 96)
        let dense = Dense(inputs: 3, outputs: 4, activation: .linear, generator: &generator)
        let network = Network([dense, ActivationLayer(.softmax)])
        let x = generator.normalTensor(shape: [5, 3]), y = oneHot([0, 1, 2, 3, 0], classes: 4)
        let output = network.forward(x, training: true)
        let inputGradient = network.backward(loss: .categoricalCrossEntropy, output: output, target: y)
        let weights = dense.weights.gradient
        _ = dense.forward(x, training: true)
        #expect(dense.backward(delta: (1 / Float(5)) * (output - y)) == inputGradient)
        #expect(dense.weights.gradient == weights)
    }
}
