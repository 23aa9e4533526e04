// ConvolutionalDictionary.swift: convolutional sparse coding in one dimension, MLiS II Sec. 2.8.1:
// X = sum_i K_i * Gamma_i (Eq. (2.8.4)), the same as X = D Gamma with D the unrolled filters of
// Fig. 2.8.1 (Eq. (2.8.5)), and the local sparsity of Eq. (2.8.6), Eq. (2.8.7).
// Goals, in order: the sum of convolutions and the unrolled matrix as two routes to the same numbers
// (tested, with the adjoint); the "stripe" that makes the bounds local (E-48) computed, not
// asserted; small and readable (the sizes are those of a lecture example, not of an image).
//
// The model (Papyan, Romano & Elad, "Convolutional neural networks analyzed via convolutional sparse
// coding", JMLR 18, 2017): a signal of I positions with c values per position (c = 1 for a raw
// signal; c = N_1 for the feature maps of layer 1), N filters each spanning n positions (n c values),
// shifted one POSITION (c values) at a time with circular boundaries. Atom (t, i) is filter i placed at
// position t; it is column t N + i of D [I c, I N], so the N atoms at one shift are neighbours. A patch
// (n positions starting at p) is touched only by the atoms at shifts p - n + 1 ... p + n - 1: its
// stripe of (2n - 1) N coefficients. Eq. (2.8.6) is that count for layer 1, N_1 (2 n_0 - 1).

import Core

/// N one-dimensional filters shifted along a (possibly multi-channel) signal with circular boundaries.
///
/// ```swift
/// let D = ConvolutionalDictionary(filters: [[1, -1]], positions: 4)   // one filter of length 2
/// print(D.matrix())                       // the 4 x 4 circulant of Fig. 2.8.1: columns (1,-1,0,0), (0,1,-1,0), ...
/// print(D.apply([0, 2, 0, 0]))            // [0.0, 2.0, -2.0, 0.0]: filter 0 at position 1, times 2
/// ```
public struct ConvolutionalDictionary: Sendable {
    /// The N filters; each has `filterLength * channels` values, position by position.
    public let filters: [[Float]]
    /// I, the positions of the signal (and the shifts of each filter).
    public let positions: Int
    /// c, the values per position: 1 for layer 1, N_1 for layer 2.
    public let channels: Int

    /// Preconditions: at least one filter, all of the same length, a multiple of `channels`, spanning
    /// at most `positions` positions.
    public init(filters: [[Float]], positions: Int, channels: Int = 1) {
        require(!filters.isEmpty && channels >= 1 && positions >= 1,
                "ConvolutionalDictionary: needs at least one filter, channels >= 1 and positions >= 1")
        let length = filters[0].count
        require(length >= channels && length % channels == 0 && filters.allSatisfy { $0.count == length },
                "ConvolutionalDictionary: every filter needs the same length, a multiple of \(channels) channels; got \(filters.map(\.count))")
        require(length / channels <= positions,
                "ConvolutionalDictionary: a filter spans \(length / channels) positions, more than the signal's \(positions)")
        self.filters = filters
        self.positions = positions
        self.channels = channels
    }

    /// n, the positions one filter spans.
    public var filterLength: Int { filters[0].count / channels }
    /// N, the number of filters.
    public var filterCount: Int { filters.count }
    /// I c, the length of a signal.
    public var signalLength: Int { positions * channels }
    /// I N, the number of atoms (columns of the unrolled D).
    public var atomCount: Int { positions * filterCount }

    /// X = sum_i K_i * Gamma_i   Eq. (2.8.4): gamma[t N + i] is the weight of filter i placed at position t.
    /// Precondition: gamma has I N entries.
    public func apply(_ gamma: [Float]) -> [Float] {
        require(gamma.count == atomCount, "ConvolutionalDictionary.apply: \(gamma.count) coefficients for \(atomCount) atoms")
        var x = [Float](repeating: 0, count: signalLength)
        for t in 0..<positions {
            for (i, filter) in filters.enumerated() where gamma[t * filterCount + i] != 0 {
                let weight = gamma[t * filterCount + i]
                for (offset, value) in filter.enumerated() { x[entry(t, offset)] += weight * value }
            }
        }
        return x
    }

    /// D^T x: the correlation of every filter with x at every shift (the adjoint of `apply`).
    /// Precondition: x has I c entries.
    public func adjoint(_ x: [Float]) -> [Float] {
        require(x.count == signalLength, "ConvolutionalDictionary.adjoint: a signal of \(x.count) values for \(signalLength)")
        var gamma = [Float](repeating: 0, count: atomCount)
        for t in 0..<positions {
            for (i, filter) in filters.enumerated() {
                gamma[t * filterCount + i] = filter.enumerated().reduce(0) { $0 + $1.1 * x[entry(t, $1.0)] }
            }
        }
        return gamma
    }

    /// The unrolled dictionary D [I c, I N] of Fig. 2.8.1 and Eq. (2.8.5): column t N + i is filter i
    /// placed at position t.
    public func matrix() -> Tensor {
        var d = Tensor(shape: [signalLength, atomCount])
        for t in 0..<positions {
            for (i, filter) in filters.enumerated() {
                for (offset, value) in filter.enumerated() { d[entry(t, offset), t * filterCount + i] += value }
            }
        }
        return d
    }

    /// The entries (indices into a signal) of the patch of n positions starting at position p.
    public func patch(at p: Int) -> [Int] {
        (0..<(filterLength * channels)).map { entry(p, $0) }
    }

    /// The stripe of position p: the atoms that touch the patch at p, i.e. the shifts p - n + 1 ... p + n - 1
    /// (circularly), all N filters at each: (2n - 1) N atom indices when I >= 2n - 1.
    public func stripe(at p: Int) -> [Int] {
        let shifts = Set((-(filterLength - 1)...(filterLength - 1)).map { ((p + $0) % positions + positions) % positions })
        return shifts.sorted().flatMap { t in (0..<filterCount).map { t * filterCount + $0 } }
    }

    /// ||Gamma||_(0, infinity): the most non-zeros in any stripe (the local sparsity of Eq. (2.8.6) and
    /// Eq. (2.8.7)).
    public func stripeSparsity(_ gamma: [Float]) -> Int {
        require(gamma.count == atomCount, "ConvolutionalDictionary.stripeSparsity: \(gamma.count) coefficients for \(atomCount) atoms")
        return (0..<positions).map { p in stripe(at: p).filter { gamma[$0] != 0 }.count }.max() ?? 0
    }

    /// The index in the signal of value `offset` of a filter placed at position t (circular).
    private func entry(_ t: Int, _ offset: Int) -> Int {
        (t * channels + offset) % signalLength
    }
}

/// N_1 (2 n_0 - 1)   Eq. (2.8.6): the size of a stripe of Gamma_1, N_1 filters of n_0 positions. As
/// WORKED-NUMBERS.md's E-48 says, this bounds the non-zeros in each stripe (a local, l_(0,infinity) count),
/// not ||Gamma_1||_0 over the whole signal. N_1 = 4, n_0 = 3 gives 20.
public func localSparsityBound(filters: Int, filterLength: Int) -> Int {
    require(filters >= 1 && filterLength >= 1, "localSparsityBound: needs N >= 1 and n >= 1, got \(filters), \(filterLength)")
    return filters * (2 * filterLength - 1)
}

/// N_2 (2 n_1 N_1 - 1)   Eq. (2.8.7), as printed: the stripe of Gamma_2 when the layer-2 filters, n_1 N_1
/// values long, move ONE ENTRY at a time along Gamma_1. With the D_2 of the text (I N_1 x I N_2: the
/// filters move one position, N_1 entries, at a time) the stripe is `localSparsityBound(N_2, n_1)` =
/// N_2 (2 n_1 - 1) instead (ERRATA.md, E-SC-1). N_2 = 8, n_1 = 3, N_1 = 4 gives 184 (and 40).
public func secondLayerSparsityBound(filters: Int, filterLength: Int, previousFilters: Int) -> Int {
    require(filters >= 1 && filterLength >= 1 && previousFilters >= 1,
            "secondLayerSparsityBound: needs N_2, n_1, N_1 >= 1, got \(filters), \(filterLength), \(previousFilters)")
    return filters * (2 * filterLength * previousFilters - 1)
}
