// Exercise 35: the causal mask of a decoder.
// Practises DL Padova "Masked multi-head attention": MaskedAttention(Q, K, V) = softmax((Q K^T + M) / sqrt(d_k)) V,
// with M made of zeros and -infinity.
// Check:  swift run --package-path Exercises exercises 35     (one hint at a time: exercises --hint 35)
// See it running:  swift run attention
//
// While decoding, position i may only use the positions generated so far, 0...i. The mask M [T, T] has
//     M_ij = 0          for j <= i   (e^0 stays: the connection is kept)
//     M_ij = -infinity  for j > i    (e^-inf = 0: the connection is removed)
// so for T = 3: [[0, -inf, -inf], [0, 0, -inf], [0, 0, 0]]. Added to the scores, it leaves row 0 of the weights
// (1, 0, 0, ...): the first position attends only to itself, and its output is exactly V's first row.
// With Q = K = I_2, V = [[1, 2], [3, 4]]: output [[1, 2], [2.3395, 3.3395]].

import Core

/// M [length, length]: 0 on and below the diagonal, -infinity above it.
public func lookAheadMask(length: Int) -> Tensor {
    // TODO: -infinity where the key comes after the query (j > i).
    return Tensor(shape: [length, length])
}

/// softmax((Q K^T + M) / sqrt(d_k)) V for one sequence: Q, K [T, d_k], V [T, d_v], M [T, T].
public func maskedAttention(queries: Tensor, keys: Tensor, values: Tensor, mask: Tensor) -> Tensor {
    // TODO: the scores plus the mask, scaled, softmax of each row, times V.
    return Tensor(shape: [queries.rows, values.columns])
}
