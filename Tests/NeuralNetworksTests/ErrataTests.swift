// The errata of WORKED-NUMBERS.md that concern this module's formulas without a worked number of their
// own: each test shows what the notes print, what is right, and that the library computes the
// right form. E-05 (DL Padova "SGD" pseudocode), E-08 (DL Padova "Parameter initialization"),
// E-11 (DL Padova "Gradients notes"), E-27 (DL Padova "Momentum"), E-28 (DL Padova "Training"),
// E-33 (MLiS II Sec. 1.5.3), E-34 (MLiS II Sec. 1.1.1).

import Testing
import Core
import NeuralNetworks

@Suite("Errata of the MLP and optimiser formulas")
struct ErrataTests {
    @Test("E-05: the input-to-hidden gradient accumulates delta_j x_i, with delta_j = f'(net_j) sum_k w_jk delta_k (seed 81)")
    func inputToHiddenGradient() {
        var generator = Xoshiro256StarStar(seed: 81)
        let (rows, inputs, hidden, outputs) = (5, 3, 4, 2)
        let first = Dense(inputs: inputs, outputs: hidden, activation: .sigmoid, generator: &generator)
        let second = Dense(inputs: hidden, outputs: outputs, activation: .linear, generator: &generator)
        let x = generator.normalTensor(shape: [rows, inputs])
        let y = first.forward(x, training: true)
        _ = second.forward(y, training: true)
        let outputDelta = generator.normalTensor(shape: [rows, outputs])          // delta_k = dJ/dnet_k
        _ = first.backward(second.backward(outputDelta))
        // The pseudocode's loops, corrected: grad_ij += delta_j x_i.
        var corrected = Tensor(shape: [inputs, hidden])
        var printed = Tensor(shape: [hidden, outputs])
        for n in 0..<rows {
            for j in 0..<hidden {
                let backPropagated = (0..<outputs).reduce(Float(0)) { $0 + second.weights.value[j, $1] * outputDelta[n, $1] }
                let deltaJ = y[n, j] * (1 - y[n, j]) * backPropagated                // f'(net_j) = y_j (1 - y_j)
                for i in 0..<inputs { corrected[i, j] += deltaJ * x[n, i] }
                for k in 0..<outputs { printed[j, k] += outputDelta[n, k] * y[n, j] }
            }
        }
        #expect(isApproximatelyEqual(first.weights.gradient.scalars, corrected.scalars, relativeTolerance: 1e-5, absoluteTolerance: 1e-6))
        // The printed accumulator delta_k y_j is the hidden-to-output gradient: the other layer's rule.
        #expect(isApproximatelyEqual(second.weights.gradient.scalars, printed.scalars, relativeTolerance: 1e-5, absoluteTolerance: 1e-6))
        #expect(printed.shape != corrected.shape)
    }

    @Test("E-08: gamma^2 is the variance of the inputs: Var[o_i] = n_in sigma^2 gamma^2 (n_in = 400, sigma = 0.05, gamma = 2: 4; seed 82)")
    func outputVariance() {
        var generator = Xoshiro256StarStar(seed: 82)
        let (rows, inputs, outputs) = (2000, 400, 50)
        let weights = generator.normalTensor(shape: [inputs, outputs], standardDeviation: 0.05)
        let layer = Dense(weights: weights, bias: Tensor(shape: [1, outputs]), activation: .linear)
        let o = layer(generator.normalTensor(shape: [rows, inputs], standardDeviation: 2))
        let variance = o.scalars.reduce(0.0) { $0 + Double($1) * Double($1) } / Double(o.count)   // E[o] = 0
        // 100,000 outputs, but only 20,000 weights: the sampled weights' variance moves it by about 1 %.
        #expect(isApproximatelyEqual(variance, 400 * 0.0025 * 4, relativeTolerance: 0.03), "\(variance)")
    }

    @Test("E-11: for one ReLU neuron, dC/dw = (2/N) sum e_i x_i and dC/db = (2/N) sum e_i over the active examples only (seed 83)")
    func reluNeuronGradient() {
        var generator = Xoshiro256StarStar(seed: 83)
        let (rows, inputs) = (12, 3)
        let neuron = Dense(inputs: inputs, outputs: 1, activation: .relu, generator: &generator)
        neuron.bias.value = Tensor([[0.1]])
        let x = generator.normalTensor(shape: [rows, inputs])
        let y = generator.normalTensor(shape: [rows, 1])
        let yHat = neuron.forward(x, training: true)
        _ = neuron.backward((2 / Float(rows)) * (yHat - y))                            // dC/dy^ of the mean square
        let z = matmul(x, neuron.weights.value).addingRowVector(neuron.bias.value)
        let active = (0..<rows).filter { z[$0, 0] > 0 }
        #expect(!active.isEmpty && active.count < rows, "the check needs both kinds of example")
        let e = active.map { z[$0, 0] - y[$0, 0] }                                       // e_i = w x_i + b - y_i
        let dw = (0..<inputs).map { i in zip(active, e).reduce(Float(0)) { $0 + $1.1 * x[$1.0, i] } * 2 / Float(rows) }
        let db = e.reduce(0, +) * 2 / Float(rows)
        #expect(isApproximatelyEqual(neuron.weights.gradient.scalars, dw, relativeTolerance: 1e-5, absoluteTolerance: 1e-6))
        #expect(isApproximatelyEqual(neuron.bias.gradient.scalars[0], db, relativeTolerance: 1e-5, absoluteTolerance: 1e-6))
        // And both are the gradient of C itself.
        func cost(_ parameters: [Double]) -> Double {
            (0..<rows).reduce(0.0) { total, n in
                let net = parameters[inputs] + (0..<inputs).reduce(0.0) { $0 + parameters[$1] * Double(x[n, $1]) }
                let residual = Double(y[n, 0]) - max(0, net)
                return total + residual * residual
            } / Double(rows)
        }
        let analytic = neuron.weights.gradient.doubles + neuron.bias.gradient.doubles
        #expect(GradientCheck.error(analytic: analytic, at: neuron.weights.value.doubles + neuron.bias.value.doubles, cost) < gradientTolerance)
    }

    @Test("E-27: DL Padova's momentum, Delta w = eta dE/dw + gamma Delta w_prev with w <- w - Delta w, is Eq. (1.5.6) with v = -Delta w")
    func momentumDirection() {
        let curvature: [Float] = [1, 4, 0.5]                     // E(w) = 1/2 sum c_i w_i^2, dE/dw = c w
        let w = Parameter("w", value: Tensor([[1, -2, 3]]))
        var optimiser = SGD(learningRate: 0.1, momentum: 0.9)
        var padova: [Float] = [1, -2, 3]
        var previousChange: [Float] = [0, 0, 0]
        for step in 1...6 {
            w.gradient = Tensor(shape: [1, 3], scalars: zip(curvature, w.value.scalars).map { $0 * $1 })
            optimiser.update([w])
            let change = (0..<3).map { 0.1 * curvature[$0] * padova[$0] + 0.9 * previousChange[$0] }
            padova = zip(padova, change).map { $0 - $1 }
            previousChange = change
            #expect(isApproximatelyEqual(w.value.scalars, padova, relativeTolerance: 1e-6, absoluteTolerance: 1e-7), "step \(step)")
        }
    }

    @Test("E-28: with E = sum (t - z)^2, DL Padova's step eta delta_k y_j, delta_k = (t_k - z_k) f'(net_k), is the exact gradient step with eta/2")
    func factorTwoInTheLearningRate() {
        var generator = Xoshiro256StarStar(seed: 84)
        let layer = Dense(inputs: 3, outputs: 2, activation: .sigmoid, generator: &generator)
        let y = generator.normalTensor(shape: [1, 3])
        let t = Tensor([[0.2, 0.9]])
        let eta: Float = 0.5
        let z = layer.forward(y, training: true)
        _ = layer.backward(2 * (z - t))                                     // dE/dz of the sum of squares (N = 1)
        var padova = layer.weights.value
        for j in 0..<3 {
            for k in 0..<2 { padova[j, k] += eta * (t[0, k] - z[0, k]) * z[0, k] * (1 - z[0, k]) * y[0, j] }
        }
        var exact = layer.weights.value
        exact.add(layer.weights.gradient, scaledBy: -eta / 2)
        #expect(isApproximatelyEqual(exact.scalars, padova.scalars, relativeTolerance: 1e-6, absoluteTolerance: 1e-7))
    }

    @Test("E-33: RMSprop divides by the square root of r: from r = 0, g = 2, rho = 0.9 the first step is alpha 2/sqrt(0.4), not alpha 2/0.4")
    func rmspropSquareRoot() {
        let w = Parameter("w", value: Tensor([[0]]))
        w.gradient = Tensor([[2]])
        var optimiser = RMSprop(learningRate: 0.01, decay: 0.9, epsilon: 1e-12)
        optimiser.update([w])
        #expect(isApproximatelyEqual(w.value.scalars[0], -0.01 * 2 / Float(0.4).squareRoot(), relativeTolerance: 1e-6))
        #expect(!isApproximatelyEqual(w.value.scalars[0], -0.01 * 2 / 0.4, relativeTolerance: 0.1))
    }

    @Test("E-34: X in R^{N x P} has one example per row: a layer maps [N, P] to [N, n_out], row i from row i alone (seed 85)")
    func examplesAreRows() {
        var generator = Xoshiro256StarStar(seed: 85)
        let layer = Dense(inputs: 4, outputs: 3, activation: .tanh, generator: &generator)
        let X = generator.normalTensor(shape: [6, 4])                        // N = 6 examples, P = 4 features
        let output = layer(X)
        #expect(output.shape == [6, 3])
        let order = [5, 2, 0, 4, 1, 3]
        #expect(isApproximatelyEqual(layer(X.gatheringRows(order)).scalars, output.gatheringRows(order).scalars, relativeTolerance: 1e-6))
        #expect(isApproximatelyEqual(layer(X.gatheringRows([2])).scalars, output.gatheringRows([2]).scalars, relativeTolerance: 1e-6))
    }
}
