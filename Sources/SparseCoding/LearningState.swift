// LearningState.swift: what dictionary learning (MLiS II Sec. 2.8.3, Eq. (2.8.14), Eq. (2.8.15),
// Eq. (2.8.17)) keeps between its steps: the signals, the dictionary, the codes, and the residual R = X - D Gamma.
// Goals, in order: the residual always equal to X - D Gamma (K-SVD reads and updates it atom by atom,
// so nothing is recomputed from scratch); every signal and atom contiguous for Core's kernels.
//
// Storage is signal by signal (X^T, R^T: [P, n]) and atom by atom (D^T: [K, n]); the public functions
// take and return the notes' D [n, K] and X [n, P].

import Core

struct LearningState {
    /// X^T, [P, n]: signal p is row p.
    let signals: [Float]
    /// n, the signal length.
    let length: Int
    /// P, the number of signals.
    let signalCount: Int
    /// The dictionary, atom by atom.
    var atoms: AtomTable
    /// Gamma.
    var codes: SparseCodes
    /// R^T = (X - D Gamma)^T, [P, n].
    var residual: [Float]

    /// Starts from X [n, P], D [n, K] and codes Gamma over K atoms.
    init(signals X: Tensor, dictionary: Tensor, codes: SparseCodes) {
        requireShapes(X.rank == 2 && dictionary.rank == 2 && X.rows == dictionary.rows
                      && codes.atomCount == dictionary.columns && codes.signalCount == X.columns,
                      "dictionary learning (X [n, P], D [n, K], Gamma [K, P])", X.shape,
                      [dictionary.rows, dictionary.columns, codes.signalCount])
        signals = X.transposed().scalars
        length = X.rows
        signalCount = X.columns
        atoms = AtomTable(dictionary)
        self.codes = codes
        residual = []
        recomputeResidual()
    }

    /// R = X - D Gamma, signal by signal: r_p = x_p - sum_i gamma_i d_(a_i).
    mutating func recomputeResidual() {
        residual = signals
        let n = length
        atoms.values.withUnsafeBufferPointer { table in
            residual.withUnsafeMutableBufferPointer { output in
                for p in 0..<signalCount {
                    let target = mutableRowBuffer(output, p, width: n)
                    for slot in 0..<codes.counts[p] {
                        Kernels.axpy(-codes[signal: p, slot: slot], rowBuffer(table, codes.atom(signal: p, slot: slot), width: n),
                                     target)
                    }
                }
            }
        }
    }

    /// Installs new codes (after a sparse-coding stage) and the residual that goes with them.
    mutating func setCodes(_ newCodes: SparseCodes) {
        codes = newCodes
        recomputeResidual()
    }

    /// ||X - D Gamma||_F^2, in Double.
    var squaredError: Double {
        residual.reduce(0.0) { $0 + Double($1) * Double($1) }
    }

    /// ||r_p||^2 for every signal: how badly each is represented.
    var signalErrors: [Double] {
        residual.withUnsafeBufferPointer { r in
            (0..<signalCount).map { p in
                let row = rowBuffer(r, p, width: length)
                return Double(Kernels.dot(row, row))
            }
        }
    }

    /// x_p as an array.
    func signal(_ p: Int) -> [Float] { Array(signals[(p * length)..<((p + 1) * length)]) }

    /// r_p as an array.
    func residual(of p: Int) -> [Float] { Array(residual[(p * length)..<((p + 1) * length)]) }

    /// D [n, K] in the notes' orientation.
    var dictionary: Tensor { atoms.dictionary }

    /// Replaces atom k by signal p scaled to unit norm (the toolbox's rule for an atom that is unused
    /// or duplicated: the worst-represented signal becomes an atom). The signals that used atom k lose
    /// that coefficient, and the residual is updated to match, so R = X - D Gamma still holds.
    /// Precondition: x_p is not zero.
    mutating func replaceAtom(_ k: Int, bySignal p: Int) {
        let x = signal(p)
        let norm = euclideanNorm(x)
        require(norm > 0, "replaceAtom: signal \(p) is zero and cannot become an atom")
        for (signal, slot) in codes.users()[k] {
            removeCoefficient(signal: signal, slot: slot)
        }
        atoms.setAtom(k, x.map { $0 / norm })
    }

    /// Drops the coefficient in `slot` of signal p (adding its atom's contribution back to r_p).
    private mutating func removeCoefficient(signal p: Int, slot: Int) {
        var r = residual(of: p)
        atoms.add(codes[signal: p, slot: slot], atom: codes.atom(signal: p, slot: slot), to: &r)
        residual.replaceSubrange((p * length)..<((p + 1) * length), with: r)
        var support = codes.support(of: p)
        var coefficients = codes.coefficients(of: p)
        support.remove(at: slot)
        coefficients.remove(at: slot)
        codes.set(signal: p, support: support, coefficients: coefficients)
    }
}
