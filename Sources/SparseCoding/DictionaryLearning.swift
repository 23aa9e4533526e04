// DictionaryLearning.swift: learning the dictionary, MLiS II Sec. 2.8.3, Eq. (2.8.14) with a sparsity
// limit instead of the penalty beta ||Gamma_j||_0:
//     min_(D, Gamma) ||X - D Gamma||_F^2   subject to  ||Gamma_j||_0 <= k for every signal j,
// by the notes' steps: (1) atoms sampled from the signals, (2) sparse coding with OMP (Eq. (2.8.15)),
// (3) the unsupervised dictionary update (Eq. (2.8.17)) by K-SVD or by MOD, (4) repeat.
// Goals, in order: the algorithms as published, with the released toolboxes' atom replacement made
// explicit and switchable; deterministic given the generator; the history of every iteration.
//
// Atom replacement ("clearing"), as in Rubinstein's KSVD-Box (cleardict, ksvd.m v13) and Aharon's
// KSVD.m: after each iteration, an atom that fewer than `minimumUsers` signals use (3 or fewer by
// default) or whose |d_i . d_j| exceeds `maximumCoherence` (0.99) for some other atom is replaced by
// the worst-represented signal, normalised. During a K-SVD update an atom that NO signal uses is
// replaced the same way at once. Each signal serves as a replacement at most once per iteration.

import Core

/// Which dictionary update step (3) uses.
public enum DictionaryUpdateRule: String, Sendable, CaseIterable {
    /// Atom by atom, rank-1 approximations of restricted residuals (KSVD.swift).
    case kSVD = "K-SVD"
    /// All atoms at once by least squares, D = X Gamma^T (Gamma Gamma^T)^(-1) (MethodOfOptimalDirections.swift).
    case methodOfOptimalDirections = "MOD"
}

/// The settings of `learnDictionary`.
public struct DictionaryLearningSettings: Sendable {
    /// k, the most atoms OMP may give a signal.
    public var sparsity: Int
    /// The number of (sparse coding, dictionary update) rounds.
    public var iterations: Int
    public var update: DictionaryUpdateRule
    /// Whether to replace rarely used and near-duplicate atoms after each iteration (see the file header).
    public var replacesAtoms: Bool = true
    /// Atoms used by fewer signals than this are replaced (the toolbox: 4, i.e. "3 or fewer").
    public var minimumUsers: Int = 4
    /// Atoms with |d_i . d_j| above this for another atom are replaced (the toolbox: 0.99).
    public var maximumCoherence: Float = 0.99
    /// Threads for the sparse-coding stage.
    public var threads: Int = 1

    public init(sparsity: Int, iterations: Int, update: DictionaryUpdateRule = .kSVD) {
        self.sparsity = sparsity
        self.iterations = iterations
        self.update = update
    }
}

/// What one iteration did.
public struct DictionaryLearningRecord: Sendable {
    /// 1, 2, ...
    public let iteration: Int
    /// sqrt(||X - D Gamma||_F^2 / (n P)) after the dictionary update (before any replacement).
    public let rootMeanSquareError: Double
    /// Atoms replaced in this iteration (unused during K-SVD, or cleared afterwards).
    public let replacedAtoms: Int
}

/// The dictionary [n, K] made of K distinct signals of X [n, P] drawn at random, each scaled to unit
/// norm (the notes' step 1, and the initialisation of Aharon et al. 2006, Sec. V.A). Zero signals are
/// skipped. Precondition: X has at least K non-zero signals.
public func dictionaryFromSignals(_ signals: Tensor, atoms K: Int, generator: inout Xoshiro256StarStar) -> Tensor {
    let norms = columnNorms(signals)
    let candidates = generator.permutation(signals.columns).filter { norms[$0] > 0 }
    require(K >= 1 && candidates.count >= K,
            "dictionaryFromSignals: needs K = \(K) non-zero signals, but X \(signals.shape) has \(candidates.count)")
    return normalisedColumns(matrix(columns: candidates.prefix(K).map { column($0, of: signals) }))
}

/// Learns a dictionary for the signals X [n, P], starting from D_0 [n, K]   Eq. (2.8.14), Eq. (2.8.15),
/// Eq. (2.8.17).
///
/// Each iteration: Gamma = OMP(X, D, k) (Eq. (2.8.15), `batchOrthogonalMatchingPursuit`); the dictionary
/// update (Eq. (2.8.17)) by `settings.update`, with K-SVD updating the atoms in a random order drawn
/// from `generator`; `afterIteration(iteration, D)` (e.g. to measure recovery); then, if enabled, the
/// replacement of rarely used and duplicated atoms. Returns the final dictionary, the codes of its
/// last sparse coding, and one record per iteration.
///
/// ```swift
/// var generator = Xoshiro256StarStar(seed: 1)
/// let start = dictionaryFromSignals(X, atoms: 50, generator: &generator)
/// let learnt = learnDictionary(signals: X, initialDictionary: start,
///                              settings: DictionaryLearningSettings(sparsity: 3, iterations: 80), generator: &generator)
/// print(learnt.history.last!.rootMeanSquareError)
/// ```
/// Preconditions: X [n, P] and D_0 [n, K] agree, no zero atom, 1 <= k <= K, iterations >= 0.
public func learnDictionary(signals: Tensor, initialDictionary: Tensor, settings: DictionaryLearningSettings,
                            generator: inout Xoshiro256StarStar,
                            afterIteration: (Int, Tensor) -> Void = { _, _ in })
    -> (dictionary: Tensor, codes: SparseCodes, history: [DictionaryLearningRecord])
{
    requireDictionary(initialDictionary, "learnDictionary")
    requireSignals(signals, fit: initialDictionary, "learnDictionary")
    requireSparsity(settings.sparsity, atomCount: initialDictionary.columns, "learnDictionary")
    require(settings.iterations >= 0, "learnDictionary: iterations must be >= 0, got \(settings.iterations)")
    var state = LearningState(signals: signals, dictionary: initialDictionary,
                              codes: SparseCodes(atomCount: initialDictionary.columns, signalCount: signals.columns, capacity: 0))
    var history: [DictionaryLearningRecord] = []
    for iteration in stride(from: 1, through: settings.iterations, by: 1) {
        state.setCodes(batchOrthogonalMatchingPursuit(signals: signals, dictionary: state.dictionary,
                                                      sparsity: settings.sparsity, threads: settings.threads))
        var replacements = ReplacementPool(errors: state.signalErrors)
        var replaced = [Bool](repeating: false, count: state.atoms.count)
        switch settings.update {
        case .kSVD:
            let users = state.codes.users()
            for k in generator.permutation(state.atoms.count) {
                let updated = state.updateAtomKSVD(k, users: users[k])
                if !updated, let p = replacements.takeWorst(of: state) {      // no signal uses atom k
                    state.replaceAtom(k, bySignal: p)
                    replaced[k] = true
                }
            }
        case .methodOfOptimalDirections:
            state.updateDictionaryMOD(generator: &generator)
        }
        let error = (state.squaredError / Double(state.length * max(state.signalCount, 1))).squareRoot()
        afterIteration(iteration, state.dictionary)
        if settings.replacesAtoms { clearDictionary(&state, settings: settings, replaced: &replaced, pool: &replacements) }
        history.append(DictionaryLearningRecord(iteration: iteration, rootMeanSquareError: error,
                                                replacedAtoms: replaced.filter { $0 }.count))
    }
    let finalCodes = batchOrthogonalMatchingPursuit(signals: signals, dictionary: state.dictionary,
                                                    sparsity: settings.sparsity, threads: settings.threads)
    return (state.dictionary, finalCodes, history)
}

/// The signals not yet used as a replacement atom in this iteration, worst represented first.
struct ReplacementPool {
    /// ||r_p||^2 when the iteration's sparse coding ended; set to -1 once signal p has been used.
    var errors: [Double]

    /// The unused non-zero signal with the largest error (nil if none is left), marked as used.
    mutating func takeWorst(of state: LearningState) -> Int? {
        while let worst = errors.indices.max(by: { errors[$0] < errors[$1] }), errors[worst] >= 0 {
            errors[worst] = -1
            if euclideanNorm(state.signal(worst)) > 0 { return worst }
        }
        return nil
    }
}

/// Replaces every atom used by fewer than `minimumUsers` signals, or within `maximumCoherence` of
/// another atom, by the worst-represented unused signal (Rubinstein's cleardict). Atoms replaced
/// earlier in the iteration are left alone. The errors ranking the signals are those after the update.
func clearDictionary(_ state: inout LearningState, settings: DictionaryLearningSettings, replaced: inout [Bool],
                     pool: inout ReplacementPool) {
    let errors = state.signalErrors
    pool.errors = zip(pool.errors, errors).map { $0 < 0 ? -1 : $1 }
    let useCounts = state.codes.users().map(\.count)
    for j in 0..<state.atoms.count where !replaced[j] {
        var mostSimilar: Float = 0
        for i in 0..<state.atoms.count where i != j { mostSimilar = max(mostSimilar, abs(state.atoms.dot(atom: i, atom: j))) }
        guard mostSimilar > settings.maximumCoherence || useCounts[j] < settings.minimumUsers else { continue }
        guard let p = pool.takeWorst(of: state) else { return }
        state.replaceAtom(j, bySignal: p)
        replaced[j] = true
    }
}
