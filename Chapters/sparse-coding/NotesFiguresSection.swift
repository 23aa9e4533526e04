// The figures of MLiS II Sec. 2.8 that show a computation, drawn from the library's own code:
// Fig. 2.8.1 (filters unrolled into the I x IN convolutional dictionary D, with X = D Gamma of
// Eq. (2.8.5)) and Fig. 2.8.2 (P signals as one dictionary times a sparse code matrix, Eq. (2.8.1)).
// Atoms are numbered from 1 in what this section prints.

import Core
import SparseCoding

func notesFiguresSection(options: ChapterOptions) throws {
    print("8. Figures of the notes drawn by the library's own code (Figs. 2.8.1, 2.8.2)")
    try unrolledDictionaryFigure(options: options)
    try dictionaryTimesCodesFigure(options: options)
    print("")
}

/// The rows of a matrix as Doubles, for a NumberGrid.
func gridRows(_ matrix: Tensor) -> [[Double]] {
    (0..<matrix.rows).map { matrix.row($0).map(Double.init) }
}

/// Fig. 2.8.1: N = 2 filters of length 4 shifted over I = 8 positions (circularly) give D of 8 x 16;
/// a Gamma with two non-zeros picks two shifted filters, and D Gamma equals the sum of convolutions of Eq. (2.8.4).
func unrolledDictionaryFigure(options: ChapterOptions) throws {
    let filters: [[Float]] = [[1, 2, -1, 1], [2, -1, 0, 1]]
    let dictionary = ConvolutionalDictionary(filters: filters, positions: 8)
    var gamma = [Float](repeating: 0, count: dictionary.atomCount)
    gamma[1 * 2 + 0] = 2      // filter 1 at position 2 (atoms count from 1: atom 3)
    gamma[5 * 2 + 1] = -1     // filter 2 at position 6 (atom 12)
    let d = dictionary.matrix()
    let byMatrix = matmul(d, Tensor(column: gamma)).scalars
    require(byMatrix == dictionary.apply(gamma), "Fig. 2.8.1: D Gamma disagrees with the sum of convolutions")
    var grid = NumberGrid(title: "Two filters unrolled into D (I x IN = 8 x 16), X = D Gamma, Eq. (2.8.5) (Fig. 2.8.1)")
    grid.add("K1", [filters[0]], tint: .purple)
    grid.add("K2", [filters[1]], tint: .purple)
    grid.newRow()
    let used = (0..<16).filter { gamma[$0] != 0 }
    grid.add("D: column t N + i is filter i shifted to position t", gridRows(d), tint: .diverging,
             highlighted: used.flatMap { column in (0..<8).filter { d.row($0)[column] != 0 }.map { ($0, column) } })
    grid.add(symbol: "x")
    grid.add("Gamma", gamma.map { [$0] }, tint: .diverging)
    grid.add(symbol: "=")
    grid.add("X", byMatrix.map { [$0] }, tint: .diverging)
    let path = try options.figurePath("fig-2.8.1-unrolled-filters.svg")
    try grid.write(to: path)
    print("   K1 = \(filters[0]), K2 = \(filters[1]) on 8 positions: D is \(d.shape[0]) x \(d.shape[1]);"
          + " Gamma = 2 at atom \(used[0] + 1), -1 at atom \(used[1] + 1): X = D Gamma = \(byMatrix.map { formatted($0, digits: 0) })")
    print("   wrote \(path)\n      Fig. 2.8.1: each filter unrolled into shifted columns of D, so that X = sum_i K_i * Gamma_i = D Gamma")
}

/// Fig. 2.8.2: 5 signals of length 6 as D (6 x 8, unit-norm random atoms) times codes with 2 non-zeros
/// per column; OMP with k = 2 then finds each signal's two atoms back.
func dictionaryTimesCodesFigure(options: ChapterOptions) throws {
    var generator = Xoshiro256StarStar(seed: 7)
    let dictionary = randomDictionary(signalLength: 6, atoms: 8, generator: &generator)
    var codes = Tensor(shape: [8, 5])
    var supports: [[Int]] = []
    for signal in 0..<5 {
        let support = Array(generator.permutation(8).prefix(2)).sorted()
        for atom in support { codes.scalars[atom * 5 + signal] = Float(1 + generator.uniformInt(below: 3)) * (generator.uniformInt(below: 2) == 0 ? -1 : 1) }
        supports.append(support)
    }
    let signals = synthesise(dictionary: dictionary, codes: codes)
    let found = (0..<5).map { signal in
        orthogonalMatchingPursuit(signal: column(signal, of: signals), dictionary: dictionary, sparsity: 2).support.sorted()
    }
    var grid = NumberGrid(title: "P = 5 signals = dictionary x sparse codes, X = D A (Fig. 2.8.2)")
    grid.add("X (6 x 5 signals)", gridRows(signals), tint: .diverging, digits: 2)
    grid.add(symbol: "=")
    grid.add("D (6 x 8 atoms)", gridRows(dictionary), tint: .diverging, digits: 2)
    grid.add(symbol: "x")
    grid.add("A (8 x 5, 2 non-zeros a column)", gridRows(codes), tint: .diverging,
             highlighted: supports.enumerated().flatMap { signal, support in support.map { ($0, signal) } })
    let path = try options.figurePath("fig-2.8.2-dictionary-times-codes.svg")
    try grid.write(to: path)
    let atoms = supports.map { "{" + $0.map { "\($0 + 1)" }.joined(separator: ", ") + "}" }.joined(separator: " ")
    print("   Codes use atoms \(atoms) (numbered from 1); OMP (k = 2) on each signal finds them all: \(found == supports)")
    print("   wrote \(path)\n      Fig. 2.8.2: each column of X is D times the matching sparse column of A")
}
