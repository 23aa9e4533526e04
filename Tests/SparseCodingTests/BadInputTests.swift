// Tests that programmer errors stop the program with a message naming the operation and the values:
// a dictionary and signals whose lengths disagree, a sparsity k larger than the number of atoms, a
// dictionary with zero atoms or with an all-zero atom. Each runs in a child process (Swift Testing's
// exit tests) and checks the message on its standard error.

import Testing
import Core
import SparseCoding

func standardError(of result: ExitTest.Result?) -> String {
    String(decoding: result?.standardErrorContent ?? [], as: UTF8.self)
}

@Suite("Bad input stops with a message naming the values")
struct BadInputTests {
    @Test("Signals of length 5 for a dictionary of atoms of length 3")
    func lengthsDisagree() async {
        do {
            let stopped = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
                _ = orthogonalMatchingPursuit(signal: [1, 2, 3, 4, 5], dictionary: Tensor(shape: [3, 4], repeating: 1), sparsity: 2)
            }
            #expect(standardError(of: stopped).contains("orthogonalMatchingPursuit (a signal of length n needs D [n, K]): shapes [5] and [3, 4] do not fit"))
        }
        do {
            let stopped = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
                _ = batchOrthogonalMatchingPursuit(signals: Tensor(shape: [5, 10], repeating: 1),
                                                   dictionary: Tensor(shape: [3, 4], repeating: 1), sparsity: 2)
            }
            #expect(standardError(of: stopped).contains("shapes [5, 10] and [3, 4] do not fit"))
        }
        do {
            let stopped = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
                _ = iterativeShrinkage(signals: Tensor(shape: [2, 1], repeating: 1), dictionary: Tensor(shape: [3, 4], repeating: 1),
                                       lambda: 0.1, iterations: 5)
            }
            #expect(standardError(of: stopped).contains("iterativeShrinkage (signals X [n, P] as columns need a dictionary D [n, K] with the same n): shapes [2, 1] and [3, 4] do not fit"))
        }
    }

    @Test("A sparsity k = 5 for a dictionary of K = 4 atoms")
    func sparsityTooLarge() async {
        do {
            let stopped = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
                _ = orthogonalMatchingPursuit(signal: [1, 2, 3], dictionary: Tensor(shape: [3, 4], repeating: 1), sparsity: 5)
            }
            #expect(standardError(of: stopped).contains("orthogonalMatchingPursuit: the sparsity k = 5 is larger than the number of atoms K = 4"))
        }
        do {
            let stopped = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
                var generator = Xoshiro256StarStar(seed: 1)
                let D = randomDictionary(signalLength: 3, atoms: 4, generator: &generator)
                _ = learnDictionary(signals: Tensor(shape: [3, 10], repeating: 1), initialDictionary: D,
                                    settings: DictionaryLearningSettings(sparsity: 5, iterations: 1), generator: &generator)
            }
            #expect(standardError(of: stopped).contains("learnDictionary: the sparsity k = 5 is larger than the number of atoms K = 4"))
        }
        do {
            let stopped = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
                _ = orthogonalMatchingPursuit(signal: [1, 2, 3], dictionary: Tensor(shape: [3, 4], repeating: 1), sparsity: 0)
            }
            #expect(standardError(of: stopped).contains("the sparsity k must be at least 1, got 0"))
        }
    }

    @Test("A dictionary with zero atoms, or with an atom that is all zeros")
    func zeroAtoms() async {
        do {
            let stopped = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
                _ = batchOrthogonalMatchingPursuit(signals: Tensor(shape: [3, 2], repeating: 1), dictionary: Tensor(shape: [3, 0]), sparsity: 1)
            }
            #expect(standardError(of: stopped).contains("batchOrthogonalMatchingPursuit: the dictionary has zero atoms (shape [3, 0])"))
        }
        do {
            let stopped = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
                _ = orthogonalMatchingPursuit(signal: [1, 2], dictionary: Tensor([[1, 0, 0], [0, 0, 1]]), sparsity: 1)
            }
            #expect(standardError(of: stopped).contains("orthogonalMatchingPursuit: atom 1 of the dictionary is zero"))
        }
        do {
            let stopped = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
                _ = normalisedColumns(Tensor([[1, 0], [2, 0]]))
            }
            #expect(standardError(of: stopped).contains("normalisedColumns: column 1 is zero"))
        }
    }

    @Test("A negative tolerance, a threshold list of the wrong length, an atom index out of range")
    func otherArguments() async {
        do {
            let stopped = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
                _ = orthogonalMatchingPursuit(signal: [1, 2], dictionary: Tensor([[1, 0], [0, 1]]), sparsity: 1, tolerance: -1)
            }
            #expect(standardError(of: stopped).contains("the tolerance epsilon must be finite and >= 0, got -1.0"))
        }
        do {
            let stopped = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
                _ = thresholdingLayer(Tensor(shape: [2, 3], repeating: 1), dictionary: Tensor([[1, 0], [0, 1]]), thresholds: [0.1])
            }
            #expect(standardError(of: stopped).contains("threshold (responses [K, P] and one threshold per atom): shapes [2, 3] and [1] do not fit"))
        }
        do {
            let stopped = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
                var D = Tensor([[1, 0], [0, 1]])
                var codes = SparseCodes(atomCount: 2, signalCount: 1, capacity: 1)
                _ = updateAtom(2, dictionary: &D, codes: &codes, signals: Tensor(shape: [2, 1], repeating: 1))
            }
            #expect(standardError(of: stopped).contains("updateAtom: atom 2 is out of range 0..<2"))
        }
    }
}
