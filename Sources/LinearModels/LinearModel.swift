// LinearModel.swift: the linear model and its closed-form fit.
// MLiS II Sec. 1.2.1, Eq. (1.2.1), Eq. (1.2.2), Eq. (1.2.5), Eq. (1.2.6); ridge regression, Sec. 1.7.2,
// Eq. (1.7.3).
// Goals, in order: the notes' equations with the bias absorbed into w; an exact solve in Double that
// says clearly when X^T X is singular; speed is not a concern (P is at most a few hundred).

import Core

/// y^ = x~^T w with x~ = (1, x) and w = (b, w_1, ..., w_P): the bias is w_0 (MLiS II Eq. (1.1.4)).
///
/// ```swift
/// let X = Tensor([[1, 0, 0], [1, 0, 1], [1, 1, 0], [1, 1, 1]])   // first column: ones
/// let model = try LinearModel.fit(X, Tensor(column: [0, 0, 0, 1]))
/// print(model.weights.scalars)                                   // [-0.25, 0.5, 0.5]
/// ```
public struct LinearModel: Sendable {
    /// w, shape [P + 1, 1] (a column vector, as in the notes).
    public var weights: Tensor

    public init(weights: Tensor) {
        require(weights.rank == 2 && weights.columns == 1, "LinearModel: weights must be a column vector, got shape \(weights.shape)")
        self.weights = weights
    }

    /// Y^ = X w   Eq. (1.2.2). `X` has shape [N, P + 1] with a first column of ones.
    public func predict(_ X: Tensor) -> Tensor {
        requireShapes(X.rank == 2 && X.columns == weights.rows, "LinearModel.predict (X times w)", X.shape, weights.shape)
        return matmul(X, weights)
    }

    /// J(w) = (Xw - Y)^T (Xw - Y), the sum of squared errors without the 1/N   Eq. (1.2.5)
    public func loss(_ X: Tensor, _ Y: Tensor) -> Float {
        let residual = predict(X) - Y
        return residual.dot(residual)
    }

    /// grad_w J = 2 X^T X w - 2 X^T Y = 2 X^T (Xw - Y)   Eq. (1.2.6)
    public func gradient(_ X: Tensor, _ Y: Tensor) -> Tensor {
        2 * matmul(X, predict(X) - Y, transposeA: true)
    }

    /// The minimiser of J(w) + lambda ||w||^2: w* = (X^T X + lambda I)^{-1} X^T Y.
    ///
    /// lambda = 0 gives the normal equations' solution (Eq. (1.2.6)); lambda > 0 is ridge regression
    /// (Eq. (1.7.3)). As the notes write it, the penalty includes the bias w_0 (E-53): on AND,
    /// lambda = 1 gives (0, 1/4, 1/4). Pass `penalizeBias: false` for the usual practice of leaving
    /// w_0 free. The system is formed and solved in Double.
    /// Throws `SingularMatrixError` when X^T X + lambda I is singular (e.g. duplicated features, lambda = 0).
    public static func fit(_ X: Tensor, _ Y: Tensor, ridge lambda: Double = 0,
                           penalizeBias: Bool = true) throws -> LinearModel {
        requireShapes(X.rank == 2 && Y.rank == 2 && X.rows == Y.rows && Y.columns == 1,
                      "LinearModel.fit (X and Y need the same number of rows, Y one column)", X.shape, Y.shape)
        require(lambda >= 0 && lambda.isFinite, "LinearModel.fit: ridge lambda must be >= 0, got \(lambda)")
        let p = X.columns
        var gram = DoubleMatrix(size: p, entries: [Double](repeating: 0, count: p * p))
        var moment = [Double](repeating: 0, count: p)
        for n in 0..<X.rows {
            let x = X.row(n).map(Double.init)
            let y = Double(Y.scalars[n])
            for i in 0..<p {
                moment[i] += x[i] * y
                for j in 0..<p { gram[i, j] += x[i] * x[j] }
            }
        }
        for i in (penalizeBias ? 0 : 1)..<p { gram[i, i] += lambda }
        let solution = try solveLinearSystem(gram, moment)
        return LinearModel(weights: Tensor(shape: [p, 1], doubles: solution))
    }
}
