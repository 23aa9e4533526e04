// Tests of the dense layer (MLiS II Eq. (1.2.18), Eq. (1.2.19), Eq. (1.2.20)) and of back-propagation through it and
// through whole networks (Eq. (1.3.4), Eq. (1.3.5), Eq. (1.3.6), Eq. (1.3.7)), against central differences of
// Double forward passes.

import Foundation
import Testing
import Core
import NeuralNetworks

@Suite("Dense layers and back-propagation (MLiS II 1.2.4, 1.3)")
struct DenseTests {
    @Test("Eq. (1.2.18) on a batch: Z = X W + b row by row, A = Phi(Z)")
    func forward() {
        let dense = Dense(weights: Tensor([[1, 2], [3, 4], [5, 6]]), bias: Tensor([[0.5, -1]]), activation: .relu)
        let output = dense(Tensor([[1, 0, -1], [0, 1, 0]]))
        // Row 1: (1 - 5 + 0.5, 2 - 6 - 1) = (-3.5, -5) -> ReLU (0, 0); row 2: (3.5, 3).
        #expect(output.scalars == [0, 0, 3.5, 3])
        #expect(dense.lastPreActivation!.scalars == [-3.5, -5, 3.5, 3])
    }

    @Test("Eq. (1.3.4), Eq. (1.3.5), Eq. (1.3.6), Eq. (1.3.7): dJ/dW, dJ/db and dJ/dA_prev of one layer match central differences, every activation, random shapes (seed 31)")
    func singleLayerGradients() {
        var generator = Xoshiro256StarStar(seed: 31)
        for activation in ActivationTests.elementwise + [.softmax] where activation != .heaviside {
            let (rows, inputs, outputs) = (1 + generator.uniformInt(below: 5), 1 + generator.uniformInt(below: 5),
                                           1 + generator.uniformInt(below: 5))
            let dense = Dense(inputs: inputs, outputs: outputs, activation: activation, biasInitialisation: .normal(standardDeviation: 0.5),
                              generator: &generator)
            let x = generator.normalTensor(shape: [rows, inputs])
            let weighting = randomWeighting(shape: [rows, outputs], generator: &generator)
            _ = dense.forward(x, training: true)
            let inputGradient = dense.backward(weighting)
            let (w, b) = (dense.weights.value.doubles, dense.bias.value.doubles)
            func objective(_ x: [Double], _ w: [Double], _ b: [Double]) -> Double {
                weightedSum(referenceDense(x, rows: rows, w, b, activation: activation), weighting)
            }
            let label = "\(activation), X [\(rows), \(inputs)], W [\(inputs), \(outputs)]"
            let weightError = GradientCheck.error(analytic: dense.weights.gradient.doubles, at: w) { objective(x.doubles, $0, b) }
            let biasError = GradientCheck.error(analytic: dense.bias.gradient.doubles, at: b) { objective(x.doubles, w, $0) }
            let inputError = GradientCheck.error(analytic: inputGradient.doubles, at: x.doubles) { objective($0, w, b) }
            #expect(weightError < gradientTolerance, "dW: \(label)")
            #expect(biasError < gradientTolerance, "db: \(label)")
            #expect(inputError < gradientTolerance, "dX: \(label)")
        }
    }

    @Test("Adjointness: for the linear map X -> X W (linear activation, b = 0), <X W, G> = <X, backward(G)>; the same for a dropout mask (seed 34)")
    func adjointness() {
        var generator = Xoshiro256StarStar(seed: 34)
        for _ in 0..<5 {
            let (rows, inputs, outputs) = (1 + generator.uniformInt(below: 8), 1 + generator.uniformInt(below: 8),
                                           1 + generator.uniformInt(below: 8))
            let dense = Dense(inputs: inputs, outputs: outputs, activation: .linear, generator: &generator)
            let (x, g) = (generator.normalTensor(shape: [rows, inputs]), generator.normalTensor(shape: [rows, outputs]))
            let forward = dense.forward(x, training: true).dot(g), backward = x.dot(dense.backward(g))
            #expect(isApproximatelyEqual(forward, backward, relativeTolerance: 1e-4, absoluteTolerance: 1e-4), "[\(rows), \(inputs)] -> \(outputs)")
            let dropout = Dropout(rate: 0.4, generator: &generator)
            let (h, k) = (generator.normalTensor(shape: [rows, inputs]), generator.normalTensor(shape: [rows, inputs]))
            #expect(isApproximatelyEqual(dropout.forward(h, training: true).dot(k), h.dot(dropout.backward(k)), relativeTolerance: 1e-5,
                                         absoluteTolerance: 1e-5))
        }
    }

    /// A three-layer network and its forward pass in Double with every parameter given as one flat list.
    static func threeLayerNetwork(output: Activation, generator: inout Xoshiro256StarStar) -> Network {
        Network([
            Dense(inputs: 4, outputs: 5, activation: .tanh, biasInitialisation: .normal(standardDeviation: 0.3), generator: &generator),
            Dense(inputs: 5, outputs: 6, activation: .sigmoid, biasInitialisation: .normal(standardDeviation: 0.3), generator: &generator),
            Dense(inputs: 6, outputs: 3, activation: output, biasInitialisation: .normal(standardDeviation: 0.3), generator: &generator),
        ])
    }

    static func referenceForward(_ network: Network, _ flat: [Double], _ x: Tensor) -> [Double] {
        var offset = 0, activations = x.doubles
        for case let dense as Dense in network.layers {
            let (wCount, bCount) = (dense.weights.count, dense.bias.count)
            let w = Array(flat[offset..<(offset + wCount)]), b = Array(flat[(offset + wCount)..<(offset + wCount + bCount)])
            activations = referenceDense(activations, rows: x.rows, w, b, activation: dense.activation)
            offset += wCount + bCount
        }
        return activations
    }

    @Test("Sec. 1.3 on a 4-5-6-3 network: every parameter's gradient matches central differences, for MSE, BCE, softmax + CCE (seed 32)")
    func networkGradients() {
        var generator = Xoshiro256StarStar(seed: 32)
        let x = generator.normalTensor(shape: [7, 4])
        let labels = (0..<7).map { _ in generator.uniformInt(below: 3) }
        let cases: [(any Loss, Activation, Tensor)] = [
            (MeanSquaredError(), .linear, generator.normalTensor(shape: [7, 3])),
            (BinaryCrossEntropy(), .sigmoid, Tensor(shape: [7, 3], scalars: (0..<21).map { _ in Float(generator.uniformInt(below: 2)) })),
            (CategoricalCrossEntropy(), .softmax, oneHot(labels, classes: 3)),
        ]
        for (loss, outputActivation, y) in cases {
            let network = Self.threeLayerNetwork(output: outputActivation, generator: &generator)
            let output = network.forward(x, training: true)
            network.backward(loss: loss, output: output, target: y)
            let analytic = network.parameters.flatMap(\.gradient.doubles)
            let flat = network.parameters.flatMap(\.value.doubles)
            let error = GradientCheck.error(analytic: analytic, at: flat) { parameters in
                LossTests.referenceLoss(loss, Self.referenceForward(network, parameters, x), y.doubles, rows: 7)
            }
            #expect(error < gradientTolerance, "\(loss) with a \(outputActivation) output")
        }
    }

    @Test("A network is a layer: nesting a network in a network changes neither the output nor the gradients (seed 33)")
    func nestedNetworks() {
        var generator = Xoshiro256StarStar(seed: 33)
        let first = Dense(inputs: 3, outputs: 4, activation: .relu, generator: &generator)
        let second = Dense(inputs: 4, outputs: 2, activation: .linear, generator: &generator)
        let x = generator.normalTensor(shape: [5, 3]), g = generator.normalTensor(shape: [5, 2])
        let flat = Network([first, second])
        let flatOutput = flat.forward(x, training: true)
        let flatInputGradient = flat.backward(g)
        let flatGradients = flat.parameters.map(\.gradient)
        let nested = Network([Network([first]), Network([second])])
        #expect(nested.forward(x, training: true) == flatOutput)
        #expect(nested.backward(g) == flatInputGradient)
        #expect(nested.parameters.map(\.gradient) == flatGradients)
        #expect(nested.trainableParameterCount == 3 * 4 + 4 + 4 * 2 + 2)
    }
}
