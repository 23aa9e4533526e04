// Solution to Exercise 13: D^^-1/2 (A + I) D^^-1/2 (MLiS II Eq. (2.9.4), erratum E-49).
//
// Scaling row i by 1/sqrt(d^_i) and column j by 1/sqrt(d^_j) is the same as multiplying by the diagonal
// matrix D^^-1/2 on both sides, without ever forming it. The degrees are those of A^, self-loop included:
// with D (no +1) an isolated node would divide by zero, and the entries would not match Eq. (2.9.4).

import Core

public func normalisedAdjacency(_ adjacency: Tensor) -> Tensor {
    let n = adjacency.rows
    var selfLooped = adjacency                                   // A^ = A + I
    for i in 0..<n { selfLooped[i, i] += 1 }
    let degrees = (0..<n).map { i in (0..<n).reduce(Float(0)) { $0 + selfLooped[i, $1] } }   // D^_ii
    var normalised = Tensor(shape: [n, n])
    for i in 0..<n {
        for j in 0..<n { normalised[i, j] = selfLooped[i, j] / (degrees[i] * degrees[j]).squareRoot() }
    }
    return normalised
}
