// Architectures.swift: the generators and discriminators the chapter, the tests and the benchmark use,
// all plain multilayer perceptrons of the platform's `Dense` layers (Goodfellow et al. 2014 used
// "multilayer perceptrons" for both players; DL Padova "Generative Adversal Network": G and D are
// "multilayer perceptron[s]"). D ends in one linear unit, its logit; G's last layer is linear for
// points in the plane and sigmoid for pixels in [0, 1].
// Goals, in order: one place that says what the networks are; the benchmark's PyTorch twin can be
// written from these lines.

import Core
import NeuralNetworks

extension AdversarialNetworks {
    /// G: Dense(k -> h, ReLU), `layers - 1` times Dense(h -> h, ReLU), Dense(h -> d, `output`); He
    /// weights for the ReLU layers, Xavier for the last.
    public static func multilayerGenerator(noiseDimension: Int, sampleDimension: Int, hidden: Int, layers: Int = 2,
                                           output: Activation = .linear, generator: inout Xoshiro256StarStar) -> Network {
        require(layers >= 1, "multilayerGenerator: needs at least one hidden layer, got \(layers)")
        var stack: [any Layer] = [Dense(inputs: noiseDimension, outputs: hidden, activation: .relu, weightInitialisation: .heUniform,
                                        generator: &generator)]
        for _ in 1..<layers {
            stack.append(Dense(inputs: hidden, outputs: hidden, activation: .relu, weightInitialisation: .heUniform, generator: &generator))
        }
        stack.append(Dense(inputs: hidden, outputs: sampleDimension, activation: output, generator: &generator))
        return Network(stack)
    }

    /// D: Dense(d -> h, leaky ReLU 0.2), `layers - 1` times Dense(h -> h, leaky ReLU 0.2), Dense(h -> 1,
    /// linear): the logit s, with D(x) = sigmoid(s).
    public static func multilayerDiscriminator(sampleDimension: Int, hidden: Int, layers: Int = 2,
                                               generator: inout Xoshiro256StarStar) -> Network {
        require(layers >= 1, "multilayerDiscriminator: needs at least one hidden layer, got \(layers)")
        let leaky = Activation.leakyReLU(slope: 0.2)
        var stack: [any Layer] = [Dense(inputs: sampleDimension, outputs: hidden, activation: leaky, weightInitialisation: .heUniform,
                                        generator: &generator)]
        for _ in 1..<layers {
            stack.append(Dense(inputs: hidden, outputs: hidden, activation: leaky, weightInitialisation: .heUniform, generator: &generator))
        }
        stack.append(Dense(inputs: hidden, outputs: 1, activation: .linear, generator: &generator))
        return Network(stack)
    }

    /// G and D as above, h units in each hidden layer, with Adam (beta1 = 0.5, as Radford et al. 2016)
    /// at `learningRate` for both players.
    public static func multilayer(noiseDimension: Int, sampleDimension: Int, hidden: Int, layers: Int = 2,
                                  generatorOutput: Activation = .linear, settings: AdversarialSettings = AdversarialSettings(),
                                  learningRate: Float = 0.001, generator: inout Xoshiro256StarStar) -> AdversarialNetworks {
        let g = multilayerGenerator(noiseDimension: noiseDimension, sampleDimension: sampleDimension, hidden: hidden, layers: layers,
                                    output: generatorOutput, generator: &generator)
        let d = multilayerDiscriminator(sampleDimension: sampleDimension, hidden: hidden, layers: layers, generator: &generator)
        return AdversarialNetworks(generator: g, discriminator: d, noiseDimension: noiseDimension, sampleDimension: sampleDimension,
                                   settings: settings, generatorOptimiser: Adam(learningRate: learningRate, beta1: 0.5),
                                   discriminatorOptimiser: Adam(learningRate: learningRate, beta1: 0.5))
    }
}
