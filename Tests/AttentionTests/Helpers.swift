// Shared pieces of the Attention tests: the gradient tolerance, exit-test output, and forward passes
// in Double written independently of the library (plain loops on flat row-major arrays), the oracles
// of the central-difference checks: attention, multi-head attention, layer normalisation, the
// feed-forward layer, the encoder and decoder blocks.

import Foundation
import Testing
import Core
import NeuralNetworks
import Attention

/// The largest error `GradientCheck.error` may report. The analytic gradients are Float sums of tens of
/// products (about 1e-7 relative each) through softmaxes and normalisations; the references are
/// central differences in Double. A wrong term, sign or factor errs by 1e-2 or more.
let gradientTolerance = 1e-4

/// The standard error of a child process an exit test observed, as text.
func standardError(of result: ExitTest.Result?) -> String {
    String(decoding: result?.standardErrorContent ?? [], as: UTF8.self)
}

/// sum_k c_k y_k in Double: J for a fixed weighting C of the outputs, so that dJ/dy = C.
func weightedSum(_ values: [Double], _ weights: Tensor) -> Double {
    zip(values, weights.scalars).reduce(0.0) { $0 + $1.0 * Double($1.1) }
}

/// Plain Double matrices for the references: row-major, with their sizes.
struct Matrix {
    var rows: Int, columns: Int, values: [Double]

    init(rows: Int, columns: Int, values: [Double]) {
        precondition(values.count == rows * columns, "Matrix: \(values.count) values for \(rows) x \(columns)")
        (self.rows, self.columns, self.values) = (rows, columns, values)
    }

    init(_ tensor: Tensor) {
        self.init(rows: tensor.shape.dropLast().reduce(1, *), columns: tensor.shape.last!, values: tensor.doubles)
    }

    subscript(i: Int, j: Int) -> Double {
        get { values[i * columns + j] }
        set { values[i * columns + j] = newValue }
    }

    static func * (a: Matrix, b: Matrix) -> Matrix {
        precondition(a.columns == b.rows, "Matrix product: \(a.rows) x \(a.columns) times \(b.rows) x \(b.columns)")
        var c = Matrix(rows: a.rows, columns: b.columns, values: [Double](repeating: 0, count: a.rows * b.columns))
        for i in 0..<a.rows {
            for p in 0..<a.columns {
                for j in 0..<b.columns { c[i, j] += a[i, p] * b[p, j] }
            }
        }
        return c
    }

    static func + (a: Matrix, b: Matrix) -> Matrix {
        Matrix(rows: a.rows, columns: a.columns, values: zip(a.values, b.values).map { $0 + $1 })
    }

    var transposed: Matrix {
        var t = Matrix(rows: columns, columns: rows, values: values)
        for i in 0..<rows { for j in 0..<columns { t[j, i] = self[i, j] } }
        return t
    }

    /// Rows first ..< first + count.
    func rows(_ first: Int, _ count: Int) -> Matrix {
        Matrix(rows: count, columns: columns, values: Array(values[(first * columns)..<((first + count) * columns)]))
    }

    /// Columns first ..< first + count.
    func columns(_ first: Int, _ count: Int) -> Matrix {
        Matrix(rows: rows, columns: count, values: (0..<rows).flatMap { i in (first..<(first + count)).map { self[i, $0] } })
    }

    /// The matrices side by side.
    static func sideBySide(_ parts: [Matrix]) -> Matrix {
        Matrix(rows: parts[0].rows, columns: parts.reduce(0) { $0 + $1.columns },
               values: (0..<parts[0].rows).flatMap { i in parts.flatMap { part in (0..<part.columns).map { part[i, $0] } } })
    }

    /// The matrices one above the other.
    static func stacked(_ parts: [Matrix]) -> Matrix {
        Matrix(rows: parts.reduce(0) { $0 + $1.rows }, columns: parts[0].columns, values: parts.flatMap(\.values))
    }
}

/// softmax(Q K^T / sqrt(d_k) + M) V for one sequence, in Double; `mask` [T_q T_k] flat, or nil.
func referenceAttention(_ q: Matrix, _ k: Matrix, _ v: Matrix, mask: [Double]? = nil) -> (output: Matrix, weights: Matrix) {
    var scores = q * k.transposed
    let scaling = 1 / Double(q.columns).squareRoot()
    for index in scores.values.indices { scores.values[index] = scores.values[index] * scaling + (mask?[index] ?? 0) }
    var weights = scores
    for i in 0..<scores.rows {
        let row = (0..<scores.columns).map { scores[i, $0] }
        let top = row.max()!
        let e = row.map { exp($0 - top) }
        let total = e.reduce(0, +)
        for j in 0..<scores.columns { weights[i, j] = e[j] / total }
    }
    return (weights * v, weights)
}

/// MultiHead(X_q, X_kv) in Double for a batch: X_q [B T_q, d], X_kv [B T_k, d]; per-head weights are
/// the column blocks of W^Q, W^K, W^V; `mask` [T_q T_k] flat, shared by the batch, or nil.
func referenceMultiHead(xq: Matrix, xkv: Matrix, batch: Int, wq: Matrix, wk: Matrix, wv: Matrix, wo: Matrix, heads: Int,
                        mask: [Double]? = nil) -> Matrix {
    let (tq, tk) = (xq.rows / batch, xkv.rows / batch)
    let (dk, dv) = (wq.columns / heads, wv.columns / heads)
    var outputs: [Matrix] = []
    for b in 0..<batch {
        let (xqb, xkvb) = (xq.rows(b * tq, tq), xkv.rows(b * tk, tk))
        let headOutputs = (0..<heads).map { i in
            referenceAttention(xqb * wq.columns(i * dk, dk), xkvb * wk.columns(i * dk, dk), xkvb * wv.columns(i * dv, dv), mask: mask).output
        }
        outputs.append(Matrix.sideBySide(headOutputs) * wo)
    }
    return Matrix.stacked(outputs)
}

/// Layer normalisation of every row, epsilon 1e-5 (the library's default).
func referenceLayerNorm(_ x: Matrix, gamma: [Double], beta: [Double]) -> Matrix {
    var y = x
    for i in 0..<x.rows {
        let row = (0..<x.columns).map { x[i, $0] }
        let mean = row.reduce(0, +) / Double(x.columns)
        let variance = row.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(x.columns)
        for j in 0..<x.columns { y[i, j] = gamma[j] * (row[j] - mean) / (variance + 1e-5).squareRoot() + beta[j] }
    }
    return y
}

/// x W + b on every row.
func referenceAffine(_ x: Matrix, _ w: Matrix, _ b: [Double]) -> Matrix {
    var y = x * w
    for i in 0..<y.rows { for j in 0..<y.columns { y[i, j] += b[j] } }
    return y
}

/// The parameters of an encoder or decoder block in Double, in the order of the block's `parameters`.
struct BlockWeights {
    var values: [Matrix]

    init(_ parameters: [Parameter]) { values = parameters.map { Matrix($0.value) } }
    init(values: [Matrix]) { self.values = values }

    /// All the scalars in order (the point of a gradient check), and back.
    var flat: [Double] { values.flatMap(\.values) }
    func replacing(with flat: [Double]) -> BlockWeights {
        var offset = 0
        return BlockWeights(values: values.map { m in
            defer { offset += m.values.count }
            return Matrix(rows: m.rows, columns: m.columns, values: Array(flat[offset..<(offset + m.values.count)]))
        })
    }
}

/// FFN(x) = max(0, x W1 + b1) W2 + b2 from four matrices [W1, b1, W2, b2].
func referenceFeedForward(_ x: Matrix, _ w: ArraySlice<Matrix>) -> Matrix {
    let w = Array(w)
    var hidden = referenceAffine(x, w[0], w[1].values)
    hidden.values = hidden.values.map { max(0, $0) }
    return referenceAffine(hidden, w[2], w[3].values)
}

/// An encoder block in Double: parameters as `EncoderBlock.parameters` orders them: W^Q, W^K, W^V, W^O,
/// gamma1, beta1, W1, b1, W2, b2, gamma2, beta2. X is [B T, d].
func referenceEncoderBlock(_ x: Matrix, batch: Int, heads: Int, _ p: BlockWeights) -> Matrix {
    let w = p.values
    let h = referenceLayerNorm(x + referenceMultiHead(xq: x, xkv: x, batch: batch, wq: w[0], wk: w[1], wv: w[2], wo: w[3], heads: heads),
                               gamma: w[4].values, beta: w[5].values)
    return referenceLayerNorm(h + referenceFeedForward(h, w[6..<10]), gamma: w[10].values, beta: w[11].values)
}

/// A decoder block in Double, parameters as `DecoderBlock.parameters` orders them: self-attention's
/// W^Q, W^K, W^V, W^O, gamma1, beta1, cross-attention's W^Q, W^K, W^V, W^O, gamma2, beta2, W1, b1, W2,
/// b2, gamma3, beta3. X is [B T, d], Z is [B T_z, d].
func referenceDecoderBlock(_ x: Matrix, memory z: Matrix, batch: Int, heads: Int, _ p: BlockWeights) -> Matrix {
    let w = p.values
    let length = x.rows / batch
    let causal = causalMask(length: length).doubles
    let h1 = referenceLayerNorm(x + referenceMultiHead(xq: x, xkv: x, batch: batch, wq: w[0], wk: w[1], wv: w[2], wo: w[3],
                                                       heads: heads, mask: causal), gamma: w[4].values, beta: w[5].values)
    let h2 = referenceLayerNorm(h1 + referenceMultiHead(xq: h1, xkv: z, batch: batch, wq: w[6], wk: w[7], wv: w[8], wo: w[9], heads: heads),
                                gamma: w[10].values, beta: w[11].values)
    return referenceLayerNorm(h2 + referenceFeedForward(h2, w[12..<16]), gamma: w[16].values, beta: w[17].values)
}

/// Parameters with random values (gamma near 1), so that no gradient check runs at a special point.
func randomise(_ parameters: [Parameter], generator: inout Xoshiro256StarStar) {
    for parameter in parameters {
        let isGain = parameter.name == "gamma"
        parameter.value = generator.normalTensor(shape: parameter.value.shape, mean: isGain ? 1 : 0, standardDeviation: isGain ? 0.3 : 0.5)
    }
}

/// The mean cross-entropy of a whole transformer in Double, parameters in the order of
/// `Transformer.parameters` (the two embedding tables, the encoder blocks, the decoder blocks, the
/// output layer's W and b); tokens flat, [B T] each.
func referenceTransformerLoss(_ p: BlockWeights, source: [Int], input: [Int], target: [Int], shape: TransformerShape) -> Double {
    var w = p.values[...]
    let (length, width) = (shape.length, shape.modelWidth)
    let batch = source.count / length
    let pe = sinusoidalPositionalEncoding(length: length, modelWidth: width).doubles
    func embed(_ table: Matrix, _ tokens: [Int]) -> Matrix {
        Matrix(rows: tokens.count, columns: width, values: tokens.enumerated().flatMap { position, token in
            (0..<width).map { table[token, $0] + pe[(position % length) * width + $0] }
        })
    }
    let (sourceTable, targetTable) = (w.removeFirst(), w.removeFirst())
    var z = embed(sourceTable, source)
    for _ in 0..<shape.layers {
        z = referenceEncoderBlock(z, batch: batch, heads: shape.heads, BlockWeights(values: Array(w.prefix(12))))
        w.removeFirst(12)
    }
    var y = embed(targetTable, input)
    for _ in 0..<shape.layers {
        y = referenceDecoderBlock(y, memory: z, batch: batch, heads: shape.heads, BlockWeights(values: Array(w.prefix(18))))
        w.removeFirst(18)
    }
    let logits = referenceAffine(y, w[w.startIndex], w[w.startIndex + 1].values)
    var total = 0.0
    for (row, token) in target.enumerated() {
        let z = (0..<logits.columns).map { logits[row, $0] }
        let top = z.max()!
        total += top + log(z.reduce(0) { $0 + exp($1 - top) }) - z[token]
    }
    return total / Double(target.count)
}
