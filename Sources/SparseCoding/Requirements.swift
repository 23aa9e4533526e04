// Requirements.swift: the checks every public function of this module makes on its arguments.
// Goals, in order: a programmer error stops the program with a message that names the operation and
// the values (both shapes, the sparsity and the number of atoms, the index of a zero atom); the
// message survives the -O build this library is compiled with (Core's `require`, not `precondition`).

import Core

/// Stops unless `dictionary` is a usable dictionary D: a matrix [n, K] with n >= 1 signal entries,
/// K >= 1 atoms (its columns), and no atom that is all zeros (a zero atom has no direction: OMP
/// could not compare it with the residual, and it could not be normalised).
func requireDictionary(_ dictionary: Tensor, _ caller: String, file: StaticString = #fileID, line: UInt = #line) {
    require(dictionary.rank == 2, "\(caller): the dictionary must be a matrix [n, K] (atoms as columns), got shape \(dictionary.shape)",
            file: file, line: line)
    require(dictionary.columns >= 1, "\(caller): the dictionary has zero atoms (shape \(dictionary.shape)); it needs K >= 1 columns",
            file: file, line: line)
    require(dictionary.rows >= 1, "\(caller): the atoms have length 0 (shape \(dictionary.shape))", file: file, line: line)
    let norms = columnNorms(dictionary)
    if let zero = norms.firstIndex(where: { !($0 > 0) }) {
        require(false, "\(caller): atom \(zero) of the dictionary is zero (norm \(norms[zero])); every atom needs a direction",
                file: file, line: line)
    }
}

/// Stops unless the signals X [n, P] (one signal per column) have the dictionary's length n.
func requireSignals(_ signals: Tensor, fit dictionary: Tensor, _ caller: String,
                    file: StaticString = #fileID, line: UInt = #line) {
    requireShapes(signals.rank == 2 && signals.rows == dictionary.rows,
                  "\(caller) (signals X [n, P] as columns need a dictionary D [n, K] with the same n)",
                  signals.shape, dictionary.shape, file: file, line: line)
}

/// Stops unless 1 <= k <= K: OMP cannot choose more distinct atoms than the dictionary holds.
func requireSparsity(_ sparsity: Int, atomCount: Int, _ caller: String, file: StaticString = #fileID, line: UInt = #line) {
    require(sparsity >= 1, "\(caller): the sparsity k must be at least 1, got \(sparsity)", file: file, line: line)
    require(sparsity <= atomCount,
            "\(caller): the sparsity k = \(sparsity) is larger than the number of atoms K = \(atomCount)", file: file, line: line)
}

/// Stops unless `value` is finite and >= 0 (a tolerance, a threshold, a weight).
func requireNonNegative(_ value: Double, _ name: String, _ caller: String, file: StaticString = #fileID, line: UInt = #line) {
    require(value >= 0 && value.isFinite, "\(caller): \(name) must be finite and >= 0, got \(value)", file: file, line: line)
}
