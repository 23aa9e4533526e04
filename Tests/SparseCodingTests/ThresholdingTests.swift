// Tests of thresholding pursuit and its network reading (MLiS II Sec. 2.8.2, Eq. (2.8.9), Eq. (2.8.10),
// Eq. (2.8.11), Eq. (2.8.12), Eq. (2.8.13); WORKED-NUMBERS.md Sec. 8.3 thresholds, errata
// E-46 and E-47).

import Testing
import Core
import SparseCoding

@Suite("Thresholding and ReLU networks (MLiS II 2.8.2)")
struct ThresholdingTests {
    let x: [Float] = [-1, 0.2, 0.5, 1, 2]

    @Test("Sec. 8.3 (derived), beta = 0.5 on x = (-1, 0.2, 0.5, 1, 2): hard Eq. (2.8.12) = (0, 0, 0, 1, 2), soft+ = (0, 0, 0, 0.5, 1.5)")
    func indexedThresholds() {
        #expect(x.map { ThresholdFunction.hardNonNegative($0, 0.5) } == [0, 0, 0, 1, 2])
        #expect(x.map { ThresholdFunction.softNonNegative($0, 0.5) } == [0, 0, 0, 0.5, 1.5])
        #expect(x.map { ThresholdFunction.hard($0, 0.5) } == [-1, 0, 0, 1, 2])
        #expect(x.map { ThresholdFunction.soft($0, 0.5) } == [-0.5, 0, 0, 0.5, 1.5])
    }

    @Test("E-47: ReLU(x + beta) as printed in Eq. (2.8.13) gives (0, 0.7, 1, 1.5, 2.5) -- no threshold; ReLU(x - beta) is the soft one")
    func biasSign() {
        let printed = x.map { max($0 + 0.5, 0) }
        #expect(isApproximatelyEqual(printed, [0, 0.7, 1, 1.5, 2.5], relativeTolerance: 1e-6))
        #expect(printed != x.map { ThresholdFunction.softNonNegative($0, 0.5) })
        #expect(x.map { max($0 - 0.5, 0) } == x.map { ThresholdFunction.softNonNegative($0, 0.5) })
    }

    @Test("Kinks and extremes: every threshold gives 0 at x = beta; beta = 0 makes soft+ a ReLU; +-1e30 pass through")
    func kinks() {
        for function in ThresholdFunction.allCases {
            #expect(function(0.5, 0.5) == 0, "\(function)")
            #expect(function(Float(1e30), 0.5) == Float(1e30), "\(function)")       // 1e30 - 0.5 rounds to 1e30
        }
        #expect(ThresholdFunction.soft(-0.5, 0.5) == 0 && ThresholdFunction.hard(-0.5, 0.5) == 0)
        #expect(ThresholdFunction.softNonNegative(-1e30, 0) == 0 && ThresholdFunction.softNonNegative(3, 0) == 3)
        #expect(ThresholdFunction.softNonNegative(0, 0) == 0)   // ReLU at its kink
    }

    @Test("threshold() on a [3, 13] tensor (SIMD body and scalar tail of Kernels.map) equals each function entry by entry, kinks and NaN included (seed 303)")
    func vectorAndScalarAgree() {
        var generator = Xoshiro256StarStar(seed: 303)
        var responses = generator.normalTensor(shape: [3, 13])
        responses[0, 0] = 0.4; responses[1, 9] = -0.4; responses[2, 3] = .nan; responses[2, 12] = .nan
        let betas: [Float] = [0.4, 0.4, 0.1]
        for function in ThresholdFunction.allCases {
            let result = threshold(responses, by: function, thresholds: betas)
            for k in 0..<3 {
                for j in 0..<13 {
                    #expect(result[k, j] == function(responses[k, j], betas[k]), "\(function) at (\(k), \(j))")
                }
            }
        }
    }

    @Test("Eq. (2.8.13) with the sign of E-47: layered soft+ thresholding == a 2-layer ReLU network with W = D, b = -beta (seed 301)")
    func thresholdingIsAReluNetwork() {
        var generator = Xoshiro256StarStar(seed: 301)
        let signals = generator.normalTensor(shape: [16, 10])                  // X [n, P]
        let d1 = randomDictionary(signalLength: 16, atoms: 24, generator: &generator)
        let d2 = randomDictionary(signalLength: 24, atoms: 12, generator: &generator)
        let beta1 = (0..<24).map { _ in generator.uniform(0, 0.5) }
        let beta2 = (0..<12).map { _ in generator.uniform(0, 0.3) }
        let layers = layeredThresholding(signals, dictionaries: [d1, d2], thresholds: [beta1, beta2])
        let network = reluNetworkForward(signals.transposed(), weights: [d1, d2], biases: [beta1.map { -$0 }, beta2.map { -$0 }])
        #expect(isApproximatelyEqual(layers[1].transposed().scalars, network.scalars, relativeTolerance: 1e-5, absoluteTolerance: 1e-6))
        #expect(layers[1].scalars.contains(0) && layers[1].scalars.contains { $0 > 0 })   // some responses removed, some kept
        // The notes' +beta gives a different network.
        let printed = reluNetworkForward(signals.transposed(), weights: [d1, d2], biases: [beta1, beta2])
        #expect(!isApproximatelyEqual(printed.scalars, network.scalars, relativeTolerance: 1e-3))
    }

    @Test("E-46: for an orthonormal D, hard thresholding D^T x at sqrt(2 beta) minimises Eq. (2.8.9) with D (not D^T); brute force over all 2^6 supports (seed 302)")
    func hardThresholdMinimisesL0Lagrangian() {
        var generator = Xoshiro256StarStar(seed: 302)
        let q = orthonormalMatrix(6, generator: &generator)
        let beta = 0.3
        for trial in 0..<10 {
            let signal = (0..<6).map { _ in generator.normal() }
            let responses = matmul(q, Tensor(column: signal), transposeA: true)     // D^T x
            let thresholded = threshold(responses, by: .hard, thresholds: [Float](repeating: Float((2 * beta).squareRoot()), count: 6))
            let value = lagrangianObjective(signal: signal, dictionary: q, code: thresholded.scalars, beta: beta)
            var best = Double.infinity
            for mask in 0..<64 {   // the best code on each support is D_S^T x (orthonormal columns)
                let code = (0..<6).map { mask >> $0 & 1 == 1 ? responses.scalars[$0] : 0 }
                best = min(best, lagrangianObjective(signal: signal, dictionary: q, code: code, beta: beta))
            }
            #expect(isApproximatelyEqual(value, best, relativeTolerance: 1e-6), "trial \(trial)")
        }
    }
}

/// A random orthonormal n x n matrix by Gram-Schmidt on Gaussian columns (in Double).
func orthonormalMatrix(_ n: Int, generator: inout Xoshiro256StarStar) -> Tensor {
    var columns: [[Double]] = []
    while columns.count < n {
        var v = (0..<n).map { _ in generator.normalDouble() }
        for u in columns {
            let overlap = zip(u, v).reduce(0) { $0 + $1.0 * $1.1 }
            v = zip(v, u).map { $0 - overlap * $1 }
        }
        let norm = v.reduce(0) { $0 + $1 * $1 }.squareRoot()
        if norm > 1e-6 { columns.append(v.map { $0 / norm }) }
    }
    return matrix(columns: columns.map { $0.map { Float($0) } })
}
