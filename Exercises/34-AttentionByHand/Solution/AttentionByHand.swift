// Solution to Exercise 34: scaled dot-product attention (DL Padova "Self attention").
//
// Dividing by sqrt(d_k) keeps the scores' spread independent of the width: with random unit-variance
// entries, a dot product of d_k terms has variance d_k, and without the scaling a wide head's softmax
// would be nearly one-hot, with almost no gradient. `softmaxRows` subtracts each row's maximum before
// exponentiating, so scores of +-1000 stay finite.

import Core

public func attentionWeights(queries: Tensor, keys: Tensor) -> Tensor {
    let scores = (1 / Float(queries.columns).squareRoot()) * matmul(queries, keys, transposeB: true)   // Q K^T / sqrt(d_k)
    return scores.softmaxRows()
}

public func attention(queries: Tensor, keys: Tensor, values: Tensor) -> Tensor {
    matmul(attentionWeights(queries: queries, keys: keys), values)   // A V
}
