// AtomTable.swift: a dictionary stored atom by atom (D^T, row-major), so that every atom is a
// contiguous run of memory that Core's kernels (dot, axpy) can read directly.
// Goals: one place where this module's inner products and updates on atoms and signals go through
// `Kernels`; no scalar loops over signals or atoms elsewhere.

import Core

/// The K atoms of a dictionary D [n, K], each stored contiguously: `values[k * n ..< (k + 1) * n]` is d_k.
struct AtomTable: Sendable {
    /// n, the length of an atom.
    let length: Int
    /// K, the number of atoms.
    let count: Int
    /// D^T, row-major [K, n].
    var values: [Float]

    init(_ dictionary: Tensor) {
        length = dictionary.rows
        count = dictionary.columns
        values = dictionary.transposed().scalars
    }

    init(length: Int, count: Int, values: [Float]) {
        self.length = length
        self.count = count
        self.values = values
    }

    /// The dictionary D [n, K] again.
    var dictionary: Tensor { Tensor(shape: [count, length], scalars: values).transposed() }

    /// d_k as an array.
    func atom(_ k: Int) -> [Float] { Array(values[(k * length)..<((k + 1) * length)]) }

    /// Replaces d_k. Precondition: `atom.count == length`.
    mutating func setAtom(_ k: Int, _ atom: [Float]) {
        require(atom.count == length, "AtomTable.setAtom: an atom of length \(atom.count) for atoms of length \(length)")
        values.replaceSubrange((k * length)..<((k + 1) * length), with: atom)
    }

    /// d_k . v. Precondition: `v.count == length`.
    func dot(atom k: Int, _ v: [Float]) -> Float {
        values.withUnsafeBufferPointer { table in
            v.withUnsafeBufferPointer { Kernels.dot(UnsafeBufferPointer(rebasing: table[(k * length)..<((k + 1) * length)]), $0) }
        }
    }

    /// d_i . d_j.
    func dot(atom i: Int, atom j: Int) -> Float {
        values.withUnsafeBufferPointer { table in
            Kernels.dot(UnsafeBufferPointer(rebasing: table[(i * length)..<((i + 1) * length)]),
                        UnsafeBufferPointer(rebasing: table[(j * length)..<((j + 1) * length)]))
        }
    }

    /// D^T v: the inner product of every atom with v (K values).
    func correlations(with v: [Float]) -> [Float] {
        values.withUnsafeBufferPointer { table in
            v.withUnsafeBufferPointer { vector in
                (0..<count).map { k in Kernels.dot(UnsafeBufferPointer(rebasing: table[(k * length)..<((k + 1) * length)]), vector) }
            }
        }
    }

    /// v <- v + alpha d_k.
    func add(_ alpha: Float, atom k: Int, to v: inout [Float]) {
        values.withUnsafeBufferPointer { table in
            v.withUnsafeMutableBufferPointer {
                Kernels.axpy(alpha, UnsafeBufferPointer(rebasing: table[(k * length)..<((k + 1) * length)]), $0)
            }
        }
    }
}

/// ||v||_2, accumulated in Double.
func euclideanNorm(_ v: [Float]) -> Float {
    Float(v.reduce(0.0) { $0 + Double($1) * Double($1) }.squareRoot())
}

/// Rows of a row-major matrix as contiguous buffers: row j of `values` with `width` columns.
@inline(__always)
func rowBuffer(_ buffer: UnsafeBufferPointer<Float>, _ j: Int, width: Int) -> UnsafeBufferPointer<Float> {
    UnsafeBufferPointer(rebasing: buffer[(j * width)..<((j + 1) * width)])
}

@inline(__always)
func mutableRowBuffer(_ buffer: UnsafeMutableBufferPointer<Float>, _ j: Int, width: Int) -> UnsafeMutableBufferPointer<Float> {
    UnsafeMutableBufferPointer(rebasing: buffer[(j * width)..<((j + 1) * width)])
}
