// Tests of Optimizers.swift: one step of gradient descent (MLiS II Eq. 1.2.13) and of Adam
// (MLiS II Eqs. 1.5.8-1.5.11), whose first step is alpha sign(g) (WORKED-EXAMPLES.md, OPT-1).

import Testing
import Core
import GraphNetworks

@Suite("Optimisers (temporary home, see the module README)")
struct OptimizerTests {
    @Test("Gradient descent: w <- w - alpha g")
    func gradientDescentStep() {
        var parameters = [Tensor([[1, 2]]), Tensor(column: [3])]
        var optimizer = GradientDescent(learningRate: 0.5)
        optimizer.update(&parameters, gradients: [Tensor([[2, -2]]), Tensor(column: [1])])
        #expect(parameters == [Tensor([[0, 3]]), Tensor(column: [2.5])])
    }

    @Test("OPT-1: Adam's first step is alpha sign(g) up to epsilon, whatever the size of g (bias correction)")
    func adamFirstStep() {
        var parameters = [Tensor([[0, 1, -1]])]
        var optimizer = Adam(learningRate: 0.05)
        optimizer.update(&parameters, gradients: [Tensor([[-1000, 0.001, 3]])])
        #expect(isApproximatelyEqual(parameters[0].scalars, [0.05, 1 - 0.05, -1 - 0.05], relativeTolerance: 1e-5))
        #expect(optimizer.step == 1)
    }

    @Test("Adam, two steps by hand: s_2 = 0.9 s_1 + 0.1 g_2, r_2 = 0.999 r_1 + 0.001 g_2^2, corrected by 1 - beta^2")
    func adamSecondStep() {
        var parameters = [Tensor([[0]])]
        var optimizer = Adam(learningRate: 0.1, epsilon: 0)
        optimizer.update(&parameters, gradients: [Tensor([[2]])])       // w = -0.1
        optimizer.update(&parameters, gradients: [Tensor([[-1]])])
        let s: Float = 0.9 * 0.2 + 0.1 * -1, r: Float = 0.999 * 0.004 + 0.001 * 1
        let step = 0.1 * (s / (1 - 0.81)) / (r / (1 - 0.999 * 0.999)).squareRoot()
        #expect(isApproximatelyEqual(parameters[0][0, 0], -0.1 - step, relativeTolerance: 1e-5))
    }
}
