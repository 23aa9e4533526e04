// Attention's formula on WORKED-NUMBERS.md's 2 x 2 example (WORKED-NUMBERS.md 15.3), with and without
// the causal mask, both placements of M (E-67), the per-head shapes of multi-head attention, and the
// positional-encoding matrix (Vaswani et al.'s formula: the notes give none, E-67).

import Attention
import Core
import Foundation

struct FormulaResults {
    var weights: Tensor = Tensor(shape: [0])
    var output: Tensor = Tensor(shape: [0])
    var causalOutput: Tensor = Tensor(shape: [0])
    var placementsEqual = false
}

func formulaSection(options: ChapterOptions) throws -> FormulaResults {
    var results = FormulaResults()
    print("1. Scaled dot-product attention (DL Padova \"Self attention\"): Attention(Q, K, V) = softmax(Q K^T / sqrt(d_k)) V,")
    print("   the softmax taken along each row (one row per query). The example of WORKED-NUMBERS.md 15.3: Q = K = I_2,")
    print("   V = [[1, 2], [3, 4]], d_k = 2. Then Q K^T / sqrt(2) = [[0.7071, 0], [0, 0.7071]], and")
    let identity = Tensor([[1, 0], [0, 1]]), values = Tensor([[1, 2], [3, 4]])
    (results.output, results.weights) = scaledDotProductAttention(queries: identity, keys: identity, values: values)
    print(matrixText("weights A = softmax(Q K^T / sqrt(d_k))   (WORKED-NUMBERS.md: 0.6697615493, 0.3302384507)", results.weights))
    print(matrixText("output A V                              (WORKED-NUMBERS.md: 1.6604769013, 2.6604769013 / 2.3395230987, 3.3395230987)",
                     results.output))
    print("   Each query mostly takes its own value row: e^{0.7071} / (e^{0.7071} + 1) = 0.6698.\n")

    print("   Masked attention (DL Padova \"Masked multi-head attention\"): softmax((Q K^T + M) / sqrt(d_k)) V with the causal")
    print("   M = [[0, -inf], [0, 0]]: e^{-inf} = 0, so position 0 attends only to itself.")
    let mask = causalMask(length: 2)
    let masked = scaledDotProductAttention(queries: identity, keys: identity, values: values, mask: mask, placement: .insideScaling)
    results.causalOutput = masked.output
    print(matrixText("weights with M", masked.weights))
    print(matrixText("output with M   (WORKED-NUMBERS.md: [[1, 2], [2.3395230987, 3.3395230987]])", masked.output))
    var generator = Xoshiro256StarStar(seed: options.seed)
    let q = generator.normalTensor(shape: [8, 6, 4], standardDeviation: 3), k = generator.normalTensor(shape: [8, 6, 4], standardDeviation: 3)
    let v = generator.normalTensor(shape: [8, 6, 5])
    let randomMask = combinedMask(causalMask(length: 6), paddingMask(keyLengths: (0..<8).map { 1 + $0 % 6 }, queries: 6, keys: 6))
    let inside = scaledDotProductAttention(queries: q, keys: k, values: v, mask: randomMask, placement: .insideScaling)
    let after = scaledDotProductAttention(queries: q, keys: k, values: v, mask: randomMask, placement: .afterScaling)
    results.placementsEqual = inside.output == after.output && inside.weights == after.weights
    print("   The notes add M inside the scaling; Vaswani et al. after it. Since -inf / sqrt(d_k) = -inf and 0 / sqrt(d_k) = 0,")
    print("   they are the same (E-67): on 8 random sequences of 6 tokens with causal and padding masks, equal bit for bit:"
          + " \(results.placementsEqual).\n")

    print("2. Multi-head attention (DL Padova \"Multi-head attention\"), d_model = 64, h = 4 heads: each head i has its own")
    let attention = MultiHeadAttention(modelWidth: 64, heads: 4, generator: &generator)
    print("   W_i^Q, W_i^K of shape \(attention.queryWeights(head: 0).shape) (d_model x d_k) and W_i^V of shape"
          + " \(attention.valueWeights(head: 0).shape) (d_model x d_v; the notes print d_k: E-67);")
    print("   the heads' outputs side by side, [B, T, h d_v], go through W^O \(attention.outputProjection.value.shape) back to d_model.")
    print("   The library keeps the four W_i^Q side by side as one [64, 64] matrix, so one product computes every head at once.\n")
    try positionalEncodingFigure(options: options)
    return results
}

/// The positional-encoding matrix for 8 positions and d_model = 64, written as a value map.
private func positionalEncodingFigure(options: ChapterOptions) throws {
    print("3. Positional encoding (DL Padova \"Positional Encoding\": small constants added to each embedding; the notes give no")
    print("   formula, E-67, so we take Vaswani et al.'s): PE[pos, 2i] = sin(pos / 10000^(2i/d)), PE[pos, 2i+1] = cos(...).")
    let (length, width) = (32, 64)
    let table = sinusoidalPositionalEncoding(length: length, modelWidth: width)
    print("   PE[1, 0...3] = \(table.row(1)[0..<4].map { formatted($0) }.joined(separator: ", ")) (sin 1, cos 1, sin(10^(-1/8)), cos(10^(-1/8)))")
    let rows = (0..<length).map { table.row($0).map(Double.init) }
    var map = ValueMap(title: "Positional encoding PE[pos, j] (Vaswani et al. 2017)", xLabel: "dimension j", yLabel: "position pos",
                       xRange: 0...Double(width), yRange: 0...Double(length), values: rows, valueRange: -1...1, colourBarLabel: "PE")
    map.width = 720
    let path = try options.figurePath("positional-encoding.svg")
    try map.write(to: path)
    print("   Low dimensions turn fast with the position, high ones slowly: each position gets its own pattern.")
    print("   wrote \(path)\n")
}

/// A small matrix as indented lines under a caption.
func matrixText(_ caption: String, _ matrix: Tensor) -> String {
    let rows = (0..<matrix.rows).map { i in "     [" + matrix.row(i).map { formatted($0) }.joined(separator: ", ") + "]" }
    return "   \(caption):\n" + rows.joined(separator: "\n")
}
