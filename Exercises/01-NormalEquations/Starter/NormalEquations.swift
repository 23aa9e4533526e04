// Exercise 01: the normal equations.   Practises MLiS II Sec. 1.2.1, Eq. (1.2.5), Eq. (1.2.6).
// Check:  swift run --package-path Exercises exercises 01     (one hint at a time: exercises --hint 01)
// See it running:  swift run linear-models
//
// The linear model y^ = x~^T w minimises J(w) = (Xw - Y)^T (Xw - Y) where the gradient vanishes:
//     grad J = 2 X^T X w - 2 X^T Y = 0    so    (X^T X) w* = X^T Y.
// Form the P x P matrix X^T X and the vector X^T Y in Double, then solve the system.

import Core

/// The weights w* = (X^T X)^{-1} X^T Y of the linear model.
/// - Parameters:
///   - X: the design matrix, shape [N, P], one example per row (first column ones for the bias).
///   - Y: the targets, shape [N, 1].
/// - Returns: w*, P numbers.
public func normalEquationsWeights(_ X: Tensor, _ Y: Tensor) throws -> [Double] {
    let p = X.columns
    // TODO: form X^T X (p x p) and X^T Y (p values) and solve (X^T X) w = X^T Y.
    return [Double](repeating: 0, count: p)
}
