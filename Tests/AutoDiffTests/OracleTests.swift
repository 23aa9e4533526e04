// The engine as a third gradient oracle for the library: the first step of MLiS II Sec. 1.3's XOR
// training (MLP-3) and one step of softmax + cross-entropy, computed weight by weight on
// scalar nodes, against `Dense`'s batched backward pass (MLiS II Sec. 1.3's four equations).
// Only Dense's init, forward and backward are used; dJ/dY^ is computed here by hand.

import Foundation
import Testing
import Core
import AutoDiff
import NeuralNetworks

/// The course notebook's starting weights (MLP-3), in Dense's layout: W [n_in, n_out], b.
enum NotebookWeights {
    static let hiddenWeights: [[Double]] = [[0.22922080128149577, 0.004153939299840346], [-0.11179254451135168, 0.05390583205807889]]
    static let hiddenBias: [Double] = [-0.09090076149268494, 0.05514540445464244]
    static let outputWeights: [[Double]] = [[-0.0019130496521151477], [0.11750012195002911]]
    static let outputBias: [Double] = [-0.0596159699806467]
}

/// The largest difference allowed between a Float backward pass and the engine's Double gradients:
/// Float keeps about 7 digits of gradients of size 0.01-1.
let oracleTolerance = 1e-6

/// A matrix in Float as a Tensor, and back as Double rows.
func tensor(_ rows: [[Double]]) -> Tensor { Tensor(rows.map { $0.map(Float.init) }) }
func rows(_ tensor: Tensor) -> [[Double]] { (0..<tensor.rows).map { tensor.row($0).map(Double.init) } }
/// Values rounded to Float and back, so that the engine starts from exactly Dense's numbers.
func roundedToFloat(_ rows: [[Double]]) -> [[Double]] { rows.map { $0.map { Double(Float($0)) } } }

/// The largest |a - b| over two flat lists.
func largestDifference(_ a: [Double], _ b: [Double]) -> Double {
    precondition(a.count == b.count, "lengths \(a.count) and \(b.count)")
    return zip(a, b).map { abs($0 - $1) }.max() ?? 0
}

@Suite("The engine as a third gradient oracle for Dense (MLP-3, softmax + CCE)")
struct OracleTests {
    static let xorInputs = ToyData.xorInputs
    static let xorTargets = ToyData.xorLabels.map(Double.init)

    static func notebookNetwork(rounded: Bool) -> ScalarNetwork {
        let round = rounded ? roundedToFloat : { $0 }
        return ScalarNetwork([
            ScalarLayer(weights: round(NotebookWeights.hiddenWeights), biases: round([NotebookWeights.hiddenBias])[0], activation: .relu),
            ScalarLayer(weights: round(NotebookWeights.outputWeights), biases: round([NotebookWeights.outputBias])[0], activation: .linear),
        ])
    }

    @Test("MLP-3: from the notebook's weights the engine's loss is 0.5523485297, and 500 epochs of gradient descent give the notebook's 0.2075926849, 0.1128989284, 0.0014812676, 3.4252e-6")
    func mlp3TrainingRun() {
        let network = Self.notebookNetwork(rounded: false)
        var losses: [Double] = []
        for _ in 0..<500 {
            losses.append(network.gradientDescentStep(Self.xorInputs, targets: Self.xorTargets, loss: .meanSquaredError, learningRate: 0.1))
        }
        let expected = [(0, 0.5523485297), (100, 0.2075926849), (200, 0.1128989284), (300, 0.0014812676)]
        for (epoch, loss) in expected {
            #expect(isApproximatelyEqual(losses[epoch], loss, absoluteTolerance: 1e-10), "epoch \(epoch): \(losses[epoch])")
        }
        #expect(isApproximatelyEqual(losses[400], 3.4252e-6, relativeTolerance: 1e-4), "epoch 400: \(losses[400])")
    }

    @Test("MLP-3, first step: the engine's dJ/dW, dJ/db of both layers equal Dense's backward pass to 1e-6, and so do the updated weights")
    func mlp3FirstStepGradients() {
        let hidden = Dense(weights: tensor(NotebookWeights.hiddenWeights), bias: tensor([NotebookWeights.hiddenBias]), activation: .relu)
        let output = Dense(weights: tensor(NotebookWeights.outputWeights), bias: tensor([NotebookWeights.outputBias]), activation: .linear)
        let x = tensor(Self.xorInputs)
        let predicted = output.forward(hidden.forward(x))
        // dJ/dY^ of J = (1/N) sum (y^ - y)^2, by hand: (2/N)(Y^ - Y)   (MLiS II Eq. (1.3.11), E-31)
        let outputGradient = (2 / Float(4)) * (predicted - Tensor(column: Self.xorTargets.map(Float.init)))
        _ = hidden.backward(output.backward(outputGradient))
        let library = [hidden.weights.gradient, hidden.bias.gradient, output.weights.gradient, output.bias.gradient]
            .flatMap(\.doubles)

        let network = Self.notebookNetwork(rounded: true)
        let loss = network.loss(Self.xorInputs, targets: Self.xorTargets, .meanSquaredError)
        loss.backward()
        let engine = network.parameters.map(\.gradient)
        #expect(engine.count == 9)
        #expect(largestDifference(engine, library) < oracleTolerance, "engine \(engine)\nDense  \(library)")
        #expect(engine.contains { abs($0) > 0.01 }, "the gradients are not all tiny")

        let before = network.parameters.map(\.value)
        network.gradientDescentStep(Self.xorInputs, targets: Self.xorTargets, loss: .meanSquaredError, learningRate: 0.1)
        let handUpdated = zip(before, library).map { $0 - 0.1 * $1 }
        #expect(largestDifference(network.parameters.map(\.value), handUpdated) < oracleTolerance)
    }

    @Test("Softmax + CCE, one step of a 4-5-3 tanh network on 6 examples: every gradient, dJ/dX too, equals Dense's with (softmax - Y)/N by hand (seed 18)")
    func softmaxCrossEntropyStep() {
        var generator = Xoshiro256StarStar(seed: 18)
        let (count, inputs, hiddenUnits, classes) = (6, 4, 5, 3)
        let hidden = Dense(inputs: inputs, outputs: hiddenUnits, activation: .tanh, biasInitialisation: .normal(standardDeviation: 0.5),
                           generator: &generator)
        let output = Dense(inputs: hiddenUnits, outputs: classes, activation: .linear, biasInitialisation: .normal(standardDeviation: 0.5),
                           generator: &generator)
        let x = generator.normalTensor(shape: [count, inputs])
        let labels = (0..<count).map { $0 % classes }
        let oneHot = (0..<count).map { i in (0..<classes).map { labels[i] == $0 ? 1.0 : 0.0 } }

        let logits = output.forward(hidden.forward(x))
        let outputGradient = (1 / Float(count)) * (logits.softmaxRows() - tensor(oneHot))   // (softmax - Y)/N by hand
        let inputGradient = hidden.backward(output.backward(outputGradient))
        let library = [hidden.weights.gradient, hidden.bias.gradient, output.weights.gradient, output.bias.gradient].flatMap(\.doubles)

        let network = ScalarNetwork([
            ScalarLayer(weights: rows(hidden.weights.value), biases: hidden.bias.value.doubles, activation: .tanh),
            ScalarLayer(weights: rows(output.weights.value), biases: output.bias.value.doubles, activation: .linear),
        ])
        let inputNodes = rows(x).map { $0.map { Node($0) } }
        let loss = ScalarLoss.softmaxCrossEntropy(logits: inputNodes.map { network($0) }, targets: oneHot)
        loss.backward()
        #expect(largestDifference(network.parameters.map(\.gradient), library) < oracleTolerance)
        #expect(largestDifference(inputNodes.flatMap { $0.map(\.gradient) }, inputGradient.doubles) < oracleTolerance)
        let probabilities = logits.softmaxRows()
        let crossEntropy = -(0..<count).map { log(Double(probabilities[$0, labels[$0]])) }.reduce(0, +) / Double(count)
        #expect(isApproximatelyEqual(loss.value, crossEntropy, relativeTolerance: 1e-6))
    }

    @Test("E-09: at z = 0 exactly, the engine's ReLU' is 0 (DL Padova \"AutoDifferentiation\") and Dense's is 1 (Table 1.2); away from 0 they agree")
    func reluKinkConventions() {
        for (z, engineSlope, denseSlope) in [(0.0, 0.0, 1.0), (0.25, 1, 1), (-0.25, 0, 0)] {
            let dense = Dense(weights: Tensor([[1]]), bias: Tensor([[0]]), activation: .relu)
            _ = dense.forward(Tensor([[Float(z)]]))
            let denseInputGradient = dense.backward(Tensor([[1]]))
            let input = Node(z)
            let layer = ScalarLayer(weights: [[1]], biases: [0], activation: .relu)
            layer([input])[0].backward()
            #expect(input.gradient == engineSlope, "engine at z = \(z)")
            #expect(denseInputGradient.scalars == [Float(denseSlope)], "Dense at z = \(z)")
        }
    }
}
