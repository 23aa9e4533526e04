// Every backward pass of the module against central differences in Double (GradientCheck), with the
// forward passes of Helpers.swift as the oracles: scaled dot-product attention (masked and not),
// multi-head self- and encoder-decoder attention, the positional encoding and the embedding, the
// encoder and decoder blocks, and the whole transformer's loss. J = sum C ⊙ output for a fixed random C.

import Foundation
import Testing
import Core
import NeuralNetworks
import Attention

@Suite("Attention: backward passes against central differences in Double")
struct GradientTests {
    @Test("Scaled dot-product attention: dJ/dQ, dJ/dK, dJ/dV, without a mask, causal, and padded (seed 1611)", arguments: [0, 1, 2])
    func scaledDotProduct(maskKind: Int) {
        var generator = Xoshiro256StarStar(seed: 1611)
        let (batch, tq, tk, dk, dv) = (2, 4, 4, 3, 5)
        let q = generator.normalTensor(shape: [batch, tq, dk]), k = generator.normalTensor(shape: [batch, tk, dk])
        let v = generator.normalTensor(shape: [batch, tk, dv]), c = generator.normalTensor(shape: [batch, tq, dv])
        let mask: Tensor? = [nil, causalMask(length: 4), paddingMask(keyLengths: [4, 2], queries: tq, keys: tk)][maskKind]
        let (_, weights) = scaledDotProductAttention(queries: q, keys: k, values: v, mask: mask)
        let (dq, dk_, dv_) = scaledDotProductAttentionBackward(c, queries: q, keys: k, values: v, weights: weights)
        func loss(_ q: [Double], _ k: [Double], _ v: [Double]) -> Double {
            (0..<batch).reduce(0.0) { total, b in
                let maskEntry = mask.map { $0.rank == 3 ? Array($0.doubles[(b * tq * tk)..<((b + 1) * tq * tk)]) : $0.doubles }
                let output = referenceAttention(Matrix(rows: tq, columns: dk, values: Array(q[(b * tq * dk)..<((b + 1) * tq * dk)])),
                                                Matrix(rows: tk, columns: dk, values: Array(k[(b * tk * dk)..<((b + 1) * tk * dk)])),
                                                Matrix(rows: tk, columns: dv, values: Array(v[(b * tk * dv)..<((b + 1) * tk * dv)])),
                                                mask: maskEntry).output
                return total + zip(output.values, c.scalars[(b * tq * dv)..<((b + 1) * tq * dv)]).reduce(0.0) { $0 + $1.0 * Double($1.1) }
            }
        }
        let (qs, ks, vs) = (q.doubles, k.doubles, v.doubles)
        let errors = [GradientCheck.error(analytic: dq.doubles, at: qs) { loss($0, ks, vs) },
                      GradientCheck.error(analytic: dk_.doubles, at: ks) { loss(qs, $0, vs) },
                      GradientCheck.error(analytic: dv_.doubles, at: vs) { loss(qs, ks, $0) }]
        #expect(errors.allSatisfy { $0 < gradientTolerance }, "mask \(maskKind): errors (Q, K, V) \(errors)")
    }

    @Test("Multi-head self-attention with a causal mask: dJ/dX and dJ/dW^Q, W^K, W^V, W^O, with d_k = d_v = d_model / h and with d_k = 2, d_v = 5 (seed 1612)",
          arguments: [nil, 2])
    func multiHeadSelfAttention(keyWidth: Int?) {
        var generator = Xoshiro256StarStar(seed: 1612)
        let (batch, length, width, heads) = (2, 4, 6, 2)
        let attention = MultiHeadAttention(modelWidth: width, heads: heads, keyWidth: keyWidth, valueWidth: keyWidth.map { $0 + 3 },
                                           generator: &generator)
        attention.mask = causalMask(length: length)
        let x = generator.normalTensor(shape: [batch, length, width]), c = generator.normalTensor(shape: [batch, length, width])
        _ = attention.forward(x, training: true)
        let dx = attention.backward(c)
        let weights = BlockWeights(attention.parameters)
        func loss(_ x: [Double], _ p: BlockWeights) -> Double {
            let m = Matrix(rows: batch * length, columns: width, values: x)
            let w = p.values
            return weightedSum(referenceMultiHead(xq: m, xkv: m, batch: batch, wq: w[0], wk: w[1], wv: w[2], wo: w[3], heads: heads,
                                                  mask: causalMask(length: length).doubles).values, c)
        }
        let errorX = GradientCheck.error(analytic: dx.doubles, at: x.doubles) { loss($0, weights) }
        let errorW = GradientCheck.error(analytic: attention.parameters.flatMap(\.gradient.doubles), at: weights.flat) {
            loss(x.doubles, weights.replacing(with: $0))
        }
        #expect(errorX < gradientTolerance && errorW < gradientTolerance, "errors (X, W) \(errorX), \(errorW)")
    }

    @Test("Encoder-decoder attention (T_q = 3, T_k = 5, d_k = 2, d_v = 3): dJ/dX_q and dJ/dX_kv (seed 1613)")
    func crossAttention() {
        var generator = Xoshiro256StarStar(seed: 1613)
        let attention = MultiHeadAttention(modelWidth: 4, heads: 2, keyWidth: 2, valueWidth: 3, generator: &generator)
        let xq = generator.normalTensor(shape: [2, 3, 4]), xkv = generator.normalTensor(shape: [2, 5, 4])
        let c = generator.normalTensor(shape: [2, 3, 4])
        _ = attention.attend(queries: xq, keysAndValues: xkv)
        let (dq, dkv) = attention.backwardBothInputs(c)
        let w = BlockWeights(attention.parameters).values
        func loss(_ q: [Double], _ kv: [Double]) -> Double {
            weightedSum(referenceMultiHead(xq: Matrix(rows: 6, columns: 4, values: q), xkv: Matrix(rows: 10, columns: 4, values: kv), batch: 2,
                                           wq: w[0], wk: w[1], wv: w[2], wo: w[3], heads: 2).values, c)
        }
        let errors = [GradientCheck.error(analytic: dq.doubles, at: xq.doubles) { loss($0, xkv.doubles) },
                      GradientCheck.error(analytic: dkv.doubles, at: xkv.doubles) { loss(xq.doubles, $0) }]
        #expect(errors.allSatisfy { $0 < gradientTolerance }, "errors (X_q, X_kv) \(errors)")
    }

    @Test("Encoder block, post-norm add & norm: dJ/dX and every parameter (seed 1614)")
    func encoderBlock() {
        var generator = Xoshiro256StarStar(seed: 1614)
        let block = EncoderBlock(modelWidth: 4, heads: 2, hiddenWidth: 6, generator: &generator)
        randomise(block.parameters, generator: &generator)
        let x = generator.normalTensor(shape: [2, 3, 4]), c = generator.normalTensor(shape: [2, 3, 4])
        let y = block.forward(x, training: true)
        let weights = BlockWeights(block.parameters)
        #expect(isApproximatelyEqual(y.doubles, referenceEncoderBlock(Matrix(x), batch: 2, heads: 2, weights).values, absoluteTolerance: 1e-5))
        let dx = block.backward(c)
        func loss(_ x: [Double], _ p: BlockWeights) -> Double {
            weightedSum(referenceEncoderBlock(Matrix(rows: 6, columns: 4, values: x), batch: 2, heads: 2, p).values, c)
        }
        let errorX = GradientCheck.error(analytic: dx.doubles, at: x.doubles) { loss($0, weights) }
        let errorW = GradientCheck.error(analytic: block.parameters.flatMap(\.gradient.doubles), at: weights.flat) {
            loss(x.doubles, weights.replacing(with: $0))
        }
        #expect(errorX < gradientTolerance && errorW < gradientTolerance, "errors (X, parameters) \(errorX), \(errorW)")
    }

    @Test("Decoder block: dJ/dX, dJ/dZ (the encoder's output) and every parameter (seed 1615)")
    func decoderBlock() {
        var generator = Xoshiro256StarStar(seed: 1615)
        let block = DecoderBlock(modelWidth: 4, heads: 2, hiddenWidth: 5, generator: &generator)
        randomise(block.parameters, generator: &generator)
        let x = generator.normalTensor(shape: [2, 3, 4]), z = generator.normalTensor(shape: [2, 4, 4])
        let c = generator.normalTensor(shape: [2, 3, 4])
        let y = block.forward(x, memory: z, training: true)
        let weights = BlockWeights(block.parameters)
        func loss(_ x: [Double], _ z: [Double], _ p: BlockWeights) -> Double {
            weightedSum(referenceDecoderBlock(Matrix(rows: 6, columns: 4, values: x), memory: Matrix(rows: 8, columns: 4, values: z),
                                              batch: 2, heads: 2, p).values, c)
        }
        #expect(isApproximatelyEqual(y.doubles, referenceDecoderBlock(Matrix(x), memory: Matrix(z), batch: 2, heads: 2, weights).values,
                                     absoluteTolerance: 1e-5))
        let (dx, dz) = block.backward(c)
        let errors = [GradientCheck.error(analytic: dx.doubles, at: x.doubles) { loss($0, z.doubles, weights) },
                      GradientCheck.error(analytic: dz.doubles, at: z.doubles) { loss(x.doubles, $0, weights) },
                      GradientCheck.error(analytic: block.parameters.flatMap(\.gradient.doubles), at: weights.flat) {
                          loss(x.doubles, z.doubles, weights.replacing(with: $0))
                      }]
        #expect(errors.allSatisfy { $0 < gradientTolerance }, "errors (X, Z, parameters) \(errors)")
    }

    @Test("Embedding: dJ/dE adds the gradients of every position holding a token; the positional encoding passes dJ/dX on (seed 1616)")
    func embedding() {
        var generator = Xoshiro256StarStar(seed: 1616)
        let embedding = Embedding(vocabulary: 5, dimension: 3, initialisation: .standardNormal, generator: &generator)
        let tokens = Tensor([[1, 4, 1], [0, 1, 2]])
        let encoding = PositionalEncoding(modelWidth: 3, maximumLength: 3)
        let c = generator.normalTensor(shape: [2, 3, 3])
        _ = encoding(embedding.forward(tokens, training: true))
        embedding.backwardDiscardingInputGradient(encoding.backward(c))
        let pe = sinusoidalPositionalEncoding(length: 3, modelWidth: 3).doubles
        let error = GradientCheck.error(analytic: embedding.table.gradient.doubles, at: embedding.table.value.doubles) { table in
            var total = 0.0
            for (position, token) in tokens.scalars.enumerated() {
                for j in 0..<3 { total += Double(c.scalars[position * 3 + j]) * (table[Int(token) * 3 + j] + pe[(position % 3) * 3 + j]) }
            }
            return total
        }
        #expect(error < gradientTolerance, "error \(error)")
        #expect(embedding.table.gradient.row(3) == [0, 0, 0], "a token no position holds gets no gradient")
    }

    @Test("The whole transformer: the cross-entropy's gradient for both embeddings, the encoder's first W^Q, the decoder's W^K and cross-attention W^O, and the output layer (seed 1617)")
    func transformer() {
        var generator = Xoshiro256StarStar(seed: 1617)
        let shape = TransformerShape(vocabulary: 4, length: 3, modelWidth: 4, heads: 2, hiddenWidth: 5, layers: 2)
        let model = Transformer(shape: shape, generator: &generator)
        randomise(model.parameters.filter { $0.name == "gamma" || $0.name == "beta" }, generator: &generator)
        let source = [[1, 3, 0], [2, 2, 1]], target = [[0, 3, 1], [1, 2, 2]]
        let input = shiftedRight(tokenTensor(target), start: model.startToken)
        let truth = oneHot(target.joined().map { $0 }, classes: 4)
        let loss = CategoricalCrossEntropyFromLogits()
        let logits = model.logits(source: tokenTensor(source), targetInput: input, training: true)
        model.backward(loss.gradient(predicted: logits.reshaped([6, 4]), target: truth).reshaped(logits.shape))
        let all = model.parameters
        let checked = [model.sourceEmbedding.table, model.targetEmbedding.table, model.encoder[0].selfAttention.queryProjection,
                       model.decoder[0].selfAttention.keyProjection, model.decoder[1].crossAttention.outputProjection]
            + model.output.parameters
        let positions = checked.map { parameter in all.firstIndex { $0 === parameter }! }
        let weights = BlockWeights(all)
        let inputTokens = input.scalars.map { Int($0) }
        func referenceLoss(_ values: [Double]) -> Double {
            var replaced = weights.values, offset = 0
            for position in positions {
                let m = replaced[position]
                replaced[position] = Matrix(rows: m.rows, columns: m.columns, values: Array(values[offset..<(offset + m.values.count)]))
                offset += m.values.count
            }
            return referenceTransformerLoss(BlockWeights(values: replaced), source: source.flatMap { $0 }, input: inputTokens,
                                            target: target.flatMap { $0 }, shape: shape)
        }
        let point = positions.flatMap { weights.values[$0].values }
        #expect(abs(referenceLoss(point) - Double(loss.value(predicted: logits.reshaped([6, 4]), target: truth))) < 1e-5,
                "the Double reference computes the model's loss")
        let error = GradientCheck.error(analytic: checked.flatMap(\.gradient.doubles), at: point, referenceLoss)
        #expect(error < gradientTolerance, "error \(error)")
    }
}
