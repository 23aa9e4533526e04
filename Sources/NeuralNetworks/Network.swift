// Network.swift: layers in sequence, MLiS II Sec. 1.2.4 (Eqs. 1.2.18-1.2.20) and the algorithm of
// Sec. 1.3: forward pass, error at the output layer, backward pass, gradients; the keras
// `Sequential` of Sec. 1.4 and DAT300 "Keras and Basic TensorFlow".
// Goals, in order: the four steps of Sec. 1.3 visible in `backward(loss:...)`; a network is itself a
// `Layer`, so a GAN or a VAE can nest networks.

import Core

/// A stack of layers; the output of each is the input of the next.
///
/// ```swift
/// var generator = Xoshiro256StarStar(seed: 1)
/// let network = Network([
///     Dense(inputs: 64, outputs: 64, activation: .relu, generator: &generator),
///     Dense(inputs: 64, outputs: 10, activation: .softmax, generator: &generator),
/// ])                                           // DAT300 "Artificial Neural Network"
/// print(network.trainableParameterCount)      // 4810
/// ```
public final class Network: Layer {
    public let layers: [any Layer]

    public init(_ layers: [any Layer]) {
        self.layers = layers
    }

    /// Every parameter of every layer, in layer order (trainable ones and saved state).
    public var parameters: [Parameter] { layers.flatMap(\.parameters) }

    /// The number of trainable scalars (the count keras' `model.summary()` prints, MLiS II Sec. 1.4).
    public var trainableParameterCount: Int {
        parameters.filter(\.isTrainable).reduce(0) { $0 + $1.count }
    }

    /// Step 1 of Sec. 1.3, the forward pass: each layer's output feeds the next.
    public func forward(_ input: Tensor, training: Bool = false) -> Tensor {
        layers.reduce(input) { activation, layer in layer.forward(activation, training: training) }
    }

    /// Step 3 of Sec. 1.3, the backward pass: dJ/d(output) through the layers in reverse order.
    /// Returns dJ/d(input); every layer sets its parameters' gradients on the way.
    public func backward(_ outputGradient: Tensor) -> Tensor {
        layers.reversed().reduce(outputGradient) { gradient, layer in layer.backward(gradient) }
    }

    /// Steps 2-4 of Sec. 1.3 after `forward(X, training:)` returned `output`: the error at the output
    /// layer from the loss, then the backward pass, which leaves dJ/dtheta in every parameter.
    ///
    /// When the last layer is a `Dense` whose activation suits the loss (softmax with CCE, sigmoid
    /// with BCE), its error is the simple Delta = (Y^ - Y)/N (`Loss.simplifiedDelta`); otherwise the
    /// last layer starts from dJ/dY^ (`Loss.gradient`) and applies Eq. (1.3.4) itself.
    @discardableResult
    public func backward(loss: Loss, output: Tensor, target: Tensor) -> Tensor {
        var remaining = layers[...]
        var gradient: Tensor
        if let last = layers.last as? Dense,
           let delta = loss.simplifiedDelta(outputActivation: last.activation, predicted: output, target: target) {
            gradient = last.backward(delta: delta)
            remaining = remaining.dropLast()
        } else {
            gradient = loss.gradient(predicted: output, target: target)
        }
        for layer in remaining.reversed() { gradient = layer.backward(gradient) }
        return gradient
    }

    /// The test-time loss J on (X, Y), in batches of at most `batchSize` rows (weighted by size).
    public func loss(_ X: Tensor, _ Y: Tensor, loss: Loss, batchSize: Int = 1024) -> Float {
        requireShapes(X.rank == 2 && Y.rank == 2 && X.rows == Y.rows, "Network.loss: X rows vs Y rows", X.shape, Y.shape)
        require(batchSize > 0, "Network.loss: batchSize must be positive, got \(batchSize)")
        var total: Float = 0
        for start in stride(from: 0, to: X.rows, by: batchSize) {
            let rows = Array(start..<min(start + batchSize, X.rows))
            let output = forward(X.gatheringRows(rows), training: false)
            total += loss.value(predicted: output, target: Y.gatheringRows(rows)) * Float(rows.count)
        }
        return total / Float(max(X.rows, 1))
    }

    /// The most probable class of each row of X (the largest output).
    public func predictClasses(_ X: Tensor) -> [Int] {
        forward(X, training: false).argmaxPerRow()
    }

    /// The fraction of rows of X whose predicted class equals `labels`.
    public func accuracy(_ X: Tensor, labels: [Int]) -> Double {
        Core.accuracy(predicted: predictClasses(X), truth: labels)
    }

    /// A copy of every parameter's value (trainable ones and saved state), e.g. the best network of
    /// early stopping (MLiS II Sec. 1.7.1).
    public func snapshot() -> [Tensor] { parameters.map(\.value) }

    /// Puts back values taken by `snapshot()`. Precondition: the same network (count and shapes).
    public func restore(_ values: [Tensor]) {
        let parameters = self.parameters
        require(values.count == parameters.count,
                "Network.restore: \(values.count) tensors for \(parameters.count) parameters")
        for (parameter, value) in zip(parameters, values) {
            requireShapes(parameter.value.shape == value.shape, "Network.restore (\(parameter.name))",
                          parameter.value.shape, value.shape)
            parameter.value = value
        }
    }
}

extension Network {
    /// Dense(hidden, ReLU) -> Dense(classes, softmax), Xavier-uniform weights and zero biases: the
    /// digits classifier of DAT300 "Artificial Neural Network" (64 -> 64 -> 10, 4810 parameters).
    public static func denseClassifier(inputs: Int = 64, hidden: Int = 64, classes: Int = 10,
                                       generator: inout Xoshiro256StarStar) -> Network {
        Network([
            Dense(inputs: inputs, outputs: hidden, activation: .relu, generator: &generator),
            Dense(inputs: hidden, outputs: classes, activation: .softmax, generator: &generator),
        ])
    }
}
