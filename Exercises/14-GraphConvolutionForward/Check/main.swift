// Checks for exercise 14 (one graph layer's forward pass). Run: swift run --package-path Exercises exercises 14

import ExerciseCheck
import Core
import NeuralNetworks
import GraphNetworks
import Exercise14

let path = Graph(nodeCount: 3, edges: [(0, 1), (1, 2)])

check("The worked hidden layer (Sec. 9.3, G1): [[0.7041,0,0],[1.1873,0,0],[0.9541,0.4082,0]]") {
    let h = graphConvolution(propagation: path.normalisedAdjacency().dense, features: Tensor([[1, 0], [0, 1], [1, 1]]),
                             weights: Tensor([[1, -1, 0.5], [0.5, 1, -1]]))
    let expected: [Float] = [0.7041241452, 0, 0, 1.1872873928, 0, 0, 0.9541241452, 0.4082482905, 0]
    expect(h.shape == [3, 3], "H' must be [N, F_out] = [3, 3], got \(h.shape)")
    expect(isApproximatelyEqual(h.scalars, expected, absoluteTolerance: 1e-6), "got \(h)")
}

check("ReLU: no output is negative, and negative pre-activations become exactly 0") {
    let h = graphConvolution(propagation: path.normalisedAdjacency().dense, features: Tensor([[1], [1], [1]]),
                             weights: Tensor([[-1, 2]]))
    expect(h.shape == [3, 2], "got shape \(h.shape)")
    expect(h.scalars.count == 6 && (0..<3).allSatisfy { h[$0, 0] == 0 && h[$0, 1] > 0 }, "got \(h)")
}

check("Agrees with the library's GraphConvolution on a random graph (seed 141)") {
    var generator = Xoshiro256StarStar(seed: 141)
    var edges: [(Int, Int)] = []
    for i in 0..<10 { for j in (i + 1)..<10 where generator.uniformDouble() < 0.3 { edges.append((i, j)) } }
    let s = Graph(nodeCount: 10, edges: edges).normalisedAdjacency()
    let features = generator.normalTensor(shape: [10, 4])
    let layer = GraphConvolution(inputs: 4, outputs: 3, activation: .relu, propagation: s, generator: &generator)
    let expected = layer(features)
    let yours = graphConvolution(propagation: s.dense, features: features, weights: layer.weights.value)
    expect(isApproximatelyEqual(yours.scalars, expected.scalars, absoluteTolerance: 1e-5), "expected \(expected), got \(yours)")
}

runChecks()
