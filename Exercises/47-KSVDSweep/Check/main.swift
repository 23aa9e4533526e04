// The checks of exercise 47: a one-atom sweep by hand, and a random sweep against the SparseCoding
// module's plain K-SVD update applied to every atom in turn.

import ExerciseCheck
import Exercise47
import Core
import SparseCoding

check("Eq. (2.8.17) by hand: signals (3, 4), (6, 8) coded 1 and 2 on the atom (1, 0): the atom becomes (0.6, 0.8), the codes 5 and 10") {
    let (atoms, codes) = kSVDSweep(signals: [[3, 4], [6, 8]], atoms: [[1, 0]], codes: [[1, 2]])
    expect(atoms.count == 1 && atoms[0].count == 2 && abs(atoms[0][0] - 0.6) < 1e-9 && abs(atoms[0][1] - 0.8) < 1e-9,
           "E = [[3, 6], [4, 8]] = (0.6, 0.8)^T (5, 10): the atom should be (0.6, 0.8); got \(atoms)")
    expect(codes.count == 1 && codes[0].count == 2 && abs(codes[0][0] - 5) < 1e-9 && abs(codes[0][1] - 10) < 1e-9,
           "the codes should be c = E^T u = (5, 10); got \(codes)")
}

check("A random sweep (n = 8, K = 12, P = 40, 3 atoms per signal, atom 11 unused) equals SparseCoding's update of atoms 0...11 in turn; the error does not grow") {
    var generator = Xoshiro256StarStar(seed: 47)
    let (n, k, p) = (8, 12, 40)
    var dictionary = generator.normalTensor(shape: [n, k])
    for j in 0..<k {                                                        // unit-norm atoms
        let norm = (0..<n).reduce(Float(0)) { $0 + dictionary[$1, j] * dictionary[$1, j] }.squareRoot()
        for i in 0..<n { dictionary[i, j] /= norm }
    }
    let signals = generator.normalTensor(shape: [n, p])
    var gamma = Tensor(shape: [k, p])
    for j in 0..<p {
        for atom in generator.permutation(k - 1).prefix(3) { gamma[atom, j] = generator.normal() }
    }
    let columns = { (t: Tensor) in (0..<t.columns).map { j in (0..<t.rows).map { Double(t[$0, j]) } } }
    let rows = { (t: Tensor) in (0..<t.rows).map { i in (0..<t.columns).map { Double(t[i, $0]) } } }
    let (atoms, codes) = kSVDSweep(signals: columns(signals), atoms: columns(dictionary), codes: rows(gamma))

    func error(_ atoms: [[Double]], _ codes: [[Double]]) -> Double {
        (0..<p).reduce(0.0) { total, j in
            total + (0..<n).reduce(0.0) { sum, i in
                let value = Double(signals[i, j]) - (0..<k).reduce(0.0) { $0 + atoms[$1][i] * codes[$1][j] }
                return sum + value * value
            }
        }
    }
    let before = error(columns(dictionary), rows(gamma))
    var expectedDictionary = dictionary, expectedGamma = gamma
    for atom in 0..<k { _ = updateAtomPlain(atom, dictionary: &expectedDictionary, codes: &expectedGamma, signals: signals) }
    expect(atoms.count == k && atoms.allSatisfy { $0.count == n } && codes.count == k && codes.allSatisfy { $0.count == p },
           "the sweep must keep K = 12 atoms of length 8 and 12 rows of 40 codes")
    guard atoms.count == k && atoms.allSatisfy({ $0.count == n }) && codes.count == k && codes.allSatisfy({ $0.count == p }) else { return }
    let atomGap = (0..<k).flatMap { j in (0..<n).map { abs(atoms[j][$0] - Double(expectedDictionary[$0, j])) } }.max()!
    let codeGap = (0..<k).flatMap { a in (0..<p).map { abs(codes[a][$0] - Double(expectedGamma[a, $0])) } }.max()!
    expect(atomGap < 1e-3, "atoms differ from SparseCoding's sweep by up to \(atomGap)")
    expect(codeGap < 1e-3, "codes differ from SparseCoding's sweep by up to \(codeGap)")
    let zerosKept = (0..<k).allSatisfy { a in (0..<p).allSatisfy { gamma[a, $0] != 0 || codes[a][$0] == 0 } }
    expect(zerosKept, "a code that was 0 must stay 0 (K-SVD keeps the support)")
    expect(atoms[11] == columns(dictionary)[11], "atom 11, which no signal uses, must stay as it was")
    let after = error(atoms, codes)
    expect(after < before, "||X - D Gamma||_F^2 went from \(before) to \(after): a sweep never increases it (and here lowers it)")
}

runChecks()
