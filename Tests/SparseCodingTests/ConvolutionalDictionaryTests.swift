// Tests of convolutional sparse coding in 1-D (MLiS II Sec. 2.8.1, Eq. (2.8.4), Eq. (2.8.5),
// Eq. (2.8.6), Eq. (2.8.7), Fig. 2.8.1): the sum of convolutions against the unrolled matrix, the
// adjoint, the bounds 20 and 184 of WORKED-NUMBERS.md (WORKED-NUMBERS.md 8.3), and the stripe that
// makes them local (E-48, E-SC-1).

import Testing
import Core
import SparseCoding

@Suite("Convolutional dictionaries (MLiS II 2.8.1)")
struct ConvolutionalDictionaryTests {
    func randomFilters(_ count: Int, length: Int, generator: inout Xoshiro256StarStar) -> [[Float]] {
        (0..<count).map { _ in (0..<length).map { _ in generator.uniform(0.5, 1.5) * (generator.uniformInt(below: 2) == 0 ? -1 : 1) } }
    }

    @Test("Fig. 2.8.1: one filter (1, -1) on 4 positions unrolls to the 4 x 4 circulant; Eq. (2.8.4) == Eq. (2.8.5)")
    func smallExample() {
        let dictionary = ConvolutionalDictionary(filters: [[1, -1]], positions: 4)
        #expect(dictionary.matrix() == Tensor([[1, 0, 0, -1], [-1, 1, 0, 0], [0, -1, 1, 0], [0, 0, -1, 1]]))
        #expect(dictionary.apply([0, 2, 0, 0]) == [0, 2, -2, 0])
    }

    @Test("Eq. (2.8.4) (sum of convolutions) == Eq. (2.8.5) (unrolled D times Gamma), and D^T is the adjoint: <D g, x> = <g, D^T x> (seed 501)")
    func convolutionEqualsUnrolledMatrix() {
        var generator = Xoshiro256StarStar(seed: 501)
        for (filters, length, positions, channels) in [(3, 4, 12, 1), (5, 3 * 4, 10, 4)] {
            let dictionary = ConvolutionalDictionary(filters: randomFilters(filters, length: length, generator: &generator),
                                                     positions: positions, channels: channels)
            let unrolled = dictionary.matrix()
            #expect(unrolled.shape == [positions * channels, positions * filters])         // I c x I N (Fig. 2.8.1)
            let gamma = (0..<dictionary.atomCount).map { _ in generator.normal() }
            let x = (0..<dictionary.signalLength).map { _ in generator.normal() }
            #expect(isApproximatelyEqual(dictionary.apply(gamma), matmul(unrolled, Tensor(column: gamma)).scalars,
                                         relativeTolerance: 1e-5, absoluteTolerance: 1e-5))
            #expect(isApproximatelyEqual(dictionary.adjoint(x), matmul(unrolled, Tensor(column: x), transposeA: true).scalars,
                                         relativeTolerance: 1e-5, absoluteTolerance: 1e-5))
            let left = zip(dictionary.apply(gamma), x).reduce(0.0) { $0 + Double($1.0) * Double($1.1) }
            let right = zip(gamma, dictionary.adjoint(x)).reduce(0.0) { $0 + Double($1.0) * Double($1.1) }
            #expect(isApproximatelyEqual(left, right, relativeTolerance: 1e-5))
        }
    }

    @Test("Sec. 8.3 (derived): Eq. (2.8.6) with N_1 = 4, n_0 = 3 gives 20; Eq. (2.8.7) with N_2 = 8, n_1 = 3, N_1 = 4 gives 184")
    func indexedBounds() {
        #expect(localSparsityBound(filters: 4, filterLength: 3) == 20)
        #expect(secondLayerSparsityBound(filters: 8, filterLength: 3, previousFilters: 4) == 184)
    }

    @Test("E-48: the bound N_1 (2 n_0 - 1) is the size of a stripe, and a patch of D Gamma depends on its stripe only (seed 502)")
    func stripeIsLocal() {
        var generator = Xoshiro256StarStar(seed: 502)
        let dictionary = ConvolutionalDictionary(filters: randomFilters(4, length: 3, generator: &generator), positions: 16)
        let unrolled = dictionary.matrix()
        for p in 0..<16 {
            // Count, from the unrolled matrix, the atoms that touch the patch at p.
            let touching = (0..<dictionary.atomCount).filter { atom in dictionary.patch(at: p).contains { unrolled[$0, atom] != 0 } }
            #expect(touching == dictionary.stripe(at: p).sorted(), "patch \(p)")
            #expect(touching.count == localSparsityBound(filters: 4, filterLength: 3))                 // 20
        }
        let gamma = (0..<dictionary.atomCount).map { _ in generator.uniformInt(below: 2) == 0 ? generator.normal() : 0 }
        let x = dictionary.apply(gamma)
        let p = 7
        let stripe = Set(dictionary.stripe(at: p))
        let onlyStripe = gamma.indices.map { stripe.contains($0) ? gamma[$0] : 0 }
        #expect(dictionary.patch(at: p).map { x[$0] } == dictionary.patch(at: p).map { dictionary.apply(onlyStripe)[$0] })
        #expect(dictionary.stripeSparsity(gamma) <= 20)
        #expect(gamma.filter { $0 != 0 }.count > 20)      // globally denser than the bound: it is local, not global
    }

    @Test("E-SC-1: layer-2 filters of n_1 N_1 values moved one entry at a time touch N_2 (2 n_1 N_1 - 1) = 184 atoms per patch; the text's D_2 (I N_1 x I N_2) touches N_2 (2 n_1 - 1) = 40 (seed 503)")
    func secondLayerStripe() {
        var generator = Xoshiro256StarStar(seed: 503)
        let (n2, n1, n1Filters, positions) = (8, 3, 4, 12)
        let filters = randomFilters(n2, length: n1 * n1Filters, generator: &generator)
        let unitStride = ConvolutionalDictionary(filters: filters, positions: positions * n1Filters, channels: 1)
        let byPosition = ConvolutionalDictionary(filters: filters, positions: positions, channels: n1Filters)
        #expect(byPosition.matrix().shape == [positions * n1Filters, positions * n2])               // I N_1 x I N_2, as in the text
        #expect(unitStride.matrix().shape == [positions * n1Filters, positions * n1Filters * n2])    // I N_1 x I N_1 N_2
        for (dictionary, expected) in [(unitStride, 184), (byPosition, 40)] {
            let unrolled = dictionary.matrix()
            let touching = (0..<dictionary.atomCount).filter { atom in dictionary.patch(at: 0).contains { unrolled[$0, atom] != 0 } }
            #expect(touching.count == expected)
            #expect(dictionary.stripe(at: 0).count == expected)
        }
        #expect(localSparsityBound(filters: n2, filterLength: n1) == 40)
    }

    @Test("OMP on the unrolled dictionary finds which filter sits where (seed 504)")
    func pursuitOnConvolutionalDictionary() {
        var generator = Xoshiro256StarStar(seed: 504)
        let dictionary = ConvolutionalDictionary(filters: randomFilters(3, length: 5, generator: &generator), positions: 40)
        var gamma = [Float](repeating: 0, count: dictionary.atomCount)
        for (position, filter, weight) in [(2, 0, 1.5), (15, 2, -2.0), (27, 1, 1.0)] as [(Int, Int, Float)] {
            gamma[position * 3 + filter] = weight
        }
        let result = orthogonalMatchingPursuit(signal: dictionary.apply(gamma), dictionary: dictionary.matrix(), sparsity: 3)
        #expect(isApproximatelyEqual(result.code(atomCount: dictionary.atomCount), gamma, relativeTolerance: 1e-4, absoluteTolerance: 1e-5))
    }
}
