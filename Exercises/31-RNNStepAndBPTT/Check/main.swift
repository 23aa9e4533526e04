// Checks for exercise 31 (an RNN step and BPTT over two steps). Run: swift run --package-path Exercises exercises 31

import Foundation
import ExerciseCheck
import Core
import Recurrent
import Exercise31

check("The worked step: tanh(1 * 0.5 + 0.5 * 0.8 + 0.1) = tanh(1) = 0.7615941560") {
    let h = rnnStep(x: 1, previous: 0.5, wx: 0.5, wh: 0.8, b: 0.1)
    expect(abs(h - 0.7615941560) < 1e-10, "expected tanh(1) = 0.7615941560, got \(h)")
}

check("The four gradients match central differences of J on random numbers (seed 311)") {
    var generator = Xoshiro256StarStar(seed: 311)
    for _ in 0..<10 {
        let v = (0..<7).map { _ in generator.normalDouble() }
        let (x1, x2, h0, wx, wh, b, y) = (v[0], v[1], 0.5 * v[2], v[3], v[4], 0.3 * v[5], 0.5 * v[6])
        let loss = { (p: [Double]) -> Double in
            let h1 = Foundation.tanh(x1 * p[0] + p[3] * p[1] + p[2])
            let h2 = Foundation.tanh(x2 * p[0] + h1 * p[1] + p[2])
            return (h2 - y) * (h2 - y) / 2
        }
        let got = twoStepGradients(x1: x1, x2: x2, h0: h0, wx: wx, wh: wh, b: b, target: y)
        let numerical = GradientCheck.numericalGradient(at: [wx, wh, b, h0], loss)
        expect(GradientCheck.maximumError([got.wx, got.wh, got.b, got.h0], numerical) < 1e-7,
                "expected (dw_x, dw_h, db, dh_0) = \(numerical), got \(got)")
    }
}

check("dJ/dw_h is a sum over both steps: the first step's term delta_1 h_0 is there") {
    let with = twoStepGradients(x1: 1, x2: -1, h0: 0.9, wx: 0.5, wh: 0.8, b: 0.1, target: 1)
    let without = twoStepGradients(x1: 1, x2: -1, h0: 0, wx: 0.5, wh: 0.8, b: 0.1, target: 1)
    expect(with.wh != without.wh, "changing h_0 must change dJ/dw_h through delta_1 h_0")
}

check("The same gradients as the library's SimpleRNN back-propagating through time (Float, seed 312)") {
    var generator = Xoshiro256StarStar(seed: 312)
    let v = (0..<7).map { _ in Float(generator.normal()) }
    let rnn = SimpleRNN(inputWeights: Tensor([[v[0]]]), recurrentWeights: Tensor([[v[1]]]), bias: Tensor([[0.3 * v[2]]]))
    rnn.initialState = Tensor([[0.5 * v[3]]])
    let h2 = rnn.forward(Tensor(shape: [1, 2, 1], scalars: [v[4], v[5]]), training: true).scalars[0]
    _ = rnn.backward(Tensor([[h2 - v[6]]]))
    let got = twoStepGradients(x1: Double(v[4]), x2: Double(v[5]), h0: Double(0.5 * v[3]), wx: Double(v[0]), wh: Double(v[1]),
                               b: Double(0.3 * v[2]), target: Double(v[6]))
    let library = [rnn.inputWeights.gradient.scalars[0], rnn.recurrentWeights.gradient.scalars[0], rnn.bias.gradient.scalars[0],
                   rnn.initialStateGradient!.scalars[0]].map(Double.init)
    expect(isApproximatelyEqual([got.wx, got.wh, got.b, got.h0], library, absoluteTolerance: 1e-5), "library \(library), got \(got)")
}

runChecks()
