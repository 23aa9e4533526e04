// Tests that programmer errors stop with a message naming the shapes or values (issue 16): d_k of Q
// and K that differ, a mask of the wrong shape or with values other than 0 and -infinity, a mask that
// hides every key of a query, d_model not divisible by the number of heads, a token outside the
// vocabulary, a backward pass before any forward pass. Each runs in a child process (exit tests).

import Testing
import Core
import NeuralNetworks
import Attention

@Suite("Attention: bad input stops with a message")
struct BadInputTests {
    @Test("Q and K with different d_k, and K and V with different T_k")
    func mismatchedWidths() async {
        let keys = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = scaledDotProductAttention(queries: Tensor(shape: [2, 3]), keys: Tensor(shape: [2, 4]), values: Tensor(shape: [2, 2]))
        }
        #expect(standardError(of: keys).contains(
            "attentionScores (Q [B, T_q, d_k] vs K [B, T_k, d_k]: the same B and d_k): shapes [2, 3] and [2, 4] do not fit"))
        let values = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = scaledDotProductAttention(queries: Tensor(shape: [2, 3]), keys: Tensor(shape: [4, 3]), values: Tensor(shape: [5, 2]))
        }
        #expect(standardError(of: values).contains(
            "scaledDotProductAttention (K [B, T_k, d_k] vs V [B, T_k, d_v]: the same B and T_k): shapes [4, 3] and [5, 2] do not fit"))
    }

    @Test("A mask of the wrong shape, for one sequence and for multi-head attention")
    func maskShape() async {
        let single = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            let x = Tensor(shape: [2, 2])
            _ = scaledDotProductAttention(queries: x, keys: x, values: x, mask: causalMask(length: 3))
        }
        #expect(standardError(of: single).contains(
            "the mask M must be [T_q, T_k] or [B, T_q, T_k] for scores [B, T_q, T_k]: shapes [3, 3] and [1, 2, 2] do not fit"))
        let multiHead = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            var generator = Xoshiro256StarStar(seed: 1)
            let attention = MultiHeadAttention(modelWidth: 8, heads: 2, generator: &generator)
            attention.mask = paddingMask(keyLengths: [3, 3, 3], queries: 5, keys: 5)
            _ = attention(Tensor(shape: [2, 5, 8]))
        }
        #expect(standardError(of: multiHead).contains(
            "MultiHeadAttention: the mask M must be [T_q, T_k] or [B, T_q, T_k] for scores [B, T_q, T_k]: shapes [3, 5, 5] and [2, 5, 5] do not fit"))
    }

    @Test("A mask with a value other than 0 and -infinity, and a mask row that hides every key")
    func maskValues() async {
        let value = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            let x = Tensor(shape: [2, 2])
            _ = scaledDotProductAttention(queries: x, keys: x, values: x, mask: Tensor([[0, -5], [0, 0]]))
        }
        #expect(standardError(of: value).contains("the mask holds -5.0 at row 0, key 1; M takes only 0 and -infinity"))
        let hidden = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            let x = Tensor(shape: [2, 2])
            _ = scaledDotProductAttention(queries: x, keys: x, values: x, mask: Tensor([[0, 0], [-.infinity, -.infinity]]))
        }
        #expect(standardError(of: hidden).contains("row 1 of the mask hides every key; each query must see at least one"))
    }

    @Test("d_model not divisible by the number of heads")
    func heads() async {
        let stopped = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            var generator = Xoshiro256StarStar(seed: 1)
            _ = MultiHeadAttention(modelWidth: 30, heads: 4, generator: &generator)
        }
        #expect(standardError(of: stopped).contains("MultiHeadAttention: d_model = 30 is not divisible by the number of heads h = 4"))
    }

    @Test("Inputs of the wrong width, a token outside the vocabulary, backward before forward")
    func layers() async {
        let width = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            var generator = Xoshiro256StarStar(seed: 1)
            _ = MultiHeadAttention(modelWidth: 8, heads: 2, generator: &generator)(Tensor(shape: [2, 5, 6]))
        }
        #expect(standardError(of: width).contains("MultiHeadAttention (X_q [B, T_q, d_model = 8] vs X_kv [B, T_k, d_model]): shapes [2, 5, 6] and [2, 5, 6] do not fit"))
        let token = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            var generator = Xoshiro256StarStar(seed: 1)
            _ = Embedding(vocabulary: 10, dimension: 4, initialisation: .standardNormal, generator: &generator)(Tensor([[3, 10]]))
        }
        #expect(standardError(of: token).contains("Embedding.forward: entry 1 is 10.0, not a token index in 0..<10"))
        let early = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            var generator = Xoshiro256StarStar(seed: 1)
            _ = MultiHeadAttention(modelWidth: 8, heads: 2, generator: &generator).backward(Tensor(shape: [1, 2, 8]))
        }
        #expect(standardError(of: early).contains("MultiHeadAttention.backward: called before forward"))
    }
}
