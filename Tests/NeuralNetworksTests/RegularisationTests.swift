// Tests of regularisation (MLiS II Sec. 1.7: L1/L2 penalties, early stopping, dropout, batch
// normalisation with Eq. (2.3.1), Eq. (2.3.2)) and feature scaling (Sec. 1.6, Eq. (1.6.5), Eq. (1.6.6)): the
// WORKED-NUMBERS.md's derived values (Sec. 4.4), errata E-21 and E-52, and gradients against central differences.

import Foundation
import Testing
import Core
import NeuralNetworks

@Suite("Regularisation and feature scaling (MLiS II 1.6, 1.7)")
struct RegularisationTests {
    @Test("Eq. (1.7.2), Eq. (1.7.4): lambda ||w||^2 and lambda ||w||_1 on weights only, with gradients 2 lambda w and lambda sign(w) (seed 71)")
    func penalties() {
        var generator = Xoshiro256StarStar(seed: 71)
        let w = Parameter("W", value: generator.normalTensor(shape: [3, 4]), isPenalised: true)
        let b = Parameter("b", value: generator.normalTensor(shape: [1, 4]))
        for penalty in [Penalty.l2(0.3), .l1(0.3)] {
            let expected = penalty == .l2(0.3) ? 0.3 * w.value.dot(w.value) : 0.3 * w.value.scalars.reduce(0) { $0 + abs($1) }
            #expect(isApproximatelyEqual(penalty.value([w, b]), expected))
            w.gradient = Tensor(shape: w.value.shape); b.gradient = Tensor(shape: b.value.shape)
            penalty.addGradient(to: [w, b])
            #expect(b.gradient.scalars.allSatisfy { $0 == 0 })
            let error = GradientCheck.error(analytic: w.gradient.doubles, at: w.value.doubles) { values in
                0.3 * values.reduce(0.0) { $0 + (penalty == .l2(0.3) ? $1 * $1 : abs($1)) }
            }
            #expect(error < gradientTolerance, "\(penalty)")
        }
    }

    @Test("L2 training shrinks the weights; L1 pushes the weights of irrelevant inputs nearer zero than L2 does (seed 72)")
    func penaltiesShrinkWeights() throws {
        func trainedWeights(_ penalty: Penalty?) throws -> Tensor {
            var generator = Xoshiro256StarStar(seed: 72)
            let x = generator.normalTensor(shape: [64, 6])
            let y = matmul(x, Tensor(column: [2, -1, 0, 0, 0, 0.5]))
            let network = Network([Dense(inputs: 6, outputs: 1, activation: .linear, generator: &generator)])
            var sgd = SGD(learningRate: 0.05)
            try network.train(x, y, settings: TrainingSettings(loss: .meanSquaredError, epochs: 200, batchSize: 64, penalty: penalty),
                              optimiser: &sgd, generator: &generator)
            return (network.layers[0] as! Dense).weights.value
        }
        let (plain, ridge, lasso) = (try trainedWeights(nil), try trainedWeights(.l2(0.1)), try trainedWeights(.l1(0.1)))
        #expect(ridge.norm < plain.norm)
        // The weights of the three irrelevant inputs: L1 pushes them nearer zero than L2 does.
        let irrelevant = { (w: Tensor) in w.scalars[2..<5].reduce(Float(0)) { $0 + abs($1) } }
        #expect(irrelevant(lasso) < irrelevant(ridge), "L1 \(lasso.scalars), L2 \(ridge.scalars)")
    }

    @Test("Sec. 1.7.1: early stopping stops after `patience` epochs without improvement and restores the best epoch's weights")
    func earlyStoppingRestoresBest() {
        var generator = Xoshiro256StarStar(seed: 73)
        let network = Network([Dense(inputs: 2, outputs: 2, activation: .linear, generator: &generator)])
        let dense = network.layers[0] as! Dense
        var stopping = EarlyStopping(patience: 2)
        var weightsAtEpoch: [Tensor] = []
        var stoppedAt: Int? = nil
        for (epoch, loss) in [0.9, 0.5, 0.6, 0.4, 0.45, 0.41, 0.3].enumerated() {
            dense.weights.value.add(Tensor(shape: [2, 2], repeating: 1))      // "training" changes the weights
            weightsAtEpoch.append(dense.weights.value)
            if stopping.observe(validationLoss: Float(loss), epoch: epoch + 1, network: network) { stoppedAt = epoch + 1; break }
        }
        #expect(stoppedAt == 6 && stopping.bestEpoch == 4 && stopping.bestLoss == 0.4)
        #expect(dense.weights.value == weightsAtEpoch[3])
    }

    @Test("Dropout, E-21: p = 0.3, h = 2: plain dropout averages 1.4 = (1 - p) h in training, so the test factor is 1 - p, not p (seed 74)")
    func dropoutExpectations() {
        var generator = Xoshiro256StarStar(seed: 74)
        let h = Tensor(shape: [200, 500], repeating: 2)
        for convention in [Dropout.Convention.inverted, .scaledAtTest] {
            let dropout = Dropout(rate: 0.3, convention: convention, generator: &generator)
            let training = dropout.forward(h, training: true)
            let mean = Double(training.sum()) / Double(h.count)
            let test = dropout.forward(h, training: false).scalars[0]
            // 100,000 Bernoulli draws: the mean is within 1 % of its expectation (about 7 standard errors).
            #expect(isApproximatelyEqual(mean, Double(test), relativeTolerance: 0.01), "\(convention): training mean \(mean), test \(test)")
            let dropped = Double(training.scalars.filter { $0 == 0 }.count) / Double(h.count)
            #expect(abs(dropped - 0.3) < 0.01)
        }
        let notes = Dropout(rate: 0.3, convention: .scaledAtTest, generator: &generator)
        #expect(isApproximatelyEqual(notes.testScale, 0.7) && notes.trainingScale == 1)   // the notes print p = 0.3
        let inverted = Dropout(rate: 0.3, generator: &generator)
        #expect(isApproximatelyEqual(inverted.trainingScale, 1 / 0.7) && inverted.testScale == 1)
    }

    @Test("Dropout's backward pass lets gradient through exactly the kept units, with the same factor (seed 75)")
    func dropoutBackward() {
        var generator = Xoshiro256StarStar(seed: 75)
        let dropout = Dropout(rate: 0.5, generator: &generator)
        let x = generator.normalTensor(shape: [4, 6])
        let y = dropout.forward(x, training: true)
        let g = dropout.backward(Tensor(shape: x.shape, repeating: 1))
        for k in 0..<x.count { #expect(y.scalars[k] == x.scalars[k] * g.scalars[k] && (g.scalars[k] == 0 || g.scalars[k] == 2)) }
    }

    @Test("Eq. (2.3.1), Eq. (2.3.2), Sec. 4.4 (derived): x = (1, 2, 3, 4) normalises to (-1.3416, -0.4472, 0.4472, 1.3416); epsilon 1e-5 to -1.34163542")
    func batchNormalisationValues() {
        let exact = BatchNormalisation(features: 1, epsilon: 0).forward(Tensor(column: [1, 2, 3, 4]), training: true)
        #expect(isApproximatelyEqual(exact.scalars, [-1.3416407865, -0.4472135955, 0.4472135955, 1.3416407865]))
        let smoothed = BatchNormalisation(features: 1).forward(Tensor(column: [1, 2, 3, 4]), training: true)
        #expect(isApproximatelyEqual(smoothed.scalars[0], -1.34163542, relativeTolerance: 1e-6))
        #expect(isApproximatelyEqual(smoothed.scalars[1], -0.4472118067, relativeTolerance: 1e-6))
    }

    @Test("Ioffe & Szegedy Algorithm 2: x = (1, 2, 3, 4), momentum 0.9 moves the running variance from 1 to 16/15 = 1.0667 (unbiased 5/3), the mean from 0 to 0.25; the batch keeps the biased 1.25")
    func batchNormalisationRunningVariance() {
        let norm = BatchNormalisation(features: 1, epsilon: 0, momentum: 0.9)
        let y = norm.forward(Tensor(column: [1, 2, 3, 4]), training: true)
        #expect(isApproximatelyEqual(y.scalars, [-1.3416407865, -0.4472135955, 0.4472135955, 1.3416407865]))
        #expect(isApproximatelyEqual(norm.runningVariance.value.scalars[0], 16.0 / 15, relativeTolerance: 1e-6))
        #expect(isApproximatelyEqual(norm.runningMean.value.scalars[0], 0.25, relativeTolerance: 1e-6))
        // Test mode with those statistics: (4 - 0.25) / sqrt(16/15) = 3.6309...
        let test = norm.forward(Tensor(column: [4]), training: false)
        #expect(isApproximatelyEqual(test.scalars[0], 3.75 / (16.0 / 15).squareRoot(), relativeTolerance: 1e-6))
        // A batch of one row has no unbiased variance: only the mean moves.
        let single = BatchNormalisation(features: 1, momentum: 0.9)
        _ = single.forward(Tensor(column: [3]), training: true)
        #expect(single.runningVariance.value.scalars[0] == 1)
        #expect(isApproximatelyEqual(single.runningMean.value.scalars[0], 0.3, relativeTolerance: 1e-6))
    }

    @Test("Batch normalisation's backward pass (through the batch mean and variance) matches central differences, training and test mode (seed 76)")
    func batchNormalisationGradients() {
        var generator = Xoshiro256StarStar(seed: 76)
        let (rows, features) = (6, 3)
        let norm = BatchNormalisation(features: features, epsilon: 1e-3)
        norm.scale.value = generator.uniformTensor(shape: [1, features], 0.5, 2)
        norm.shift.value = generator.normalTensor(shape: [1, features])
        let x = generator.normalTensor(shape: [rows, features], mean: 1, standardDeviation: 2)
        let weighting = randomWeighting(shape: x.shape, generator: &generator)
        func reference(_ x: [Double], _ gamma: [Double], _ beta: [Double]) -> Double {
            var output = x
            for j in 0..<features {
                let column = (0..<rows).map { x[$0 * features + j] }
                let mean = column.reduce(0, +) / Double(rows)
                let variance = column.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(rows)
                for i in 0..<rows { output[i * features + j] = gamma[j] * (x[i * features + j] - mean) / (variance + 1e-3).squareRoot() + beta[j] }
            }
            return weightedSum(output, weighting)
        }
        _ = norm.forward(x, training: true)
        let inputGradient = norm.backward(weighting)
        let (gamma, beta) = (norm.scale.value.doubles, norm.shift.value.doubles)
        #expect(GradientCheck.error(analytic: inputGradient.doubles, at: x.doubles) { reference($0, gamma, beta) } < gradientTolerance)
        #expect(GradientCheck.error(analytic: norm.scale.gradient.doubles, at: gamma) { reference(x.doubles, $0, beta) } < gradientTolerance)
        #expect(GradientCheck.error(analytic: norm.shift.gradient.doubles, at: beta) { reference(x.doubles, gamma, $0) } < gradientTolerance)
        // Test mode: the running statistics are constants, so the layer is affine in x.
        let (mean, variance) = (norm.runningMean.value.doubles, norm.runningVariance.value.doubles)
        _ = norm.forward(x, training: false)
        let testGradient = norm.backward(weighting)
        let error = GradientCheck.error(analytic: testGradient.doubles, at: x.doubles) { values in
            weightedSum(values.enumerated().map { k, v in
                let j = k % features
                return gamma[j] * (v - mean[j]) / (variance[j] + 1e-3).squareRoot() + beta[j]
            }, weighting)
        }
        #expect(error < gradientTolerance)
        #expect(norm.parameters.filter(\.isTrainable).count == 2)
    }

    @Test("Eq. (1.6.5), Eq. (1.6.6), E-52: (2, 4, 6, 8) scales to (0, 1/3, 2/3, 1) and standardises with the population sigma to +-1.3416, +-0.4472")
    func featureScaling() {
        let x = Tensor(column: [2, 4, 6, 8])
        #expect(isApproximatelyEqual(MinMaxScaling(fitting: x).transform(x).scalars, [0, 1.0 / 3, 2.0 / 3, 1]))
        let standardised = Standardisation(fitting: x).transform(x)
        #expect(isApproximatelyEqual(standardised.scalars, [-1.3416407865, -0.4472135955, 0.4472135955, 1.3416407865]))
        // The sample sigma (divide by N - 1) would give -1.1618950039: the notes do not say which.
        #expect(!isApproximatelyEqual(standardised.scalars[0], -1.1618950039))
        // Fitted on training data, applied unchanged to new data; a constant column maps to 0.
        let scaling = MinMaxScaling(fitting: Tensor([[0, 5], [10, 5]]))
        #expect(scaling.transform(Tensor([[5, 5], [20, 7]])).scalars == [0.5, 0, 2, 2])
        #expect(Standardisation(fitting: Tensor([[3, 1], [3, 3]])).transform(Tensor([[3, 2]])).scalars == [0, 0])
    }
}
