// The initialisation experiment of MLiS II Sec. 1.6 (Eq. (1.6.1), Eq. (1.6.2), Eq. (1.6.3), Eq. (1.6.4), Fig.
// 1.6.1): 100 layers of 100
// sigmoid units, N(0, 1) against Xavier weights, and the back-propagated gradients (ERRATA E-NN-1).

import Core
import NeuralNetworks

struct InitialisationResults {
    var normalDerivativeMean: Float = 0
    var xavierDerivativeMean: Float = 0
    var xavierSpreadRatio: Float = 0
    var xavierFirstLayerGradient: Float = 0
}

func initialisationSection(options: ChapterOptions) throws -> InitialisationResults {
    print("3. Initialisation (Sec. 1.6): 100 dense layers of 100 sigmoid units, zero biases, 1000 inputs from N(0, 1)")
    let a = Initialisation.xavierUniformLimit(inputs: 100, outputs: 100)
    print("   Xavier: U(-a, a) with a = sqrt(6/(n_in + n_out)) = \(formatted(a, digits: 7)) (Eq. (1.6.3)), or N(0, sigma^2) with sigma ="
          + " sqrt(2/(n_in + n_out)) = \(formatted(Initialisation.xavierNormalStandardDeviation(inputs: 100, outputs: 100), digits: 4))"
          + " (Eq. (1.6.4)); both have variance 2/(n_in + n_out) = 0.01.")
    let layers = [1, 21, 41, 61, 81, 100]
    var experiments: [(String, DeepNetworkExperiment)] = []
    for (name, initialisation, activation) in [("N(0, 1)", Initialisation.normal(standardDeviation: 1), Activation.sigmoid),
                                               ("Xavier", .xavierNormal, .sigmoid), ("Xavier, tanh", .xavierNormal, .tanh)] {
        var generator = Xoshiro256StarStar(seed: options.seed)
        experiments.append((name, DeepNetworkExperiment(initialisation: initialisation, activation: activation,
                                                         recordedLayers: Set(layers), generator: &generator)))
    }
    print("   layer   | std of a: N(0, 1)  Xavier | mean Phi': N(0, 1)  Xavier | saturated: N(0, 1)  Xavier")
    for layer in layers {
        let (normal, xavier) = (experiments[0].1.statistics[layer - 1], experiments[1].1.statistics[layer - 1])
        let spreads = "\(formatted(normal.activationStandardDeviation, digits: 3))   \(formatted(xavier.activationStandardDeviation, digits: 3))"
        let slopes = "\(formatted(normal.derivativeMean, digits: 3))   \(formatted(xavier.derivativeMean, digits: 3))"
        let saturated = "\(formatted(normal.saturatedFraction * 100, digits: 1)) %  \(formatted(xavier.saturatedFraction * 100, digits: 1)) %"
        print("   \(pad(String(layer), 7)) |           \(spreads) |             \(slopes) |            \(saturated)")
    }
    print("   With N(0, 1) the activations pile up at 0 and 1 and Phi' is small; with Xavier they keep their spread and")
    print("   Phi' stays near its maximum 0.25, as Fig. 1.6.1 shows (INIT-1: std 0.42-0.46 against 0.12-0.21).")
    let normal = experiments[0].1.statistics, xavier = experiments[1].1.statistics, tanh = experiments[2].1.statistics
    print("   But Phi' is only one factor of the gradient. Back-propagating J = mean of the outputs, ||dJ/dW|| at layers 1, 50, 100:")
    for (name, statistics) in [("N(0, 1), sigmoid", normal), ("Xavier, sigmoid", xavier), ("Xavier, tanh", tanh)] {
        print("     \(pad(name, 18)) " + [0, 49, 99].map { "\(statistics[$0].weightGradientNorm)" }.joined(separator: ", "))
    }
    print("   With a sigmoid each layer multiplies the gradient's variance by about n Var[W] E[Phi'^2] = 100 x 0.01 x 0.05, so")
    print("   under Xavier it vanishes (underflows to 0 in Float) long before layer 1; Xavier's balance assumes a slope of 1 at 0,")
    print("   which tanh has: with tanh the gradient keeps its size (ERRATA E-NN-1).")
    try writeInitialisationFigures(experiments: experiments, layers: Array(layers.dropLast()), options: options)
    let spreads = xavier.map(\.activationStandardDeviation)
    print("")
    return InitialisationResults(normalDerivativeMean: normal.map(\.derivativeMean).reduce(0, +) / 100,
                                 xavierDerivativeMean: xavier.map(\.derivativeMean).reduce(0, +) / 100,
                                 xavierSpreadRatio: spreads.max()! / spreads.min()!,
                                 xavierFirstLayerGradient: xavier[0].weightGradientNorm)
}

/// Fig. 1.6.1: histograms of a and Phi' at every 20th layer for both initialisations; the gradient norms.
func writeInitialisationFigures(experiments: [(String, DeepNetworkExperiment)], layers: [Int], options: ChapterOptions) throws {
    var paths: [String] = []
    for (name, experiment) in experiments.prefix(2) {
        let tag = name == "Xavier" ? "xavier" : "normal"
        var activations = Histogram(title: "Activations a, \(name) weights (Fig. 1.6.1, left)", xLabel: "a", bins: 40, range: 0...1)
        var derivatives = Histogram(title: "Phi'(z), \(name) weights (Fig. 1.6.1, right)", xLabel: "Phi'", bins: 40, range: 0...0.25)
        for layer in layers {
            activations.add(experiment.activations[layer]!, name: "layer \(layer)")
            derivatives.add(experiment.derivatives[layer]!, name: "layer \(layer)")
        }
        paths.append(try options.figurePath("fig-1.6.1-activations-\(tag).svg"))
        try activations.write(to: paths.last!)
        paths.append(try options.figurePath("fig-1.6.1-derivatives-\(tag).svg"))
        try derivatives.write(to: paths.last!)
    }
    var gradients = LinePlot(title: "||dJ/dW|| by layer (0 not drawn: it underflowed)", xLabel: "layer", yLabel: "norm", logY: true)
    for (name, experiment) in experiments {
        gradients.add(x: experiment.statistics.map { Double($0.layer) }, y: experiment.statistics.map(\.weightGradientNorm), name: name)
    }
    paths.append(try options.figurePath("initialisation-gradient-norms.svg"))
    try gradients.write(to: paths.last!)
    let captions = ["Fig. 1.6.1 (top left): activations, N(0, 1) weights", "Fig. 1.6.1 (top right): Phi'(z), N(0, 1) weights",
                    "Fig. 1.6.1 (bottom left): activations, Xavier weights", "Fig. 1.6.1 (bottom right): Phi'(z), Xavier weights"]
    print(zip(paths, captions + ["the gradient norm of each layer, both initialisations"]).map { "   wrote \($0)\n      \($1)" }.joined(separator: "\n"))
}
