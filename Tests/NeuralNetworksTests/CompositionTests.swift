// Tests of composite layers (issue 11, point 5): a nested sequence and the two-headed layer against
// central differences in Double; the VAE-style encoder of the README; and the README's custom layer
// (`Scale`, written here exactly as there, with only the module's public API).

import Foundation
import Testing
import Core
import NeuralNetworks

/// y = x ⊙ s with one learnt scale per feature: [N, n] -> [N, n] (the README's worked example).
final class Scale: Layer {
    /// s, shape [1, n], starts at 1.
    let scale: Parameter
    private var input: Tensor?

    init(features: Int) {
        scale = Parameter("s", value: Tensor(shape: [1, features], repeating: 1))
    }

    var parameters: [Parameter] { [scale] }

    func forward(_ input: Tensor, training: Bool) -> Tensor {
        requireShapes(input.rank == 2 && input.columns == scale.count, "Scale.forward (input [N, n] vs s [1, n])",
                      input.shape, scale.value.shape)
        self.input = input
        return combineElements(input, scaleRows(input.rows), "Scale.forward") { $0 * $1 }
    }

    /// dJ/ds_j = sum_i g_ij x_ij;  dJ/dx_ij = g_ij s_j.
    func backward(_ outputGradient: Tensor) -> Tensor {
        let input = cached(input, "Scale")
        scale.gradient = combineElements(outputGradient, input, "Scale.backward") { $0 * $1 }.columnSums()
        return combineElements(outputGradient, scaleRows(input.rows), "Scale.backward") { $0 * $1 }
    }

    /// s repeated on `rows` rows.
    private func scaleRows(_ rows: Int) -> Tensor {
        Tensor(shape: [rows, scale.count], scalars: (0..<rows).flatMap { _ in scale.value.scalars })
    }
}

/// SGD with momentum (Eq. (1.5.6)) written with the module's public optimiser machinery only, as a
/// later module would write an optimiser of its own.
struct OutsideMomentum: Optimiser {
    var learningRate: Float
    var momentum: Float
    private var velocities = OptimiserState(name: "OutsideMomentum")

    init(learningRate: Float, momentum: Float) { (self.learningRate, self.momentum) = (learningRate, momentum) }

    mutating func update(_ parameters: [Parameter]) {
        let trainable = parameters.filter(\.isTrainable)
        let (alpha, gamma) = (learningRate, momentum)
        let (alpha8, gamma8) = (SIMD8(repeating: alpha), SIMD8(repeating: gamma))
        velocities.prepare(for: trainable, slotsPerParameter: 1)
        for (index, parameter) in trainable.enumerated() where !parameter.isFrozen {
            velocities.withSlots(index) { slots in
                let v = slots[0]
                parameter.withBuffers { w, g in
                    forEachCoordinate(count: w.count, eight: { i in
                        var (w8, v8) = (w.load8(i), v.load8(i))
                        SGD.momentumStep(&w8, velocity: &v8, gradient: g.load8(i), learningRate: alpha8, momentum: gamma8)
                        w.store8(w8, i)
                        v.store8(v8, i)
                    }, one: { i in
                        SGD.momentumStep(&w[i], velocity: &v[i], gradient: g[i], learningRate: alpha, momentum: gamma)
                    })
                }
            }
        }
    }
}

@Suite("Composite layers: sequences and two heads")
struct CompositionTests {
    @Test("The README's Scale layer: dJ/dx and dJ/ds match central differences, and it trains inside a Network (seed 101)")
    func customLayer() throws {
        var generator = Xoshiro256StarStar(seed: 101)
        let layer = Scale(features: 3)
        layer.scale.value = generator.normalTensor(shape: [1, 3])
        let x = generator.normalTensor(shape: [4, 3]), weighting = randomWeighting(shape: [4, 3], generator: &generator)
        _ = layer.forward(x, training: true)
        let inputGradient = layer.backward(weighting)
        let s = layer.scale.value.doubles
        let objective = { (x: [Double], s: [Double]) in weightedSum(x.enumerated().map { $1 * s[$0 % 3] }, weighting) }
        #expect(GradientCheck.error(analytic: inputGradient.doubles, at: x.doubles) { objective($0, s) } < gradientTolerance)
        #expect(GradientCheck.error(analytic: layer.scale.gradient.doubles, at: s) { objective(x.doubles, $0) } < gradientTolerance)
        // Learn s = (2, -1, 0.5) from examples.
        let target = Tensor([[2, -1, 0.5]])
        let inputs = generator.normalTensor(shape: [32, 3])
        let outputs = Tensor(shape: inputs.shape, scalars: inputs.scalars.enumerated().map { $1 * target.scalars[$0 % 3] })
        let network = Network([Scale(features: 3)])
        var sgd = SGD(learningRate: 0.1)
        try network.train(inputs, outputs, settings: TrainingSettings(loss: .meanSquaredError, epochs: 100), optimiser: &sgd,
                          generator: &generator)
        #expect(isApproximatelyEqual(network.parameters[0].value.scalars, target.scalars, relativeTolerance: 1e-4))
    }

    @Test("An optimiser written with the public machinery (OptimiserState, withBuffers, forEachCoordinate) matches SGD with momentum bit for bit (seed 107)")
    func optimiserFromOutside() {
        var generator = Xoshiro256StarStar(seed: 107)
        let start = generator.normalTensor(shape: [1, 11])
        let (ours, theirs) = (Parameter("w", value: start), Parameter("w", value: start))
        var (outside, sgd) = (OutsideMomentum(learningRate: 0.1, momentum: 0.9), SGD(learningRate: 0.1, momentum: 0.9))
        for _ in 0..<3 {
            let gradient = generator.normalTensor(shape: [1, 11])
            (ours.gradient, theirs.gradient) = (gradient, gradient)
            outside.update([ours])
            sgd.update([theirs])
        }
        #expect(ours.value == theirs.value && ours.value != start)
    }

    @Test("A sequence as a layer: Network([Dense, Network([BatchNormalisation, PReLU]), Dense]) gradient-checks in Double, dX and every trainable parameter (seed 102)")
    func nestedSequence() {
        var generator = Xoshiro256StarStar(seed: 102)
        let (rows, epsilon) = (5, 1e-3)
        let network = Network([
            Dense(inputs: 3, outputs: 4, activation: .linear, biasInitialisation: .normal(standardDeviation: 0.5), generator: &generator),
            Network([BatchNormalisation(features: 4, epsilon: Float(epsilon)), PReLU(units: 4, initialSlope: 0.3)]),
            Dense(inputs: 4, outputs: 2, activation: .tanh, biasInitialisation: .normal(standardDeviation: 0.5), generator: &generator),
        ])
        let trainable = network.parameters.filter(\.isTrainable)
        trainable[2].value = generator.uniformTensor(shape: [1, 4], 0.5, 2)     // gamma
        trainable[3].value = generator.normalTensor(shape: [1, 4])              // beta
        let x = generator.normalTensor(shape: [rows, 3]), weighting = randomWeighting(shape: [rows, 2], generator: &generator)
        _ = network.forward(x, training: true)
        let inputGradient = network.backward(weighting)
        let sizes = trainable.map(\.count)      // W1 12, b1 4, gamma 4, beta 4, a 4, W2 8, b2 2
        func reference(_ values: [Double]) -> Double {
            var rest = values[...]
            func take(_ count: Int) -> [Double] { defer { rest = rest.dropFirst(count) }; return Array(rest.prefix(count)) }
            let xs = take(rows * 3), w1 = take(sizes[0]), b1 = take(sizes[1]), gamma = take(sizes[2]), beta = take(sizes[3])
            let slopes = take(sizes[4]), w2 = take(sizes[5]), b2 = take(sizes[6])
            var h = referenceDense(xs, rows: rows, w1, b1, activation: .linear)
            for j in 0..<4 {
                let column = (0..<rows).map { h[$0 * 4 + j] }
                let mean = column.reduce(0, +) / Double(rows)
                let variance = column.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(rows)
                for i in 0..<rows {
                    let normalised = gamma[j] * (h[i * 4 + j] - mean) / (variance + epsilon).squareRoot() + beta[j]
                    h[i * 4 + j] = normalised < 0 ? slopes[j] * normalised : normalised
                }
            }
            return weightedSum(referenceDense(h, rows: rows, w2, b2, activation: .tanh), weighting)
        }
        let error = GradientCheck.error(analytic: inputGradient.doubles + trainable.flatMap(\.gradient.doubles),
                                        at: x.doubles + trainable.flatMap(\.value.doubles), reference)
        #expect(error < gradientTolerance, "error \(error)")
    }

    /// trunk Dense(3 -> 5, tanh); heads Dense(5 -> 2, linear) and Dense(5 -> 3, sigmoid).
    static func twoHeads(_ generator: inout Xoshiro256StarStar) -> TwoHeads {
        TwoHeads(trunk: Network([Dense(inputs: 3, outputs: 5, activation: .tanh, generator: &generator)]),
                 first: Dense(inputs: 5, outputs: 2, activation: .linear, biasInitialisation: .normal(standardDeviation: 0.5),
                              generator: &generator),
                 second: Dense(inputs: 5, outputs: 3, activation: .sigmoid, biasInitialisation: .normal(standardDeviation: 0.5),
                               generator: &generator))
    }

    @Test("TwoHeads: output [A | B]; dX and the gradients of the trunk and both heads match central differences (seed 103)")
    func twoHeadsGradients() {
        var generator = Xoshiro256StarStar(seed: 103)
        let layer = Self.twoHeads(&generator)
        let rows = 4
        let x = generator.normalTensor(shape: [rows, 3]), weighting = randomWeighting(shape: [rows, 5], generator: &generator)
        let output = layer.forward(x, training: true)
        #expect(output.shape == [rows, 5])
        let inputGradient = layer.backward(weighting)
        let parameters = layer.parameters
        let sizes = parameters.map(\.count)     // trunk W 15, b 5; first W 10, b 2; second W 15, b 3
        let error = GradientCheck.error(analytic: inputGradient.doubles + parameters.flatMap(\.gradient.doubles),
                                        at: x.doubles + parameters.flatMap(\.value.doubles)) { values in
            var rest = values[...]
            func take(_ count: Int) -> [Double] { defer { rest = rest.dropFirst(count) }; return Array(rest.prefix(count)) }
            let xs = take(rows * 3), w = take(sizes[0]), b = take(sizes[1])
            let (w1, b1, w2, b2) = (take(sizes[2]), take(sizes[3]), take(sizes[4]), take(sizes[5]))
            let h = referenceDense(xs, rows: rows, w, b, activation: .tanh)
            let a = referenceDense(h, rows: rows, w1, b1, activation: .linear), c = referenceDense(h, rows: rows, w2, b2, activation: .sigmoid)
            var joined: [Double] = []
            for i in 0..<rows {
                joined += a[(2 * i)..<(2 * i + 2)]
                joined += c[(3 * i)..<(3 * i + 3)]
            }
            return weightedSum(joined, weighting)
        }
        #expect(error < gradientTolerance, "error \(error)")
    }

    @Test("TwoHeads splits what it joins: heads(of: forward(x)) = forwardHeads(x), backward(G) = backward(firstGradient:secondGradient:) (seed 104)")
    func twoHeadsSplitAndJoin() {
        var generator = Xoshiro256StarStar(seed: 104)
        let layer = Self.twoHeads(&generator)
        let x = generator.normalTensor(shape: [3, 3]), g = generator.normalTensor(shape: [3, 5])
        let (first, second) = layer.forwardHeads(x, training: false)
        let split = layer.heads(of: layer.forward(x, training: false))
        #expect(split.first == first && split.second == second)
        #expect(first.shape == [3, 2] && second.shape == [3, 3])
        let joined = layer.backward(g)
        let parts = layer.heads(of: g)
        #expect(layer.backward(firstGradient: parts.first, secondGradient: parts.second) == joined)
        #expect(parts.first.scalars == [g[0, 0], g[0, 1], g[1, 0], g[1, 1], g[2, 0], g[2, 1]])
    }

    @Test("A VAE-style encoder (README): mu and log sigma^2 heads, the KL term's gradients through both heads match central differences (seed 105)")
    func variationalEncoder() {
        var generator = Xoshiro256StarStar(seed: 105)
        let encoder = TwoHeads(trunk: Dense(inputs: 4, outputs: 6, activation: .tanh, generator: &generator),
                               first: Dense(inputs: 6, outputs: 2, activation: .linear, generator: &generator),
                               second: Dense(inputs: 6, outputs: 2, activation: .linear, generator: &generator))
        let x = generator.normalTensor(shape: [5, 4])
        // KL(N(mu, sigma^2) || N(0, 1)) = (1/N) sum 1/2 (mu^2 + e^{log sigma^2} - log sigma^2 - 1)
        let (mu, logVariance) = encoder.forwardHeads(x, training: true)
        let n = Float(x.shape[0])
        let dMu = (1 / n) * mu
        let dLogVariance = mapElements(logVariance) { 0.5 * (exp($0) - 1) / n }
        let inputGradient = encoder.backward(firstGradient: dMu, secondGradient: dLogVariance)
        let parameters = encoder.parameters
        let sizes = parameters.map(\.count)
        let error = GradientCheck.error(analytic: inputGradient.doubles + parameters.flatMap(\.gradient.doubles),
                                        at: x.doubles + parameters.flatMap(\.value.doubles)) { values in
            var rest = values[...]
            func take(_ count: Int) -> [Double] { defer { rest = rest.dropFirst(count) }; return Array(rest.prefix(count)) }
            let xs = take(20), w = take(sizes[0]), b = take(sizes[1])
            let (w1, b1, w2, b2) = (take(sizes[2]), take(sizes[3]), take(sizes[4]), take(sizes[5]))
            let h = referenceDense(xs, rows: 5, w, b, activation: .tanh)
            let means = referenceDense(h, rows: 5, w1, b1, activation: .linear)
            let logVariances = referenceDense(h, rows: 5, w2, b2, activation: .linear)
            return zip(means, logVariances).reduce(0) { $0 + 0.5 * ($1.0 * $1.0 + exp($1.1) - $1.1 - 1) } / 5
        }
        #expect(error < gradientTolerance, "error \(error)")
    }

    @Test("Training skips what it does not need: backwardDiscardingInputGradient (and from a loss) sets the same parameter gradients as backward (seed 106)")
    func discardingInputGradient() {
        var generator = Xoshiro256StarStar(seed: 106)
        let network = Network([Network([]), Dense(inputs: 3, outputs: 3, activation: .relu, generator: &generator), Self.twoHeads(&generator)])
        let x = generator.normalTensor(shape: [4, 3])
        let output = network.forward(x, training: true)
        let y = generator.normalTensor(shape: output.shape)
        _ = network.backward(loss: .meanSquaredError, output: output, target: y)
        let full = network.parameters.map(\.gradient)
        for parameter in network.parameters { parameter.gradient = Tensor(shape: parameter.value.shape) }
        network.backwardDiscardingInputGradient(loss: .meanSquaredError, output: output, target: y)
        #expect(network.parameters.map(\.gradient) == full)
        for parameter in network.parameters { parameter.gradient = Tensor(shape: parameter.value.shape) }
        network.backwardDiscardingInputGradient(MeanSquaredError().gradient(predicted: output, target: y))
        #expect(network.parameters.map(\.gradient) == full)
        // Two heads as the first layer: the heads' gradients as by backward, the trunk's too.
        let headsFirst = Network([Self.twoHeads(&generator), Dense(inputs: 5, outputs: 2, activation: .linear, generator: &generator)])
        let g = generator.normalTensor(shape: [4, 2])
        _ = headsFirst.forward(x, training: true)
        _ = headsFirst.backward(g)
        let headsFull = headsFirst.parameters.map(\.gradient)
        for parameter in headsFirst.parameters { parameter.gradient = Tensor(shape: parameter.value.shape) }
        headsFirst.backwardDiscardingInputGradient(g)
        #expect(headsFirst.parameters.map(\.gradient) == headsFull)
    }
}
