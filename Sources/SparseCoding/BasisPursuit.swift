// BasisPursuit.swift: the relaxation approach of MLiS II Sec. 2.8 ("relaxation methods such as basis
// pursuit (BP)"): replace ||alpha||_0 in Eq. (2.8.3) by ||alpha||_1. We solve its Lagrangian form
// (basis pursuit denoising, the LASSO),
//     min_alpha  F(alpha) = 1/2 ||x - D alpha||_2^2 + lambda ||alpha||_1,
// which for a suitable lambda has the same solution as min ||alpha||_1 s.t. ||x - D alpha||_2 <= epsilon,
// and tends to basis pursuit (epsilon = 0) as lambda -> 0.
// Goals, in order: ISTA and FISTA exactly as Beck & Teboulle, SIAM J. Imaging Sciences 2(1), 2009
// (their Eq. (1.4), Eq. (4.1), Eq. (4.2), Eq. (4.3), constant step 1/L); every signal at once with Core's
// GEMM; the objective recorded so the O(1/k) and O(1/k^2) rates can be seen.
//
// ISTA: alpha <- S_(lambda/L)(alpha - (1/L) D^T (D alpha - x)), with S the soft threshold and
// L = ||D||_2^2 (the largest eigenvalue of D^T D), the Lipschitz constant of the gradient of the data
// term. FISTA evaluates the same step at y = alpha_k + ((t_k - 1)/t_(k+1)) (alpha_k - alpha_(k-1)),
// with t_(k+1) = (1 + sqrt(1 + 4 t_k^2)) / 2.

import Core

/// F summed over signals: 1/2 ||X - D A||_F^2 + lambda ||A||_1, in Double. Shapes: X [n, P], D [n, K], A [K, P].
public func lassoObjective(signals: Tensor, dictionary: Tensor, codes: Tensor, lambda: Double) -> Double {
    0.5 * representationError(signals: signals, dictionary: dictionary, codes: codes)
        + lambda * codes.scalars.reduce(0.0) { $0 + Double(abs($1)) }
}

/// grad (1/2 ||X - D A||_F^2) = D^T (D A - X), shape [K, P]: the smooth part's gradient that ISTA steps along.
public func lassoDataGradient(signals: Tensor, dictionary: Tensor, codes: Tensor) -> Tensor {
    requireShapes(codes.rank == 2 && dictionary.rank == 2 && dictionary.columns == codes.rows,
                  "lassoDataGradient (D [n, K] and A [K, P])", dictionary.shape, codes.shape)
    return matmul(dictionary, matmul(dictionary, codes) - signals, transposeA: true)
}

/// L = ||D||_2^2 = lambda_max(D^T D), by power iteration on D^T D in Double from a fixed start
/// (the all-ones vector, plus a small ramp so it is never orthogonal to the top eigenvector by symmetry).
public func largestSquaredSingularValue(_ dictionary: Tensor, iterations: Int = 500) -> Double {
    requireDictionary(dictionary, "largestSquaredSingularValue")
    let gram = gramMatrix(dictionary).doubles
    let K = dictionary.columns
    var v = (0..<K).map { 1 + 0.01 * Double($0) / Double(K) }
    var estimate = 0.0
    for _ in 0..<iterations {
        var next = [Double](repeating: 0, count: K)
        for i in 0..<K { for j in 0..<K { next[i] += gram[i * K + j] * v[j] } }
        let norm = next.reduce(0) { $0 + $1 * $1 }.squareRoot()
        let previous = estimate
        estimate = norm / v.reduce(0) { $0 + $1 * $1 }.squareRoot()
        v = next.map { $0 / norm }
        if abs(estimate - previous) <= 1e-12 * estimate { break }
    }
    return estimate
}

/// The result of ISTA or FISTA.
public struct LassoSolution: Sendable {
    /// A [K, P], one code per signal.
    public let codes: Tensor
    /// F(A_k) summed over signals, after each iteration k = 1, 2, ...
    public let objectives: [Double]
    /// The step 1/L used.
    public let step: Double
}

/// ISTA (`accelerated: false`) or FISTA (`accelerated: true`) for F on every column of X [n, P] at once,
/// from A = 0, for `iterations` steps or until max |A_k - A_(k-1)| <= `tolerance`.
///
/// ```swift
/// let solution = iterativeShrinkage(signals: X, dictionary: D, lambda: 0.1, iterations: 500)
/// print(solution.objectives.last!)      // F at the last iterate
/// ```
/// Preconditions: X [n, P] fits D [n, K]; lambda >= 0; no zero atom.
public func iterativeShrinkage(signals: Tensor, dictionary: Tensor, lambda: Double, iterations: Int,
                               accelerated: Bool = true, tolerance: Float = 0) -> LassoSolution {
    requireDictionary(dictionary, "iterativeShrinkage")
    requireSignals(signals, fit: dictionary, "iterativeShrinkage")
    requireNonNegative(lambda, "lambda", "iterativeShrinkage")
    require(iterations >= 1, "iterativeShrinkage: needs at least one iteration, got \(iterations)")
    let step = 1 / largestSquaredSingularValue(dictionary)
    let shrink = Float(lambda * step)
    var current = Tensor(shape: [dictionary.columns, signals.columns])      // alpha_k
    var extrapolated = current                                               // y_k (FISTA) or alpha_k (ISTA)
    var t = 1.0
    var objectives: [Double] = []
    for _ in 0..<iterations {
        var next = extrapolated
        next.add(lassoDataGradient(signals: signals, dictionary: dictionary, codes: extrapolated), scaledBy: Float(-step))
        next = threshold(next, by: .soft, thresholds: [Float](repeating: shrink, count: next.rows))
        let change = zip(next.scalars, current.scalars).reduce(Float(0)) { max($0, abs($1.0 - $1.1)) }
        if accelerated {
            let tNext = (1 + (1 + 4 * t * t).squareRoot()) / 2
            extrapolated = next
            extrapolated.add(next - current, scaledBy: Float((t - 1) / tNext))
            t = tNext
        } else {
            extrapolated = next
        }
        current = next
        objectives.append(lassoObjective(signals: signals, dictionary: dictionary, codes: current, lambda: lambda))
        if change <= tolerance { break }
    }
    return LassoSolution(codes: current, objectives: objectives, step: step)
}
