// Solution to Exercise 22: the squash and its length (DL Padova "Dynamic routing"; Sabour et al. Eq. (1)).
//
// n^2 is computed once as s . s; the factor n^2 / (1 + n^2) / n = n / (1 + n^2) scales s. At s = 0 the
// vector is returned as zeros before any division, so there is no 0/0 (NaN). The length is the same
// factor times n: n^2 / (1 + n^2), always below 1, about n^2 for short vectors and 1 - 1/n^2 for long ones.

import Core

public func squashVector(_ s: [Double]) -> [Double] {
    let squaredLength = s.reduce(0) { $0 + $1 * $1 }
    guard squaredLength > 0 else { return s.map { _ in 0 } }
    let scale = squaredLength.squareRoot() / (1 + squaredLength)      // (n^2 / (1 + n^2)) / n
    return s.map { scale * $0 }
}

public func lengthAfterSquash(_ n: Double) -> Double {
    n * n / (1 + n * n)
}
