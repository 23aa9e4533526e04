// SparseCodes.swift: the sparse matrix Gamma of MLiS II Eq. (2.8.1), Eq. (2.8.14) and Fig. 2.8.2, stored
// as what it is: for every signal, the few atoms it uses and their coefficients.
// Goals, in order: a lossless round trip to the dense Gamma [K, P] of the equations; constant-time
// access to one signal's support; the "which signals use atom k" lists that K-SVD needs.

import Core

/// The codes of P signals over a dictionary of K atoms, each with at most `capacity` non-zeros.
///
/// ```swift
/// var codes = SparseCodes(atomCount: 4, signalCount: 1, capacity: 2)
/// codes.set(signal: 0, support: [2, 0], coefficients: [3, 2])
/// print(codes.matrix().scalars)   // [2.0, 0.0, 3.0, 0.0]: Gamma [4, 1], the column (2, 0, 3, 0)
/// ```
///
/// The support keeps the order in which the atoms were chosen (OMP's order); `matrix()` gives the
/// dense Gamma [K, P] with Gamma[support[i], j] = coefficients[i].
public struct SparseCodes: Equatable, Sendable {
    /// K, the number of atoms (rows of Gamma).
    public let atomCount: Int
    /// P, the number of signals (columns of Gamma).
    public let signalCount: Int
    /// The largest number of non-zeros any signal may have.
    public let capacity: Int
    /// Atom indices, `capacity` slots per signal; the first `counts[j]` slots of signal j are used.
    var atomIndices: [Int]
    /// Coefficients, in the same slots as `atomIndices`.
    var values: [Float]
    /// How many atoms each signal uses.
    var counts: [Int]

    /// Codes that are all zero. Preconditions: K >= 1, P >= 0, capacity >= 0.
    public init(atomCount: Int, signalCount: Int, capacity: Int) {
        require(atomCount >= 1 && signalCount >= 0 && capacity >= 0,
                "SparseCodes: needs K >= 1 atoms, P >= 0 signals and capacity >= 0; got \(atomCount), \(signalCount), \(capacity)")
        self.atomCount = atomCount
        self.signalCount = signalCount
        self.capacity = capacity
        atomIndices = [Int](repeating: -1, count: signalCount * capacity)
        values = [Float](repeating: 0, count: signalCount * capacity)
        counts = [Int](repeating: 0, count: signalCount)
    }

    /// The codes of a dense Gamma [K, P]: every non-zero entry, in increasing atom order.
    public init(matrix gamma: Tensor) {
        require(gamma.rank == 2 && gamma.rows >= 1, "SparseCodes(matrix:): needs a matrix [K, P] with K >= 1, got \(gamma.shape)")
        let supports = (0..<gamma.columns).map { j in (0..<gamma.rows).filter { gamma[$0, j] != 0 } }
        self.init(atomCount: gamma.rows, signalCount: gamma.columns, capacity: supports.map(\.count).max() ?? 0)
        for (j, support) in supports.enumerated() {
            set(signal: j, support: support, coefficients: support.map { gamma[$0, j] })
        }
    }

    /// The atoms signal j uses, in the order they were chosen.
    public func support(of signal: Int) -> [Int] {
        requireSignal(signal)
        return Array(atomIndices[(signal * capacity)..<(signal * capacity + counts[signal])])
    }

    /// The coefficients of signal j, in the order of `support(of:)`.
    public func coefficients(of signal: Int) -> [Float] {
        requireSignal(signal)
        return Array(values[(signal * capacity)..<(signal * capacity + counts[signal])])
    }

    /// Replaces the code of signal j. Preconditions: equal lengths, at most `capacity` distinct atoms in 0..<K.
    public mutating func set(signal: Int, support: [Int], coefficients: [Float]) {
        requireSignal(signal)
        require(support.count == coefficients.count && support.count <= capacity,
                "SparseCodes.set: \(support.count) atoms and \(coefficients.count) coefficients for a capacity of \(capacity)")
        require(support.allSatisfy { $0 >= 0 && $0 < atomCount } && Set(support).count == support.count,
                "SparseCodes.set: the support \(support) must hold distinct atoms in 0..<\(atomCount)")
        for (slot, (atom, value)) in zip(support, coefficients).enumerated() {
            atomIndices[signal * capacity + slot] = atom
            values[signal * capacity + slot] = value
        }
        counts[signal] = support.count
    }

    /// The dense Gamma [K, P] of Eq. (2.8.1): column j holds signal j's coefficients, zeros elsewhere.
    public func matrix() -> Tensor {
        var gamma = Tensor(shape: [atomCount, signalCount])
        for j in 0..<signalCount {
            for slot in 0..<counts[j] { gamma[atomIndices[j * capacity + slot], j] = values[j * capacity + slot] }
        }
        return gamma
    }

    /// ||Gamma_j||_0 for every signal: the number of atoms it uses.
    public var nonZeroCounts: [Int] { counts }

    /// The mean number of atoms per signal.
    public var averageSparsity: Double {
        signalCount == 0 ? 0 : Double(counts.reduce(0, +)) / Double(signalCount)
    }

    /// For every atom k, the (signal, slot) pairs of the signals that use it: omega_k of K-SVD, in
    /// increasing signal order. An atom no signal uses gets an empty list.
    public func users() -> [[(signal: Int, slot: Int)]] {
        var lists = [[(signal: Int, slot: Int)]](repeating: [], count: atomCount)
        for j in 0..<signalCount {
            for slot in 0..<counts[j] { lists[atomIndices[j * capacity + slot]].append((j, slot)) }
        }
        return lists
    }

    /// The coefficient in `slot` of signal j (read and written by K-SVD's atom update).
    subscript(signal j: Int, slot slot: Int) -> Float {
        get { values[j * capacity + slot] }
        set { values[j * capacity + slot] = newValue }
    }

    /// The atom in `slot` of signal j.
    func atom(signal j: Int, slot: Int) -> Int { atomIndices[j * capacity + slot] }

    private func requireSignal(_ signal: Int) {
        require(signal >= 0 && signal < signalCount, "SparseCodes: signal \(signal) is out of range 0..<\(signalCount)")
    }
}

/// X = D Gamma for sparse codes   Eq. (2.8.1): each signal is the sum of its few atoms, so the cost is
/// n times the number of non-zeros instead of n K P. Shapes: D [n, K] -> X [n, P].
public func synthesise(dictionary: Tensor, codes: SparseCodes) -> Tensor {
    requireShapes(dictionary.rank == 2 && dictionary.columns == codes.atomCount,
                  "synthesise (D [n, K] against codes over K atoms)", dictionary.shape, [codes.atomCount, codes.signalCount])
    let atoms = dictionary.transposed()            // [K, n]: each atom contiguous
    let n = dictionary.rows
    var signalsByRow = Tensor(shape: [codes.signalCount, n])
    atoms.scalars.withUnsafeBufferPointer { atomBuffer in
        signalsByRow.scalars.withUnsafeMutableBufferPointer { output in
            for j in 0..<codes.signalCount {
                let target = UnsafeMutableBufferPointer(rebasing: output[(j * n)..<((j + 1) * n)])
                for slot in 0..<codes.counts[j] {
                    let atom = codes.atom(signal: j, slot: slot)
                    Kernels.axpy(codes[signal: j, slot: slot], UnsafeBufferPointer(rebasing: atomBuffer[(atom * n)..<((atom + 1) * n)]),
                                 target)
                }
            }
        }
    }
    return signalsByRow.transposed()
}
