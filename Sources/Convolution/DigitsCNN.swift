// DigitsCNN.swift: a small convolutional network for the 8 x 8 digits: convolution, ReLU, max pooling,
// dense softmax output (MLiS II Sec. 2.2: the layers of a CNN in order; DAT300 "Conv2D",
// "MaxPooling2D", "Flatten"), trained with the NeuralNetworks module's losses and optimisers.
// Goals, in order: >= 98 % test accuracy on the standard split with a fixed seed, in seconds; every
// piece from this module or NeuralNetworks (nothing special-cased for the digits).

import Core
import NeuralNetworks

/// The digits CNN and its training settings.
///
/// ```swift
/// var generator = Xoshiro256StarStar(seed: 1)
/// let network = DigitsCNN.make(generator: &generator)
/// print(network.trainableParameterCount)   // 2730 = (9 + 1) 16 + (256 + 1) 10
/// ```
public enum DigitsCNN {
    /// Reshape [64] -> [1, 8, 8]; Conv2D 1 -> `filters`, 3 x 3, same padding; ReLU; max pool 2 x 2
    /// (8 x 8 -> 4 x 4); Flatten; Dense(16 `filters` -> 10, softmax).
    ///
    /// Training skips the convolution's dJ/dX (it is the first layer with parameters: see
    /// `Network.backwardDiscardingInputGradient`); used as a discriminator inside a bigger network,
    /// the same layers hand a real dJ/dX down to the generator.
    public static func make(filters: Int = 16, generator: inout Xoshiro256StarStar) -> Network {
        Network([
            Reshape([1, 8, 8]),
            Convolution2D(inputChannels: 1, outputChannels: filters, kernel: 3, padding: .same, generator: &generator),
            ActivationLayer(.relu),
            MaxPooling2D(size: 2),
            Flatten(),
            Dense(inputs: filters * 16, outputs: Digits.classes, activation: .softmax, generator: &generator),
        ])
    }

    /// The settings the tests and the chapter use: 30 epochs of Adam (alpha 0.005) on mini-batches of
    /// 32, categorical cross-entropy.
    public static let epochs = 30
    public static let learningRate: Float = 0.005
    public static let batchSize = 32

    /// Trains `network` on `train` (its images rows of 64 pixels in [0, 1]) with Adam and the CCE.
    /// `onEpoch` receives each epoch's numbers (for a progress line). Throws `DivergenceError`.
    @discardableResult
    public static func train(_ network: Network, on train: Digits, epochs: Int = epochs, learningRate: Float = learningRate,
                             batchSize: Int = batchSize, generator: inout Xoshiro256StarStar,
                             onEpoch: (EpochReport) -> Void = { _ in }) throws -> TrainingHistory {
        var optimiser = Adam(learningRate: learningRate)
        let settings = TrainingSettings(loss: .categoricalCrossEntropy, epochs: epochs, batchSize: batchSize)
        return try network.train(train.images, oneHot(train.labels, classes: Digits.classes), settings: settings,
                                 optimiser: &optimiser, generator: &generator, onEpoch: onEpoch)
    }
}
