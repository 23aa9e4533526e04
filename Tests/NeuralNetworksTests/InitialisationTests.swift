// Tests of weight initialisation (MLiS II Sec. 1.6, Eq. (1.6.3), Eq. (1.6.4); DL Padova "Parameter
// initialization"): the
// Xavier bounds (INIT-S1, E-07, E-51), the empirical variances, and the experiment of Fig. 1.6.1
// (INIT-1) with the back-propagated gradients beside it (E-NN-1).

import Testing
import Core
import NeuralNetworks

@Suite("Initialisation (MLiS II 1.6)")
struct InitialisationTests {
    /// The experiment of Fig. 1.6.1 with 200 inputs (the notes use 1000; 20,000 activations per layer
    /// are plenty for these statistics), run once per initialisation and shared by the tests below.
    static func experiment(_ initialisation: Initialisation, _ activation: Activation = .sigmoid) -> [LayerStatistics] {
        var generator = Xoshiro256StarStar(seed: 62)
        return DeepNetworkExperiment(initialisation: initialisation, activation: activation, samples: 200, recordedLayers: [],
                                     generator: &generator).statistics
    }
    static let standardNormal = experiment(.normal(standardDeviation: 1))
    static let xavier = experiment(.xavierNormal)

    @Test("INIT-S1, E-07: a = sqrt(6/(n_in + n_out)) = 0.1732050808 for 100 -> 100, and a^2/3 = 2/(n_in + n_out) = 0.01")
    func xavierBound() {
        let a = Initialisation.xavierUniformLimit(inputs: 100, outputs: 100)
        #expect(isApproximatelyEqual(a, 0.1732050808))
        #expect(isApproximatelyEqual(a * a / 3, 0.01))
        #expect(isApproximatelyEqual(Initialisation.xavierNormalStandardDeviation(inputs: 100, outputs: 100), 0.1))
    }

    @Test("Sec. 4.4 (derived): (784, 256) gives variance 0.0019230769, std 0.0438529010, a = 0.0759554525; (2, 2) gives a = 1.2247448714")
    func xavierDerivedValues() {
        #expect(isApproximatelyEqual(Initialisation.xavierNormalStandardDeviation(inputs: 784, outputs: 256), 0.0438529010))
        #expect(isApproximatelyEqual(Initialisation.xavierUniformLimit(inputs: 784, outputs: 256), 0.0759554525))
        #expect(isApproximatelyEqual(Initialisation.xavierUniformLimit(inputs: 2, outputs: 2), 1.2247448714))
    }

    @Test("E-51: sampled Xavier uniform and normal weights both have variance 2/(n_in + n_out); He has 2/n_in (seed 61)")
    func sampledVariances() {
        var generator = Xoshiro256StarStar(seed: 61)
        func variance(_ initialisation: Initialisation, _ inputs: Int, _ outputs: Int) -> Double {
            let w = initialisation.tensor(shape: [inputs, outputs], inputs: inputs, outputs: outputs, generator: &generator)
            let mean = w.scalars.reduce(0.0) { $0 + Double($1) } / Double(w.count)
            return w.scalars.reduce(0.0) { $0 + (Double($1) - mean) * (Double($1) - mean) } / Double(w.count)
        }
        // 40,000 to 80,000 draws: the sample variance is within 2 % of the true one (about 6 standard errors).
        #expect(isApproximatelyEqual(variance(.xavierUniform, 200, 200), 2.0 / 400, relativeTolerance: 0.02))
        #expect(isApproximatelyEqual(variance(.xavierNormal, 200, 200), 2.0 / 400, relativeTolerance: 0.02))
        #expect(isApproximatelyEqual(variance(.heNormal, 300, 200), 2.0 / 300, relativeTolerance: 0.02))
        #expect(isApproximatelyEqual(variance(.heUniform, 300, 200), 2.0 / 300, relativeTolerance: 0.02))
        let w = Initialisation.xavierUniform.tensor(shape: [784, 256], inputs: 784, outputs: 256, generator: &generator)
        let a = Initialisation.xavierUniformLimit(inputs: 784, outputs: 256)
        #expect(w.scalars.allSatisfy { abs($0) <= a } && w.scalars.max()! > 0.99 * a && w.scalars.min()! < -0.99 * a)
    }

    @Test("INIT-1, Fig. 1.6.1 top: with N(0, 1) weights the sigmoid saturates at every one of the 100 layers and Phi' is small (seed 62)")
    func standardNormalSaturates() {
        for layer in Self.standardNormal {
            // Catalogue: std 0.42-0.46, mean Phi' 0.040-0.072 at layers 1, 21, ..., 81.
            #expect(layer.activationStandardDeviation > 0.4, "layer \(layer.layer)")
            #expect(layer.saturatedFraction > 0.4, "layer \(layer.layer): Phi' below a tenth of its maximum")
            #expect(layer.derivativeMean < 0.085, "layer \(layer.layer): mean Phi' \(layer.derivativeMean), at most 0.25")
        }
    }

    @Test("INIT-1, Fig. 1.6.1 bottom: with Xavier weights the spread of a stays within a factor 2.5 over the 100 layers, Phi' near 0.25 (seed 62)")
    func xavierKeepsTheSpread() {
        let spreads = Self.xavier.map(\.activationStandardDeviation)
        // Catalogue: std 0.12-0.21, mean Phi' 0.21-0.24 at layers 1, 21, ..., 81.
        #expect(spreads.max()! / spreads.min()! < 2.5, "\(spreads.min()!) to \(spreads.max()!)")
        #expect(Self.xavier.allSatisfy { $0.derivativeMean > 0.2 && $0.saturatedFraction < 0.01 })
    }

    /// The notes' setting for WORKED-NUMBERS.md's ranges: 1000 inputs, layers 0, 20, ..., 80 counted from 0
    /// (1, 21, ..., 81 here), our generator's seed 0 (the notebook's seed number; a different generator).
    static func indexedLayers(_ initialisation: Initialisation) -> [LayerStatistics] {
        var generator = Xoshiro256StarStar(seed: 0)
        let statistics = DeepNetworkExperiment(initialisation: initialisation, activation: .sigmoid, samples: 1000,
                                               recordedLayers: [], generator: &generator).statistics
        return [1, 21, 41, 61, 81].map { statistics[$0 - 1] }
    }

    /// `value` within [low, high] widened by `margin` on each side.
    static func within(_ value: Float, _ low: Float, _ high: Float, margin: Float) -> Bool {
        value >= low - margin && value <= high + margin
    }

    @Test("INIT-1, both sides of the ranges at layers 1, 21, ..., 81 (1000 inputs): N(0, 1) std 0.42-0.46, mean Phi' 0.040-0.072; Xavier std 0.12-0.21, mean Phi' 0.21-0.24 (seed 0)")
    func indexedRanges() {
        // The ranges come from one NumPy draw. Over our seeds 0-5 a layer's statistic moves beyond them by
        // up to 0.019 (Xavier std, a small number of a wide spread), 0.004 (Xavier Phi'), 0.0023 (N(0, 1)
        // std) and 0.001 (N(0, 1) Phi'): those are the margins, on both sides.
        for layer in Self.indexedLayers(.normal(standardDeviation: 1)) {
            #expect(Self.within(layer.activationStandardDeviation, 0.42, 0.46, margin: 0.003), "N(0, 1) layer \(layer.layer)")
            #expect(Self.within(layer.derivativeMean, 0.040, 0.072, margin: 0.001), "N(0, 1) layer \(layer.layer)")
        }
        for layer in Self.indexedLayers(.xavierNormal) {
            #expect(Self.within(layer.activationStandardDeviation, 0.12, 0.21, margin: 0.02), "Xavier layer \(layer.layer)")
            #expect(Self.within(layer.derivativeMean, 0.21, 0.24, margin: 0.004), "Xavier layer \(layer.layer)")
        }
    }

    @Test("E-NN-1: yet the back-propagated gradient vanishes faster with Xavier: dJ/dW at layer 1 underflows to 0 (N(0, 1): 1e-2 of layer 100)")
    func xavierSigmoidGradientsVanish() {
        let (normal, xavier) = (Self.standardNormal, Self.xavier)
        // Per layer, back-propagation multiplies the gradient's variance by about n Var[W] E[Phi'^2]:
        // 100 x 0.01 x 0.05 with Xavier and a sigmoid, so 100 layers shrink it by ~1e-65, below Float's range.
        #expect(xavier[0].weightGradientNorm == 0 && xavier[99].weightGradientNorm > 1)
        #expect(xavier[50].weightGradientNorm < 1e-20)
        let ratio = normal[0].weightGradientNorm / normal[99].weightGradientNorm
        #expect(ratio > 1e-4 && ratio < 1e-1, "N(0, 1): layer 1 / layer 100 = \(ratio)")
        // Xavier's balance assumes a unit slope at 0: with tanh the same weights keep the gradient within a factor 10.
        let tanh = Self.experiment(.xavierNormal, .tanh)
        let tanhRatio = tanh[0].weightGradientNorm / tanh[99].weightGradientNorm
        #expect(tanhRatio > 0.1 && tanhRatio < 10, "tanh: layer 1 / layer 100 = \(tanhRatio)")
    }
}
