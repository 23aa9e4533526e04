// ScaledDotProductAttention.swift: DL Padova "Key-Value-Query concept" (similarity as an inner
// product), "Self attention" (Attention(Q, K, V) = softmax(Q K^T / sqrt(d_k)) V, the softmax row by
// row) and "Masked multi-head attention" (softmax((Q K^T + M) / sqrt(d_k)) V, M in {0, -infinity}),
// forward and backward.
// Goals, in order: the notes' formulas, with both placements of M (they are equal: E-67); a stable
// softmax (Core's, along the keys); whole batches through Core's batchedMatmul; the backward pass as
// four short lines beside the forward.
//
// Shapes: one sequence is [T, d]; a batch is [B, T, d] (B may count sequences times heads). Queries
// Q [B, T_q, d_k], keys K [B, T_k, d_k], values V [B, T_k, d_v]; scores and weights [B, T_q, T_k];
// output [B, T_q, d_v]. Row i of the output is the average of the value rows weighted by row i of A.

import Core
import Foundation

/// Where the mask M is added: the notes write softmax((Q K^T + M) / sqrt(d_k)) (DL Padova "Masked
/// multi-head attention"), Vaswani et al. add it after the scaling. Since -inf / sqrt(d_k) = -inf and
/// 0 / sqrt(d_k) = 0, both give the same scores, bit for bit (E-67).
public enum MaskPlacement: Sendable, CaseIterable {
    /// softmax((Q K^T + M) / sqrt(d_k)), as the notes print it.
    case insideScaling
    /// softmax(Q K^T / sqrt(d_k) + M), as Vaswani et al. (2017) and the frameworks do.
    case afterScaling
}

/// The scores S = Q K^T / sqrt(d_k) (+ M), shape [B, T_q, T_k]   (DL Padova "Self attention")
///
/// Q [B, T_q, d_k] (or one sequence [T_q, d_k]) and K [B, T_k, d_k]; `mask` is [T_q, T_k] (shared
/// by the batch) or [B, T_q, T_k], with entries 0 and -infinity, added where `placement` says.
/// Preconditions: Q and K have the same batch and the same d_k; the mask fits (see `requireMask`).
public func attentionScores(queries: Tensor, keys: Tensor, mask: Tensor? = nil,
                            placement: MaskPlacement = .afterScaling) -> Tensor {
    let (q, k) = (asBatch(queries, "attentionScores (Q)"), asBatch(keys, "attentionScores (K)"))
    requireShapes(q.shape[0] == k.shape[0] && q.shape[2] == k.shape[2],
                  "attentionScores (Q [B, T_q, d_k] vs K [B, T_k, d_k]: the same B and d_k)", queries.shape, keys.shape)
    var scores = batchedMatmul(q, k, transposeB: true)                 // Q K^T: the inner products
    let scaling = 1 / Float(q.shape[2]).squareRoot()
    if let mask {
        requireMask(mask, scores: scores.shape, "attentionScores")
        if placement == .insideScaling { scores = addingMask(mask, to: scores) }
        scores.scale(by: scaling)
        if placement == .afterScaling { scores = addingMask(mask, to: scores) }
    } else {
        scores.scale(by: scaling)
    }
    return queries.rank == 2 ? scores.reshaped(Array(scores.shape.dropFirst())) : scores
}

/// Attention(Q, K, V) = softmax(Q K^T / sqrt(d_k) (+ M)) V and its weights A = softmax(...)
/// (DL Padova "Self attention", "Masked multi-head attention").
///
/// ```swift
/// let identity = Tensor([[1, 0], [0, 1]])
/// let (output, weights) = scaledDotProductAttention(queries: identity, keys: identity, values: Tensor([[1, 2], [3, 4]]))
/// // weights [[0.6698, 0.3302], [0.3302, 0.6698]], output [[1.6605, 2.6605], [2.3395, 3.3395]]
/// ```
/// Shapes: Q [B, T_q, d_k], K [B, T_k, d_k], V [B, T_k, d_v] (or the same without B) give the output
/// [B, T_q, d_v] and the weights [B, T_q, T_k]; each row of the weights sums to 1.
/// Preconditions: Q and K share B and d_k, K and V share B and T_k, the mask fits; otherwise it stops
/// naming the shapes.
public func scaledDotProductAttention(queries: Tensor, keys: Tensor, values: Tensor, mask: Tensor? = nil,
                                      placement: MaskPlacement = .afterScaling) -> (output: Tensor, weights: Tensor) {
    let v = asBatch(values, "scaledDotProductAttention (V)")
    requireShapes(keys.rank == values.rank && Array(keys.shape.dropLast()) == Array(values.shape.dropLast()),
                  "scaledDotProductAttention (K [B, T_k, d_k] vs V [B, T_k, d_v]: the same B and T_k)", keys.shape, values.shape)
    var weights = asBatch(attentionScores(queries: queries, keys: keys, mask: mask, placement: placement), "scaledDotProductAttention")
    weights.formSoftmaxAlong(axis: 2)                                                 // row by row over the keys
    let output = batchedMatmul(weights, v)                                            // A V
    return queries.rank == 2
        ? (output.reshaped(Array(output.shape.dropFirst())), weights.reshaped(Array(weights.shape.dropFirst())))
        : (output, weights)
}

/// The backward pass of `scaledDotProductAttention`, from G = dJ/d(output) and the saved A:
///
///     dJ/dV = A^T G
///     dJ/dA = G V^T
///     dJ/dS = A ⊙ (dJ/dA - rowsum(dJ/dA ⊙ A))          (the softmax's Jacobian, MLiS II Eq. (2.2.10))
///     dJ/dQ = dJ/dS K / sqrt(d_k),   dJ/dK = dJ/dS^T Q / sqrt(d_k)
///
/// The mask is a constant: masked entries have A = 0, so they pass no gradient on.
/// Shapes as the forward pass, all rank 3 (or all rank 2 for one sequence).
public func scaledDotProductAttentionBackward(_ outputGradient: Tensor, queries: Tensor, keys: Tensor, values: Tensor,
                                              weights: Tensor) -> (queries: Tensor, keys: Tensor, values: Tensor) {
    let (g, q, k, v, a) = (asBatch(outputGradient, "attention backward (dJ/d(output))"), asBatch(queries, "attention backward (Q)"),
                           asBatch(keys, "attention backward (K)"), asBatch(values, "attention backward (V)"),
                           asBatch(weights, "attention backward (A)"))
    requireShapes(a.shape == [q.shape[0], q.shape[1], k.shape[1]], "scaledDotProductAttentionBackward (A vs Q, K)", a.shape,
                  [q.shape[0], q.shape[1], k.shape[1]])
    requireShapes(g.shape == [q.shape[0], q.shape[1], v.shape[2]], "scaledDotProductAttentionBackward (dJ/d(output) vs [B, T_q, d_v])",
                  g.shape, [q.shape[0], q.shape[1], v.shape[2]])
    let valueGradient = batchedMatmul(a, g, transposeA: true)                          // A^T G
    var scoreGradient = batchedMatmul(g, v, transposeB: true)                          // dJ/dA = G V^T
    softmaxBackward(inPlace: &scoreGradient, output: a, alongAxis: 2)                  // dJ/dS, through the softmax
    scoreGradient.scale(by: 1 / Float(q.shape[2]).squareRoot())
    let queryGradient = batchedMatmul(scoreGradient, k)                                // dS K / sqrt(d_k)
    let keyGradient = batchedMatmul(scoreGradient, q, transposeA: true)                // dS^T Q / sqrt(d_k)
    guard queries.rank == 2 else { return (queryGradient, keyGradient, valueGradient) }
    return (queryGradient.reshaped(queries.shape), keyGradient.reshaped(keys.shape), valueGradient.reshaped(values.shape))
}

/// A sequence [T, d] as a batch of one [1, T, d]; a batch [B, T, d] as it is; anything else stops.
func asBatch(_ x: Tensor, _ operation: String) -> Tensor {
    require(x.rank == 2 || x.rank == 3, "\(operation): needs one sequence [T, d] or a batch [B, T, d], got shape \(x.shape)")
    return x.rank == 2 ? x.reshaped([1] + x.shape) : x
}

/// scores + M, with a [T_q, T_k] mask added to every entry of the batch.
func addingMask(_ mask: Tensor, to scores: Tensor) -> Tensor {
    if mask.rank == 3 { return scores + mask }
    var result = scores
    let block = mask.count
    mask.scalars.withUnsafeBufferPointer { m in
        result.scalars.withUnsafeMutableBufferPointer { s in
            for entry in 0..<scores.shape[0] {
                Kernels.axpy(1, m, UnsafeMutableBufferPointer(rebasing: s[(entry * block)..<((entry + 1) * block)]))
            }
        }
    }
    return result
}
