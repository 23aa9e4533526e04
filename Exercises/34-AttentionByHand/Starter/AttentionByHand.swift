// Exercise 34: scaled dot-product attention on the 2 x 2 example by hand.
// Practises DL Padova "Key-Value-Query concept" and "Self attention": Attention(Q, K, V) = softmax(Q K^T / sqrt(d_k)) V.
// Check:  swift run --package-path Exercises exercises 34     (one hint at a time: exercises --hint 34)
// See it running:  swift run attention
//
// One sequence, one token per row: queries Q [T_q, d_k], keys K [T_k, d_k], values V [T_k, d_v].
//     scores  S = Q K^T / sqrt(d_k)          [T_q, T_k]: how well query i matches key j (an inner product)
//     weights A = softmax of each row of S    every row is non-negative and sums to 1
//     output    A V                           [T_q, d_v]: row i is the weighted average of the value rows
// With Q = K = I_2 and V = [[1, 2], [3, 4]] (d_k = 2): S = [[0.7071, 0], [0, 0.7071]], the first row of A is
// (e^0.7071, e^0) / (e^0.7071 + 1) = (0.6698, 0.3302), and the first output row is 0.6698 (1, 2) + 0.3302 (3, 4).

import Core

/// A = softmax(Q K^T / sqrt(d_k)), one row per query.
/// - Parameters:
///   - queries: Q, shape [T_q, d_k].
///   - keys: K, shape [T_k, d_k].
/// - Returns: A, shape [T_q, T_k].
public func attentionWeights(queries: Tensor, keys: Tensor) -> Tensor {
    // TODO: the scores Q K^T, divided by sqrt(d_k) (d_k = queries.columns), then the softmax of each row.
    return Tensor(shape: [queries.rows, keys.rows])
}

/// Attention(Q, K, V) = A V with A = attentionWeights(queries:keys:).
/// - Parameter values: V, shape [T_k, d_v].
/// - Returns: shape [T_q, d_v].
public func attention(queries: Tensor, keys: Tensor, values: Tensor) -> Tensor {
    // TODO: weight the rows of V by A.
    return Tensor(shape: [queries.rows, values.columns])
}
