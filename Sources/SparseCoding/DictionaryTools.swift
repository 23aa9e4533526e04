// DictionaryTools.swift: the dictionary D of MLiS II Sec. 2.8, Eq. (2.8.1) X = D alpha, and Fig. 2.7.4.
// Goals, in order: the notes' orientation (atoms are the COLUMNS of D, signals the columns of X);
// exact, readable helpers; no loops over large arrays outside Core's kernels.
//
// Shapes used throughout this module (Fig. 2.8.2):
//   D     [n, K]   K atoms of length n, one per column
//   X     [n, P]   P signals of length n, one per column
//   Gamma [K, P]   the sparse codes, column j is the code of signal j, so X = D Gamma
// (Chapter 1 of the notes puts one example per ROW; Sec. 2.8 puts signals in columns, and so do we.)

import Core

/// The Euclidean norm ||d_j||_2 of every column of `matrix` (computed in Double).
///
/// ```swift
/// columnNorms(Tensor([[3, 0], [4, 1]]))   // [5.0, 1.0]
/// ```
public func columnNorms(_ matrix: Tensor) -> [Float] {
    require(matrix.rank == 2, "columnNorms: needs a matrix, got shape \(matrix.shape)")
    var sums = [Double](repeating: 0, count: matrix.columns)
    let width = matrix.columns
    for (index, value) in matrix.scalars.enumerated() { sums[index % width] += Double(value) * Double(value) }
    return sums.map { Float($0.squareRoot()) }
}

/// The same matrix with every column scaled to unit norm, d_j / ||d_j||_2.
/// Precondition: no column is zero.
public func normalisedColumns(_ matrix: Tensor) -> Tensor {
    let norms = columnNorms(matrix)
    if let zero = norms.firstIndex(where: { !($0 > 0) }) {
        require(false, "normalisedColumns: column \(zero) is zero and has no direction")
    }
    var result = matrix
    let width = matrix.columns
    for index in result.scalars.indices { result.scalars[index] /= norms[index % width] }
    return result
}

/// A random dictionary [n, K]: independent N(0, 1) entries, then every column scaled to unit norm,
/// as in the synthetic experiment of Aharon, Elad & Bruckstein (2006), Sec. V.A. The atoms point in
/// uniformly random directions, so for K >> n they are nearly, but not exactly, orthogonal.
public func randomDictionary(signalLength n: Int, atoms K: Int, generator: inout Xoshiro256StarStar) -> Tensor {
    require(n >= 1 && K >= 1, "randomDictionary: needs n >= 1 and K >= 1 atoms, got n = \(n), K = \(K)")
    var dictionary = generator.normalTensor(shape: [n, K])
    // A Gaussian column is zero with probability 0; redraw it anyway rather than divide by zero.
    while let zero = columnNorms(dictionary).firstIndex(where: { !($0 > 0) }) {
        for i in 0..<n { dictionary[i, zero] = generator.normal() }
    }
    return normalisedColumns(dictionary)
}

/// The Gram matrix G = D^T D [K, K]: G_ij = d_i . d_j, and G_jj = ||d_j||^2.
public func gramMatrix(_ dictionary: Tensor) -> Tensor {
    matmul(dictionary, dictionary, transposeA: true)
}

/// The mutual coherence mu(D) = max_(i != j) |d_i . d_j| / (||d_i|| ||d_j||): how alike the two most
/// similar atoms are (0 for orthogonal atoms, 1 for two parallel ones). Precondition: no zero atom.
public func mutualCoherence(_ dictionary: Tensor) -> Float {
    requireDictionary(dictionary, "mutualCoherence")
    let gram = gramMatrix(dictionary)
    let norms = columnNorms(dictionary)
    var largest: Float = 0
    for i in 0..<gram.rows {
        for j in 0..<gram.columns where j != i {
            largest = max(largest, abs(gram[i, j]) / (norms[i] * norms[j]))
        }
    }
    return largest
}

/// X = D Gamma   Eq. (2.8.1), and Fig. 2.8.2 for many signals at once: each signal is the sum of the
/// atoms its code selects, weighted by the code's values.
/// Shapes: D [n, K], Gamma [K, P] -> X [n, P]. Precondition: D has K columns and Gamma K rows.
public func synthesise(dictionary: Tensor, codes: Tensor) -> Tensor {
    requireShapes(dictionary.rank == 2 && codes.rank == 2 && dictionary.columns == codes.rows,
                  "synthesise (X = D Gamma needs D [n, K] and Gamma [K, P])", dictionary.shape, codes.shape)
    return matmul(dictionary, codes)
}

/// ||X - D Gamma||_F^2, the data term of Eq. (2.8.14) and Eq. (2.8.17), summed in Double.
public func representationError(signals: Tensor, dictionary: Tensor, codes: Tensor) -> Double {
    let reconstruction = synthesise(dictionary: dictionary, codes: codes)
    requireShapes(reconstruction.shape == signals.shape, "representationError (X against D Gamma)", signals.shape,
                  reconstruction.shape)
    var total = 0.0
    for (x, y) in zip(signals.scalars, reconstruction.scalars) {
        let difference = Double(x) - Double(y)
        total += difference * difference
    }
    return total
}

/// Column `j` of a matrix as an array (a signal of X, an atom of D, a code of Gamma).
public func column(_ j: Int, of matrix: Tensor) -> [Float] {
    require(matrix.rank == 2 && j >= 0 && j < matrix.columns, "column: index \(j) out of range for shape \(matrix.shape)")
    return (0..<matrix.rows).map { matrix[$0, j] }
}

/// The matrix [n, P] whose columns are `columns` (each of length n).
public func matrix(columns: [[Float]]) -> Tensor {
    let n = columns.first?.count ?? 0
    require(columns.allSatisfy { $0.count == n }, "matrix(columns:): the columns have different lengths")
    return Tensor(columns).transposed()
}
