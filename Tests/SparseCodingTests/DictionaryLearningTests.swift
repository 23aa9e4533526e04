// Tests of dictionary learning (MLiS II Sec. 2.8.3, Eq. (2.8.14), Eq. (2.8.15), Eq. (2.8.17)): the
// WORKED-NUMBERS.md's K-SVD atom update (WORKED-NUMBERS.md 8.3, derived), the objective never increasing
// across an atom update, unit-norm atoms, the rank-1 approximation, MOD's gradient, atom replacement,
// and a reduced run of the Aharon-Elad-Bruckstein experiment (the full one is in the chapter and the
// benchmark).

import Foundation
import Testing
import Core
import SparseCoding

/// WORKED-NUMBERS.md's 4 x 3 dictionary D (numpy default_rng(3), unit-norm columns) and signals X = D G + noise.
let indexedDictionary = Tensor(shape: [4, 3], doubles: [
    0.4608745827847686, -0.9771052855658691, 0.39969109917100454,
    -0.12821212638964588, -0.1730610273292866, -0.20610501025853634,
    -0.4561475536913542, -0.08867451301842258, -0.827120113297685,
    0.7503903509847418, 0.08632480802132839, -0.33710542589556136,
])
let indexedSignals = Tensor(shape: [4, 5], doubles: [
    1.2574439069452643, -1.4723383918098931, 0.21988578588033308, 0.395783089398658, 0.981924739450937,
    -0.5428076829724522, -0.25001395396433224, -0.06610408448548874, -0.2058624146077697, 0.18851923584141472,
    -2.104936725059848, -0.13806405688377407, -0.22990216659165444, -0.821714861980137, 0.10802539335941111,
    0.07348329592019998, 0.12705162524120156, 0.3852183115051278, -0.34597002532716725, -0.08924201034572703,
])
/// Gamma [3, 5]: atom 0 is used by signals 0 and 2.
let indexedCodes = Tensor([[1, 0, 0.5, 0, 0], [0, 1.5, 0, 0, -1], [2, 0, 0, 1, 0]])

@Suite("K-SVD, MOD and dictionary learning (MLiS II 2.8.3)")
struct DictionaryLearningTests {
    @Test("Sec. 8.3 (derived): updating atom 1 of the 4 x 3 problem lowers ||X - D Gamma||_F from 0.0347248 to 0.0329981")
    func indexedAtomUpdate() {
        var dictionary = indexedDictionary
        var codes = SparseCodes(matrix: indexedCodes)
        let before = representationError(signals: indexedSignals, dictionary: dictionary, codes: indexedCodes).squareRoot()
        #expect(isApproximatelyEqual(before, 0.0347248452877452, relativeTolerance: 1e-5))
        #expect(updateAtom(0, dictionary: &dictionary, codes: &codes, signals: indexedSignals))
        let after = representationError(signals: indexedSignals, dictionary: dictionary, codes: codes.matrix()).squareRoot()
        #expect(isApproximatelyEqual(after, 0.03299814003274512, relativeTolerance: 1e-4))
        #expect(isApproximatelyEqual(Double(columnNorms(dictionary)[0]), 1, relativeTolerance: 1e-6))
        // Only atom 0 and its users' coefficients change; the sparsity pattern is kept.
        #expect(column(1, of: dictionary) == column(1, of: indexedDictionary))
        #expect(codes.support(of: 1) == [1] && codes.support(of: 0) == [0, 2] && codes.support(of: 2) == [0])
    }

    @Test("||X - D Gamma||_F never increases across any atom update of a K-SVD sweep; atoms stay unit-norm (seed 201)")
    func objectiveNeverIncreases() {
        var generator = Xoshiro256StarStar(seed: 201)
        let signals = generator.normalTensor(shape: [12, 200])
        var dictionary = dictionaryFromSignals(signals, atoms: 24, generator: &generator)
        var codes = batchOrthogonalMatchingPursuit(signals: signals, dictionary: dictionary, sparsity: 3)
        var error = representationError(signals: signals, dictionary: dictionary, codes: codes.matrix())
        let start = error
        for k in generator.permutation(24) {
            _ = updateAtom(k, dictionary: &dictionary, codes: &codes, signals: signals)
            let next = representationError(signals: signals, dictionary: dictionary, codes: codes.matrix())
            #expect(next <= error * (1 + 1e-5), "atom \(k): \(error) -> \(next)")   // Float rounding of a sum of 2,400 squares
            error = next
        }
        #expect(error < 0.9 * start)
        #expect(columnNorms(dictionary).allSatisfy { abs($0 - 1) < 1e-5 })
    }

    @Test("An atom no signal uses is left alone (K-SVD's loop replaces it instead)")
    func unusedAtom() {
        var dictionary = indexedDictionary
        var codes = SparseCodes(matrix: Tensor([[1, 0], [0, 2], [0, 0]]))
        let signals = Tensor(shape: [4, 2], scalars: [Float](repeating: 1, count: 8))
        #expect(!updateAtom(2, dictionary: &dictionary, codes: &codes, signals: signals))
        #expect(dictionary == indexedDictionary)
    }

    @Test("Rank-1 approximation: exact on a rank-1 matrix, sigma_1 of diag(3, 1), and never worse than its start (seed 202)")
    func rankOne() {
        let exact = rankOneApproximation(of: Tensor([[3, 0, 6], [4, 0, 8]]), start: [1, 0])   // (0.6, 0.8)^T (5, 0, 10)
        #expect(isApproximatelyEqual(exact.direction, [0.6, 0.8], relativeTolerance: 1e-5))
        #expect(isApproximatelyEqual(exact.coefficients, [5, 0, 10], relativeTolerance: 1e-5, absoluteTolerance: 1e-6))
        let diagonal = rankOneApproximation(of: Tensor([[3, 0], [0, 1]]), start: [0.2, 1])
        #expect(isApproximatelyEqual(diagonal.singularValue, 3, relativeTolerance: 1e-5))
        var generator = Xoshiro256StarStar(seed: 202)
        for trial in 0..<20 {
            let E = generator.normalTensor(shape: [8, 15])
            let start = (0..<8).map { _ in generator.normal() }
            let unitStart = start.map { $0 / euclidean(start) }
            let startScore = euclidean(matmul(E, Tensor(column: unitStart), transposeA: true).scalars)   // ||E^T u_0||
            let result = rankOneApproximation(of: E, start: start)
            #expect(result.singularValue >= startScore * (1 - 1e-6), "trial \(trial)")
            #expect(abs(euclidean(result.direction) - 1) < 1e-5)
        }
    }

    @Test("grad_D ||X - D Gamma||^2 = -2 (X - D Gamma) Gamma^T matches central differences; MOD's D makes it zero (seed 203)")
    func modGradient() {
        var generator = Xoshiro256StarStar(seed: 203)
        let (n, K, P) = (5, 4, 9)
        let X = generator.normalTensor(shape: [n, P])
        let D = generator.normalTensor(shape: [n, K])
        let gamma = generator.normalTensor(shape: [K, P])
        let analytic = representationErrorGradient(signals: X, dictionary: D, codes: gamma).doubles
        let error = GradientCheck.error(analytic: analytic, at: D.doubles) { d in
            var total = 0.0
            for i in 0..<n {
                for p in 0..<P {
                    let model = (0..<K).reduce(0.0) { $0 + d[i * K + $1] * Double(gamma[$1, p]) }
                    total += (Double(X[i, p]) - model) * (Double(X[i, p]) - model)
                }
            }
            return total
        }
        #expect(error < 1e-4)  // Float analytic gradient against a Double reference
        let optimal = leastSquaresDictionary(signals: X, codes: SparseCodes(matrix: gamma))!
        let atOptimum = representationErrorGradient(signals: X, dictionary: optimal, codes: gamma)
        #expect(atOptimum.scalars.allSatisfy { abs($0) < 1e-3 })
    }

    @Test("A duplicated atom is replaced by the worst-represented signal (the toolbox's 0.99 rule), seed 204")
    func duplicateReplaced() {
        var generator = Xoshiro256StarStar(seed: 204)
        let truth = randomDictionary(signalLength: 10, atoms: 20, generator: &generator)
        let data = syntheticSignals(dictionary: truth, count: 300, sparsity: 2, signalToNoiseRatio: 30, generator: &generator)
        var start = dictionaryFromSignals(data.signals, atoms: 20, generator: &generator)
        for i in 0..<10 { start[i, 1] = start[i, 0] }                                  // atom 1 = atom 0
        #expect(mutualCoherence(start) > 0.999)
        let settings = DictionaryLearningSettings(sparsity: 2, iterations: 1)
        let learnt = learnDictionary(signals: data.signals, initialDictionary: start, settings: settings, generator: &generator)
        #expect(learnt.history[0].replacedAtoms >= 1)
        #expect(mutualCoherence(learnt.dictionary) <= 0.99)
    }

    @Test("Recovery measure: a permuted, sign-flipped copy is 100 % recovered; 1 - |cos| = 0.005 counts, 0.02 does not")
    func recoveryMeasure() {
        var generator = Xoshiro256StarStar(seed: 205)
        let truth = randomDictionary(signalLength: 20, atoms: 50, generator: &generator)
        let order = generator.permutation(50)
        let flipped = matrix(columns: order.map { j in column(j, of: truth).map { -$0 } })
        #expect(recoveredAtomFraction(truth: truth, learnt: flipped) == 1)
        // Rotate every atom towards a random orthogonal direction by the angle with cos = 0.995 or 0.98.
        for (cosine, expected) in [(0.995, 1.0), (0.98, 0.0)] {
            let tilted = matrix(columns: (0..<50).map { j in
                let d = column(j, of: truth)
                var e = (0..<20).map { _ in generator.normal() }
                let overlap = zip(d, e).reduce(Float(0)) { $0 + $1.0 * $1.1 }
                e = zip(e, d).map { $0 - overlap * $1 }
                let norm = euclidean(e)
                return zip(d, e).map { Float(cosine) * $0 + Float((1 - cosine * cosine).squareRoot()) * $1 / norm }
            })
            let similarities = closestAtomSimilarities(truth: truth, learnt: tilted)
            #expect(similarities.allSatisfy { $0 >= cosine - 1e-5 })
            let rate = recoveredAtomFraction(truth: truth, learnt: tilted)
            #expect(expected == 1 ? rate == 1 : rate < 0.2, "cos \(cosine): \(rate)")
        }
    }

    @Test("Synthetic signals: 3 distinct atoms each, and noise at exactly 20 dB SNR (seed 206)")
    func syntheticData() {
        var generator = Xoshiro256StarStar(seed: 206)
        let truth = randomDictionary(signalLength: 20, atoms: 50, generator: &generator)
        let data = syntheticSignals(dictionary: truth, count: 1500, sparsity: 3, signalToNoiseRatio: 20, generator: &generator)
        #expect(data.codes.nonZeroCounts.allSatisfy { $0 == 3 })
        let noise = data.signals - data.cleanSignals
        let snr = 10 * log10(Double(data.cleanSignals.dot(data.cleanSignals)) / Double(noise.dot(noise)))
        #expect(abs(snr - 20) < 1e-3)
    }

    @Test("Aharon et al. (2006) Sec. V.A, reduced: 30 K-SVD iterations at 30 dB recover >= 90 % of the 50 atoms (seed 1)")
    func reducedPaperExperiment() {
        var experiment = RecoveryExperiment(signalToNoiseRatio: 30)
        experiment.iterations = 30
        let curve = recoveryCurve(experiment, update: .kSVD, seed: 1)
        #expect(curve.count == 30)
        #expect(curve.last! >= 0.9, "recovered \(curve.last!)")
        #expect(curve.first! < 0.5)                       // it is the learning that finds them
    }
}
