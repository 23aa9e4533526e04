// ScalarNetwork.swift: a multi-layer perceptron built from scalar nodes, one `Node` per weight, as
// micrograd builds its MLP: MLiS II Sec. 1.1.3 (the neuron, Eq. (1.1.4)) and Sec. 1.2.4 (layers,
// Eq. (1.2.18)), with Xavier initialisation (Eq. (1.6.3)).
// Goals, in order: the same layout and numbers as NeuralNetworks' `Dense` (W_ij joins input i to
// unit j; bias separate), so the engine can check Dense's backward pass weight by weight; readable;
// speed is not a goal (the chapter measures how far it is from the batched tensor version).

import Core

/// Phi of a scalar neuron (MLiS II Table 1.2), made of the engine's nodes.
public enum ScalarActivation: Sendable {
    case linear, relu, tanh, sigmoid

    /// Phi(z) as a node (linear returns z itself).
    public func callAsFunction(_ z: Node) -> Node {
        switch self {
        case .linear: z
        case .relu: Node.relu(z)
        case .tanh: Node.tanh(z)
        case .sigmoid: Node.sigmoid(z)
        }
    }
}

/// One fully connected layer of scalar neurons.
///
/// `weights[i][j]` is W_ij, joining input i to unit j (n_in rows of n_out, as `Dense.weights`), and
/// `biases[j]` is b_j; every number is an input `Node`, so after `loss.backward()` each holds its own
/// dJ/dW_ij in `gradient`.
public struct ScalarLayer {
    public let weights: [[Node]]
    public let biases: [Node]
    public let activation: ScalarActivation

    /// A layer with given W (n_in rows of n_out numbers) and b (n_out numbers).
    /// Precondition: every row of W has one entry per bias.
    public init(weights: [[Double]], biases: [Double], activation: ScalarActivation) {
        require(!weights.isEmpty && weights.allSatisfy { $0.count == biases.count },
                "ScalarLayer: W must be n_in rows of \(biases.count) numbers (one per bias), got rows of \(weights.map(\.count))")
        self.weights = weights.enumerated().map { i, row in row.enumerated().map { j, w in Node(w, label: "W\(i + 1)\(j + 1)") } }
        self.biases = biases.enumerated().map { j, b in Node(b, label: "b\(j + 1)") }
        self.activation = activation
    }

    /// A layer of `outputs` units on `inputs` inputs: W_ij ~ U(-a, a) with a = sqrt(6/(n_in + n_out))
    /// (Xavier, Eq. (1.6.3)), biases 0, drawn from `generator`.
    public init(inputs: Int, outputs: Int, activation: ScalarActivation, generator: inout Xoshiro256StarStar) {
        require(inputs > 0 && outputs > 0, "ScalarLayer: needs at least one input and one output, got \(inputs) -> \(outputs)")
        let bound = (6 / Double(inputs + outputs)).squareRoot()
        let weights = (0..<inputs).map { _ in (0..<outputs).map { _ in bound * (2 * generator.uniformDouble() - 1) } }
        self.init(weights: weights, biases: Array(repeating: 0, count: outputs), activation: activation)
    }

    public var inputCount: Int { weights.count }
    public var outputCount: Int { biases.count }

    /// a_j = Phi(sum_i x_i W_ij + b_j) for every unit j   (Eq. (1.2.18), one neuron as Eq. (1.1.4))
    /// Precondition: one input per row of W.
    public func callAsFunction(_ input: [Node]) -> [Node] {
        require(input.count == inputCount, "ScalarLayer: \(input.count) inputs for a layer with n_in = \(inputCount)")
        return (0..<outputCount).map { j in
            activation(Node.sum(input.indices.map { i in input[i] * weights[i][j] } + [biases[j]]))
        }
    }

    /// W row by row, then b: the order `Dense.weights` and `Dense.bias` list their numbers in.
    public var parameters: [Node] { weights.flatMap { $0 } + biases }
}

/// Layers applied one after the other: a^(l) = Phi^(l)(W^(l)T a^(l-1) + b^(l))   (Eq. (1.2.18))
///
/// ```swift
/// var generator = Xoshiro256StarStar(seed: 1)
/// let network = ScalarNetwork(sizes: [2, 8, 1], hidden: .tanh, output: .linear, generator: &generator)
/// print(network.parameters.count)          // 33 = 2 * 8 + 8 + 8 * 1 + 1
/// let y = network([0.5, -1])[0]             // one output node; y.backward() fills every gradient
/// ```
public struct ScalarNetwork {
    public let layers: [ScalarLayer]

    /// Precondition: each layer takes as many inputs as the one before gives.
    public init(_ layers: [ScalarLayer]) {
        require(!layers.isEmpty, "ScalarNetwork: needs at least one layer")
        for (lower, upper) in zip(layers, layers.dropFirst()) {
            require(lower.outputCount == upper.inputCount,
                    "ScalarNetwork: a layer with \(lower.outputCount) outputs feeds one with \(upper.inputCount) inputs")
        }
        self.layers = layers
    }

    /// A network with layer sizes n_0 (inputs), n_1, ..., n_L, Xavier-initialised, `hidden` on every
    /// layer but the last, which uses `output`.
    public init(sizes: [Int], hidden: ScalarActivation, output: ScalarActivation, generator: inout Xoshiro256StarStar) {
        require(sizes.count >= 2, "ScalarNetwork: sizes must list the inputs and at least one layer, got \(sizes)")
        var layers: [ScalarLayer] = []
        for l in 1..<sizes.count {
            layers.append(ScalarLayer(inputs: sizes[l - 1], outputs: sizes[l], activation: l == sizes.count - 1 ? output : hidden,
                                      generator: &generator))
        }
        self.init(layers)
    }

    /// The outputs a^(L) for one example given as nodes.
    public func callAsFunction(_ input: [Node]) -> [Node] {
        layers.reduce(input) { activations, layer in layer(activations) }
    }

    /// The outputs for one example given as numbers (each becomes a constant node).
    public func callAsFunction(_ input: [Double]) -> [Node] {
        self(input.map { Node(constant: $0) })
    }

    /// The output values for one example. It builds the graph and throws it away: simple, not fast.
    public func predict(_ input: [Double]) -> [Double] {
        self(input).map(\.value)
    }

    /// Every weight and bias, layer by layer (W row by row, then b).
    public var parameters: [Node] { layers.flatMap(\.parameters) }
}
