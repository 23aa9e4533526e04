// SparseCodingBenchmark.swift: the speed figures of the SparseCoding module (issue 5), one line each.
//   orthogonal matching pursuit: a 64 x 256 Gaussian dictionary, 1,000 signals, sparsity 8
//   (scikit-learn's `orthogonal_mp` on the same data is the reference: see the module README);
//   dictionary learning: the setup of Aharon, Elad & Bruckstein (2006), Sec. V.A, at 20 dB, 80 iterations.
// Call `runSparseCodingBenchmarks()` from main.swift (it times with main.swift's `bestTime`). Timings are
// printed, never asserted.
//
// Set SPARSE_CODING_BENCHMARK_DATA=/some/folder to also write the OMP data and our supports there as CSV
// (omp-dictionary.csv [64 rows x 256], omp-signals.csv [64 x 1000], omp-supports.csv [1000 x 8], one
// signal's atoms per row in the order chosen), so that another implementation can be run on the same data.

import Core
import Foundation
import SparseCoding

/// Prints the OMP and K-SVD/MOD benchmark lines.
func runSparseCodingBenchmarks() {
    benchmarkOrthogonalMatchingPursuit()
    benchmarkDictionaryLearning()
}

private func benchmarkOrthogonalMatchingPursuit() {
    let (n, K, P, k) = (64, 256, 1000, 8)
    var generator = Xoshiro256StarStar(seed: 2006)
    let dictionary = randomDictionary(signalLength: n, atoms: K, generator: &generator)
    let signals = generator.normalTensor(shape: [n, P])
    var codes = SparseCodes(atomCount: K, signalCount: P, capacity: k)
    for threads in [1, 2] {
        let seconds = bestTime(repeats: 5) {
            codes = batchOrthogonalMatchingPursuit(signals: signals, dictionary: dictionary, sparsity: k, threads: threads)
        }
        print("omp dictionary=\(n)x\(K) signals=\(P) sparsity=\(k) variant=batch-gram threads=\(threads)"
              + " seconds=\(formatted(seconds, digits: 5)) signals_per_second=\(Int(Double(P) / seconds))")
    }
    var singleSupports: [[Int]] = []
    let singleSeconds = bestTime(repeats: 3) {
        singleSupports = (0..<P).map { p in
            orthogonalMatchingPursuit(signal: column(p, of: signals), dictionary: dictionary, sparsity: k).support
        }
    }
    let agreeing = (0..<P).filter { codes.support(of: $0) == singleSupports[$0] }.count
    print("omp dictionary=\(n)x\(K) signals=\(P) sparsity=\(k) variant=single-residual threads=1"
          + " seconds=\(formatted(singleSeconds, digits: 5)) signals_per_second=\(Int(Double(P) / singleSeconds))"
          + " same_supports_as_batch=\(agreeing)/\(P)")
    if let folder = ProcessInfo.processInfo.environment["SPARSE_CODING_BENCHMARK_DATA"] {
        do {
            try writeCSV(dictionary, to: folder + "/omp-dictionary.csv")
            try writeCSV(signals, to: folder + "/omp-signals.csv")
            let supports = (0..<P).map { codes.support(of: $0).map(String.init).joined(separator: ",") }.joined(separator: "\n")
            try (supports + "\n").write(toFile: folder + "/omp-supports.csv", atomically: true, encoding: .utf8)
            print("omp data written to \(folder)")
        } catch {
            print("omp data not written: \(error)")
        }
    }
}

private func benchmarkDictionaryLearning() {
    let experiment = RecoveryExperiment(signalToNoiseRatio: 20)
    for rule in DictionaryUpdateRule.allCases {
        var curve: [Double] = []
        let seconds = bestTime(repeats: 3) { curve = recoveryCurve(experiment, update: rule, seed: 1) }
        print("dictionary-learning setup=aharon-elad-bruckstein-2006 update=\(rule.rawValue) dictionary=20x50 signals=1500"
              + " sparsity=3 snr_db=20 iterations=\(experiment.iterations) seed=1 seconds=\(formatted(seconds, digits: 3))"
              + " recovered_percent=\(formatted(100 * curve.last!, digits: 1))")
    }
}

/// A matrix as CSV, one row per line, every Float printed so that it reads back exactly.
private func writeCSV(_ matrix: Tensor, to path: String) throws {
    let lines = (0..<matrix.rows).map { i in matrix.row(i).map { "\($0)" }.joined(separator: ",") }
    try (lines.joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
}
