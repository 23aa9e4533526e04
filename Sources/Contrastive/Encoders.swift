// Encoders.swift: the encoder f and the projection head g of a Siamese branch (thesis ch. 2 Sec. 2.2.5
// and Sec. 2.3.1: g is "a linear dense layer, followed by a ReLU activation function and another linear
// dense layer"), with the ResNet basic block of thesis Sec. 2.2.4 (two 3x3 convolutions and a skip
// connection: Convolution's `ResidualBlock`) as an encoder option for 8x8 digits.
// Goals, in order: build from the platform's layers only; the representation h = f(x) is what linear
// evaluation reads, z = g(h) is what the loss sees (Chen et al. 2020, Sec. 2.1).

import Core
import NeuralNetworks
import Convolution

/// The encoder f of a Siamese branch, for the 8x8 digits (rows of 64 pixels).
public enum EncoderKind: Sendable, Equatable, CustomStringConvertible {
    /// 64 -> hidden (ReLU) -> features (ReLU).
    case dense(hidden: Int, features: Int)
    /// [N, 64] -> [N, 1, 8, 8] -> 3x3 convolution to `channels` (ReLU) -> the ResNet basic block of thesis
    /// Sec. 2.2.4 (conv, ReLU, conv, + x, ReLU) -> 2x2 average pooling -> flatten (16 `channels` numbers)
    /// -> dense to `features` (ReLU): a low-dimensional representation (thesis Sec. 2.1.3).
    case residual(channels: Int, features: Int)

    /// The width of the representation h.
    public var features: Int {
        switch self {
        case .dense(_, let features): features
        case .residual(_, let features): features
        }
    }

    public var description: String {
        switch self {
        case .dense(let hidden, let features): "dense 64-\(hidden)-\(features)"
        case .residual(let channels, let features): "3x3 conv and ResNet block, \(channels) channels, pooled, dense to \(features)"
        }
    }

    /// A freshly initialised encoder f. Precondition: positive sizes.
    public func makeEncoder(generator: inout Xoshiro256StarStar) -> Network {
        switch self {
        case .dense(let hidden, let features):
            require(hidden > 0 && features > 0, "EncoderKind.dense: sizes must be positive, got \(hidden), \(features)")
            return Network([Dense(inputs: 64, outputs: hidden, activation: .relu, generator: &generator),
                            Dense(inputs: hidden, outputs: features, activation: .relu, generator: &generator)])
        case .residual(let channels, let features):
            require(channels > 0 && features > 0, "EncoderKind.residual: sizes must be positive, got \(channels), \(features)")
            return Network([Reshape([1, 8, 8]),
                            Convolution2D(inputChannels: 1, outputChannels: channels, kernel: 3, padding: .same, generator: &generator),
                            ActivationLayer(.relu),
                            ResidualBlock(channels: channels, generator: &generator),
                            AveragePooling2D(size: 2),
                            Flatten(),
                            Dense(inputs: 16 * channels, outputs: features, activation: .relu, generator: &generator)])
        }
    }
}

/// g(h) = W2 ReLU(W1 h + b1) + b2: a linear dense layer, ReLU, and a linear dense layer (thesis ch. 2
/// Sec. 2.3.1), from the representation [N, inputs] to the features z [N, outputs] the loss compares.
public func projectionHead(inputs: Int, hidden: Int, outputs: Int, generator: inout Xoshiro256StarStar) -> Network {
    require(inputs > 0 && hidden > 0 && outputs > 0, "projectionHead: sizes must be positive, got \(inputs), \(hidden), \(outputs)")
    return Network([Dense(inputs: inputs, outputs: hidden, activation: .relu, generator: &generator),
                    Dense(inputs: hidden, outputs: outputs, activation: .linear, generator: &generator)])
}

/// h = f(x) for every row of `images`, at test time, in batches of `batchSize`.
public func representations(of images: Tensor, encoder: any Layer, batchSize: Int = 256) -> Tensor {
    var parts: [Tensor] = []
    for start in stride(from: 0, to: images.shape[0], by: batchSize) {
        parts.append(encoder.forward(images.sliced(start..<min(start + batchSize, images.shape[0])), training: false))
    }
    return Tensor(concatenating: parts, alongAxis: 0)
}
