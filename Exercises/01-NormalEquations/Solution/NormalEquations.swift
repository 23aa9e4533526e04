// Solution to Exercise 01: the normal equations (MLiS II Sec. 1.2.1, Eq. (1.2.5), Eq. (1.2.6)).
//
// Why Double: X^T X squares the condition number of X, so forming it in Float loses about half
// the digits; in Double the AND example comes out exact.
// Why not invert: solving (X^T X) w = X^T Y by elimination is cheaper and more accurate than
// forming the inverse the formula shows, and it reports a singular X^T X instead of dividing by 0.

import Core

public func normalEquationsWeights(_ X: Tensor, _ Y: Tensor) throws -> [Double] {
    let p = X.columns
    var gram = DoubleMatrix(size: p, entries: [Double](repeating: 0, count: p * p))  // X^T X
    var moment = [Double](repeating: 0, count: p)                                    // X^T Y
    for n in 0..<X.rows {
        for i in 0..<p {
            moment[i] += Double(X[n, i]) * Double(Y[n, 0])
            for j in 0..<p { gram[i, j] += Double(X[n, i]) * Double(X[n, j]) }
        }
    }
    return try solveLinearSystem(gram, moment)
}
