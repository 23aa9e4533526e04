// Tests of GraphConvolution.swift and GraphConvolutionalNetwork.swift: WORKED-NUMBERS.md's two-layer GCN
// on the path graph (WORKED-NUMBERS.md 9.3 G1; MLiS II Eq. (2.9.5), erratum E-49 (iii)),
// finite-difference checks of every backward pass, ReLU's kink, and permutation equivariance.

import Foundation
import Testing
import Core
import NeuralNetworks
import GraphNetworks

@Suite("Graph convolution layers (MLiS II Eq. (2.9.2), Eq. (2.9.3), Eq. (2.9.4), Eq. (2.9.5))")
struct GraphConvolutionTests {
    /// WORKED-NUMBERS.md's G1 network: X = [[1,0],[0,1],[1,1]], W0 = [[1,-1,0.5],[0.5,1,-1]], W1 = [[1,0],[0,1],[1,-1]].
    let features = Tensor([[1, 0], [0, 1], [1, 1]])

    /// The G1 network on the path graph with propagation S (D^^-1/2 A^ D^^-1/2 unless told).
    func indexedModel(_ s: SparseMatrix = pathGraph.normalisedAdjacency()) -> GraphConvolutionalNetwork {
        GraphConvolutionalNetwork(layers: [
            GraphConvolution(weights: Tensor([[1, -1, 0.5], [0.5, 1, -1]]), activation: .relu, propagation: s),
            GraphConvolution(weights: Tensor([[1, 0], [0, 1], [1, -1]]), activation: .linear, propagation: s),
        ])
    }

    @Test("Sec. 9.3 (G1): H = ReLU(S X W0) = [[0.7041241452,0,0],[1.1872873928,0,0],[0.9541241452,0.4082482905,0]]")
    func indexedHiddenLayer() {
        let hidden = indexedModel().layerOutputs(features)[0]
        let expected: [Float] = [0.7041241452, 0, 0, 1.1872873928, 0, 0, 0.9541241452, 0.4082482905, 0]
        #expect(isApproximatelyEqual(hidden.scalars, expected, absoluteTolerance: 1e-6), "\(hidden)")
    }

    @Test("Sec. 9.3 (G1): logits S H W1 = [[0.836770121,0],[1.072739494,0.1666666667],[0.961770121,0.2041241452]] and their softmax")
    func indexedOutput() {
        let model = indexedModel()
        let logits = model(features)
        let expectedLogits: [Float] = [0.836770121, 0, 1.072739494, 0.1666666667, 0.961770121, 0.2041241452]
        #expect(isApproximatelyEqual(logits.scalars, expectedLogits, absoluteTolerance: 1e-6), "\(logits)")
        let expectedProbabilities: [Float] = [0.6977845304, 0.3022154696, 0.7121958700, 0.2878041300, 0.6808424316, 0.3191575684]
        #expect(isApproximatelyEqual(model.probabilities(features).scalars, expectedProbabilities, absoluteTolerance: 1e-6))
        #expect(model.predictions(features) == [0, 0, 0])
    }

    @Test("E-49 (iii): Eq. (2.9.5) as printed, with A^ = A + I instead of the normalised matrix, gives other numbers")
    func printedFormDiffers() {
        let printedModel = indexedModel(pathGraph.propagationMatrix(.selfLoops))
        let printed = printedModel(features)
        let meant = indexedModel()(features)
        #expect(!isApproximatelyEqual(printed.scalars, meant.scalars, absoluteTolerance: 1e-3))
        // A^ sums instead of averaging: node 1's hidden row is ReLU(((1,0) + (0,1) + (1,1)) W0) = ReLU(3, 0, -1), not (1.187, 0, 0).
        #expect(printedModel.layerOutputs(features)[0].row(1) == [3, 0, 0])
    }

    @Test("Layer backward: dJ/dK and dJ/dH match central differences, for linear, ReLU and tanh (seed 31)",
          arguments: [Activation.linear, .relu, .tanh])
    func layerGradients(activation: Activation) {
        var generator = Xoshiro256StarStar(seed: 31)
        let graph = randomGraph(nodeCount: 9, density: 0.35, generator: &generator)
        let s = graph.normalisedAdjacency()
        let (n, fIn, fOut) = (9, 4, 3)
        let h = generator.normalTensor(shape: [n, fIn])
        let layer = GraphConvolution(inputs: fIn, outputs: fOut, activation: activation, propagation: s, generator: &generator)
        let g = generator.normalTensor(shape: [n, fOut])   // J = sum G (.) H', so dJ/dH' = G
        _ = layer.forward(h, training: true)
        let inputGradient = layer.backward(g)
        let (weights, weightGradient) = (layer.weights.value, layer.weights.gradient)
        let dense = s.dense.doubles
        func loss(_ hValues: [Double], _ kValues: [Double]) -> Double {
            let out = doubleLayer(s: dense, h: hValues, k: kValues, nodes: n, inputs: fIn, outputs: fOut, activation: activation)
            return zip(out, g.doubles).reduce(0) { $0 + $1.0 * $1.1 }
        }
        let weightError = GradientCheck.error(analytic: weightGradient.doubles, at: weights.doubles) { loss(h.doubles, $0) }
        let inputError = GradientCheck.error(analytic: inputGradient.doubles, at: h.doubles) { loss($0, weights.doubles) }
        #expect(weightError < gradientTolerance, "dJ/dK, \(activation): error \(weightError)")
        #expect(inputError < gradientTolerance, "dJ/dH, \(activation): error \(inputError)")
    }

    @Test("E-09, ReLU's kink: at z = 0 the layer passes the whole gradient (ReLU'(0) = 1, Table 1.2), at z < 0 none, at z > 0 all")
    func reluKink() {
        // One node, no edges: S = [[1]] (the self-loop normalised), so Z = H K exactly.
        let single = Graph(nodeCount: 1, edges: []).normalisedAdjacency()
        let layer = GraphConvolution(weights: Tensor([[1, -1]]), activation: .relu, propagation: single)
        for (input, expected) in [(Float(0), Float(0)), (2, 1), (-2, -1)] {
            _ = layer.forward(Tensor([[input]]), training: true)
            // z = (h, -h): a positive or zero one passes its weight (+1 or -1) back, a negative one nothing;
            // at h = 0 both pass, and +1 - 1 = 0.
            #expect(layer.backward(Tensor([[1, 1]])).scalars == [expected], "h = \(input)")
        }
        // Weights that do not cancel tell the conventions apart: z = (0, 0) gives 1 + 2 with ReLU'(0) = 1, 0 with ReLU'(0) = 0.
        let unequal = GraphConvolution(weights: Tensor([[1, 2]]), activation: .relu, propagation: single)
        _ = unequal.forward(Tensor([[0]]), training: true)
        #expect(unequal.backward(Tensor([[1, 1]])).scalars == [3])
        #expect(unequal.weights.gradient == Tensor([[0, 0]]), "dJ/dK = P^T dJ/dZ with P = 0")
        #expect(Activation.relu.derivative(0) == 1)
        #expect(Activation.tanh.value(1000) == 1 && Activation.tanh.derivative(1000) == 0)
    }

    @Test("Two-layer network: every weight gradient of the masked loss with an L2 penalty on W0, and dJ/dX, match central differences (seed 37)")
    func networkGradients() {
        var generator = Xoshiro256StarStar(seed: 37)
        let graph = randomGraph(nodeCount: 8, density: 0.4, generator: &generator)
        let s = graph.normalisedAdjacency()
        let x = generator.normalTensor(shape: [8, 5])
        let model = GraphConvolutionalNetwork(widths: [5, 4, 3], hiddenActivation: .tanh, propagation: s, generator: &generator)
        let loss = MaskedCrossEntropy(labelledNodes: [1, 4, 6], labels: [2, 0, 2], classes: 3)
        // Kipf & Welling's weight decay 0.1, (0.1 / 2) ||W0||^2, is Eq. (1.7.2)'s lambda ||W0||^2 with lambda = 0.05 (E-53).
        let logits = model.forward(x, training: true)
        let inputGradient = model.backward(loss.evaluate(logits).gradient)
        model.computeGradients(x, loss: loss, penalty: .l2(0.05))
        let (w0, w1) = (model.layers[0].weights, model.layers[1].weights)
        let dense = s.dense.doubles
        func reference(_ xValues: [Double], _ w0Values: [Double], _ w1Values: [Double], decay: Double = 0.05) -> Double {
            let hidden = doubleLayer(s: dense, h: xValues, k: w0Values, nodes: 8, inputs: 5, outputs: 4, activation: .tanh)
            let logits = doubleLayer(s: dense, h: hidden, k: w1Values, nodes: 8, inputs: 4, outputs: 3, activation: .linear)
            var total = 0.0
            for (node, label) in zip(loss.labelledNodes, loss.labels) {
                let row = Array(logits[(node * 3)..<(node * 3 + 3)])
                total -= row[label] - log(row.map(exp).reduce(0, +))
            }
            return total / 3 + decay * w0Values.reduce(0) { $0 + $1 * $1 }
        }
        let (xs, w0s, w1s) = (x.doubles, w0.value.doubles, w1.value.doubles)
        let error0 = GradientCheck.error(analytic: w0.gradient.doubles, at: w0s) { reference(xs, $0, w1s) }
        let error1 = GradientCheck.error(analytic: w1.gradient.doubles, at: w1s) { reference(xs, w0s, $0) }
        let inputError = GradientCheck.error(analytic: inputGradient.doubles, at: xs) { reference($0, w0s, w1s, decay: 0) }
        #expect(error0 < gradientTolerance, "dJ/dW0: error \(error0)")
        #expect(error1 < gradientTolerance, "dJ/dW1: error \(error1)")
        #expect(inputError < gradientTolerance, "dJ/dX: error \(inputError)")
    }

    @Test("Permutation equivariance: relabelling the nodes (A' = P A P^T, X' = P X) relabels the outputs the same way (seed 41)")
    func permutationEquivariance() {
        var generator = Xoshiro256StarStar(seed: 41)
        let graph = randomGraph(nodeCount: 12, density: 0.3, generator: &generator)
        let x = generator.normalTensor(shape: [12, 3])
        let model = GraphConvolutionalNetwork(widths: [3, 5, 4, 2], hiddenActivation: .relu,
                                              propagation: graph.normalisedAdjacency(), generator: &generator)
        for trial in 0..<5 {
            let newLabel = generator.permutation(12)
            var oldLabel = [Int](repeating: 0, count: 12)
            for (old, new) in newLabel.enumerated() { oldLabel[new] = old }
            model.propagation = graph.normalisedAdjacency()
            let output = model(x)
            model.propagation = graph.relabelled(newLabel).normalisedAdjacency()
            let relabelledOutput = model(x.gatheringRows(oldLabel))
            #expect(isApproximatelyEqual(relabelledOutput.scalars, output.gatheringRows(oldLabel).scalars, absoluteTolerance: 1e-5),
                    "trial \(trial), permutation \(newLabel)")
        }
    }

    @Test("A layer with no weights trained averages: with S H and K = I, each row is a weighted mean of the node and its neighbours")
    func identityWeightsAverage() {
        let layer = GraphConvolution(weights: identityFeatures(2), activation: .linear, propagation: pathGraph.normalisedAdjacency())
        let output = layer(Tensor([[3, 0], [0, 0], [0, 6]]))
        // Node 1: 1/sqrt6 * (3, 0) + 1/3 * (0, 0) + 1/sqrt6 * (0, 6).
        #expect(isApproximatelyEqual(output.row(1), [3 * oneOverSquareRootSix, 6 * oneOverSquareRootSix]))
    }

    @Test("E-51: Xavier normal weights have standard deviation sqrt(2 / (n_in + n_out)), i.e. variance 2 / (n_in + n_out) (seed 43)")
    func xavierInitialisation() {
        var generator = Xoshiro256StarStar(seed: 43)
        let layer = GraphConvolution(inputs: 300, outputs: 100, activation: .relu, propagation: pathGraph.normalisedAdjacency(),
                                     generator: &generator)
        let values = layer.weights.value.doubles
        let mean = values.reduce(0, +) / Double(values.count)
        let deviation = (values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(values.count)).squareRoot()
        // 30,000 draws: the sample deviation is within 0.4 % of the true one (one standard error); 2 % is 5 of them.
        #expect(isApproximatelyEqual(deviation, (2.0 / 400).squareRoot(), relativeTolerance: 0.02), "sd \(deviation)")
        #expect(abs(mean) < 0.002, "mean \(mean)")
    }

    @Test("A GCN is a NeuralNetworks Layer: inside a Network it gives the same output and gradients, and SGD steps K by -alpha dJ/dK (seed 45)")
    func nestsInNetwork() {
        var generator = Xoshiro256StarStar(seed: 45)
        let s = randomGraph(nodeCount: 7, density: 0.4, generator: &generator).normalisedAdjacency()
        let x = generator.normalTensor(shape: [7, 3])
        let model = GraphConvolutionalNetwork(widths: [3, 4, 2], hiddenActivation: .relu, propagation: s, generator: &generator)
        let network = Network([model])
        let g = generator.normalTensor(shape: [7, 2])
        let output = network.forward(x, training: true)
        #expect(output == model(x))
        let inputGradient = network.backward(g)
        let gradients = model.parameters.map(\.gradient)
        _ = model.forward(x, training: true)
        #expect(inputGradient == model.backward(g) && gradients == model.parameters.map(\.gradient))
        let before = model.parameters.map(\.value)
        var sgd = SGD(learningRate: 0.1)
        sgd.update(network.parameters)
        for (k, parameter) in model.parameters.enumerated() {
            #expect(isApproximatelyEqual(parameter.value.scalars, (before[k] - 0.1 * gradients[k]).scalars), "layer \(k)")
        }
    }
}
