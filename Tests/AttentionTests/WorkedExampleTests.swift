// WORKED-NUMBERS.md's derived values for attention (WORKED-NUMBERS.md 15.3: the notes have no numeric
// example), erratum E-67 (the two placements of M, d_v, the positional encoding taken from Vaswani et
// al.), and the properties of the issue: weight rows sum to 1; without positional encoding,
// self-attention commutes with permutations of the tokens.

import Foundation
import Testing
import Core
import NeuralNetworks
import Attention

@Suite("Attention: the numbers of WORKED-NUMBERS.md 15.3 and the properties of the formula")
struct WorkedExampleTests {
    let identity = Tensor([[1, 0], [0, 1]])
    let values = Tensor([[1, 2], [3, 4]])

    @Test("Sec. 15.3: Q = K = I_2, V = [[1, 2], [3, 4]], d_k = 2: weights [[0.6697615493, 0.3302384507], ...], output [[1.6604769013, 2.6604769013], [2.3395230987, 3.3395230987]]")
    func identityExample() {
        let (output, weights) = scaledDotProductAttention(queries: identity, keys: identity, values: values)
        // Float carries about 7 significant digits: the library agrees to 1e-6; the Double reference of
        // the same formula reproduces all ten digits of WORKED-NUMBERS.md.
        #expect(isApproximatelyEqual(weights.scalars, [0.6697615493, 0.3302384507, 0.3302384507, 0.6697615493], absoluteTolerance: 1e-6),
                "weights \(weights)")
        #expect(isApproximatelyEqual(output.scalars, [1.6604769013, 2.6604769013, 2.3395230987, 3.3395230987], absoluteTolerance: 1e-6),
                "output \(output)")
        let reference = referenceAttention(Matrix(identity), Matrix(identity), Matrix(values))
        #expect(isApproximatelyEqual(reference.weights.values, [0.6697615493, 0.3302384507, 0.3302384507, 0.6697615493], absoluteTolerance: 1e-10))
        #expect(isApproximatelyEqual(reference.output.values, [1.6604769013, 2.6604769013, 2.3395230987, 3.3395230987], absoluteTolerance: 1e-10))
        #expect(weights.shape == [2, 2] && output.shape == [2, 2], "one sequence [T, d] in, one out")
    }

    @Test("Sec. 15.3: with the causal mask M = [[0, -inf], [0, 0]], row 1 attends only to itself: output [[1, 2], [2.3395230987, 3.3395230987]]")
    func causalExample() {
        let mask = causalMask(length: 2)
        #expect(mask.scalars == [0, -.infinity, 0, 0])
        let (output, weights) = scaledDotProductAttention(queries: identity, keys: identity, values: values, mask: mask)
        #expect(weights.scalars[0] == 1 && weights.scalars[1] == 0, "the first position sees only itself: \(weights)")
        #expect(isApproximatelyEqual(output.scalars, [1, 2, 2.3395230987, 3.3395230987], absoluteTolerance: 1e-6), "output \(output)")
    }

    @Test("E-67: M inside the scaling, softmax((Q K^T + M)/sqrt(d_k)), equals M after it, bit for bit, for causal and padding masks (seed 1601)")
    func maskPlacements() {
        var generator = Xoshiro256StarStar(seed: 1601)
        let q = generator.normalTensor(shape: [3, 5, 4], standardDeviation: 3), k = generator.normalTensor(shape: [3, 6, 4], standardDeviation: 3)
        let v = generator.normalTensor(shape: [3, 6, 2])
        let masks = [combinedMask(causalMask(length: 6).sliced(0..<5), paddingMask(keyLengths: [6, 3, 1], queries: 5, keys: 6)),
                     paddingMask(keyLengths: [2, 6, 4], queries: 5, keys: 6)]
        for mask in masks {
            let inside = scaledDotProductAttention(queries: q, keys: k, values: v, mask: mask, placement: .insideScaling)
            let after = scaledDotProductAttention(queries: q, keys: k, values: v, mask: mask, placement: .afterScaling)
            #expect(inside.weights == after.weights && inside.output == after.output)
            #expect(attentionScores(queries: q, keys: k, mask: mask, placement: .insideScaling)
                    == attentionScores(queries: q, keys: k, mask: mask, placement: .afterScaling))
        }
    }

    @Test("Every row of the weights sums to 1 and masked keys get exactly 0, with and without masks (seed 1602)")
    func rowsSumToOne() {
        var generator = Xoshiro256StarStar(seed: 1602)
        let q = generator.normalTensor(shape: [4, 7, 3], standardDeviation: 4), k = generator.normalTensor(shape: [4, 7, 3], standardDeviation: 4)
        let v = generator.normalTensor(shape: [4, 7, 5])
        let padding = paddingMask(keyLengths: [7, 5, 2, 1], queries: 7, keys: 7)
        for mask in [nil, causalMask(length: 7), padding] {
            let weights = scaledDotProductAttention(queries: q, keys: k, values: v, mask: mask).weights
            let sums = weights.sum(alongAxis: 2)
            #expect(sums.scalars.allSatisfy { abs($0 - 1) < 1e-5 }, "row sums \(sums.scalars)")
            if let mask {
                let full = mask.rank == 3 ? mask : mask.repeated(4, alongNewAxis: 0)
                #expect(zip(weights.scalars, full.scalars).allSatisfy { $1 == -.infinity ? $0 == 0 : $0 >= 0 })
            }
        }
    }

    @Test("Without positional encoding, permuting the input rows permutes the output rows of multi-head self-attention (seed 1603)")
    func permutationEquivariance() {
        var generator = Xoshiro256StarStar(seed: 1603)
        let attention = MultiHeadAttention(modelWidth: 8, heads: 2, generator: &generator)
        let x = generator.normalTensor(shape: [1, 5, 8])
        let order = [3, 0, 4, 1, 2]
        let permutedOutput = attention(x.gathering(order, alongAxis: 1))
        let outputPermuted = attention(x).gathering(order, alongAxis: 1)
        #expect(isApproximatelyEqual(permutedOutput.scalars, outputPermuted.scalars, absoluteTolerance: 1e-5))
        let encoding = PositionalEncoding(modelWidth: 8, maximumLength: 5)
        let withPositions = attention(encoding(x.gathering(order, alongAxis: 1)))
        let positionsThenPermuted = attention(encoding(x)).gathering(order, alongAxis: 1)
        #expect(!isApproximatelyEqual(withPositions.scalars, positionsThenPermuted.scalars, absoluteTolerance: 1e-3),
                "with the positional encoding added, the order of the tokens matters")
    }

    @Test("E-67: each head has its own W_i^Q, W_i^K [d_model, d_k] and W_i^V [d_model, d_v]; concatenating the heads and applying W^O is the layer (seed 1604)")
    func perHeadWeights() {
        var generator = Xoshiro256StarStar(seed: 1604)
        let attention = MultiHeadAttention(modelWidth: 6, heads: 3, keyWidth: 4, valueWidth: 5, generator: &generator)
        #expect(attention.queryWeights(head: 1).shape == [6, 4] && attention.valueWeights(head: 2).shape == [6, 5])
        #expect(attention.outputProjection.value.shape == [15, 6], "W^O is [h d_v, d_model]")
        let x = generator.normalTensor(shape: [1, 4, 6])
        let rows = x.reshaped([4, 6])
        let heads = (0..<3).map { i in
            scaledDotProductAttention(queries: matmul(rows, attention.queryWeights(head: i)), keys: matmul(rows, attention.keyWeights(head: i)),
                                      values: matmul(rows, attention.valueWeights(head: i))).output
        }
        let expected = matmul(Tensor(concatenating: heads, alongAxis: 1), attention.outputProjection.value)
        #expect(isApproximatelyEqual(attention(x).scalars, expected.scalars, absoluteTolerance: 1e-5))
        let defaults = MultiHeadAttention(modelWidth: 64, heads: 4, generator: &generator)
        #expect(defaults.keyWidth == 16 && defaults.valueWidth == 16, "d_k = d_v = d_model / h by default")
    }

    @Test("E-67: the positional encoding is Vaswani et al.'s: PE[1] = (sin 1, cos 1, sin 0.01, cos 0.01), and PE[pos + k] is a rotation of PE[pos]")
    func positionalEncoding() {
        let pe = sinusoidalPositionalEncoding(length: 2, modelWidth: 4)
        #expect(pe.row(0) == [0, 1, 0, 1])
        #expect(isApproximatelyEqual(pe.row(1), [0.8414709848, 0.5403023059, 0.0099998333, 0.9999500004], absoluteTolerance: 1e-7))
        let table = sinusoidalPositionalEncoding(length: 20, modelWidth: 8)
        for pair in 0..<4 {
            let frequency = 1 / pow(10000, Double(2 * pair) / 8)
            let (c, s) = (cos(3 * frequency), sin(3 * frequency))   // a shift by k = 3 positions
            for position in 0..<17 {
                let (x, y) = (Double(table[position, 2 * pair]), Double(table[position, 2 * pair + 1]))
                let rotated = (x * c + y * s, y * c - x * s)
                #expect(abs(rotated.0 - Double(table[position + 3, 2 * pair])) < 1e-5
                        && abs(rotated.1 - Double(table[position + 3, 2 * pair + 1])) < 1e-5, "pair \(pair), position \(position)")
            }
        }
    }
}
