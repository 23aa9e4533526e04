// Every contrastive loss's gradient against central differences in Double on random inputs: the row
// cosine, NT-Xent (with and without negatives, three temperatures), InfoNCE over a queue, the triplet
// loss in both forms; and the Siamese network: one weight's gradient is the sum of both branches'.

import Foundation
import Testing
import Core
import NeuralNetworks
import Contrastive

@Suite("Contrastive: gradients against central differences")
struct GradientTests {
    @Test("RowCosine.backward: dJ/da and dJ/db of J = sum_i c_i S_C(a_i, b_i)", arguments: [UInt64(1), 2, 3])
    func rowCosine(seed: UInt64) {
        var generator = Xoshiro256StarStar(seed: seed)
        let (a, b, c) = (randomRows(5, 4, &generator), randomRows(5, 4, &generator), randomRows(1, 5, &generator)[0])
        let (da, db) = RowCosine.backward(tensor([c]).reshaped([5]), tensor(a), tensor(b))
        let f: ([Double]) -> Double = { x in
            let rows = unflatten(x, columns: 4)
            return (0..<5).reduce(0) { $0 + c[$1] * cosineSimilarity(rows[$1], rows[$1 + 5]) }
        }
        #expect(GradientCheck.error(analytic: da.doubles + db.doubles, at: (a + b).flatMap { $0 }, f) < gradientTolerance)
    }

    @Test("NTXent: dL/dz for N = 3 pairs, d = 4, tau = 0.1, 0.5, 1, with and without negatives",
          arguments: [(Float(0.1), true), (0.5, true), (1, true), (0.5, false)])
    func ntXent(temperature: Float, negatives: Bool) {
        var generator = Xoshiro256StarStar(seed: 17)
        let z = randomRows(6, 4, &generator)
        let (value, gradient) = NTXent(temperature: temperature, negatives: negatives).valueAndGradient(tensor(z))
        let f: ([Double]) -> Double = { NTXent.reference(unflatten($0, columns: 4), temperature: Double(temperature), negatives: negatives) }
        #expect(abs(Double(value) - f(z.flatMap { $0 })) < 1e-5 * max(1, abs(Double(value))))
        #expect(GradientCheck.error(analytic: gradient.doubles, at: z.flatMap { $0 }, f) < gradientTolerance)
    }

    @Test("InfoNCE: dL/dq for 3 queries against their keys and a queue of 5, tau = 0.2")
    func infoNCE() {
        var generator = Xoshiro256StarStar(seed: 5)
        let (q, k, queue) = (randomRows(3, 4, &generator), randomRows(3, 4, &generator), randomRows(5, 4, &generator))
        let (value, gradient) = InfoNCE(temperature: 0.2).valueAndGradient(queries: tensor(q), keys: tensor(k), queue: tensor(queue))
        let f: ([Double]) -> Double = { InfoNCE.reference(queries: unflatten($0, columns: 4), keys: k, queue: queue, temperature: 0.2) }
        #expect(abs(Double(value) - f(q.flatMap { $0 })) < 1e-5)
        #expect(GradientCheck.error(analytic: gradient.doubles, at: q.flatMap { $0 }, f) < gradientTolerance)
    }

    @Test("TripletLoss.gradient: dL/dF_A, dL/dF_P, dL/dF_N, printed (xi = 0.5) and hinge (margin = 0.5)",
          arguments: [TripletForm.printed(xi: 0.5), .hinge(margin: 0.5)])
    func triplet(form: TripletForm) {
        var generator = Xoshiro256StarStar(seed: 9)
        let loss = TripletLoss(form)
        let (a, p, n) = (randomRows(6, 3, &generator), randomRows(6, 3, &generator), randomRows(6, 3, &generator))
        let g = loss.gradient(anchor: a, positive: p, negative: n)
        let f: ([Double]) -> Double = { x in
            let rows = unflatten(x, columns: 3)
            return loss.value(anchor: Array(rows[0..<6]), positive: Array(rows[6..<12]), negative: Array(rows[12..<18]))
        }
        let analytic = (g.anchor + g.positive + g.negative).flatMap { $0 }
        #expect(GradientCheck.error(analytic: analytic, at: (a + p + n).flatMap { $0 }, f) < 1e-7)
        #expect(analytic.contains { $0 != 0 }, "some triplets are above the floor")
    }

    @Test("SiameseNetwork: W's gradient is branch i's plus branch j's, and matches central differences of S_C(f(x_i), f(x_j))")
    func siameseSharesWeights() {
        var generator = Xoshiro256StarStar(seed: 3)
        let dense = Dense(inputs: 3, outputs: 4, activation: .tanh, generator: &generator)
        let siamese = SiameseNetwork(dense)
        let (xi, xj) = (randomRows(2, 3, &generator), randomRows(2, 3, &generator))
        let (zi, zj) = siamese.forward(tensor(xi), tensor(xj), training: true)
        let ones = Tensor(shape: [2], repeating: 1)
        let (dzi, dzj) = RowCosine.backward(ones, zi, zj)
        siamese.backward(dzi, dzj)
        let shared = dense.weights.gradient

        _ = dense.forward(tensor(xi), training: true)
        _ = dense.backward(dzi)
        let branchI = dense.weights.gradient
        _ = dense.forward(tensor(xj), training: true)
        _ = dense.backward(dzj)
        let branchJ = dense.weights.gradient
        #expect(isApproximatelyEqual(shared.scalars, (branchI + branchJ).scalars, relativeTolerance: 1e-5))

        let (w, b) = (dense.weights.value.doubles, dense.bias.value.doubles)
        let f: ([Double]) -> Double = { weights in
            func branch(_ x: [Double]) -> [Double] {
                (0..<4).map { j in tanh(b[j] + (0..<3).reduce(0) { $0 + x[$1] * weights[$1 * 4 + j] }) }
            }
            return (0..<2).reduce(0) { $0 + cosineSimilarity(branch(xi[$1]), branch(xj[$1])) }
        }
        #expect(GradientCheck.error(analytic: shared.doubles, at: w, f) < gradientTolerance)
    }
}
