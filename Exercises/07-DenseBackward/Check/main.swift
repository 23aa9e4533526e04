// Checks for exercise 07 (a dense layer's backward pass). Run: swift run --package-path Exercises exercises 07

import Foundation
import ExerciseCheck
import Core
import NeuralNetworks
import Exercise07

check("By hand: one example, two inputs, two units, one of them inactive") {
    // x = (1, 2), W = [[1, -1], [0.5, -2]], b = 0: z = (2, -5), so unit 2 passes nothing back.
    let (x, w) = (Tensor([[1, 2]]), Tensor([[1, -1], [0.5, -2]]))
    let z = matmul(x, w)
    let (dx, dw, db) = denseReLUBackward(input: x, weights: w, preActivation: z, outputGradient: Tensor([[3, 7]]))
    expect(db.scalars == [3, 0], "dJ/db = Delta = (3, 0); got \(db.scalars)")
    expect(dw.scalars == [3, 0, 6, 0], "dJ/dW = x^T Delta = [[3, 0], [6, 0]]; got \(dw.scalars)")
    expect(dx.scalars == [3, 1.5], "dJ/dx = Delta W^T = (3, 1.5); got \(dx.scalars)")
    expect(db.shape == [1, 2] && dw.shape == [2, 2] && dx.shape == [1, 2], "db.shape == [1, 2] && dw.shape == [2, 2] && dx.shape == [1, 2]")
}

check("All three gradients match central differences of J = sum C ⊙ ReLU(XW + b) on random shapes (seed 71)") {
    var generator = Xoshiro256StarStar(seed: 71)
    for _ in 0..<5 {
        let (n, inputs, outputs) = (1 + generator.uniformInt(below: 4), 1 + generator.uniformInt(below: 4), 1 + generator.uniformInt(below: 4))
        let (x, w) = (generator.normalTensor(shape: [n, inputs]), generator.normalTensor(shape: [inputs, outputs]))
        let b = generator.normalTensor(shape: [1, outputs], standardDeviation: 0.3)
        let c = generator.normalTensor(shape: [n, outputs])
        let z = matmul(x, w).addingRowVector(b)
        let (dx, dw, db) = denseReLUBackward(input: x, weights: w, preActivation: z, outputGradient: c)
        func objective(_ x: [Double], _ w: [Double], _ b: [Double]) -> Double {
            var total = 0.0
            for i in 0..<n {
                for j in 0..<outputs {
                    let zij = b[j] + (0..<inputs).reduce(0.0) { $0 + x[i * inputs + $1] * w[$1 * outputs + j] }
                    total += Double(c[i, j]) * max(0, zij)
                }
            }
            return total
        }
        let shapes = "X [\(n), \(inputs)], W [\(inputs), \(outputs)]"
        expect(GradientCheck.error(analytic: dw.doubles, at: w.doubles) { objective(x.doubles, $0, b.doubles) } < 1e-4, "dJ/dW, \(shapes)")
        expect(GradientCheck.error(analytic: db.doubles, at: b.doubles) { objective(x.doubles, w.doubles, $0) } < 1e-4, "dJ/db, \(shapes)")
        expect(GradientCheck.error(analytic: dx.doubles, at: x.doubles) { objective($0, w.doubles, b.doubles) } < 1e-4, "dJ/dX, \(shapes)")
    }
}

check("The same gradients as the library's Dense layer (seed 72)") {
    var generator = Xoshiro256StarStar(seed: 72)
    let dense = Dense(inputs: 5, outputs: 3, activation: .relu, biasInitialisation: .normal(standardDeviation: 0.5), generator: &generator)
    let x = generator.normalTensor(shape: [6, 5]), g = generator.normalTensor(shape: [6, 3])
    _ = dense.forward(x, training: true)
    let dx = dense.backward(g)
    let mine = denseReLUBackward(input: x, weights: dense.weights.value, preActivation: dense.lastPreActivation!, outputGradient: g)
    expect(isApproximatelyEqual(mine.inputGradient.scalars, dx.scalars, absoluteTolerance: 1e-6), "expected \(dx.scalars), got \(mine.inputGradient.scalars) (absoluteTolerance: 1e-6)")
    expect(isApproximatelyEqual(mine.weightGradient.scalars, dense.weights.gradient.scalars, absoluteTolerance: 1e-6), "expected \(dense.weights.gradient.scalars), got \(mine.weightGradient.scalars) (absoluteTolerance: 1e-6)")
    expect(isApproximatelyEqual(mine.biasGradient.scalars, dense.bias.gradient.scalars, absoluteTolerance: 1e-6), "expected \(dense.bias.gradient.scalars), got \(mine.biasGradient.scalars) (absoluteTolerance: 1e-6)")
}

runChecks()
