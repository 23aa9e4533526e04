// Tests of the two update rules graph networks are trained with, NeuralNetworks' `SGD` (gradient
// descent, MLiS II Eq. (1.2.13)) and `Adam` (Eq. (1.5.8), Eq. (1.5.9), Eq. (1.5.10), Eq. (1.5.11)),
// whose first step is alpha sign(g) (WORKED-NUMBERS.md, OPT-1), on the parameters of GCN layers.
// (GraphNetworks once kept its own copies of these two; these are that copy's tests, kept.)

import Testing
import Core
import NeuralNetworks
import GraphNetworks

@Suite("The optimisers GCNs are trained with (NeuralNetworks' SGD and Adam)")
struct OptimiserTests {
    /// Parameters with the given values and gradients.
    func parameters(_ values: [Tensor], gradients: [Tensor]) -> [Parameter] {
        zip(values, gradients).map { value, gradient in
            let parameter = Parameter("K", value: value, isPenalised: true)
            parameter.gradient = gradient
            return parameter
        }
    }

    @Test("Gradient descent: w <- w - alpha g")
    func gradientDescentStep() {
        let weights = parameters([Tensor([[1, 2]]), Tensor(column: [3])], gradients: [Tensor([[2, -2]]), Tensor(column: [1])])
        var optimiser = SGD(learningRate: 0.5)
        optimiser.update(weights)
        #expect(weights.map(\.value) == [Tensor([[0, 3]]), Tensor(column: [2.5])])
    }

    @Test("OPT-1: Adam's first step is alpha sign(g) up to epsilon, whatever the size of g (bias correction)")
    func adamFirstStep() {
        let weights = parameters([Tensor([[0, 1, -1]])], gradients: [Tensor([[-1000, 0.001, 3]])])
        var optimiser = Adam(learningRate: 0.05)
        optimiser.update(weights)
        #expect(isApproximatelyEqual(weights[0].value.scalars, [0.05, 1 - 0.05, -1 - 0.05], relativeTolerance: 1e-5))
        #expect(optimiser.stepCount == 1)
    }

    @Test("Adam, two steps by hand: s_2 = 0.9 s_1 + 0.1 g_2, r_2 = 0.999 r_1 + 0.001 g_2^2, corrected by 1 - beta^2")
    func adamSecondStep() {
        let weights = parameters([Tensor([[0]])], gradients: [Tensor([[2]])])
        // Adam needs epsilon > 0; the smallest normal Float leaves sqrt(r^) (about 0.06 here) unchanged, as epsilon = 0 would.
        var optimiser = Adam(learningRate: 0.1, epsilon: .leastNormalMagnitude)
        optimiser.update(weights)                      // w = -0.1
        weights[0].gradient = Tensor([[-1]])
        optimiser.update(weights)
        let s: Float = 0.9 * 0.2 + 0.1 * -1, r: Float = 0.999 * 0.004 + 0.001 * 1
        let step = 0.1 * (s / (1 - 0.81)) / (r / (1 - 0.999 * 0.999)).squareRoot()
        #expect(isApproximatelyEqual(weights[0].value[0, 0], -0.1 - step, relativeTolerance: 1e-5))
    }
}
