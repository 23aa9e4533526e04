// GraphConvolutionalNetwork.swift: graph layers stacked, H^(l) = f(H^(l-1), A), H^(0) = X
// (MLiS II Eq. (2.9.2)), and the two-layer semi-supervised model of Eq. (2.9.5),
//     Y^ = softmax(S ReLU(S X W^(0)) W^(1)),   S = D^^-1/2 A^ D^^-1/2
// (the notes print A^ where the normalised matrix is meant: erratum E-49 (iii)).
// Goals, in order: forward and backward through any number of layers, each a `GraphConvolution`;
// the softmax kept in the loss (MaskedCrossEntropy), so the network's output is the logits; training
// with any NeuralNetworks `Optimiser`, stopped with `DivergenceError` if the loss stops being finite.

import Core
import NeuralNetworks

/// A stack of graph convolutional layers on one graph, itself a `Layer`. The last layer's output is
/// the logits (or, untrained, an embedding: with 2 outputs, a point in the plane for every node).
///
/// ```swift
/// var generator = Xoshiro256StarStar(seed: 1)
/// let s = club.graph.normalisedAdjacency()
/// let model = GraphConvolutionalNetwork.twoLayer(inputs: 34, hidden: 16, classes: 2, propagation: s,
///                                                generator: &generator)
/// let logits = model(identityFeatures(34))   // [34, 2]
/// ```
public final class GraphConvolutionalNetwork: Layer {
    public let layers: [GraphConvolution]

    /// Preconditions: at least one layer; each layer's F_in is the previous layer's F_out; all layers
    /// propagate along the same S (one graph, as the A of Eq. (2.9.2)).
    public init(layers: [GraphConvolution]) {
        require(!layers.isEmpty, "GraphConvolutionalNetwork: needs at least one layer")
        for (l, (previous, next)) in zip(layers, layers.dropFirst()).enumerated() {
            requireShapes(previous.outputCount == next.inputCount,
                          "GraphConvolutionalNetwork (the weights of layers \(l) and \(l + 1))",
                          previous.weights.value.shape, next.weights.value.shape)
            require(previous.propagation == next.propagation,
                    "GraphConvolutionalNetwork: layers \(l) and \(l + 1) propagate along different graphs")
        }
        self.layers = layers
    }

    /// Layers of the given widths [F_0, F_1, ..., F_L] on the graph S, weights drawn one layer after
    /// the other by `weightInitialisation` (Xavier normal, MLiS II Eq. (1.6.4)): every layer but the
    /// last uses `hiddenActivation`, the last one the identity (`.linear`).
    public convenience init(widths: [Int], hiddenActivation: Activation, propagation: SparseMatrix,
                            weightInitialisation: Initialisation = .xavierNormal, generator: inout Xoshiro256StarStar) {
        require(widths.count >= 2, "GraphConvolutionalNetwork: widths \(widths) need an input and an output width")
        var layers: [GraphConvolution] = []
        for l in 0..<(widths.count - 1) {
            layers.append(GraphConvolution(inputs: widths[l], outputs: widths[l + 1],
                                           activation: l == widths.count - 2 ? .linear : hiddenActivation,
                                           propagation: propagation, weightInitialisation: weightInitialisation,
                                           generator: &generator))
        }
        self.init(layers: layers)
    }

    /// The model of Eq. (2.9.5): W^(0) [inputs, hidden] with ReLU, then W^(1) [hidden, classes] giving
    /// the logits (the softmax is applied by `probabilities` and by the loss).
    public static func twoLayer(inputs: Int, hidden: Int, classes: Int, propagation: SparseMatrix,
                                generator: inout Xoshiro256StarStar) -> GraphConvolutionalNetwork {
        GraphConvolutionalNetwork(widths: [inputs, hidden, classes], hiddenActivation: .relu, propagation: propagation,
                                  generator: &generator)
    }

    /// The weights of every layer, in order (W^(0), W^(1), ...): what an optimiser updates.
    public var parameters: [Parameter] { layers.flatMap(\.parameters) }

    /// The graph every layer propagates along; setting it moves the whole network to another graph.
    public var propagation: SparseMatrix {
        get { layers[0].propagation }
        set { for layer in layers { layer.propagation = newValue } }
    }

    /// H^(L) from H^(0) = X, one `GraphConvolution.forward` per layer   Eq. (2.9.2)
    /// Shapes: X [N, F_0] -> H^(L) [N, F_L], the logits or the embedding.
    public func forward(_ x: Tensor, training: Bool = false) -> Tensor {
        layers.reduce(x) { h, layer in layer.forward(h, training: training) }
    }

    /// dJ/dX from dJ/dH^(L), through the layers last to first; sets every layer's dJ/dW^(l).
    public func backward(_ outputGradient: Tensor) -> Tensor {
        layers.reversed().reduce(outputGradient) { gradient, layer in layer.backward(gradient) }
    }

    /// Every layer's output H^(1), ..., H^(L).
    public func layerOutputs(_ x: Tensor) -> [Tensor] {
        var h = x
        return layers.map { layer in
            h = layer.forward(h)
            return h
        }
    }

    /// Y^ = softmax of every row of the logits   Eq. (2.9.5), shape [N, classes].
    public func probabilities(_ x: Tensor) -> Tensor {
        forward(x).softmaxRows()
    }

    /// The class of largest probability of every node.
    public func predictions(_ x: Tensor) -> [Int] {
        forward(x).argmaxPerRow()
    }

    /// The four steps of MLiS II Sec. 1.3 for the masked loss: the forward pass on X, J and dJ/dZ on the
    /// labelled nodes, the backward pass, which leaves dJ/dW^(l) in every layer's `weights.gradient`.
    /// Returns J.
    ///
    /// `penalty` applies to the first layer's weights only, as Kipf & Welling's weight decay does
    /// (their (lambda/2) ||W^(0)||^2 is `Penalty.l2(lambda / 2)`: Eq. (1.7.2)'s lambda, halved, E-53);
    /// its value is added to J and its gradient to dJ/dW^(0).
    @discardableResult
    public func computeGradients(_ x: Tensor, loss: MaskedCrossEntropy, penalty: Penalty? = nil) -> Float {
        let (value, zGradient) = loss.evaluate(forward(x, training: true))
        _ = backward(zGradient)   // dJ/dX is not needed; the layers keep dJ/dW^(l)
        guard let penalty else { return value }
        penalty.addGradient(to: layers[0].parameters)
        return value + penalty.value(layers[0].parameters)
    }

    /// Full-batch training on the graph: `epochs` steps of `optimiser` on the masked loss. Returns the
    /// loss before each step; `afterEpoch(epoch, loss)` runs after each (epoch counts from 1).
    /// Throws `DivergenceError` if the loss becomes NaN or infinite.
    @discardableResult
    public func train(_ x: Tensor, loss: MaskedCrossEntropy, epochs: Int, optimiser: inout some Optimiser,
                      penalty: Penalty? = nil, afterEpoch: (Int, Float) -> Void = { _, _ in }) throws -> [Float] {
        require(epochs >= 0, "GraphConvolutionalNetwork.train: epochs must be >= 0, got \(epochs)")
        var history: [Float] = []
        for epoch in stride(from: 1, through: epochs, by: 1) {
            let value = computeGradients(x, loss: loss, penalty: penalty)
            try DivergenceError.check(value, step: epoch)
            optimiser.update(parameters)
            history.append(value)
            afterEpoch(epoch, value)
        }
        return history
    }
}

/// The identity matrix I_N, shape [N, N]: the features X = I of a graph whose nodes carry no
/// features (MLiS II Sec. 2.9.2, after Eq. (2.9.2)): node i's only feature is being node i.
public func identityFeatures(_ nodeCount: Int) -> Tensor {
    diagonalMatrix([Float](repeating: 1, count: nodeCount))
}
