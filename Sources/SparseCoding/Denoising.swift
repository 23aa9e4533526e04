// Denoising.swift: sparse coding put to work, the noisy model of MLiS II Eq. (2.8.3) read literally:
// a noisy signal x^ = x + e is replaced by D alpha, where alpha is the sparsest code with
// ||x^ - D alpha||_2 <= epsilon, and epsilon is set from the noise level (Elad & Aharon, "Image denoising
// via sparse and redundant representations over learned dictionaries", IEEE Trans. Image Processing
// 15(12), 2006: epsilon = C sigma sqrt(n) with C = 1.15).
// Goals, in order: the rule as published; PSNR computed in Double; everything through Batch-OMP.

import Core
import Foundation

/// PSNR = 10 log10(peak^2 / MSE) in dB, with MSE the mean squared difference over all entries.
/// Returns +infinity for identical tensors. Precondition: equal shapes, peak > 0.
public func peakSignalToNoiseRatio(_ estimate: Tensor, reference: Tensor, peak: Double = 1) -> Double {
    requireShapes(estimate.shape == reference.shape, "peakSignalToNoiseRatio", estimate.shape, reference.shape)
    require(peak > 0 && peak.isFinite, "peakSignalToNoiseRatio: the peak must be positive, got \(peak)")
    let squaredError = zip(estimate.scalars, reference.scalars).reduce(0.0) { $0 + Double($1.0 - $1.1) * Double($1.0 - $1.1) }
    let meanSquaredError = squaredError / Double(max(reference.count, 1))
    return 10 * log10(peak * peak / meanSquaredError)
}

/// The noisy signals X^ [n, P] cleaned by sparse coding over D [n, K]: each column is replaced by
/// D alpha with alpha = OMP(x^, D) stopped at ||x^ - D alpha||_2 <= epsilon = C sigma sqrt(n)   Eq. (2.8.3),
/// or at `maximumSparsity` atoms. Signals whose noise-free version is sparse keep their few atoms;
/// the noise, spread evenly over all n directions, is mostly left in the residual.
/// Preconditions: X^ fits D, sigma >= 0, C > 0, 1 <= maximumSparsity <= K.
public func denoise(_ noisy: Tensor, dictionary: Tensor, noiseStandardDeviation sigma: Double, gain: Double = 1.15,
                    maximumSparsity: Int, threads: Int = 1) -> Tensor {
    requireNonNegative(sigma, "the noise standard deviation sigma", "denoise")
    require(gain > 0 && gain.isFinite, "denoise: the gain C must be positive, got \(gain)")
    let epsilon = Float(gain * sigma * Double(noisy.rows).squareRoot())
    let codes = batchOrthogonalMatchingPursuit(signals: noisy, dictionary: dictionary, sparsity: maximumSparsity,
                                               tolerance: epsilon, threads: threads)
    return synthesise(dictionary: dictionary, codes: codes)
}

/// x + e with independent N(0, sigma^2) entries e drawn from `generator`.
public func addingGaussianNoise(to signals: Tensor, standardDeviation sigma: Float,
                                generator: inout Xoshiro256StarStar) -> Tensor {
    require(sigma >= 0 && sigma.isFinite, "addingGaussianNoise: sigma must be finite and >= 0, got \(sigma)")
    var noise = generator.normalTensor(shape: signals.shape, standardDeviation: sigma)
    noise.add(signals)
    return noise
}

/// The digits experiment of the chapter and the tests: learn a dictionary on clean training signals,
/// add noise to the test signals, denoise them with the initial and with the learnt dictionary.
public struct DenoisingExperiment: Sendable {
    public var atoms = 128
    public var sparsity = 4
    public var iterations = 20
    /// sigma of the added noise (the digits' pixels lie in [0, 1]).
    public var noiseStandardDeviation: Float = 0.2
    /// C in epsilon = C sigma sqrt(n).
    public var gain = 1.15
    public var threads = 1

    public init() {}

    /// What `run` measured. PSNRs are in dB against the clean test signals, with peak 1.
    public struct Result: Sendable {
        public let initialDictionary: Tensor
        public let learntDictionary: Tensor
        public let history: [DictionaryLearningRecord]
        public let noisy: Tensor
        public let denoised: Tensor
        public let noisyPSNR: Double
        /// Denoised over the initial dictionary (atoms = training signals).
        public let initialPSNR: Double
        /// Denoised over the learnt dictionary.
        public let learntPSNR: Double
        /// The learnt dictionary's estimate clipped to the pixel range [0, 1].
        public let clippedPSNR: Double
    }

    /// Runs it on training signals [n, P] and test signals [n, Q] (columns): the learning draws from `seed`,
    /// the noise from `seed + 1`.
    public func run(train: Tensor, test: Tensor, seed: UInt64,
                    afterIteration: (Int, Tensor) -> Void = { _, _ in }) -> Result {
        var generator = Xoshiro256StarStar(seed: seed)
        let initial = dictionaryFromSignals(train, atoms: atoms, generator: &generator)
        var settings = DictionaryLearningSettings(sparsity: sparsity, iterations: iterations)
        settings.threads = threads
        let learnt = learnDictionary(signals: train, initialDictionary: initial, settings: settings, generator: &generator,
                                     afterIteration: afterIteration)
        var noiseGenerator = Xoshiro256StarStar(seed: seed &+ 1)     // the same noise whatever the iterations
        let noisy = addingGaussianNoise(to: test, standardDeviation: noiseStandardDeviation, generator: &noiseGenerator)
        func cleaned(_ dictionary: Tensor) -> Tensor {
            denoise(noisy, dictionary: dictionary, noiseStandardDeviation: Double(noiseStandardDeviation), gain: gain,
                    maximumSparsity: min(dictionary.rows / 2, dictionary.columns), threads: threads)
        }
        let denoised = cleaned(learnt.dictionary)
        return Result(initialDictionary: initial, learntDictionary: learnt.dictionary, history: learnt.history, noisy: noisy,
                      denoised: denoised, noisyPSNR: peakSignalToNoiseRatio(noisy, reference: test),
                      initialPSNR: peakSignalToNoiseRatio(cleaned(initial), reference: test),
                      learntPSNR: peakSignalToNoiseRatio(denoised, reference: test),
                      clippedPSNR: peakSignalToNoiseRatio(denoised.map { min(max($0, 0), 1) }, reference: test))
    }
}
