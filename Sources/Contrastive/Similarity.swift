// Similarity.swift: the cosine similarity of DL Padova "Siamese Network", S_C(A, B) = A.B / (||A|| ||B||),
// on single vectors and row by row on batches, with its backward pass; rows scaled to unit length
// (what SimCLR's and MoCo's losses compare, thesis ch. 2 Sec. 2.3.1 and 2.3.2).
// Goals, in order: the formula as printed; a backward pass checked against central differences in
// Double; a zero vector stops with a message rather than dividing by zero.

import Core

/// S_C(A, B) = A.B / (||A|| ||B||), in [-1, 1]: 1 for vectors pointing the same way, 0 for orthogonal
/// ones. DL Padova "Siamese Network". CL-1 (see WORKED-NUMBERS.md): cos((1, 2, 3), (4, 5, 6)) = 32 / sqrt(14 * 77).
///
/// ```swift
/// print(cosineSimilarity([1, 2, 3], [4, 5, 6]))   // 0.9746318461970762
/// ```
/// Precondition: equal lengths and neither vector zero.
public func cosineSimilarity(_ a: [Double], _ b: [Double]) -> Double {
    require(a.count == b.count, "cosineSimilarity: vectors of lengths \(a.count) and \(b.count)")
    let (normA, normB) = (euclideanNorm(a), euclideanNorm(b))
    require(normA > 0 && normB > 0, "cosineSimilarity: the similarity of a zero vector is undefined")
    return zip(a, b).reduce(0) { $0 + $1.0 * $1.1 } / (normA * normB)
}

/// ||v|| = sqrt(sum v_k^2).
public func euclideanNorm(_ v: [Double]) -> Double {
    v.reduce(0) { $0 + $1 * $1 }.squareRoot()
}

/// Each row of z [N, d] divided by its length: u_i = z_i / ||z_i||. Returns u and the lengths [N].
///
/// Precondition: a matrix with no zero row (its direction is undefined).
public func unitRows(_ z: Tensor) -> (units: Tensor, norms: [Float]) {
    require(z.rank == 2, "unitRows: needs a matrix [N, d], got shape \(z.shape)")
    let norms = z.norm(alongAxis: 1).scalars
    require(norms.allSatisfy { $0 > 0 }, "unitRows: row \(norms.firstIndex { !($0 > 0) } ?? 0) of \(z.shape) has length 0; its direction is undefined")
    let d = z.columns
    var scalars = z.scalars
    for i in 0..<z.rows {
        for k in 0..<d { scalars[i * d + k] /= norms[i] }
    }
    return (Tensor(shape: z.shape, scalars: scalars), norms)
}

/// dJ/dz from dJ/du through u_i = z_i / ||z_i||: dJ/dz_i = (g_i - u_i (u_i . g_i)) / ||z_i||.
///
/// The part of g along u_i is dropped: stretching z_i does not move u_i.
public func unitRowsBackward(_ outputGradient: Tensor, units: Tensor, norms: [Float]) -> Tensor {
    requireShapes(outputGradient.shape == units.shape, "unitRowsBackward: dJ/du vs u", outputGradient.shape, units.shape)
    let (u, g, d) = (units.scalars, outputGradient.scalars, units.columns)
    var result = [Float](repeating: 0, count: g.count)
    for i in 0..<units.rows {
        var along: Float = 0
        for k in 0..<d { along += u[i * d + k] * g[i * d + k] }
        for k in 0..<d { result[i * d + k] = (g[i * d + k] - u[i * d + k] * along) / norms[i] }
    }
    return Tensor(shape: units.shape, scalars: result)
}

/// S_C(a_i, b_i) for each row pair of a and b [N, d], and its backward pass.
public enum RowCosine {
    /// [N] similarities, row i of `a` against row i of `b`. Precondition: equal shapes, no zero row.
    public static func forward(_ a: Tensor, _ b: Tensor) -> Tensor {
        requireShapes(a.shape == b.shape && a.rank == 2, "RowCosine.forward: a vs b", a.shape, b.shape)
        let (ua, ub) = (unitRows(a).units, unitRows(b).units)
        return ua.multipliedElementwise(by: ub).sum(alongAxis: 1)
    }

    /// dJ/da and dJ/db from dJ/ds [N]: ds_i/da_i = (u_b - s_i u_a) / ||a_i||, and likewise for b.
    public static func backward(_ outputGradient: Tensor, _ a: Tensor, _ b: Tensor) -> (a: Tensor, b: Tensor) {
        requireShapes(outputGradient.shape == [a.rows], "RowCosine.backward: dJ/ds vs rows of a", outputGradient.shape, a.shape)
        let (ua, na) = unitRows(a)
        let (ub, nb) = unitRows(b)
        let d = a.columns
        let g = outputGradient.scalars.flatMap { [Float](repeating: $0, count: d) }
        let scaledB = Tensor(shape: a.shape, scalars: zip(g, ub.scalars).map { $0 * $1 })
        let scaledA = Tensor(shape: a.shape, scalars: zip(g, ua.scalars).map { $0 * $1 })
        return (unitRowsBackward(scaledB, units: ua, norms: na), unitRowsBackward(scaledA, units: ub, norms: nb))
    }
}
