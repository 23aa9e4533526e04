// BatchOrthogonalMatchingPursuit.swift: OMP (Eq. (2.8.3)) for many signals over one dictionary, the
// "batch form" that K-SVD's sparse-coding stage (Eq. (2.8.15)) and denoising need.
// Goals, in order: the same supports and coefficients as `orthogonalMatchingPursuit` (the same
// algorithm and stopping rules); fast for thousands of signals; two threads when the work is large.
//
// Batch-OMP (Rubinstein, Zibulevsky & Elad, Technion CS-2008-08, Alg. 2): the residual r is never
// formed. With alpha^0 = D^T x (one GEMM for all signals) and the Gram matrix G = D^T D (one GEMM),
// the correlations of the residual after fitting gamma on the support I are
//     D^T r = D^T (x - D_I gamma) = alpha^0 - G_(:, I) gamma,
// and its squared norm, since (D_I^T D_I) gamma = D_I^T x, is
//     ||r||^2 = ||x||^2 - gamma . alpha^0_I.
// Each step then costs O(K s) instead of O(n K): the signal length n disappears from the loop.

import Core
import Dispatch

/// OMP on every column of X [n, P] over D [n, K]: the codes Gamma [K, P] with at most k non-zeros per
/// signal   Eq. (2.8.3), Eq. (2.8.15), as the batch of Fig. 2.8.2.
///
/// Each signal stops, as in `orthogonalMatchingPursuit`, after k atoms, when ||x - D gamma||_2 <= epsilon
/// (`tolerance`), when no atom correlates with the residual, or when the next atom depends on the
/// chosen ones. `threads` (1 or more) splits the signals between threads; the answer does not depend on it.
///
/// ```swift
/// let codes = batchOrthogonalMatchingPursuit(signals: X, dictionary: D, sparsity: 3)
/// let reconstruction = synthesise(dictionary: D, codes: codes)      // D Gamma, shape [n, P]
/// ```
///
/// Preconditions: X has n rows, 1 <= k <= K, no zero atom, epsilon >= 0.
public func batchOrthogonalMatchingPursuit(signals: Tensor, dictionary: Tensor, sparsity: Int,
                                           tolerance: Float = 0, threads: Int = 1) -> SparseCodes {
    requireDictionary(dictionary, "batchOrthogonalMatchingPursuit")
    requireSignals(signals, fit: dictionary, "batchOrthogonalMatchingPursuit")
    requireSparsity(sparsity, atomCount: dictionary.columns, "batchOrthogonalMatchingPursuit")
    requireNonNegative(Double(tolerance), "the tolerance epsilon", "batchOrthogonalMatchingPursuit")
    require(threads >= 1, "batchOrthogonalMatchingPursuit: threads must be >= 1, got \(threads)")

    let signalCount = signals.columns
    var codes = SparseCodes(atomCount: dictionary.columns, signalCount: signalCount, capacity: sparsity)
    guard signalCount > 0 else { return codes }
    let signalsByRow = signals.transposed()                                  // [P, n]
    let initialCorrelations = matmul(signalsByRow, dictionary)              // alpha^0 for every signal, [P, K]
    let gram = gramMatrix(dictionary)                                        // G = D^T D, [K, K]
    let squaredNorms: [Double] = signalsByRow.scalars.withUnsafeBufferPointer { rows in
        (0..<signalCount).map { p in
            let row = rowBuffer(rows, p, width: signals.rows)
            return Double(Kernels.dot(row, row))
        }
    }
    let settings = GramPursuit(atomCount: dictionary.columns, sparsity: sparsity,
                               toleranceSquared: Double(tolerance) * Double(tolerance),
                               inverseNorms: (0..<dictionary.columns).map { 1 / gram[$0, $0].squareRoot() })
    // Below ~200 signals the second thread costs more to wake than it saves (CONVENTIONS.md, threads).
    let chunks = signalCount >= 200 ? min(threads, signalCount) : 1

    initialCorrelations.scalars.withUnsafeBufferPointer { alpha0 in
        gram.scalars.withUnsafeBufferPointer { gramBuffer in
            codes.atomIndices.withUnsafeMutableBufferPointer { indices in
                codes.values.withUnsafeMutableBufferPointer { values in
                    codes.counts.withUnsafeMutableBufferPointer { counts in
                        let shared = SharedBuffers(alpha0: alpha0, gram: gramBuffer, indices: indices, values: values,
                                                   counts: counts)
                        DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
                            let range = (chunk * signalCount / chunks)..<((chunk + 1) * signalCount / chunks)
                            settings.code(signals: range, squaredNorms: squaredNorms, shared: shared)
                        }
                    }
                }
            }
        }
    }
    return codes
}

/// The buffers the threads share: each thread reads alpha^0 and G and writes only its own signals' slots.
private struct SharedBuffers: @unchecked Sendable {
    let alpha0: UnsafeBufferPointer<Float>
    let gram: UnsafeBufferPointer<Float>
    let indices: UnsafeMutableBufferPointer<Int>
    let values: UnsafeMutableBufferPointer<Float>
    let counts: UnsafeMutableBufferPointer<Int>
}

/// Batch-OMP for a range of signals, with the stopping rules of `orthogonalMatchingPursuit`.
private struct GramPursuit: Sendable {
    let atomCount: Int
    let sparsity: Int
    let toleranceSquared: Double
    /// 1 / ||d_j|| = 1 / sqrt(G_jj).
    let inverseNorms: [Float]

    func code(signals range: Range<Int>, squaredNorms: [Double], shared: SharedBuffers) {
        var scratch = Scratch(atomCount: atomCount, sparsity: sparsity)
        for p in range {
            code(signal: p, normSquared: squaredNorms[p], shared: shared, scratch: &scratch)
            for atom in scratch.support { scratch.isChosen[atom] = false }
        }
    }

    /// The working memory of one thread, reused from signal to signal.
    struct Scratch {
        var correlations: [Float]                       // D^T r
        var isChosen: [Bool]
        var factor: IncrementalCholesky
        var support: [Int] = []
        var projections: [Double] = []                  // alpha^0_I = D_I^T x
        var gamma: [Double] = []
        var crossProducts: [Double] = []                // G_(I, k)

        init(atomCount: Int, sparsity: Int) {
            correlations = [Float](repeating: 0, count: atomCount)
            isChosen = [Bool](repeating: false, count: atomCount)
            factor = IncrementalCholesky(capacity: sparsity)
            support.reserveCapacity(sparsity)
            projections.reserveCapacity(sparsity)
            gamma.reserveCapacity(sparsity)
            crossProducts.reserveCapacity(sparsity)
        }

        mutating func reset(to alpha0: UnsafeBufferPointer<Float>) {
            factor.reset()
            support.removeAll(keepingCapacity: true)
            projections.removeAll(keepingCapacity: true)
            gamma.removeAll(keepingCapacity: true)
            _ = correlations.withUnsafeMutableBufferPointer { $0.initialize(from: alpha0) }
        }
    }

    /// Codes signal p and writes its slots; its support is left in `scratch.support`.
    private func code(signal p: Int, normSquared: Double, shared: SharedBuffers, scratch: inout Scratch) {
        let alpha0 = rowBuffer(shared.alpha0, p, width: atomCount)
        let threshold = pursuitOrthogonalityTolerance * Float(normSquared.squareRoot())
        var residualSquared = normSquared
        scratch.reset(to: alpha0)

        while scratch.support.count < sparsity && residualSquared > toleranceSquared {
            guard let best = mostCorrelatedAtom(scratch.correlations, inverseNorms: inverseNorms, excluding: scratch.isChosen),
                  abs(scratch.correlations[best]) * inverseNorms[best] > threshold else { break }
            scratch.crossProducts.removeAll(keepingCapacity: true)
            for atom in scratch.support { scratch.crossProducts.append(Double(shared.gram[atom * atomCount + best])) }
            guard scratch.factor.append(crossProducts: scratch.crossProducts,
                                        squaredNorm: Double(shared.gram[best * atomCount + best])) else { break }
            scratch.support.append(best)
            scratch.isChosen[best] = true
            scratch.projections.append(Double(alpha0[best]))
            scratch.factor.solve(scratch.projections, into: &scratch.gamma)
            // D^T r = alpha^0 - G_(:, I) gamma; G is symmetric, so column i of G is row i.
            let (support, gamma) = (scratch.support, scratch.gamma)
            scratch.correlations.withUnsafeMutableBufferPointer { target in
                _ = target.initialize(from: alpha0)
                for (atom, value) in zip(support, gamma) {
                    Kernels.axpy(Float(-value), rowBuffer(shared.gram, atom, width: atomCount), target)
                }
            }
            residualSquared = max(0, normSquared - zip(scratch.gamma, scratch.projections).reduce(0) { $0 + $1.0 * $1.1 })
        }
        for (slot, (atom, value)) in zip(scratch.support, scratch.gamma).enumerated() {
            shared.indices[p * sparsity + slot] = atom
            shared.values[p * sparsity + slot] = Float(value)
        }
        shared.counts[p] = scratch.support.count
    }
}
