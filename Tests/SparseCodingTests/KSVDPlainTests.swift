// Tests of the plain K-SVD atom update (KSVDPlain.swift) against the fast one (KSVD.swift): the same
// atom and coefficients, to Float rounding, on WORKED-NUMBERS.md's problem and on seeded random ones.
// Both run the same power iteration from the same start, so they differ only in the order of their
// additions: E_k from a residual kept up to date (fast) or from X - D Gamma recomputed (plain).

import Testing
import Core
import SparseCoding

@Suite("K-SVD atom update: the plain twin in the notes' orientation equals the fast one")
struct KSVDPlainTests {
    /// Element by element within 1e-4 of the larger magnitude (and absolutely near zero): about
    /// a thousand Float roundings of a unit-scale problem, far below any real difference.
    func agree(_ a: Tensor, _ b: Tensor) -> Bool {
        a.shape == b.shape && isApproximatelyEqual(a.scalars, b.scalars, relativeTolerance: 1e-4, absoluteTolerance: 1e-5)
    }

    @Test("Sec. 8.3 (derived): the plain update of atom 1 also lowers ||X - D Gamma||_F from 0.0347248 to 0.0329981")
    func indexedAtomUpdate() {
        var (plainDictionary, plainCodes) = (indexedDictionary, indexedCodes)
        #expect(updateAtomPlain(0, dictionary: &plainDictionary, codes: &plainCodes, signals: indexedSignals))
        let after = representationError(signals: indexedSignals, dictionary: plainDictionary, codes: plainCodes).squareRoot()
        #expect(isApproximatelyEqual(after, 0.03299814003274512, relativeTolerance: 1e-4))
        var (fastDictionary, fastCodes) = (indexedDictionary, SparseCodes(matrix: indexedCodes))
        _ = updateAtom(0, dictionary: &fastDictionary, codes: &fastCodes, signals: indexedSignals)
        #expect(agree(plainDictionary, fastDictionary) && agree(plainCodes, fastCodes.matrix()))
    }

    @Test("Every atom of a random 12 x 24 problem, updated once from the same start: same atom, same coefficients (seed 211)")
    func everyAtomOnce() {
        var generator = Xoshiro256StarStar(seed: 211)
        let signals = generator.normalTensor(shape: [12, 200])
        let dictionary = dictionaryFromSignals(signals, atoms: 24, generator: &generator)
        let codes = batchOrthogonalMatchingPursuit(signals: signals, dictionary: dictionary, sparsity: 3)
        for k in 0..<24 {
            var (fastDictionary, fastCodes) = (dictionary, codes)
            var (plainDictionary, plainCodes) = (dictionary, codes.matrix())
            let fast = updateAtom(k, dictionary: &fastDictionary, codes: &fastCodes, signals: signals)
            let plain = updateAtomPlain(k, dictionary: &plainDictionary, codes: &plainCodes, signals: signals)
            #expect(fast == plain, "atom \(k): updated \(fast) and \(plain)")
            #expect(agree(plainDictionary, fastDictionary), "atom \(k): the dictionaries differ")
            #expect(agree(plainCodes, fastCodes.matrix()), "atom \(k): the codes differ")
        }
    }

    @Test("A whole sweep in a random order keeps the two in step, and an unused atom is left alone (seed 212)")
    func wholeSweep() {
        var generator = Xoshiro256StarStar(seed: 212)
        let signals = generator.normalTensor(shape: [16, 300])
        var fastDictionary = dictionaryFromSignals(signals, atoms: 32, generator: &generator)
        var fastCodes = batchOrthogonalMatchingPursuit(signals: signals, dictionary: fastDictionary, sparsity: 4)
        var (plainDictionary, plainCodes) = (fastDictionary, fastCodes.matrix())
        for k in generator.permutation(32) {
            _ = updateAtom(k, dictionary: &fastDictionary, codes: &fastCodes, signals: signals)
            _ = updateAtomPlain(k, dictionary: &plainDictionary, codes: &plainCodes, signals: signals)
        }
        #expect(agree(plainDictionary, fastDictionary) && agree(plainCodes, fastCodes.matrix()))
        var unusedDictionary = indexedDictionary, unusedCodes = Tensor([[1, 0], [0, 2], [0, 0]])
        #expect(!updateAtomPlain(2, dictionary: &unusedDictionary, codes: &unusedCodes,
                                 signals: Tensor(shape: [4, 2], repeating: 1)))
        #expect(unusedDictionary == indexedDictionary)
    }
}
