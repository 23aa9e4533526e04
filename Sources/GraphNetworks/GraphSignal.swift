// GraphSignal.swift: graph signals, diffusion and polynomial graph filters, and learning a filter's
// coefficients by gradient descent. DL Padova "Graph Signal" (erratum E-70).
// Goals, in order: the notes' formulas, one function each; the filter's gradient exact (checked by
// finite differences) and its learning checked against the least-squares solution in Double;
// products through the sparse kernel.
//
// A graph signal gives every node a number: x in R^N. With a shift operator S (A, or the normalised
// adjacency) the diffused signal y = S x has y_i = sum_(j in n(i)) w_ij x_j: each node mixes in its
// neighbours. Repeating it gives the diffusion sequence x^(k+1) = S x^(k), x^(0) = x, so x^(k) = S^k x.
// A graph filter is a polynomial in S, H(S) = sum_k h_k S^k; the notes write the sum to infinity,
// but a filter that is learnt stops at K - 1 (E-70):
//     y^ = f_h(x, S) = sum_(k=0)^(K-1) h_k S^k x.
// Here M signals are the columns of X [N, M], and S^k X filters all of them at once.

import Core

/// The diffusion sequence x^(0) = X, x^(k+1) = S x^(k), for k = 0..<count: [X, S X, S^2 X, ...],
/// each of shape [N, M]   (DL Padova "Graph Signal"). Preconditions: S is [N, N], X is [N, M], count >= 1.
public func diffusionSequence(_ x: Tensor, shift s: SparseMatrix, count: Int) -> [Tensor] {
    require(count >= 1, "diffusionSequence: count must be >= 1, got \(count)")
    requireShapes(s.rows == s.columns && x.rank == 2 && x.rows == s.columns, "diffusionSequence (S x)",
                  [s.rows, s.columns], x.shape)
    var sequence = [x]
    while sequence.count < count { sequence.append(s.times(sequence.last!)) }
    return sequence
}

/// The polynomial graph filter H(S) = sum_(k=0)^(K-1) h_k S^k   (DL Padova "Graph Signal", "Graph convolution filters").
///
/// ```swift
/// let path = Graph(nodeCount: 3, edges: [(0, 1), (1, 2)])
/// let filter = GraphFilter(coefficients: [1, 0.5, 0.25])
/// print(filter.apply(Tensor(column: [1, 0, 0]), shift: path.sparseAdjacency).scalars)   // [1.25, 0.5, 0.25]
/// ```
public struct GraphFilter: Equatable, Sendable {
    /// h_0, ..., h_(K-1): the weight of the signal diffused 0, 1, ..., K - 1 steps.
    public var coefficients: [Float]

    /// Precondition: at least one coefficient.
    public init(coefficients: [Float]) {
        require(!coefficients.isEmpty, "GraphFilter: needs at least one coefficient h_0")
        self.coefficients = coefficients
    }

    /// The K-tap filter with every h_k = 0.
    public init(taps: Int) {
        self.init(coefficients: [Float](repeating: 0, count: taps))
    }

    public var taps: Int { coefficients.count }

    /// y^ = sum_k h_k S^k X   (DL Padova "Graph Signal", "Learning graph Filters"), shape [N, M].
    public func apply(_ x: Tensor, shift s: SparseMatrix) -> Tensor {
        combine(diffusionSequence(x, shift: s, count: taps))
    }

    /// sum_k h_k Z_k for a diffusion sequence Z_k = S^k X that was computed once.
    public func combine(_ sequence: [Tensor]) -> Tensor {
        require(sequence.count == taps, "GraphFilter.combine: \(sequence.count) diffused signals for \(taps) coefficients")
        var y = Tensor(shape: sequence[0].shape)
        for (h, z) in zip(coefficients, sequence) { y.add(z, scaledBy: h) }
        return y
    }

    /// The mean squared error J(h) = (1 / (2 N M)) ||y^ - Y||^2 over all nodes and signals, and its
    /// gradient dJ/dh_k = (1 / (N M)) <S^k X, y^ - Y>: y^ is linear in h, so the gradient of each
    /// coefficient is the residual's overlap with the signal diffused k steps.
    /// Precondition: Y has the shape of the diffused signals.
    public func lossAndGradient(sequence: [Tensor], targets y: Tensor) -> (loss: Float, gradient: [Float]) {
        requireShapes(y.shape == sequence[0].shape, "GraphFilter.lossAndGradient (targets against signals)",
                      y.shape, sequence[0].shape)
        let residual = combine(sequence) - y
        let count = Float(max(y.count, 1))
        return (residual.dot(residual) / (2 * count), sequence.map { $0.dot(residual) / count })
    }

    /// Learns h by gradient descent from the current coefficients: h <- h - alpha dJ/dh, `steps` times,
    /// on the signals X (columns) and their targets Y (DL Padova "Graph Signal", "Learning graph Filters":
    /// h* = argmin_h sum L(f_h(x, S), y)).
    /// Returns the loss before each step. Throws `DivergenceError` if the loss stops being finite
    /// (alpha too large for S: with S = D^^-1/2 A^ D^^-1/2 and the mean loss, alpha = 1 is safe).
    @discardableResult
    public mutating func fit(signals x: Tensor, targets y: Tensor, shift s: SparseMatrix, learningRate alpha: Float,
                             steps: Int) throws -> [Float] {
        require(alpha > 0 && alpha.isFinite, "GraphFilter.fit: the learning rate must be positive, got \(alpha)")
        let sequence = diffusionSequence(x, shift: s, count: taps)
        var history: [Float] = []
        for step in stride(from: 1, through: steps, by: 1) {
            let (loss, gradient) = lossAndGradient(sequence: sequence, targets: y)
            try DivergenceError.check(loss, step: step)
            history.append(loss)
            for k in coefficients.indices { coefficients[k] -= alpha * gradient[k] }
        }
        return history
    }

    /// The exact minimiser of J: the normal equations G h = b with G_kl = <S^k X, S^l X> and
    /// b_k = <S^k X, Y>, solved in Double (Core's `solveLinearSystem`). The oracle gradient descent
    /// approaches. Throws `SingularMatrixError` if the diffused signals are linearly dependent.
    public static func leastSquares(signals x: Tensor, targets y: Tensor, shift s: SparseMatrix, taps: Int) throws -> [Double] {
        let sequence = diffusionSequence(x, shift: s, count: taps).map(\.doubles)
        let targets = y.doubles
        func inner(_ a: [Double], _ b: [Double]) -> Double { zip(a, b).reduce(0) { $0 + $1.0 * $1.1 } }
        var gram = [Double](repeating: 0, count: taps * taps)
        for k in 0..<taps { for l in 0..<taps { gram[k * taps + l] = inner(sequence[k], sequence[l]) } }
        return try solveLinearSystem(DoubleMatrix(size: taps, entries: gram), sequence.map { inner($0, targets) })
    }
}
