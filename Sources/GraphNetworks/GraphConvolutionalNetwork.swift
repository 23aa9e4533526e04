// GraphConvolutionalNetwork.swift: graph layers stacked, H^(l) = f(H^(l-1), A), H^(0) = X
// (MLiS II Eq. 2.9.2), and the two-layer semi-supervised model of Eq. (2.9.5),
//     Y^ = softmax(S ReLU(S X W^(0)) W^(1)),   S = D^^-1/2 A^ D^^-1/2
// (the notes print A^ where the normalised matrix is meant: erratum E-49 (iii)).
// Goals, in order: forward and backward through any number of layers, each a `GraphConvolution`;
// the softmax kept in the loss (MaskedCrossEntropy), so the network's output is the logits; training
// with any `Optimizer`, stopped with `DivergenceError` if the loss stops being finite.

import Core

/// A stack of graph convolutional layers. The last layer's output is the logits (or, untrained, an
/// embedding: with 2 outputs, a point in the plane for every node).
///
/// ```swift
/// var generator = Xoshiro256StarStar(seed: 1)
/// var model = GraphConvolutionalNetwork.twoLayer(inputs: 34, hidden: 16, classes: 2, generator: &generator)
/// let logits = model.output(features, propagation: club.graph.normalizedAdjacency())   // [34, 2]
/// ```
public struct GraphConvolutionalNetwork: Sendable {
    public var layers: [GraphConvolution]

    /// Preconditions: at least one layer; each layer's F_in is the previous layer's F_out.
    public init(layers: [GraphConvolution]) {
        require(!layers.isEmpty, "GraphConvolutionalNetwork: needs at least one layer")
        for (l, (previous, next)) in zip(layers, layers.dropFirst()).enumerated() {
            requireShapes(previous.outputCount == next.inputCount,
                          "GraphConvolutionalNetwork (the weights of layers \(l) and \(l + 1))",
                          previous.weights.shape, next.weights.shape)
        }
        self.layers = layers
    }

    /// Layers of the given widths [F_0, F_1, ..., F_L] with Xavier normal weights (MLiS II Eq. 1.6.4):
    /// every layer but the last uses `hiddenActivation`, the last one the identity.
    public init(widths: [Int], hiddenActivation: Activation, generator: inout Xoshiro256StarStar) {
        require(widths.count >= 2, "GraphConvolutionalNetwork: widths \(widths) need an input and an output width")
        var layers: [GraphConvolution] = []
        for l in 0..<(widths.count - 1) {
            layers.append(GraphConvolution(inputs: widths[l], outputs: widths[l + 1],
                                           activation: l == widths.count - 2 ? .identity : hiddenActivation,
                                           generator: &generator))
        }
        self.init(layers: layers)
    }

    /// The model of Eq. (2.9.5): W^(0) [inputs, hidden] with ReLU, then W^(1) [hidden, classes] giving
    /// the logits (the softmax is applied by `probabilities` and by the loss).
    public static func twoLayer(inputs: Int, hidden: Int, classes: Int, generator: inout Xoshiro256StarStar)
        -> GraphConvolutionalNetwork
    {
        GraphConvolutionalNetwork(widths: [inputs, hidden, classes], hiddenActivation: .relu, generator: &generator)
    }

    /// The weights of every layer, in order (W^(0), W^(1), ...): what an optimiser updates.
    public var parameters: [Tensor] {
        get { layers.map(\.weights) }
        set {
            require(newValue.map(\.shape) == layers.map(\.weights.shape),
                    "GraphConvolutionalNetwork.parameters: shapes \(newValue.map(\.shape)) do not match \(layers.map(\.weights.shape))")
            for l in layers.indices { layers[l].weights = newValue[l] }
        }
    }

    /// H^(L) from H^(0) = X, one `GraphConvolution.forward` per layer (Eq. 2.9.2), and every layer's cache.
    /// Preconditions: S is [N, N] and X is [N, F_0].
    public func forward(_ x: Tensor, propagation s: SparseMatrix) -> (output: Tensor, caches: [GraphConvolution.Cache]) {
        var h = x
        var caches: [GraphConvolution.Cache] = []
        for layer in layers {
            let (output, cache) = layer.forward(h, propagation: s)
            caches.append(cache)
            h = output
        }
        return (h, caches)
    }

    /// The last layer's output H^(L), shape [N, F_L]: the logits, or the embedding.
    public func output(_ x: Tensor, propagation s: SparseMatrix) -> Tensor {
        forward(x, propagation: s).output
    }

    /// Every layer's output H^(1), ..., H^(L).
    public func layerOutputs(_ x: Tensor, propagation s: SparseMatrix) -> [Tensor] {
        forward(x, propagation: s).caches.map(\.output)
    }

    /// Y^ = softmax of every row of the logits   (Eq. 2.9.5), shape [N, classes].
    public func probabilities(_ x: Tensor, propagation s: SparseMatrix) -> Tensor {
        output(x, propagation: s).softmaxRows()
    }

    /// The class of largest probability of every node.
    public func predictions(_ x: Tensor, propagation s: SparseMatrix) -> [Int] {
        output(x, propagation: s).argmaxPerRow()
    }

    /// Backpropagation through the layers, last to first: from dJ/dH^(L), the gradient of every
    /// layer's weights (in the order of `parameters`) and dJ/dX.
    public func backward(_ outputGradient: Tensor, caches: [GraphConvolution.Cache], propagation s: SparseMatrix)
        -> (weightGradients: [Tensor], inputGradient: Tensor)
    {
        require(caches.count == layers.count, "GraphConvolutionalNetwork.backward: \(caches.count) caches for \(layers.count) layers")
        var gradient = outputGradient
        var weightGradients: [Tensor] = []
        for l in layers.indices.reversed() {
            let (inputGradient, weightGradient) = layers[l].backward(gradient, cache: caches[l], propagation: s)
            weightGradients.append(weightGradient)
            gradient = inputGradient
        }
        return (weightGradients.reversed(), gradient)
    }

    /// The masked loss J and its gradient with respect to every layer's weights, with an optional
    /// L2 penalty (weightDecay / 2) ||W^(0)||^2 on the first layer, as Kipf & Welling use.
    public func lossAndGradients(_ x: Tensor, propagation s: SparseMatrix, loss: MaskedCrossEntropy,
                                 weightDecay: Float = 0) -> (loss: Float, gradients: [Tensor]) {
        let (logits, caches) = forward(x, propagation: s)
        let evaluated = loss.evaluate(logits)
        var value = evaluated.loss
        var gradients = backward(evaluated.gradient, caches: caches, propagation: s).weightGradients
        if weightDecay > 0 {
            value += weightDecay / 2 * layers[0].weights.dot(layers[0].weights)
            gradients[0].add(layers[0].weights, scaledBy: weightDecay)
        }
        return (value, gradients)
    }

    /// Full-batch training on one graph: `epochs` steps of `optimizer` on the masked loss. Returns the
    /// loss before each step; `afterEpoch(epoch, loss)` runs after each (epoch counts from 1).
    /// Throws `DivergenceError` if the loss becomes NaN or infinite.
    @discardableResult
    public mutating func train(_ x: Tensor, propagation s: SparseMatrix, loss: MaskedCrossEntropy, epochs: Int,
                               optimizer: inout some Optimizer, weightDecay: Float = 0,
                               afterEpoch: (Int, Float) -> Void = { _, _ in }) throws -> [Float] {
        require(epochs >= 0, "GraphConvolutionalNetwork.train: epochs must be >= 0, got \(epochs)")
        var history: [Float] = []
        for epoch in stride(from: 1, through: epochs, by: 1) {
            let (value, gradients) = lossAndGradients(x, propagation: s, loss: loss, weightDecay: weightDecay)
            try DivergenceError.check(value, step: epoch)
            var weights = parameters
            optimizer.update(&weights, gradients: gradients)
            parameters = weights
            history.append(value)
            afterEpoch(epoch, value)
        }
        return history
    }
}

/// The identity matrix I_N, shape [N, N]: the features X = I of a graph whose nodes carry no
/// features (MLiS II Sec. 2.9.2, after Eq. 2.9.2): node i's only feature is being node i.
public func identityFeatures(_ nodeCount: Int) -> Tensor {
    diagonalMatrix([Float](repeating: 1, count: nodeCount))
}
