// A complete learner on scalar nodes (micrograd's demonstration): a small MLP whose every weight is a
// Node learns XOR (MLiS II Eq. (1.2.4)) and two half-moons by full-batch gradient descent
// (Eq. (1.3.13)); plus the layer's forward pass against Dense's and the toy data's shape.

import Testing
import Core
import AutoDiff
import NeuralNetworks

@Suite("Learning on scalar nodes: XOR and the moons")
struct LearningTests {
    @Test("A 2-4-1 tanh network on scalar nodes learns XOR: 4/4 correct, BCE below 0.1 after 200 steps (seed 1)")
    func learnsXOR() {
        var generator = Xoshiro256StarStar(seed: 1)
        let network = ScalarNetwork(sizes: [2, 4, 1], hidden: .tanh, output: .linear, generator: &generator)
        let losses = network.train(ToyData.xorInputs, labels: ToyData.xorLabels, loss: .binaryCrossEntropy, epochs: 200, learningRate: 0.5)
        #expect(losses.count == 200 && losses[0] > 0.6 && losses.last! < 0.1, "loss \(losses[0]) -> \(losses.last!)")
        #expect(network.accuracy(ToyData.xorInputs, labels: ToyData.xorLabels, loss: .binaryCrossEntropy) == 1)
    }

    @Test("A 2-6-6-1 tanh network learns 30 moons points in 150 steps: at least 95 % of them and 90 % of 200 new points (seed 1)")
    func learnsMoons() {
        var generator = Xoshiro256StarStar(seed: 1)
        let train = ToyData.moons(count: 30, noise: 0.1, generator: &generator)
        let test = ToyData.moons(count: 200, noise: 0.1, generator: &generator)
        let network = ScalarNetwork(sizes: [2, 6, 6, 1], hidden: .tanh, output: .linear, generator: &generator)
        let losses = network.train(train.points, labels: train.labels, loss: .binaryCrossEntropy, epochs: 150, learningRate: 1)
        #expect(losses.last! < losses[0] / 4, "loss \(losses[0]) -> \(losses.last!)")
        #expect(network.accuracy(train.points, labels: train.labels, loss: .binaryCrossEntropy) >= 0.95)
        #expect(network.accuracy(test.points, labels: test.labels, loss: .binaryCrossEntropy) >= 0.9)
    }

    @Test("ScalarLayer's forward pass equals Dense's for every activation on random inputs (seed 7)")
    func layerMatchesDenseForward() {
        var generator = Xoshiro256StarStar(seed: 7)
        let pairs: [(ScalarActivation, Activation)] = [(.linear, .linear), (.relu, .relu), (.tanh, .tanh), (.sigmoid, .sigmoid)]
        for (scalar, tensor) in pairs {
            let dense = Dense(inputs: 3, outputs: 4, activation: tensor, biasInitialisation: .normal(standardDeviation: 0.5), generator: &generator)
            let x = generator.normalTensor(shape: [5, 3])
            let expected = dense.forward(x).doubles
            let layer = ScalarLayer(weights: rows(dense.weights.value), biases: dense.bias.value.doubles, activation: scalar)
            let got = rows(x).flatMap { layer($0.map { Node(constant: $0) }).map(\.value) }
            #expect(largestDifference(got, expected) < 1e-6, "\(scalar)")
        }
    }

    @Test("Xavier initialisation, Eq. (1.6.3): every weight within sqrt(6/(n_in + n_out)), biases 0; the parameter count is sum (n_in + 1) n_out")
    func initialisation() {
        var generator = Xoshiro256StarStar(seed: 9)
        let network = ScalarNetwork(sizes: [2, 16, 16, 1], hidden: .relu, output: .linear, generator: &generator)
        #expect(network.parameters.count == 3 * 16 + 17 * 16 + 17)
        for layer in network.layers {
            let bound = (6 / Double(layer.inputCount + layer.outputCount)).squareRoot()
            #expect(layer.weights.joined().allSatisfy { abs($0.value) <= bound })
            #expect(layer.biases.allSatisfy { $0.value == 0 })
        }
    }

    @Test("The moons: balanced labels, class 0 on the upper arc and class 1 on the lower one, the same points for the same seed")
    func moonsData() {
        var first = Xoshiro256StarStar(seed: 4), second = Xoshiro256StarStar(seed: 4)
        let data = ToyData.moons(count: 200, noise: 0, generator: &first)
        #expect(data.points == ToyData.moons(count: 200, noise: 0, generator: &second).points)
        #expect(data.labels.filter { $0 == 1 }.count == 100)
        for (point, label) in zip(data.points, data.labels) {
            let (centreX, centreY) = label == 0 ? (0.0, 0.0) : (1.0, 0.5)
            let radius = ((point[0] - centreX) * (point[0] - centreX) + (point[1] - centreY) * (point[1] - centreY)).squareRoot()
            #expect(isApproximatelyEqual(radius, 1, absoluteTolerance: 1e-12))
            #expect(label == 0 ? point[1] >= 0 : point[1] <= 0.5)
        }
    }
}
