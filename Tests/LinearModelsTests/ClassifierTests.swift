// Tests of the perceptron (MLiS II Sec. 1.2.2) and logistic regression (Sec. 1.2.3) against WORKED-NUMBERS.md's
// LIN-3 and LIN-4, with the errata E-72 (Theta at 0) and E-73 (1/N in the gradient).

import Foundation
import Testing
import Core
import LinearModels

/// The course notebook's seed-0 start w0 = 0.1 U[0, 1)^3 (WORKED-NUMBERS.md LIN-3).
let notebookStart = Tensor(column: [0.0548813504, 0.0715189366, 0.0602763376])

@Suite("Perceptron (MLiS II 1.2.2)")
struct PerceptronTests {
    @Test("LIN-3: from the notebook's w0, 10 epochs of Eq. (1.2.10) on AND give w = (-0.24511865, 0.17151894, 0.16027634)")
    func andFromNotebookStart() {
        var perceptron = Perceptron(weights: notebookStart)
        perceptron.train(logicInputs, andTargets, learningRate: 0.1, epochs: 10)
        #expect(isApproximatelyEqual(perceptron.weights.scalars, [-0.24511865, 0.17151894, 0.16027634], relativeTolerance: 1e-6))
        #expect(perceptron.predict(logicInputs).scalars == [0, 0, 0, 1])
    }

    @Test("LIN-3: on XOR the weights oscillate with period 2 and every example gets class 1")
    func xorOscillates() {
        var perceptron = Perceptron(weights: notebookStart)
        perceptron.update(logicInputs, xorTargets, learningRate: 0.1)
        #expect(perceptron.predict(logicInputs).scalars == [0, 0, 0, 0])
        perceptron.update(logicInputs, xorTargets, learningRate: 0.1)
        #expect(isApproximatelyEqual(perceptron.weights.scalars, notebookStart.scalars, relativeTolerance: 1e-6))
        perceptron.train(logicInputs, xorTargets, learningRate: 0.1, epochs: 8)
        #expect(perceptron.predict(logicInputs).scalars == [1, 1, 1, 1])
    }

    @Test("AND is learnt from any small random start; XOR never reaches 100 % (seeds 0...19)")
    func separability() {
        for seed in UInt64(0)..<20 {
            var generator = Xoshiro256StarStar(seed: seed)
            var onAnd = Perceptron(inputs: 3, generator: &generator)
            onAnd.train(logicInputs, andTargets, epochs: 100)
            #expect(onAnd.accuracy(logicInputs, andTargets) == 1, "AND, seed \(seed)")
            var onXor = Perceptron(inputs: 3, generator: &generator)
            onXor.train(logicInputs, xorTargets, epochs: 100)
            #expect(onXor.accuracy(logicInputs, xorTargets) <= 0.75, "XOR, seed \(seed)")
        }
    }

    @Test("E-72: Theta(0) = 1 as in MLiS II Table 1.2")
    func heavisideAtZero() {
        #expect(heaviside(0) == 1)
        #expect(heaviside(-1e-30) == 0)
        #expect(heaviside(2) == 1)
    }
}

@Suite("Logistic regression (MLiS II 1.2.3)")
struct LogisticRegressionTests {
    @Test("LIN-4: the notebook's run (w0, alpha = 0.1, 10,000 epochs, summed gradient, E-73) gives w = (-15.5074, 10.2254, 10.2254)")
    func andFromNotebookStart() throws {
        var model = LogisticRegression(weights: notebookStart)
        try model.train(logicInputs, andTargets, learningRate: 0.1, epochs: 10_000, scale: .sum)
        // 10,000 Float steps against WORKED-NUMBERS.md's float64 run: agreement to ~1e-4 is what
        // Float accumulation allows, so 1e-3 relative.
        #expect(isApproximatelyEqual(model.weights.scalars, [-15.507407704, 10.225412251, 10.225412251], relativeTolerance: 1e-3))
        let p = model.probabilities(logicInputs).scalars
        #expect(isApproximatelyEqual(p[1], 0.0050565803, relativeTolerance: 1e-2))
        #expect(isApproximatelyEqual(p[3], 0.9929202855, relativeTolerance: 1e-4))
        #expect(p[0] < 1e-6)
        #expect(model.predict(logicInputs).scalars == [0, 0, 0, 1])
    }

    @Test("LIN-4: on XOR every example gets probability 1/2")
    func xorIsFlat() throws {
        var model = LogisticRegression(weights: notebookStart)
        try model.train(logicInputs, xorTargets, learningRate: 0.1, epochs: 10_000, scale: .sum)
        #expect(isApproximatelyEqual(model.probabilities(logicInputs).scalars, [0.5, 0.5, 0.5, 0.5], absoluteTolerance: 1e-5))
    }

    @Test("Eq. (1.2.14) as printed (mean gradient) also learns AND and stays at 1/2 on XOR (seed 4)")
    func meanGradient() throws {
        var generator = Xoshiro256StarStar(seed: 4)
        var onAnd = LogisticRegression(inputs: 3, generator: &generator)
        let history = try onAnd.train(logicInputs, andTargets, learningRate: 0.1, epochs: 10_000)
        #expect(onAnd.predict(logicInputs).scalars == [0, 0, 0, 1])
        #expect(history.last! < history.first!)
        var onXor = LogisticRegression(inputs: 3, generator: &generator)
        try onXor.train(logicInputs, xorTargets, learningRate: 0.1, epochs: 10_000)
        #expect(isApproximatelyEqual(onXor.probabilities(logicInputs).scalars, [0.5, 0.5, 0.5, 0.5], absoluteTolerance: 1e-3))
    }

    @Test("Eq. (1.2.14): (1/N) X^T (Y^ - Y) matches central differences of the mean BCE (seed 23)")
    func gradientMatchesFiniteDifferences() {
        var generator = Xoshiro256StarStar(seed: 23)
        let (n, p) = (11, 5)
        let X = generator.normalTensor(shape: [n, p])
        let Y = Tensor(column: (0..<n).map { _ in Float(generator.uniformInt(below: 2)) })
        let w = generator.normalTensor(shape: [p, 1], standardDeviation: 0.5)
        let analytic = LogisticRegression(weights: w).gradient(X, Y).doubles
        let error = GradientCheck.error(analytic: analytic, at: w.doubles) { weights in
            var total = 0.0
            for i in 0..<n {
                let z = (0..<p).reduce(0.0) { $0 + Double(X[i, $1]) * weights[$1] }
                let yHat = 1 / (1 + exp(-z)), y = Double(Y.scalars[i])
                total -= y * log(yHat) + (1 - y) * log(1 - yHat)
            }
            return total / Double(n)
        }
        #expect(error < 1e-5)
    }

    @Test("A learning rate that is far too large is reported as divergence or stays finite")
    func hugeLearningRate() {
        var model = LogisticRegression(weights: notebookStart)
        do {
            try model.train(logicInputs, andTargets, learningRate: 1e30, epochs: 50)
            #expect(model.loss(logicInputs, andTargets).isFinite)
        } catch let error as DivergenceError {
            #expect("\(error)".contains("diverged"))
        } catch {
            Issue.record("unexpected error \(error)")
        }
    }
}
