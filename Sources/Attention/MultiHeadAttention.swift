// MultiHeadAttention.swift: DL Padova "Multi-head attention": h heads, each mapping queries, keys and
// values by its own W_i^Q, W_i^K in R^{d_model x d_k} and W_i^V in R^{d_model x d_v} (the notes print
// d_k for W_i^V: E-67), attending there, and the heads' outputs concatenated and mapped back by W^O
// (Vaswani et al. 2017, Sec. 3.2.2); "Encoder-Decoder Attention" is the same layer with the queries
// from the decoder and the keys and values from the encoder's output.
// Goals, in order: the per-head matrices of the notes, visible (`queryWeights(head:)`); all heads of
// all sequences in one GEMM per projection and one batched product per attention step; a `Layer`
// (self-attention) that nests in a `Network`, and a two-input form for encoder-decoder attention.
//
// Layout: W^Q is [d_model, h d_k] and its columns i d_k ..< (i + 1) d_k are W_i^Q, so X W^Q computes
// every head's X W_i^Q at once; the result [B T, h d_k] is viewed as [B, T, h, d_k] and its axes
// permuted to [B, h, T, d_k], a batch of B h sequences for scaledDotProductAttention.

import Core
import NeuralNetworks

/// MultiHead(X_q, X_kv) = Concat(head_1, ..., head_h) W^O,
/// head_i = Attention(X_q W_i^Q, X_kv W_i^K, X_kv W_i^V), with the mask M (if any) in every head.
///
/// ```swift
/// var generator = Xoshiro256StarStar(seed: 1)
/// let attention = MultiHeadAttention(modelWidth: 64, heads: 4, generator: &generator)   // d_k = d_v = 16
/// attention.mask = causalMask(length: 8)                        // masked self-attention (a decoder)
/// print(attention(Tensor(shape: [32, 8, 64])).shape)            // [32, 8, 64]
/// print(attention.queryWeights(head: 2).shape)                  // [64, 16]: W_3^Q of the notes
/// ```
/// Shapes: inputs [B, T, d_model]; output [B, T_q, d_model]; the attention weights of the last
/// forward pass `lastWeights` [B, h, T_q, T_k].
public final class MultiHeadAttention: Layer {
    public let heads: Int
    public let modelWidth: Int
    /// d_k of each head (queries and keys).
    public let keyWidth: Int
    /// d_v of each head (values), d_k unless given.
    public let valueWidth: Int
    /// [W_1^Q ... W_h^Q] side by side: [d_model, h d_k].
    public let queryProjection: Parameter
    /// [W_1^K ... W_h^K]: [d_model, h d_k].
    public let keyProjection: Parameter
    /// [W_1^V ... W_h^V]: [d_model, h d_v].
    public let valueProjection: Parameter
    /// W^O: [h d_v, d_model].
    public let outputProjection: Parameter
    /// M for self-attention through `forward` ([T, T], e.g. `causalMask(length:)`, or [B, T, T]); nil: none.
    public var mask: Tensor?
    /// Where M goes (the notes' placement and Vaswani's give the same numbers).
    public var maskPlacement: MaskPlacement = .afterScaling

    private var saved: Saved?

    /// What the backward pass needs from the forward pass.
    private struct Saved {
        /// Each input [B T, d_model] with the projections applied to it: (X, [W^Q, W^K, W^V]) in
        /// self-attention, (X_q, [W^Q]) and (X_kv, [W^K, W^V]) in encoder-decoder attention.
        let groups: [(input: Tensor, projections: [Parameter])]
        let queries: Tensor, keys: Tensor, values: Tensor      // per head: [B h, T, d]
        let weights: Tensor                                    // A: [B h, T_q, T_k]
        let concatenated: Tensor                               // Concat(heads): [B T_q, h d_v]
        let batch: Int, queryLength: Int, keyLength: Int
    }

    /// h heads on d_model features, d_k = d_v = d_model / h unless given, the four projections drawn
    /// Xavier-uniform (MLiS II Eq. (1.6.3)) for their [d_model, h d] shapes.
    /// Precondition: without `keyWidth`, h divides d_model (the usual d_k = d_model / h).
    public init(modelWidth: Int, heads: Int, keyWidth: Int? = nil, valueWidth: Int? = nil,
                generator: inout Xoshiro256StarStar) {
        require(modelWidth > 0 && heads > 0, "MultiHeadAttention: needs d_model > 0 and h > 0, got \(modelWidth) and \(heads)")
        require(keyWidth != nil || modelWidth % heads == 0,
                "MultiHeadAttention: d_model = \(modelWidth) is not divisible by the number of heads h = \(heads);"
                + " d_k = d_model / h needs it (or give keyWidth)")
        let dk = keyWidth ?? modelWidth / heads
        let dv = valueWidth ?? dk
        require(dk > 0 && dv > 0, "MultiHeadAttention: needs d_k > 0 and d_v > 0, got \(dk) and \(dv)")
        (self.modelWidth, self.heads, self.keyWidth, self.valueWidth) = (modelWidth, heads, dk, dv)
        func draw(_ name: String, _ rows: Int, _ columns: Int) -> Parameter {
            Parameter(name, value: Initialisation.xavierUniform.tensor(shape: [rows, columns], inputs: rows, outputs: columns,
                                                                       generator: &generator), isPenalised: true)
        }
        queryProjection = draw("W^Q", modelWidth, heads * dk)
        keyProjection = draw("W^K", modelWidth, heads * dk)
        valueProjection = draw("W^V", modelWidth, heads * dv)
        outputProjection = draw("W^O", heads * dv, modelWidth)
    }

    public var parameters: [Parameter] { [queryProjection, keyProjection, valueProjection, outputProjection] }

    /// W_i^Q of the notes (head `head`, counted from 0): [d_model, d_k].
    public func queryWeights(head: Int) -> Tensor { columns(of: queryProjection, head: head, width: keyWidth) }
    /// W_i^K: [d_model, d_k].
    public func keyWeights(head: Int) -> Tensor { columns(of: keyProjection, head: head, width: keyWidth) }
    /// W_i^V: [d_model, d_v].
    public func valueWeights(head: Int) -> Tensor { columns(of: valueProjection, head: head, width: valueWidth) }

    /// The attention weights of the last forward pass, [B, h, T_q, T_k] (for attention maps).
    public var lastWeights: Tensor? {
        saved.map { $0.weights.reshaped([$0.batch, heads, $0.queryLength, $0.keyLength]) }
    }

    /// Self-attention: queries, keys and values all from `input` [B, T, d_model], with `mask`. The three
    /// projections are one product, X [W^Q | W^K | W^V].
    public func forward(_ input: Tensor, training: Bool = false) -> Tensor {
        attend(queries: input, keysAndValues: input, mask: mask, isSelfAttention: true)
    }

    /// MultiHead(X_q, X_kv): X_q [B, T_q, d_model] (e.g. the decoder), X_kv [B, T_k, d_model] (e.g. the
    /// encoder's output); `mask` [T_q, T_k] or [B, T_q, T_k]. Returns [B, T_q, d_model].
    public func attend(queries queryInput: Tensor, keysAndValues keyValueInput: Tensor, mask: Tensor? = nil) -> Tensor {
        attend(queries: queryInput, keysAndValues: keyValueInput, mask: mask, isSelfAttention: false)
    }

    private func attend(queries queryInput: Tensor, keysAndValues keyValueInput: Tensor, mask: Tensor?, isSelfAttention: Bool) -> Tensor {
        requireShapes(queryInput.rank == 3 && keyValueInput.rank == 3 && queryInput.shape[0] == keyValueInput.shape[0]
                      && queryInput.shape[2] == modelWidth && keyValueInput.shape[2] == modelWidth,
                      "MultiHeadAttention (X_q [B, T_q, d_model = \(modelWidth)] vs X_kv [B, T_k, d_model])",
                      queryInput.shape, keyValueInput.shape)
        let (batch, queryLength, keyLength) = (queryInput.shape[0], queryInput.shape[1], keyValueInput.shape[1])
        let xq = queryInput.reshaped([batch * queryLength, modelWidth])
        let groups = isSelfAttention
            ? [(input: xq, projections: [queryProjection, keyProjection, valueProjection])]
            : [(input: xq, projections: [queryProjection]),
               (input: keyValueInput.reshaped([batch * keyLength, modelWidth]), projections: [keyProjection, valueProjection])]
        let projected = groups.flatMap { projectIntoHeads($0.input, $0.projections, batch: batch) }             // X W_i^Q, ... all i
        let (q, k, v) = (projected[0], projected[1], projected[2])
        let (heads, weights) = scaledDotProductAttention(queries: q, keys: k, values: v,
                                                         mask: mask.map { perHead($0, scores: [batch, queryLength, keyLength]) },
                                                         placement: maskPlacement)
        let concatenated = mergeHeads(heads, batch: batch, length: queryLength)                          // Concat(head_i)
        saved = Saved(groups: groups, queries: q, keys: k, values: v, weights: weights, concatenated: concatenated,
                      batch: batch, queryLength: queryLength, keyLength: keyLength)
        return matmul(concatenated, outputProjection.value).reshaped([batch, queryLength, modelWidth])  // ... W^O
    }

    /// dJ/dX: after `forward` (self-attention), through all three projections at once; after `attend`,
    /// the gradients through the queries and through the keys and values added (X_q and X_kv alike).
    public func backward(_ outputGradient: Tensor) -> Tensor {
        let gradients = inputGradients(outputGradient)
        guard gradients.count == 2 else { return gradients[0] }
        requireShapes(gradients[0].shape == gradients[1].shape,
                      "MultiHeadAttention.backward: X_q and X_kv differ (use backwardBothInputs after attend)",
                      gradients[0].shape, gradients[1].shape)
        return gradients[0] + gradients[1]
    }

    /// After `attend`, from G = dJ/d(output) [B, T_q, d_model]: sets the four projections' gradients and
    /// returns dJ/dX_q [B, T_q, d_model] and dJ/dX_kv [B, T_k, d_model].
    /// Precondition: the last forward pass was `attend` (after `forward` the two are one input: use `backward`).
    public func backwardBothInputs(_ outputGradient: Tensor) -> (queries: Tensor, keysAndValues: Tensor) {
        let gradients = inputGradients(outputGradient)
        require(gradients.count == 2, "MultiHeadAttention.backwardBothInputs: the last forward pass was self-attention; use backward")
        return (gradients[0], gradients[1])
    }

    /// Sets the four projections' gradients and returns dJ/d(input) of each input group. Every product's
    /// rule is that of a dense layer (MLiS II Eq. (1.3.6), Eq. (1.3.7)): dJ/dW = X^T dJ/d(XW), dJ/dX = dJ/d(XW) W^T.
    private func inputGradients(_ outputGradient: Tensor) -> [Tensor] {
        guard let saved else { requirementFailed("MultiHeadAttention.backward: called before forward; run a forward pass first") }
        let (batch, tq) = (saved.batch, saved.queryLength)
        requireShapes(outputGradient.shape == [batch, tq, modelWidth], "MultiHeadAttention.backward (dJ/d(output) vs [B, T_q, d_model])",
                      outputGradient.shape, [batch, tq, modelWidth])
        let g = outputGradient.reshaped([batch * tq, modelWidth])
        outputProjection.gradient = matmul(saved.concatenated, g, transposeA: true)                     // Concat^T G
        let headGradient = splitHeads(matmul(g, outputProjection.value, transposeB: true), batch: batch, length: tq)
        let (dq, dk, dv) = scaledDotProductAttentionBackward(headGradient, queries: saved.queries, keys: saved.keys,
                                                             values: saved.values, weights: saved.weights)
        var perHead = [dq, dk, dv][...]
        return saved.groups.map { group in
            let gradients = Array(perHead.prefix(group.projections.count))
            perHead = perHead.dropFirst(group.projections.count)
            return projectionBackward(group.input, group.projections, headGradients: gradients, batch: batch)
                .reshaped([batch, group.input.rows / batch, modelWidth])
        }
    }

    /// X [B T, d_model] times [W_1 | ... | W_n] in one product, each block split into heads [B h, T, w].
    private func projectIntoHeads(_ x: Tensor, _ projections: [Parameter], batch: Int) -> [Tensor] {
        let product = matmul(x, sideBySide(projections))
        let widths = projections.map { $0.value.columns / heads }
        guard Set(widths).count == 1 else {
            return product.split(alongAxis: 1, sizes: widths.map { $0 * heads }).map { splitHeads($0, batch: batch, length: x.rows / batch) }
        }
        let (n, w, length) = (projections.count, widths[0], x.rows / batch)
        let all = product.reshaped([batch, length, n, heads, w]).permuted([2, 0, 3, 1, 4])              // [n, B, h, T, w]
        return (0..<n).map { all.sliced($0..<($0 + 1)).reshaped([batch * heads, length, w]) }
    }

    /// The backward pass of `projectIntoHeads`: the heads' gradients back into one [B T, sum h w]
    /// matrix D, then dJ/dW_i = the blocks of X^T D and dJ/dX = D [W_1 | ... | W_n]^T.
    private func projectionBackward(_ x: Tensor, _ projections: [Parameter], headGradients: [Tensor], batch: Int) -> Tensor {
        let length = x.rows / batch
        let widths = projections.map { $0.value.columns / heads }
        let rows: Tensor
        if Set(widths).count == 1 {
            let stacked = Tensor(concatenating: headGradients.map { $0.reshaped([1] + $0.shape) }, alongAxis: 0)
            rows = stacked.reshaped([projections.count, batch, heads, length, widths[0]]).permuted([1, 3, 0, 2, 4])
                .reshaped([batch * length, projections.count * heads * widths[0]])
        } else {
            rows = Tensor(concatenating: headGradients.map { mergeHeads($0, batch: batch, length: length) }, alongAxis: 1)
        }
        let weightGradients = matmul(x, rows, transposeA: true).split(alongAxis: 1, sizes: widths.map { $0 * heads })
        for (projection, gradient) in zip(projections, weightGradients) { projection.gradient = gradient }
        return matmul(rows, sideBySide(projections), transposeB: true)
    }

    /// [W_1 | ... | W_n]: the projections' matrices side by side (one product for all of them).
    private func sideBySide(_ projections: [Parameter]) -> Tensor {
        projections.count == 1 ? projections[0].value : Tensor(concatenating: projections.map(\.value), alongAxis: 1)
    }

    /// [B T, h d] (head i in columns i d ..< (i + 1) d) to [B h, T, d]: one sequence per (example, head).
    private func splitHeads(_ x: Tensor, batch: Int, length: Int) -> Tensor {
        let width = x.columns / heads
        return x.reshaped([batch, length, heads, width]).permuted([0, 2, 1, 3]).reshaped([batch * heads, length, width])
    }

    /// The inverse of `splitHeads`: [B h, T, d] to [B T, h d], the heads' outputs side by side.
    private func mergeHeads(_ x: Tensor, batch: Int, length: Int) -> Tensor {
        let width = x.shape[2]
        return x.reshaped([batch, heads, length, width]).permuted([0, 2, 1, 3]).reshaped([batch * length, heads * width])
    }

    /// A mask for the B h sequences of the heads: [T_q, T_k] is shared as it is; [B, T_q, T_k] is
    /// repeated for each head of its example.
    private func perHead(_ mask: Tensor, scores: [Int]) -> Tensor {
        requireMask(mask, scores: scores, "MultiHeadAttention")
        guard mask.rank == 3 else { return mask }
        return mask.repeated(heads, alongNewAxis: 1).reshaped([scores[0] * heads, scores[1], scores[2]])
    }

    private func columns(of projection: Parameter, head: Int, width: Int) -> Tensor {
        require(head >= 0 && head < heads, "MultiHeadAttention: head \(head) is outside 0..<\(heads)")
        return projection.value.sliced((head * width)..<((head + 1) * width), alongAxis: 1)
    }
}
