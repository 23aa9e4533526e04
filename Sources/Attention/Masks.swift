// Masks.swift: the additive mask M of DL Padova "Masked multi-head attention", M in {0, -infinity}:
// 0 keeps a connection, -infinity removes it (e^{-inf} = 0 in the softmax). Two kinds: the causal mask
// of a decoder (position i sees positions 0...i only) and the padding mask of sequences shorter than
// the batch (no query looks at a padding key).
// Goals, in order: the notes' M exactly (only 0 and -infinity); every mask checked against the scores it
// is added to, with a message naming both shapes; no row that masks every key (its softmax would be 0/0).

import Core

/// M of shape [T, T] with M_ij = 0 for j <= i and -infinity for j > i: query i attends to keys 0...i,
/// never to a later position (DL Padova "Masked multi-head attention": "consider only the output
/// sentence that has been generated so far").
///
/// ```swift
/// causalMask(length: 3)   // [[0, -inf, -inf], [0, 0, -inf], [0, 0, 0]]
/// ```
public func causalMask(length: Int) -> Tensor {
    require(length >= 1, "causalMask: needs a length of at least 1, got \(length)")
    var mask = Tensor(shape: [length, length])
    for i in 0..<length {
        for j in (i + 1)..<length { mask[i, j] = -.infinity }
    }
    return mask
}

/// M of shape [B, T_q, T_k] with M[b, i, j] = -infinity where key j is padding in sequence b
/// (j >= keyLengths[b]) and 0 elsewhere: every query of sequence b sees its first keyLengths[b] keys.
///
/// Precondition: 1 <= keyLengths[b] <= keys for every b (a sequence of length 0 leaves nothing to attend to).
public func paddingMask(keyLengths: [Int], queries: Int, keys: Int) -> Tensor {
    require(queries >= 1, "paddingMask: needs at least one query, got \(queries)")
    var mask = Tensor(shape: [keyLengths.count, queries, keys])
    for (b, length) in keyLengths.enumerated() {
        require(length >= 1 && length <= keys,
                "paddingMask: sequence \(b) has \(length) keys, outside 1...\(keys) (a query must see at least one key)")
        for i in 0..<queries {
            for j in length..<keys { mask.scalars[(b * queries + i) * keys + j] = -.infinity }
        }
    }
    return mask
}

/// The sum of two masks (a causal mask and a padding mask, say): a connection survives only where
/// both keep it. A [T_q, T_k] mask is repeated over the batch of a [B, T_q, T_k] one.
/// Precondition: the shapes agree in their last two extents.
public func combinedMask(_ first: Tensor, _ second: Tensor) -> Tensor {
    requireShapes(first.rank >= 2 && second.rank >= 2 && first.shape.suffix(2) == second.shape.suffix(2)
                  && first.rank <= 3 && second.rank <= 3,
                  "combinedMask ([T_q, T_k] or [B, T_q, T_k] each)", first.shape, second.shape)
    let (large, small) = first.rank >= second.rank ? (first, second) : (second, first)
    let batch = large.rank == 3 ? large.shape[0] : 1
    let spread = small.rank == 2 && large.rank == 3 ? small.repeated(batch, alongNewAxis: 0) : small
    requireShapes(spread.shape == large.shape, "combinedMask", first.shape, second.shape)
    return large + spread
}

/// Stops unless `mask` fits scores [B, T_q, T_k] (as [T_q, T_k], shared by the batch, or [B, T_q, T_k]),
/// holds only 0 and -infinity, and leaves every query at least one key.
func requireMask(_ mask: Tensor, scores: [Int], _ operation: String) {
    let (queries, keys) = (scores[1], scores[2])
    requireShapes((mask.rank == 2 && mask.shape == [queries, keys]) || (mask.rank == 3 && mask.shape == scores),
                  "\(operation): the mask M must be [T_q, T_k] or [B, T_q, T_k] for scores [B, T_q, T_k]",
                  mask.shape, scores)
    mask.scalars.withUnsafeBufferPointer { m in
        for row in 0..<(mask.count / keys) {
            var kept = false
            for j in 0..<keys {
                let value = m[row * keys + j]
                require(value == 0 || value == -.infinity,
                        "\(operation): the mask holds \(value) at row \(row), key \(j); M takes only 0 and -infinity")
                kept = kept || value == 0
            }
            require(kept, "\(operation): row \(row) of the mask hides every key; each query must see at least one")
        }
    }
}
