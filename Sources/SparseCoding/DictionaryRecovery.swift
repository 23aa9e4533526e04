// DictionaryRecovery.swift: the synthetic experiment of Aharon, Elad & Bruckstein, "K-SVD: An algorithm
// for designing overcomplete dictionaries for sparse representation", IEEE Trans. Signal Processing
// 54(11), 2006, Sec. V.A: can dictionary learning (MLiS II Sec. 2.8.3) find the dictionary that made
// the signals?
// Goals, in order: the paper's setup (20 x 50 unit-norm dictionary, 1,500 signals of 3 atoms each,
// noise at a given SNR, 80 iterations, recovery when 1 - |d_i . d~_i| < 0.01); the data drawn as in
// the authors' released demo (gererateSyntheticDictionaryAndData.m: Gaussian entries and Gaussian
// coefficients); K-SVD and MOD run on the same data for the same seed.

import Core
import Dispatch
import Foundation

/// The paper's setup, with every number changeable (the tests use a smaller one).
public struct RecoveryExperiment: Sendable {
    public var signalLength = 20
    public var atoms = 50
    public var signals = 1500
    public var sparsity = 3
    public var iterations = 80
    /// The signal-to-noise ratio of the added white Gaussian noise in dB; nil for no noise.
    public var signalToNoiseRatio: Double? = 20
    /// An atom is recovered when 1 - |d_i . d~_i| < this, for the closest learnt atom d~_i.
    public var recoveryThreshold: Double = 0.01

    public init(signalToNoiseRatio: Double? = 20) {
        self.signalToNoiseRatio = signalToNoiseRatio
    }
}

/// Signals made from a known dictionary: X = D Gamma + noise.
public struct SyntheticSignals: Sendable {
    /// The generating dictionary D [n, K].
    public let dictionary: Tensor
    /// X [n, P], with noise.
    public let signals: Tensor
    /// D Gamma [n, P], without noise.
    public let cleanSignals: Tensor
    /// Gamma: `sparsity` distinct atoms per signal.
    public let codes: SparseCodes
}

/// P signals, each a combination of `sparsity` distinct atoms of `dictionary` chosen at random, with
/// N(0, 1) coefficients, plus white Gaussian noise scaled so that ||X_clean||_F^2 / ||noise||_F^2 =
/// 10^(SNR / 10) exactly (the toolbox's calcNoiseFromSNR). `signalToNoiseRatio: nil` adds no noise.
public func syntheticSignals(dictionary: Tensor, count: Int, sparsity: Int, signalToNoiseRatio: Double?,
                             generator: inout Xoshiro256StarStar) -> SyntheticSignals {
    requireDictionary(dictionary, "syntheticSignals")
    requireSparsity(sparsity, atomCount: dictionary.columns, "syntheticSignals")
    require(count >= 1, "syntheticSignals: needs at least one signal, got \(count)")
    var codes = SparseCodes(atomCount: dictionary.columns, signalCount: count, capacity: sparsity)
    for p in 0..<count {
        let support = Array(generator.permutation(dictionary.columns).prefix(sparsity))
        codes.set(signal: p, support: support, coefficients: support.map { _ in generator.normal() })
    }
    let clean = synthesise(dictionary: dictionary, codes: codes)
    guard let snr = signalToNoiseRatio else {
        return SyntheticSignals(dictionary: dictionary, signals: clean, cleanSignals: clean, codes: codes)
    }
    require(snr.isFinite, "syntheticSignals: the signal-to-noise ratio must be finite (nil for no noise), got \(snr)")
    var noise = generator.normalTensor(shape: clean.shape)
    let signalEnergy = clean.scalars.reduce(0.0) { $0 + Double($1) * Double($1) }
    let noiseEnergy = noise.scalars.reduce(0.0) { $0 + Double($1) * Double($1) }
    noise.scale(by: Float((signalEnergy / pow(10, snr / 10) / noiseEnergy).squareRoot()))
    return SyntheticSignals(dictionary: dictionary, signals: clean + noise, cleanSignals: clean, codes: codes)
}

/// For every atom d_i of `truth`, the largest |cos| angle to an atom of `learnt`: max_j |d_i . d~_j| /
/// (||d_i|| ||d~_j||). Shapes: truth [n, K], learnt [n, K'].
public func closestAtomSimilarities(truth: Tensor, learnt: Tensor) -> [Double] {
    requireShapes(truth.rank == 2 && learnt.rank == 2 && truth.rows == learnt.rows,
                  "closestAtomSimilarities (two dictionaries with atoms of the same length)", truth.shape, learnt.shape)
    let products = matmul(normalisedColumns(truth), normalisedColumns(learnt), transposeA: true)   // [K, K']
    return (0..<products.rows).map { i in Double(products.row(i).map { abs($0) }.max() ?? 0) }
}

/// The fraction of the atoms of `truth` that `learnt` recovers: d_i counts when
/// 1 - |d_i . d~_i| < `threshold` for its closest learnt atom d~_i (Aharon et al. 2006, Sec. V.A).
public func recoveredAtomFraction(truth: Tensor, learnt: Tensor, threshold: Double = 0.01) -> Double {
    let similarities = closestAtomSimilarities(truth: truth, learnt: learnt)
    return Double(similarities.filter { 1 - $0 < threshold }.count) / Double(similarities.count)
}

/// One run of the experiment: a random generating dictionary and signals from `seed`, a dictionary
/// learnt from K signals (drawn with the generator seeded `seed + 1`) by `update`, and the recovered
/// fraction after every iteration. K-SVD and MOD given the same seed see the same data.
public func recoveryCurve(_ experiment: RecoveryExperiment, update: DictionaryUpdateRule, replacesAtoms: Bool = true,
                          seed: UInt64) -> [Double] {
    var dataGenerator = Xoshiro256StarStar(seed: seed)
    let truth = randomDictionary(signalLength: experiment.signalLength, atoms: experiment.atoms, generator: &dataGenerator)
    let data = syntheticSignals(dictionary: truth, count: experiment.signals, sparsity: experiment.sparsity,
                                signalToNoiseRatio: experiment.signalToNoiseRatio, generator: &dataGenerator)
    var generator = Xoshiro256StarStar(seed: seed &+ 1)
    let start = dictionaryFromSignals(data.signals, atoms: experiment.atoms, generator: &generator)
    var settings = DictionaryLearningSettings(sparsity: experiment.sparsity, iterations: experiment.iterations, update: update)
    settings.replacesAtoms = replacesAtoms
    var curve: [Double] = []
    _ = learnDictionary(signals: data.signals, initialDictionary: start, settings: settings, generator: &generator) { _, D in
        curve.append(recoveredAtomFraction(truth: truth, learnt: D, threshold: experiment.recoveryThreshold))
    }
    return curve
}

/// `recoveryCurve` for every seed, run `threads` at a time (each run is independent and deterministic,
/// so the answer does not depend on `threads`). `curves[i]` belongs to `seeds[i]`.
public func recoveryCurves(_ experiment: RecoveryExperiment, update: DictionaryUpdateRule, replacesAtoms: Bool = true,
                           seeds: [UInt64], threads: Int = 1) -> [[Double]] {
    require(threads >= 1, "recoveryCurves: threads must be >= 1, got \(threads)")
    var curves = [[Double]](repeating: [], count: seeds.count)
    let workers = max(1, min(threads, seeds.count))
    curves.withUnsafeMutableBufferPointer { buffer in
        let output = CurveSlots(buffer: buffer)
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            for index in stride(from: worker, to: seeds.count, by: workers) {
                output.buffer[index] = recoveryCurve(experiment, update: update, replacesAtoms: replacesAtoms, seed: seeds[index])
            }
        }
    }
    return curves
}

/// The result slots the worker threads fill, each slot by exactly one thread.
private struct CurveSlots: @unchecked Sendable {
    let buffer: UnsafeMutableBufferPointer<[Double]>
}
