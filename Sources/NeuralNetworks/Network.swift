// Network.swift: layers in sequence, MLiS II Sec. 1.2.4 (Eq. (1.2.18), Eq. (1.2.19), Eq. (1.2.20)) and the algorithm of
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

    /// The backward pass for a caller that throws dJ/d(input) away (training): the layers before the
    /// first one with parameters are skipped (they have nothing to learn), and that layer is asked
    /// for its parameters' gradients only, so a first convolution skips its costly dJ/dX.
    public func backwardDiscardingInputGradient(_ outputGradient: Tensor) {
        guard let first = firstLayerWithParameters else { return }
        let gradient = layers[(first + 1)...].reversed().reduce(outputGradient) { gradient, layer in layer.backward(gradient) }
        layers[first].backwardDiscardingInputGradient(gradient)
    }

    /// Steps 2-4 of Sec. 1.3 after `forward(X, training:)` returned `output`: the error at the output
    /// layer from the loss, then the backward pass, which leaves dJ/dtheta in every parameter.
    /// Returns dJ/dX.
    ///
    /// The last layer starts the backward pass from the loss (`Layer.backward(loss:output:target:)`):
    /// a `Dense` (or `ActivationLayer`) whose activation cancels against the loss (softmax with CCE,
    /// sigmoid with BCE) takes the simple Delta = (Y^ - Y)/N (`Loss.simplifiedDelta`), other layers
    /// dJ/dY^ (`Loss.gradient`); a network nested as the last layer asks its own last layer, so
    /// `Network([generator, discriminator])` back-propagates exactly as the discriminator alone.
    @discardableResult
    public func backward(loss: any Loss, output: Tensor, target: Tensor) -> Tensor {
        guard let last = layers.last else { return loss.gradient(predicted: output, target: target) }
        let gradient = last.backward(loss: loss, output: output, target: target)
        return layers.dropLast().reversed().reduce(gradient) { gradient, layer in layer.backward(gradient) }
    }

    /// `backward(loss:output:target:)` for training, where dJ/dX is not needed: as
    /// `backwardDiscardingInputGradient`, the layers before the first with parameters are skipped.
    public func backwardDiscardingInputGradient(loss: any Loss, output: Tensor, target: Tensor) {
        guard let first = firstLayerWithParameters else { return }
        if first == layers.count - 1 {
            if let network = layers[first] as? Network {
                network.backwardDiscardingInputGradient(loss: loss, output: output, target: target)
            } else {
                _ = layers[first].backward(loss: loss, output: output, target: target)
            }
            return
        }
        var gradient = layers[layers.count - 1].backward(loss: loss, output: output, target: target)
        for layer in layers[(first + 1)..<(layers.count - 1)].reversed() { gradient = layer.backward(gradient) }
        layers[first].backwardDiscardingInputGradient(gradient)
    }

    /// The index of the first layer that has parameters, or nil.
    private var firstLayerWithParameters: Int? {
        layers.firstIndex { !$0.parameters.isEmpty }
    }

    /// The test-time loss J on (X, Y), in batches of at most `batchSize` examples (weighted by size).
    /// X and Y are [N, ...] with the same N.
    public func loss(_ X: Tensor, _ Y: Tensor, loss: some Loss, batchSize: Int = 1024) -> Float {
        requireShapes(X.rank >= 1 && Y.rank >= 1 && X.shape[0] == Y.shape[0], "Network.loss: X rows vs Y rows", X.shape, Y.shape)
        require(batchSize > 0, "Network.loss: batchSize must be positive, got \(batchSize)")
        let count = X.shape[0]
        var total: Float = 0
        for start in stride(from: 0, to: count, by: batchSize) {
            let rows = Array(start..<min(start + batchSize, count))
            let output = forward(gatheringExamples(rows, of: X), training: false)
            total += loss.value(predicted: output, target: gatheringExamples(rows, of: Y)) * Float(rows.count)
        }
        return total / Float(max(count, 1))
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

/// The examples `indices` (along the first axis) of a batch [N, ...], in that order: [indices.count, ...].
public func gatheringExamples(_ indices: [Int], of batch: Tensor) -> Tensor {
    require(batch.rank >= 1, "gatheringExamples: needs a batch [N, ...], got shape \(batch.shape)")
    return batchRows(batch).gatheringRows(indices).reshaped([indices.count] + batch.shape.dropFirst())
}
