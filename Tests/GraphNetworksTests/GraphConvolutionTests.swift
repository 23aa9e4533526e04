// Tests of GraphConvolution.swift and GraphConvolutionalNetwork.swift: the catalogue's two-layer GCN
// on the path graph (WORKED-EXAMPLES.md Sec. 9.3, block G1; MLiS II Eq. 2.9.5, erratum E-49 (iii)),
// finite-difference checks of every backward pass, ReLU's kink, and permutation equivariance.

import Foundation
import Testing
import Core
import GraphNetworks

@Suite("Graph convolution layers (MLiS II Eqs. 2.9.2-2.9.5)")
struct GraphConvolutionTests {
    /// The catalogue's G1 network: X = [[1,0],[0,1],[1,1]], W0 = [[1,-1,0.5],[0.5,1,-1]], W1 = [[1,0],[0,1],[1,-1]].
    let features = Tensor([[1, 0], [0, 1], [1, 1]])
    let catalogueModel = GraphConvolutionalNetwork(layers: [
        GraphConvolution(weights: Tensor([[1, -1, 0.5], [0.5, 1, -1]]), activation: .relu),
        GraphConvolution(weights: Tensor([[1, 0], [0, 1], [1, -1]]), activation: .identity),
    ])

    @Test("Sec. 9.3 (G1): H = ReLU(S X W0) = [[0.7041241452,0,0],[1.1872873928,0,0],[0.9541241452,0.4082482905,0]]")
    func catalogueHiddenLayer() {
        let hidden = catalogueModel.layerOutputs(features, propagation: pathGraph.normalizedAdjacency())[0]
        let expected: [Float] = [0.7041241452, 0, 0, 1.1872873928, 0, 0, 0.9541241452, 0.4082482905, 0]
        #expect(isApproximatelyEqual(hidden.scalars, expected, absoluteTolerance: 1e-6), "\(hidden)")
    }

    @Test("Sec. 9.3 (G1): logits S H W1 = [[0.836770121,0],[1.072739494,0.1666666667],[0.961770121,0.2041241452]] and their softmax")
    func catalogueOutput() {
        let s = pathGraph.normalizedAdjacency()
        let logits = catalogueModel.output(features, propagation: s)
        let expectedLogits: [Float] = [0.836770121, 0, 1.072739494, 0.1666666667, 0.961770121, 0.2041241452]
        #expect(isApproximatelyEqual(logits.scalars, expectedLogits, absoluteTolerance: 1e-6), "\(logits)")
        let expectedProbabilities: [Float] = [0.6977845304, 0.3022154696, 0.7121958700, 0.2878041300, 0.6808424316, 0.3191575684]
        #expect(isApproximatelyEqual(catalogueModel.probabilities(features, propagation: s).scalars, expectedProbabilities,
                                     absoluteTolerance: 1e-6))
        #expect(catalogueModel.predictions(features, propagation: s) == [0, 0, 0])
    }

    @Test("E-49 (iii): Eq. 2.9.5 as printed, with A^ = A + I instead of the normalised matrix, gives other numbers")
    func printedFormDiffers() {
        let printed = catalogueModel.output(features, propagation: pathGraph.propagationMatrix(.selfLoops))
        let meant = catalogueModel.output(features, propagation: pathGraph.normalizedAdjacency())
        #expect(!isApproximatelyEqual(printed.scalars, meant.scalars, absoluteTolerance: 1e-3))
        // A^ sums instead of averaging: node 1's hidden row is ReLU(((1,0) + (0,1) + (1,1)) W0) = ReLU(3, 0, -1), not (1.187, 0, 0).
        #expect(catalogueModel.layerOutputs(features, propagation: pathGraph.propagationMatrix(.selfLoops))[0].row(1) == [3, 0, 0])
    }

    @Test("Layer backward: dJ/dK and dJ/dH match central differences, for identity, ReLU and tanh (seed 31)",
          arguments: Activation.allCases)
    func layerGradients(activation: Activation) {
        var generator = Xoshiro256StarStar(seed: 31)
        let graph = randomGraph(nodeCount: 9, density: 0.35, generator: &generator)
        let s = graph.normalizedAdjacency()
        let (n, fIn, fOut) = (9, 4, 3)
        let h = generator.normalTensor(shape: [n, fIn])
        let layer = GraphConvolution(inputs: fIn, outputs: fOut, activation: activation, generator: &generator)
        let g = generator.normalTensor(shape: [n, fOut])   // J = sum G (.) H', so dJ/dH' = G
        let (_, cache) = layer.forward(h, propagation: s)
        let (inputGradient, weightGradient) = layer.backward(g, cache: cache, propagation: s)
        let dense = s.dense.doubles
        func loss(_ hValues: [Double], _ kValues: [Double]) -> Double {
            let out = doubleLayer(s: dense, h: hValues, k: kValues, nodes: n, inputs: fIn, outputs: fOut, activation: activation)
            return zip(out, g.doubles).reduce(0) { $0 + $1.0 * $1.1 }
        }
        let weightError = GradientCheck.error(analytic: weightGradient.doubles, at: layer.weights.doubles) { loss(h.doubles, $0) }
        let inputError = GradientCheck.error(analytic: inputGradient.doubles, at: h.doubles) { loss($0, layer.weights.doubles) }
        #expect(weightError < gradientTolerance, "dJ/dK, \(activation): error \(weightError)")
        #expect(inputError < gradientTolerance, "dJ/dH, \(activation): error \(inputError)")
    }

    @Test("ReLU's kink: at z = 0 the layer passes no gradient (ReLU'(0) = 0), at z > 0 all of it")
    func reluKink() {
        // One node, no edges: S = [[1]] (the self-loop normalised), so Z = H K exactly.
        let single = Graph(nodeCount: 1, edges: []).normalizedAdjacency()
        let layer = GraphConvolution(weights: Tensor([[1, -1]]), activation: .relu)
        for (input, expected) in [(Float(0), Float(0)), (2, 1), (-2, -1)] {
            let (_, cache) = layer.forward(Tensor([[input]]), propagation: single)
            let (dH, _) = layer.backward(Tensor([[1, 1]]), cache: cache, propagation: single)
            // z = (h, -h): the positive one passes its weight (+1 or -1) back, a zero or negative one nothing.
            #expect(dH.scalars == [expected], "h = \(input)")
        }
        #expect(Activation.relu.derivative(preActivation: 0, output: 0) == 0)
        #expect(Activation.tanh(1000) == 1 && Activation.tanh.derivative(preActivation: 1000, output: 1) == 0)
    }

    @Test("Two-layer network: every weight gradient of the masked loss matches central differences (seed 37)")
    func networkGradients() {
        var generator = Xoshiro256StarStar(seed: 37)
        let graph = randomGraph(nodeCount: 8, density: 0.4, generator: &generator)
        let s = graph.normalizedAdjacency()
        let x = generator.normalTensor(shape: [8, 5])
        let model = GraphConvolutionalNetwork(widths: [5, 4, 3], hiddenActivation: .tanh, generator: &generator)
        let loss = MaskedCrossEntropy(labelledNodes: [1, 4, 6], labels: [2, 0, 2], classes: 3)
        let (_, gradients) = model.lossAndGradients(x, propagation: s, loss: loss, weightDecay: 0.1)
        let (w0, w1) = (model.layers[0].weights, model.layers[1].weights)
        let dense = s.dense.doubles
        func reference(_ w0Values: [Double], _ w1Values: [Double]) -> Double {
            let hidden = doubleLayer(s: dense, h: x.doubles, k: w0Values, nodes: 8, inputs: 5, outputs: 4, activation: .tanh)
            let logits = doubleLayer(s: dense, h: hidden, k: w1Values, nodes: 8, inputs: 4, outputs: 3, activation: .identity)
            var total = 0.0
            for (node, label) in zip(loss.labelledNodes, loss.labels) {
                let row = Array(logits[(node * 3)..<(node * 3 + 3)])
                total -= row[label] - log(row.map(exp).reduce(0, +))
            }
            return total / 3 + 0.05 * w0Values.reduce(0) { $0 + $1 * $1 }
        }
        let error0 = GradientCheck.error(analytic: gradients[0].doubles, at: w0.doubles) { reference($0, w1.doubles) }
        let error1 = GradientCheck.error(analytic: gradients[1].doubles, at: w1.doubles) { reference(w0.doubles, $0) }
        #expect(error0 < gradientTolerance, "dJ/dW0: error \(error0)")
        #expect(error1 < gradientTolerance, "dJ/dW1: error \(error1)")
    }

    @Test("Permutation equivariance: relabelling the nodes (A' = P A P^T, X' = P X) relabels the outputs the same way (seed 41)")
    func permutationEquivariance() {
        var generator = Xoshiro256StarStar(seed: 41)
        let graph = randomGraph(nodeCount: 12, density: 0.3, generator: &generator)
        let x = generator.normalTensor(shape: [12, 3])
        let model = GraphConvolutionalNetwork(widths: [3, 5, 4, 2], hiddenActivation: .relu, generator: &generator)
        for trial in 0..<5 {
            let newLabel = generator.permutation(12)
            var oldLabel = [Int](repeating: 0, count: 12)
            for (old, new) in newLabel.enumerated() { oldLabel[new] = old }
            let relabelled = graph.relabelled(newLabel)
            let output = model.output(x, propagation: graph.normalizedAdjacency())
            let relabelledOutput = model.output(x.gatheringRows(oldLabel), propagation: relabelled.normalizedAdjacency())
            #expect(isApproximatelyEqual(relabelledOutput.scalars, output.gatheringRows(oldLabel).scalars, absoluteTolerance: 1e-5),
                    "trial \(trial), permutation \(newLabel)")
        }
    }

    @Test("A layer with no weights trained averages: with S H and K = I, each row is a weighted mean of the node and its neighbours")
    func identityWeightsAverage() {
        let layer = GraphConvolution(weights: identityFeatures(2), activation: .identity)
        let h = Tensor([[3, 0], [0, 0], [0, 6]])
        let (output, _) = layer.forward(h, propagation: pathGraph.normalizedAdjacency())
        // Node 1: 1/sqrt6 * (3, 0) + 1/3 * (0, 0) + 1/sqrt6 * (0, 6).
        #expect(isApproximatelyEqual(output.row(1), [3 * oneOverSquareRootSix, 6 * oneOverSquareRootSix]))
    }

    @Test("E-51: Xavier normal weights have standard deviation sqrt(2 / (n_in + n_out)), i.e. variance 2 / (n_in + n_out) (seed 43)")
    func xavierInitialisation() {
        var generator = Xoshiro256StarStar(seed: 43)
        let layer = GraphConvolution(inputs: 300, outputs: 100, activation: .relu, generator: &generator)
        let values = layer.weights.doubles
        let mean = values.reduce(0, +) / Double(values.count)
        let deviation = (values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(values.count)).squareRoot()
        // 30,000 draws: the sample deviation is within 0.4 % of the true one (one standard error); 2 % is 5 of them.
        #expect(isApproximatelyEqual(deviation, (2.0 / 400).squareRoot(), relativeTolerance: 0.02), "sd \(deviation)")
        #expect(abs(mean) < 0.002, "mean \(mean)")
    }
}
