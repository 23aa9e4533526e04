// Propagation.swift: the matrix a graph layer multiplies its features by. MLiS II Sec. 2.9.2:
// the naive A of Eq. (2.9.3), the self-loops A^ = A + I, and the symmetric normalisation
// D^^-1/2 A^ D^^-1/2 of Eq. (2.9.4) with D^_ii = sum_j A^_ij (D^ is not defined in the notes: E-49).
// Goals, in order: the three rules side by side, so a test and the chapter can show what the naive
// one gets wrong; sparse results (they are what training multiplies by); checked degrees.
//
// What goes wrong with A H (Eq. (2.9.3)), the notes' two reasons:
//   1. (A H)_i = sum_(j in n(i)) H_j sums the neighbours' features but not node i's own (A_ii = 0).
//   2. Rows of A H grow with the degree, and A^k H grows like lambda_max(A)^k: stacked layers blow up
//      on high-degree nodes. The eigenvalues of D^^-1/2 A^ D^^-1/2 lie in [-1, 1] (its largest is 1),
//      so repeated propagation stays bounded.

import Core

/// Which matrix a graph layer propagates features with.
public enum PropagationRule: String, CaseIterable, Sendable {
    /// A: each node sums its neighbours' features, and forgets its own   Eq. (2.9.3).
    case naive = "A (naive, Eq. (2.9.3))"
    /// A^ = A + I: neighbours and the node itself, summed.
    case selfLoops = "A + I"
    /// D^^-1/2 A^ D^^-1/2: neighbours and the node itself, averaged symmetrically   Eq. (2.9.4).
    case normalised = "D^-1/2 (A + I) D^-1/2 (Eq. (2.9.4))"
}

extension Graph {
    /// A in sparse (CSR) form, shape [N, N], with 2|E| stored entries.
    public var sparseAdjacency: SparseMatrix {
        SparseMatrix(rows: nodeCount, columns: nodeCount, entries: edges.flatMap { edge in
            [(edge.first, edge.second, edge.weight), (edge.second, edge.first, edge.weight)]
        })
    }

    /// A^ = A + I, shape [N, N]: every node becomes its own neighbour (MLiS II Sec. 2.9.2, before Eq. (2.9.4)).
    public var adjacencyWithSelfLoops: Tensor {
        adjacency + diagonalMatrix([Float](repeating: 1, count: nodeCount))
    }

    /// D^ = diag(d_i + 1), the degree matrix of A^: D^_ii = sum_j A^_ij (erratum E-49 (ii)).
    public var degreeMatrixWithSelfLoops: Tensor {
        diagonalMatrix(degrees.map { $0 + 1 })
    }

    /// The symmetrically normalised adjacency D^-1/2 M D^-1/2 with D_ii = sum_j M_ij, where
    /// M = A^ = A + I (the default, Eq. (2.9.4)) or M = A (`addingSelfLoops: false`). Entry (i, j) is
    /// M_ij / sqrt(d_i d_j). Sparse, symmetric, shape [N, N].
    /// Precondition: no node has degree 0 in M (possible only without self-loops: D^-1/2 would be 1/0);
    /// otherwise it stops and names the node.
    public func normalisedAdjacency(addingSelfLoops: Bool = true) -> SparseMatrix {
        let d = addingSelfLoops ? degrees.map { $0 + 1 } : degrees
        require(!d.contains(0), "Graph.normalisedAdjacency: node \(d.firstIndex(of: 0) ?? -1) has degree 0, "
                + "so D^-1/2 is undefined; add self-loops (A + I, Eq. (2.9.4))")
        let scale = d.map { 1 / $0.squareRoot() }
        var entries: [(row: Int, column: Int, value: Float)] = []
        for edge in edges {
            let value = edge.weight * scale[edge.first] * scale[edge.second]
            entries += [(edge.first, edge.second, value), (edge.second, edge.first, value)]
        }
        if addingSelfLoops {
            for i in 0..<nodeCount { entries.append((i, i, 1 / d[i])) }   // A^_ii / sqrt(d_i d_i), exactly
        }
        return SparseMatrix(rows: nodeCount, columns: nodeCount, entries: entries)
    }

    /// The propagation matrix of `rule`, in sparse form: A, A + I, or D^^-1/2 A^ D^^-1/2.
    public func propagationMatrix(_ rule: PropagationRule) -> SparseMatrix {
        switch rule {
        case .naive: sparseAdjacency
        case .selfLoops: SparseMatrix(dense: adjacencyWithSelfLoops)
        case .normalised: normalisedAdjacency()
        }
    }
}
