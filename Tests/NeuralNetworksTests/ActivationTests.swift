// Tests of the activations of MLiS II Table 1.2, the softmax of Eq. (2.2.9), Eq. (2.2.10) and PReLU:
// WORKED-NUMBERS.md's derived values (Sec. 5.3), derivatives against central differences, kinks
// (E-09: z = 0 takes the "otherwise" branch) and extremes (+-1000).

import Foundation
import Testing
import Core
import NeuralNetworks

@Suite("Activations (MLiS II Table 1.2, Eq. (2.2.9), Eq. (2.2.10))")
struct ActivationTests {
    static let elementwise: [Activation] = [.linear, .heaviside, .sigmoid, .tanh, .relu, .leakyReLU(), .elu(), .elu(alpha: 0.5)]

    @Test("Sec. 5.3 (derived) at x = (-2, -0.5, 0, 1.5): ReLU, leaky ReLU (0.01), ELU and ELU'")
    func tableValues() {
        let x = Tensor([[-2, -0.5, 0, 1.5]])
        #expect(Activation.relu.apply(x).scalars == [0, 0, 0, 1.5])
        #expect(isApproximatelyEqual(Activation.leakyReLU().apply(x).scalars, [-0.02, -0.005, 0, 1.5]))
        #expect(isApproximatelyEqual(Activation.elu().apply(x).scalars, [-0.8646647168, -0.3934693403, 0, 1.5]))
        #expect(isApproximatelyEqual(x.scalars.map { Activation.elu().derivative($0) }, [0.1353352832, 0.6065306597, 1, 1]))
    }

    @Test("Sec. 5.3 (derived): sigma(0) = 0.5, sigma'(0) = 0.25, sigma(1), sigma'(-2), tanh'(1) = sech^2(1), tanh'(-2)")
    func sigmoidAndTanhValues() {
        #expect(Activation.sigmoid.value(0) == 0.5 && Activation.sigmoid.derivative(0) == 0.25)
        #expect(isApproximatelyEqual(Activation.sigmoid.value(1), 0.7310585786))
        #expect(isApproximatelyEqual(Activation.sigmoid.derivative(1), 0.1966119332))
        #expect(isApproximatelyEqual(Activation.sigmoid.value(-2), 0.1192029220))
        #expect(isApproximatelyEqual(Activation.sigmoid.derivative(-2), 0.1049935854))
        #expect(isApproximatelyEqual(Activation.tanh.derivative(1), 0.4199743416))
        #expect(isApproximatelyEqual(Activation.tanh.derivative(-2), 0.0706508249))
    }

    @Test("E-09, E-72: at the kink z = 0 every piecewise function takes Table 1.2's \"otherwise\" branch")
    func kinks() {
        #expect(Activation.relu.derivative(0) == 1)
        #expect(Activation.leakyReLU().derivative(0) == 1 && Activation.leakyReLU().derivative(-0.001) == 0.01)
        #expect(Activation.elu().derivative(0) == 1)
        #expect(Activation.heaviside.value(0) == 1 && Activation.heaviside.value(-1e-30) == 0)
        #expect(Activation.heaviside.derivative(0) == 0 && Activation.heaviside.derivative(3) == 0)
        #expect(Activation.relu.value(-0.0) == 0 && Activation.relu.derivative(-1e-30) == 0)
    }

    @Test("Phi'(z) of every elementwise activation matches central differences of Phi in Double (seed 11)")
    func derivativesMatchFiniteDifferences() {
        var generator = Xoshiro256StarStar(seed: 11)
        for activation in Self.elementwise {
            for _ in 0..<50 {
                // Keep clear of the kink at 0, where the one-sided slopes differ.
                var z = generator.uniform(-4, 4)
                if abs(z) < 1e-3 { z = 0.5 }
                let numerical = GradientCheck.numericalGradient(at: [Double(z)]) { referenceActivation(activation, $0[0]) }
                #expect(GradientCheck.maximumError([Double(activation.derivative(z))], numerical) < gradientTolerance,
                        "\(activation) at z = \(z)")
            }
        }
    }

    @Test("Eq. (1.3.4) on a batch: delta = g ⊙ Phi'(Z) equals the gradient of sum C ⊙ Phi(Z), every activation, random shapes (seed 12)")
    func deltaOnBatches() {
        var generator = Xoshiro256StarStar(seed: 12)
        for activation in Self.elementwise + [.softmax] {
            let (rows, columns) = (1 + generator.uniformInt(below: 5), 1 + generator.uniformInt(below: 6))
            let z = generator.normalTensor(shape: [rows, columns], standardDeviation: 2)
            let weighting = randomWeighting(shape: z.shape, generator: &generator)
            let layer = ActivationLayer(activation)
            _ = layer.forward(z, training: true)
            let analytic = layer.backward(weighting)
            let error = GradientCheck.error(analytic: analytic.doubles, at: z.doubles) { values in
                let outputs = activation == .softmax
                    ? (0..<rows).flatMap { referenceSoftmax(Array(values[($0 * columns)..<(($0 + 1) * columns)])) }
                    : values.map { referenceActivation(activation, $0) }
                return weightedSum(outputs, weighting)
            }
            #expect(error < gradientTolerance, "\(activation), shape [\(rows), \(columns)]")
        }
    }

    @Test("Eq. (2.2.9): softmax(2, 1, 0.1) = (0.6590, 0.2424, 0.0986); rows of random batches sum to 1 (seed 13)")
    func softmaxValues() {
        let s = Activation.softmax.apply(Tensor([[2, 1, 0.1]]))
        #expect(isApproximatelyEqual(s.scalars, [0.6590011389, 0.2424329707, 0.0985658904]))
        var generator = Xoshiro256StarStar(seed: 13)
        let batch = Activation.softmax.apply(generator.normalTensor(shape: [20, 7], standardDeviation: 5))
        for i in 0..<20 { #expect(isApproximatelyEqual(batch.row(i).reduce(0, +), 1)) }
    }

    @Test("Eq. (2.2.10): the Jacobian at (2, 1, 0.1) has diagonal S_i(1 - S_i) and off-diagonal -S_i S_j (Sec. 5.3, derived)")
    func softmaxJacobian() {
        let z = Tensor([[2, 1, 0.1]])
        let layer = ActivationLayer(.softmax)
        _ = layer.forward(z, training: true)
        // Column j of the Jacobian is the delta for the unit vector g = e_j (the Jacobian is symmetric).
        let jacobian = (0..<3).map { j in layer.backward(Tensor([(0..<3).map { $0 == j ? 1 : 0 }])).scalars }
        let diagonal = [0.2247186378, 0.1836592254, 0.0888506557]
        for i in 0..<3 { #expect(isApproximatelyEqual(Double(jacobian[i][i]), diagonal[i], relativeTolerance: 1e-6)) }
        #expect(isApproximatelyEqual(jacobian[0][1], -0.1597636038) && isApproximatelyEqual(jacobian[1][0], -0.1597636038))
        #expect(isApproximatelyEqual(jacobian[0][2], -0.0649550340) && isApproximatelyEqual(jacobian[1][2], -0.0238956216))
    }

    @Test("Extremes: sigmoid and softmax at +-1000 are finite, in [0, 1], and exact where they can be (E-39)")
    func extremes() {
        #expect(Activation.sigmoid.value(1000) == 1 && Activation.sigmoid.value(-1000) == 0)
        #expect(Activation.sigmoid.derivative(1000) == 0 && Activation.sigmoid.derivative(-1000) == 0)
        #expect(Activation.tanh.value(1000) == 1 && Activation.elu().value(-1000) == -1)
        let s = Activation.softmax.apply(Tensor([[1000, 999], [-1000, 1000], [-1000, -1000]]))
        #expect(isApproximatelyEqual(Array(s.scalars[0..<2]), [0.7310585786, 0.2689414214]))
        #expect(Array(s.scalars[2..<6]) == [0, 1, 0.5, 0.5])
        let layer = ActivationLayer(.softmax)
        _ = layer.forward(Tensor([[1000, -1000, 0]]), training: true)
        let delta = layer.backward(Tensor([[1, 2, 3]]))
        #expect(delta.scalars.filter { !$0.isFinite }.isEmpty)
    }

    @Test("PReLU with a = 0.25 at x = (-2, -0.5, 0, 1.5) gives (-0.5, -0.125, 0, 1.5); df/da = (-2, -0.5, 0, 0) (E-10)")
    func preluValues() {
        let prelu = PReLU(units: 4, initialSlope: 0.25)
        let x = Tensor([[-2, -0.5, 0, 1.5]])
        #expect(prelu.forward(x, training: true).scalars == [-0.5, -0.125, 0, 1.5])
        _ = prelu.backward(Tensor([[1, 1, 1, 1]]))
        #expect(prelu.slopes.gradient.scalars == [-2, -0.5, 0, 0])
    }

    @Test("PReLU: input and slope gradients match central differences on a random batch (seed 14)")
    func preluGradients() {
        var generator = Xoshiro256StarStar(seed: 14)
        let (rows, units) = (5, 3)
        let prelu = PReLU(units: units)
        prelu.slopes.value = generator.uniformTensor(shape: [1, units], 0.05, 0.5)
        let x = generator.normalTensor(shape: [rows, units])
        let weighting = randomWeighting(shape: x.shape, generator: &generator)
        _ = prelu.forward(x, training: true)
        let inputGradient = prelu.backward(weighting)
        func objective(_ x: [Double], _ a: [Double]) -> Double {
            weightedSum(x.enumerated().map { k, v in v < 0 ? a[k % units] * v : v }, weighting)
        }
        let slopes = prelu.slopes.value.doubles
        #expect(GradientCheck.error(analytic: inputGradient.doubles, at: x.doubles) { objective($0, slopes) } < gradientTolerance)
        #expect(GradientCheck.error(analytic: prelu.slopes.gradient.doubles, at: slopes) { objective(x.doubles, $0) } < gradientTolerance)
    }
}
