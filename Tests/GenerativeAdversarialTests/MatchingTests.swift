// The generative matching network's distance (MMD with a Gaussian kernel) and the MvM metric: values by
// hand, their gradients against central differences in Double, and a GMN that learns without any
// discriminator.

import Foundation
import Testing
import Core
import NeuralNetworks
@testable import GenerativeAdversarial

/// MMD^2 in Double, written from its definition: the mean kernel within X, within Y, and across.
func doubleSquaredMMD(_ y: [Double], _ x: [Double], dimension d: Int, bandwidths: [Double]) -> Double {
    func kernel(_ a: ArraySlice<Double>, _ b: ArraySlice<Double>) -> Double {
        let squared = zip(a, b).reduce(0.0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) }
        return bandwidths.reduce(0.0) { $0 + exp(-squared / (2 * $1 * $1)) }
    }
    func mean(_ p: [Double], _ q: [Double]) -> Double {
        let (rowsP, rowsQ) = (p.count / d, q.count / d)
        var total = 0.0
        for i in 0..<rowsP { for j in 0..<rowsQ { total += kernel(p[(i * d)..<((i + 1) * d)], q[(j * d)..<((j + 1) * d)]) } }
        return total / Double(rowsP * rowsQ)
    }
    return mean(x, x) + mean(y, y) - 2 * mean(x, y)
}

@Suite("Generative matching: MMD with a Gaussian kernel, and the MvM metric")
struct MatchingTests {
    @Test("MMD^2 by hand: one point at 0 against one at (1, 0), sigma = 1, is 2 - 2 e^{-1/2} = 0.7869386806; 0 for equal sets")
    func valueByHand() {
        let mmd = MaximumMeanDiscrepancy(bandwidths: [1])
        let value = mmd.squaredDistance(generated: Tensor([[0, 0]]), data: Tensor([[1, 0]]))
        #expect(isApproximatelyEqual(Double(value), 2 - 2 * exp(-0.5), relativeTolerance: 1e-6))
        let set = Tensor([[0, 1], [2, -1], [0.5, 0.5]])
        #expect(abs(mmd.squaredDistance(generated: set, data: set)) < 1e-6)
        // Two bandwidths add their kernels: twice the value for sigma = (1, 1).
        let twice = MaximumMeanDiscrepancy(bandwidths: [1, 1]).squaredDistance(generated: Tensor([[0, 0]]), data: Tensor([[1, 0]]))
        #expect(isApproximatelyEqual(twice, 2 * value, relativeTolerance: 1e-6))
    }

    @Test("MMD^2 with 5 generated and 4 data points in 3-D, two bandwidths: value and dMMD^2/dY against Double (seed 31)")
    func gradientAgainstFiniteDifferences() {
        var random = Xoshiro256StarStar(seed: 31)
        let (y, x) = (random.normalTensor(shape: [5, 3]), random.normalTensor(shape: [4, 3]))
        let mmd = MaximumMeanDiscrepancy(bandwidths: [0.7, 2])
        let expected = doubleSquaredMMD(y.doubles, x.doubles, dimension: 3, bandwidths: [0.7, 2])
        #expect(isApproximatelyEqual(Double(mmd.squaredDistance(generated: y, data: x)), expected, relativeTolerance: 1e-5))
        let error = GradientCheck.error(analytic: mmd.gradient(generated: y, data: x).doubles, at: y.doubles) {
            doubleSquaredMMD($0, x.doubles, dimension: 3, bandwidths: [0.7, 2])
        }
        #expect(error < gradientTolerance, "error \(error)")
    }

    @Test("MMD^2 as the loss of a generator network: G's parameter gradients match central differences in Double (seed 32)")
    func generatorGradientThroughMMD() {
        var random = Xoshiro256StarStar(seed: 32)
        let (g, _) = smallNetworks(&random)
        let (noise, data) = (random.uniformTensor(shape: [6, 2], -1, 1), random.normalTensor(shape: [6, 2]))
        let mmd = MaximumMeanDiscrepancy(bandwidths: [0.5, 1.5])
        let output = g.forward(noise, training: true)
        g.backward(loss: mmd, output: output, target: data)
        let error = GradientCheck.error(analytic: flatGradients(g), at: flatValues(g)) { theta in
            doubleSquaredMMD(doubleNetwork(g, noise.doubles, rows: 6, parameters: theta), data.doubles, dimension: 2, bandwidths: [0.5, 1.5])
        }
        #expect(error < gradientTolerance, "error \(error)")
    }

    @Test("A GMN (no discriminator) learns the 1-D Gaussian N(4, 0.5^2) from uniform noise: mean within 0.15, standard deviation within 25 % (seed 33, 300 steps)")
    func generativeMatchingLearnsGaussian() throws {
        var random = Xoshiro256StarStar(seed: 33)
        let target = GaussianMixture.line(mean: 4, standardDeviation: 0.5)
        let g = AdversarialNetworks.multilayerGenerator(noiseDimension: 1, sampleDimension: 1, hidden: 16, generator: &random)
        let gmn = GenerativeMatchingNetwork(generator: g, noiseDimension: 1, sampleDimension: 1,
                                            loss: MaximumMeanDiscrepancy(bandwidths: [0.25, 1, 4]), batchSize: 128,
                                            optimiser: Adam(learningRate: 0.01, beta1: 0.5))
        let first = try gmn.trainingStep(data: target, generator: &random)
        var last = first
        for _ in 0..<300 { last = try gmn.trainingStep(data: target, generator: &random) }
        let samples = gmn.sample(2000, generator: &random).scalars.map(Double.init)
        let mean = samples.reduce(0, +) / 2000
        let deviation = (samples.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / 2000).squareRoot()
        #expect(last < first / 10, "MMD^2 \(first) -> \(last)")
        #expect(abs(mean - 4) < 0.15 && abs(deviation - 0.5) < 0.125, "mean \(mean), standard deviation \(deviation)")
    }

    @Test("MvM metric: dJ/dG, dJ/da and dJ/db match central differences of sum_i c_i ||G(a_i - b_i)|| in Double (seed 34)")
    func metricGradient() {
        var random = Xoshiro256StarStar(seed: 34)
        let metric = LearntMetric(matrix: random.normalTensor(shape: [3, 2]))
        let (a, b) = (random.normalTensor(shape: [4, 2]), random.normalTensor(shape: [4, 2]))
        let weights = random.normalTensor(shape: [4, 1])
        _ = metric.distances(a, b)
        let (da, db) = metric.backward(weights)
        let analytic = metric.matrix.gradient.doubles + da.doubles + db.doubles
        let error = GradientCheck.error(analytic: analytic, at: metric.matrix.value.doubles + a.doubles + b.doubles) { values in
            let (g, pa, pb) = (Array(values[0..<6]), Array(values[6..<14]), Array(values[14..<22]))
            var total = 0.0
            for i in 0..<4 {
                let u = (0..<3).map { r in (0..<2).reduce(0.0) { $0 + g[r * 2 + $1] * (pa[i * 2 + $1] - pb[i * 2 + $1]) } }
                total += Double(weights.scalars[i]) * u.reduce(0) { $0 + $1 * $1 }.squareRoot()
            }
            return total
        }
        #expect(error < gradientTolerance, "error \(error)")
        // At a = b the gradient is the subgradient 0, not NaN.
        _ = metric.distances(a, a)
        #expect(metric.backward(weights).a.scalars.allSatisfy { $0 == 0 })
    }
}
