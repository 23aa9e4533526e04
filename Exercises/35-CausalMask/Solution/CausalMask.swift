// Solution to Exercise 35: the causal mask (DL Padova "Masked multi-head attention").
//
// The notes add M before dividing by sqrt(d_k); Vaswani et al. add it after. Both give the same
// weights, since -inf / sqrt(d_k) = -inf and 0 / sqrt(d_k) = 0 (erratum E-67). Every row keeps at least
// its diagonal entry, so no row's softmax is 0 / 0.

import Core

public func lookAheadMask(length: Int) -> Tensor {
    var mask = Tensor(shape: [length, length])
    for i in 0..<length {
        for j in (i + 1)..<length { mask[i, j] = -Float.infinity }   // the future is hidden
    }
    return mask
}

public func maskedAttention(queries: Tensor, keys: Tensor, values: Tensor, mask: Tensor) -> Tensor {
    let scores = (1 / Float(queries.columns).squareRoot()) * (matmul(queries, keys, transposeB: true) + mask)
    return matmul(scores.softmaxRows(), values)
}
