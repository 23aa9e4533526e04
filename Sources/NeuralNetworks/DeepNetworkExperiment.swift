// DeepNetworkExperiment.swift: the experiment behind MLiS II Fig. 1.6.1 (Sec. 1.6, Eq. (1.6.1), Eq. (1.6.2),
// Eq. (1.6.3), Eq. (1.6.4)):
// a 100-layer MLP of 100 sigmoid units, N(0, 1) inputs and zero biases, with N(0, 1) weights or
// Xavier's; the activations a and their derivatives Phi' at every layer, and the gradients that
// back-propagation actually delivers to each layer's weights.
// Goals, in order: the numbers the figure shows, from the library's own `Dense` layers; the
// back-propagated gradients beside them, since Phi' alone is not the whole story (ERRATA E-NN-1).

import Core

/// What one layer of the deep network shows.
public struct LayerStatistics: Sendable {
    /// 1-based depth of the layer.
    public let layer: Int
    public let activationMean: Float
    /// The spread of the activations (the width of the left histograms of Fig. 1.6.1).
    public let activationStandardDeviation: Float
    /// The fraction of saturated units: Phi'(z) below a tenth of Phi'(0), its largest value for the
    /// sigmoid and tanh (for the sigmoid, a below 0.026 or above 0.974).
    public let saturatedFraction: Float
    /// The mean of Phi'(z) over the batch and the units (the right histograms of Fig. 1.6.1).
    public let derivativeMean: Float
    /// ||dJ/dW^(l)|| for J = the mean over the batch of the sum of the last layer's activations.
    public let weightGradientNorm: Float
}

/// The activations and Phi' of a deep network at every layer, and the weight gradients.
public struct DeepNetworkExperiment: Sendable {
    public let statistics: [LayerStatistics]
    /// All activations a of the layers in `recordedLayers` (1-based), for histograms.
    public let activations: [Int: [Float]]
    /// All Phi'(z) of the layers in `recordedLayers`.
    public let derivatives: [Int: [Float]]

    /// Builds `depth` Dense layers of `width` units (zero biases, weights from `initialisation`), feeds
    /// `samples` inputs drawn from N(0, 1), and back-propagates J = (1/N) sum of the outputs.
    /// The notes' setting is depth 100, width 100, 1000 samples, sigmoid; Fig. 1.6.1 shows layers
    /// 1, 21, 41, 61 and 81 (every 20th, counted from 0 in the notebook).
    public init(initialisation: Initialisation, activation: Activation = .sigmoid, depth: Int = 100, width: Int = 100,
                samples: Int = 1000, recordedLayers: Set<Int> = [1, 21, 41, 61, 81, 100],
                generator: inout Xoshiro256StarStar) {
        require(depth >= 1 && width >= 1 && samples >= 1,
                "DeepNetworkExperiment: needs depth, width and samples >= 1, got \(depth), \(width), \(samples)")
        var activations = generator.normalTensor(shape: [samples, width])
        var layers: [Dense] = []
        var recordedActivations: [Int: [Float]] = [:], recordedDerivatives: [Int: [Float]] = [:]
        var forwardStatistics: [(mean: Float, deviation: Float, saturated: Float, derivative: Float)] = []
        for layer in 1...depth {
            let dense = Dense(inputs: width, outputs: width, activation: activation,
                              weightInitialisation: initialisation, generator: &generator)
            activations = dense.forward(activations, training: false)
            // Phi'(z), read off the output where it can be (sigma' = a(1 - a)): Eq. (1.3.4) with dJ/da = 1.
            let derivative = activation.delta(outputGradient: Tensor(shape: activations.shape, repeating: 1),
                                              preActivation: dense.lastPreActivation!, output: activations)
            forwardStatistics.append(Self.summary(activations, derivative, saturatedBelow: activation.derivative(0) / 10))
            if recordedLayers.contains(layer) {
                recordedActivations[layer] = activations.scalars
                recordedDerivatives[layer] = derivative.scalars
            }
            layers.append(dense)
        }
        // Back-propagation of J = (1/N) sum of the outputs: dJ/da^(L) = 1/N everywhere.
        _ = Network(layers).backward(Tensor(shape: activations.shape, repeating: 1 / Float(samples)))
        statistics = zip(forwardStatistics, layers).enumerated().map { index, pair in
            LayerStatistics(layer: index + 1, activationMean: pair.0.mean, activationStandardDeviation: pair.0.deviation,
                            saturatedFraction: pair.0.saturated, derivativeMean: pair.0.derivative,
                            weightGradientNorm: pair.1.weights.gradient.norm)
        }
        (self.activations, derivatives) = (recordedActivations, recordedDerivatives)
    }

    /// Mean and standard deviation of a, the fraction of Phi' below `threshold`, and the mean of Phi'.
    private static func summary(_ a: Tensor, _ derivative: Tensor, saturatedBelow threshold: Float)
        -> (mean: Float, deviation: Float, saturated: Float, derivative: Float)
    {
        let n = Double(a.count)
        let mean = a.scalars.reduce(0.0) { $0 + Double($1) } / n
        let variance = a.scalars.reduce(0.0) { $0 + (Double($1) - mean) * (Double($1) - mean) } / n
        let saturated = derivative.scalars.reduce(0) { $0 + ($1 < threshold ? 1 : 0) }
        let derivativeMean = derivative.scalars.reduce(0.0) { $0 + Double($1) } / n
        return (Float(mean), Float(variance.squareRoot()), Float(Double(saturated) / n), Float(derivativeMean))
    }
}
