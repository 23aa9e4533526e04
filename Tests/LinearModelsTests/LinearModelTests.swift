// Tests of the linear model and ridge regression against MLiS II Sec. 1.2.1 and 1.7.2
// (WORKED-NUMBERS.md LIN-1, LIN-2, Sec. 4.4 ridge values, E-53).

import Testing
import Core
import LinearModels

/// The inputs of Eq. (1.2.3) and Eq. (1.2.4), first column the bias ones.
let logicInputs = Tensor([[1, 0, 0], [1, 0, 1], [1, 1, 0], [1, 1, 1]])
let andTargets = Tensor(column: [0, 0, 0, 1])
let xorTargets = Tensor(column: [0, 1, 1, 0])

@Suite("Linear model and normal equations (MLiS II 1.2.1)")
struct LinearModelTests {
    @Test("Eq. (1.2.7) (LIN-1): AND weights (-1/4, 1/2, 1/2) and predictions (-1/4, 1/4, 1/4, 3/4)")
    func andWeights() throws {
        let model = try LinearModel.fit(logicInputs, andTargets)
        // Exact fractions: the normal equations are solved in Double, whose answer rounds to these Floats.
        #expect(model.weights.scalars == [-0.25, 0.5, 0.5])
        #expect(model.predict(logicInputs).scalars == [-0.25, 0.25, 0.25, 0.75])
        #expect(model.loss(logicInputs, andTargets) == 0.25)
        // Eq. (1.2.6): the gradient vanishes at w*.
        #expect(model.gradient(logicInputs, andTargets).scalars.allSatisfy { abs($0) < 1e-6 })
    }

    @Test("Eq. (1.2.8) (LIN-2): XOR weights (1/2, 0, 0) and 1/2 for every example")
    func xorWeights() throws {
        let model = try LinearModel.fit(logicInputs, xorTargets)
        #expect(model.weights.scalars == [0.5, 0, 0])
        #expect(model.predict(logicInputs).scalars == [0.5, 0.5, 0.5, 0.5])
        #expect(model.loss(logicInputs, xorTargets) == 1)
    }

    @Test("Eq. (1.2.6): the gradient 2X^T(Xw - Y) matches central differences of Eq. (1.2.5) (seed 17)")
    func gradientMatchesFiniteDifferences() {
        var generator = Xoshiro256StarStar(seed: 17)
        let X = generator.normalTensor(shape: [9, 4])
        let Y = generator.normalTensor(shape: [9, 1])
        let w = generator.normalTensor(shape: [4, 1])
        let analytic = LinearModel(weights: w).gradient(X, Y).doubles
        let error = GradientCheck.error(analytic: analytic, at: w.doubles) { weights in
            var total = 0.0
            for n in 0..<9 {
                let residual = (0..<4).reduce(0.0) { $0 + Double(X[n, $1]) * weights[$1] } - Double(Y.scalars[n])
                total += residual * residual
            }
            return total
        }
        #expect(error < 1e-4)  // Float analytic gradient against a Double reference
    }

    @Test("Eq. (1.7.3): ridge on AND with lambda = 1 (bias penalised, E-53) gives (0, 1/4, 1/4)")
    func ridgeOnAnd() throws {
        let model = try LinearModel.fit(logicInputs, andTargets, ridge: 1)
        #expect(isApproximatelyEqual(model.weights.scalars, [0, 0.25, 0.25], absoluteTolerance: 1e-7))
    }

    @Test("Ridge tends to OLS as lambda -> 0 and shrinks ||w|| as lambda grows")
    func ridgeLimits() throws {
        let ols = try LinearModel.fit(logicInputs, andTargets).weights
        let tiny = try LinearModel.fit(logicInputs, andTargets, ridge: 1e-9).weights
        #expect(isApproximatelyEqual(tiny.scalars, ols.scalars, absoluteTolerance: 1e-6))
        var previousNorm = ols.dot(ols)
        for lambda in [0.01, 0.1, 1, 10, 100, 1000] {
            let w = try LinearModel.fit(logicInputs, andTargets, ridge: lambda).weights
            #expect(w.dot(w) < previousNorm, "||w||^2 must fall at lambda = \(lambda)")
            previousNorm = w.dot(w)
        }
        #expect(previousNorm < 1e-5)
    }

    @Test("Ridge without the bias penalty leaves w_0 free: it fits the mean for huge lambda")
    func ridgeWithoutBias() throws {
        let w = try LinearModel.fit(logicInputs, andTargets, ridge: 1e8, penalizeBias: false).weights
        #expect(isApproximatelyEqual(w.scalars[0], 0.25, relativeTolerance: 1e-4))
    }

    @Test("Linearly dependent features make X^T X singular: a clear error, and ridge fixes it")
    func singularDesign() throws {
        let duplicated = Tensor([[1, 0, 0], [1, 1, 1], [1, 2, 2], [1, 3, 3]])
        #expect(throws: SingularMatrixError.self) { try LinearModel.fit(duplicated, andTargets) }
        #expect(throws: Never.self) { try LinearModel.fit(duplicated, andTargets, ridge: 0.1) }
    }
}
