// The small examples of the chapter: OMP by hand (Eq. (2.8.3)), thresholds and the ReLU network
// (Eq. (2.8.10), Eq. (2.8.11), Eq. (2.8.12), Eq. (2.8.13)), the sparsity bounds of convolutional
// dictionaries (Eq. (2.8.4), Eq. (2.8.5), Eq. (2.8.6), Eq. (2.8.7)), and basis pursuit by ISTA/FISTA
// against OMP on one problem.

import Core
import SparseCoding

func list(_ values: [Float], digits: Int = 4) -> String {
    "(" + values.map { formatted($0, digits: digits) }.joined(separator: ", ") + ")"
}

/// Section 1: WORKED-NUMBERS.md's OMP example, step by step.
func handExamplesSection() -> (alpha: String, diagonalCoefficient: Float) {
    print("1. Orthogonal matching pursuit by hand (Eq. (2.8.3); WORKED-NUMBERS.md 8.3 example)")
    let root = Float(0.5).squareRoot()
    let dictionary = Tensor([[1, 0, 0, root], [0, 1, 0, root], [0, 0, 1, 0]])
    print("   D = [e1, e2, e3, (e1 + e2)/sqrt 2] (unit-norm atoms as columns), x = (2, 0, 3)")
    let result = orthogonalMatchingPursuit(signal: [2, 0, 3], dictionary: dictionary, sparsity: 4)
    for (index, step) in result.steps.enumerated() {
        print("   step \(index + 1): correlations D^T r = \(list(step.correlations)) -> atom \(step.atom + 1);"
              + " least squares on atoms \(step.support.map { $0 + 1 }) gives \(list(step.coefficients)); ||r|| = \(formatted(step.residualNorm))")
    }
    let alpha = result.code(atomCount: 4)
    print("   alpha = \(list(alpha, digits: 0)), stopped because \(result.stop.rawValue) (WORKED-NUMBERS.md: (2, 0, 3, 0))")
    let diagonal = orthogonalMatchingPursuit(signal: [1, 1, 0], dictionary: dictionary, sparsity: 4)
    print("   x = (1, 1, 0): atom \(diagonal.support[0] + 1) first, alpha_4 = \(formatted(diagonal.coefficients[0], digits: 7))"
          + " (WORKED-NUMBERS.md: sqrt 2 = 1.4142135624; Float keeps 7 digits)\n")
    return ("(" + alpha.map { String(Int($0)) }.joined(separator: ",") + ")", diagonal.coefficients[0])
}

/// Section 2: the thresholds of Eq. (2.8.12) and layered thresholding as a ReLU network (Eq. (2.8.13), E-47).
func thresholdingSection(seed: UInt64) -> (soft: String, networkDifference: Float) {
    print("2. Thresholding (Eq. (2.8.10), Eq. (2.8.11), Eq. (2.8.12), Eq. (2.8.13); errata E-46, E-47)")
    let x: [Float] = [-1, 0.2, 0.5, 1, 2]
    let hard = x.map { ThresholdFunction.hardNonNegative($0, 0.5) }
    let soft = x.map { ThresholdFunction.softNonNegative($0, 0.5) }
    let printed = x.map { max($0 + 0.5, 0) }
    print("   x = \(list(x, digits: 1)), beta = 0.5")
    print("   Eq. (2.8.12) as printed (a HARD threshold): \(list(hard, digits: 1))")
    print("   soft non-negative ReLU(x - beta):          \(list(soft, digits: 1))")
    print("   ReLU(x + beta), the sign of Eq. (2.8.13):     \(list(printed, digits: 1))  <- no threshold at all")
    var generator = Xoshiro256StarStar(seed: seed)
    let signals = generator.normalTensor(shape: [16, 10])
    let d1 = randomDictionary(signalLength: 16, atoms: 24, generator: &generator)
    let d2 = randomDictionary(signalLength: 24, atoms: 12, generator: &generator)
    let beta1 = [Float](repeating: 0.3, count: 24), beta2 = [Float](repeating: 0.2, count: 12)
    let layered = layeredThresholding(signals, dictionaries: [d1, d2], thresholds: [beta1, beta2])[1].transposed()
    let network = reluNetworkForward(signals.transposed(), weights: [d1, d2], biases: [beta1.map { -$0 }, beta2.map { -$0 }])
    let difference = zip(layered.scalars, network.scalars).map { abs($0 - $1) }.max() ?? 0
    let zeros = layered.scalars.filter { $0 == 0 }.count
    print("   Two layers, D1 16 x 24 and D2 24 x 12, beta = 0.3 and 0.2, on 10 random signals:")
    print("   T(D2^T T(D1^T x)) and ReLU(D2^T ReLU(D1^T x - beta1) - beta2) differ by at most \(formatted(difference, digits: 7));"
          + " \(zeros) of 120 responses are thresholded away\n")
    return (list(soft, digits: 1).replacingOccurrences(of: " ", with: ""), difference)
}

/// Section 3, Eq. (2.8.4), Eq. (2.8.5), Eq. (2.8.6), Eq. (2.8.7): the unrolled dictionary, stripes, and
/// OMP on it.
func convolutionalSection(seed: UInt64) -> (first: Int, second: Int, secondByPosition: Int) {
    print("3. Convolutional dictionaries (Eq. (2.8.4), Eq. (2.8.5), Eq. (2.8.6), Eq. (2.8.7), Fig. 2.8.1;"
          + " errata E-48, E-SC-1)")
    var generator = Xoshiro256StarStar(seed: seed)
    func filters(_ count: Int, _ length: Int) -> [[Float]] {
        (0..<count).map { _ in (0..<length).map { _ in generator.uniform(0.5, 1.5) * (generator.uniformInt(below: 2) == 0 ? -1 : 1) } }
    }
    let layer1 = ConvolutionalDictionary(filters: filters(4, 3), positions: 16)
    let first = localSparsityBound(filters: 4, filterLength: 3)
    print("   Layer 1: N1 = 4 filters of n0 = 3 on 16 positions unroll to D1 of shape \(layer1.matrix().shape) (I x I N1).")
    print("   Eq. (2.8.6): N1 (2 n0 - 1) = \(first) = the atoms that touch one patch (its stripe holds \(layer1.stripe(at: 0).count));"
          + " a local bound, not one on ||Gamma1||_0")
    let layer2Filters = filters(8, 3 * 4)
    let byPosition = ConvolutionalDictionary(filters: layer2Filters, positions: 12, channels: 4)
    let unitStride = ConvolutionalDictionary(filters: layer2Filters, positions: 48)
    let second = secondLayerSparsityBound(filters: 8, filterLength: 3, previousFilters: 4)
    print("   Eq. (2.8.7) as printed, N2 (2 n1 N1 - 1) with N2 = 8, n1 = 3, N1 = 4: \(second), the stripe when the layer-2 filters"
          + " move one entry at a time (that stripe holds \(unitStride.stripe(at: 0).count));")
    print("   with the text's D2 of shape I N1 x I N2 \(byPosition.matrix().shape) they move one position (N1 entries): stripe"
          + " N2 (2 n1 - 1) = \(byPosition.stripe(at: 0).count)")
    let signalDictionary = ConvolutionalDictionary(filters: filters(3, 5), positions: 40)
    var gamma = [Float](repeating: 0, count: signalDictionary.atomCount)
    for (position, filter, weight) in [(2, 0, 1.5), (15, 2, -2.0), (27, 1, 1.0)] as [(Int, Int, Float)] {
        gamma[position * 3 + filter] = weight
    }
    let found = orthogonalMatchingPursuit(signal: signalDictionary.apply(gamma), dictionary: signalDictionary.matrix(), sparsity: 3)
    let placements = zip(found.support, found.coefficients).sorted { $0.0 < $1.0 }.map { atom, value in
        "filter \(atom % 3) at \(atom / 3) (x \(formatted(value, digits: 3)))"
    }
    print("   X = sum_i K_i * Gamma_i (Eq. (2.8.4)) with filter 0 at 2 (x 1.5), 2 at 15 (x -2), 1 at 27 (x 1) on 40 positions;"
          + " OMP on the unrolled D (Eq. (2.8.5)) finds: \(placements.joined(separator: ", "))\n")
    return (first, second, byPosition.stripe(at: 0).count)
}

/// Section 4: the greedy and the relaxed approach of Sec. 2.8 on the same 3-sparse signal.
func basisPursuitSection(options: ChapterOptions) throws -> (ompFound: Bool, basisPursuitFound: Bool) {
    print("4. Greedy against relaxed: OMP and basis pursuit (ISTA, FISTA) on one 3-sparse signal (MLiS II Sec. 2.8)")
    var generator = Xoshiro256StarStar(seed: options.seed)
    let dictionary = randomDictionary(signalLength: 30, atoms: 60, generator: &generator)
    let support = Array(generator.permutation(60).prefix(3)).sorted()
    var alpha = [Float](repeating: 0, count: 60)
    for atom in support { alpha[atom] = (generator.uniformInt(below: 2) == 0 ? -1 : 1) * generator.uniform(1, 2) }
    let x = synthesise(dictionary: dictionary, codes: Tensor(column: alpha))
    let omp = orthogonalMatchingPursuit(signal: x.scalars, dictionary: dictionary, sparsity: 3)
    let lambda = 0.05
    let fista = iterativeShrinkage(signals: x, dictionary: dictionary, lambda: lambda, iterations: 300)
    let ista = iterativeShrinkage(signals: x, dictionary: dictionary, lambda: lambda, iterations: 300, accelerated: false)
    let best = iterativeShrinkage(signals: x, dictionary: dictionary, lambda: lambda, iterations: 5000).objectives.last!
    let largest = fista.codes.scalars.indices.sorted { abs(fista.codes.scalars[$0]) > abs(fista.codes.scalars[$1]) }.prefix(3).sorted()
    print("   D: 30 x 60 Gaussian, unit-norm atoms; true support \(support.map { $0 + 1 }), coefficients \(list(support.map { alpha[$0] }))")
    print("   OMP (k = 3): support \(omp.support.sorted().map { $0 + 1 }), coefficients \(list(omp.support.sorted().map { omp.code(atomCount: 60)[$0] }))")
    print("   basis pursuit, 1/2 ||x - D alpha||^2 + \(lambda) ||alpha||_1 by FISTA (300 steps): largest three \(largest.map { $0 + 1 }),"
          + " coefficients \(list(largest.map { fista.codes.scalars[$0] })) (shrunk towards 0 by the L1 penalty),"
          + " \(fista.codes.scalars.filter { abs($0) > 1e-4 }.count) non-zeros above 1e-4")
    var plot = LinePlot(title: "Basis pursuit: F(alpha_k) - F* for ISTA and FISTA", xLabel: "iteration k", yLabel: "F(alpha_k) - F*", logY: true)
    // The first 150 steps: beyond them both gaps are at Float's rounding level (about 1e-9 here).
    plot.add(x: (1...150).map(Double.init), y: ista.objectives.prefix(150).map { $0 - best }, name: "ISTA, O(1/k)")
    plot.add(x: (1...150).map(Double.init), y: fista.objectives.prefix(150).map { $0 - best }, name: "FISTA, O(1/k^2)")
    let path = try options.figurePath("basis-pursuit-ista-fista.svg")
    try plot.write(to: path)
    print("   F - F* after 50 steps: ISTA \(formatted(ista.objectives[49] - best, digits: 6)), FISTA \(formatted(fista.objectives[49] - best, digits: 6))")
    print("   wrote \(path)\n")
    return (omp.support.sorted() == support, Array(largest) == support)
}
