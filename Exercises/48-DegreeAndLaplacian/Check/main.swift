// The checks of exercise 48: the path graph of WORKED-NUMBERS.md 9.3, and Zachary's karate club with
// the spectrum of its Laplacian.

import ExerciseCheck
import Exercise48
import Core
import GraphNetworks

check("Catalogue Sec. 9.3: the path 0 - 1 - 2 has A = [[0, 1, 0], [1, 0, 1], [0, 1, 0]], degrees (1, 2, 1), L = [[1, -1, 0], [-1, 2, -1], [0, -1, 1]]") {
    let a = adjacencyMatrix(nodeCount: 3, edges: [(0, 1), (2, 1)])
    expect(a == [[0, 1, 0], [1, 0, 1], [0, 1, 0]], "A (each edge both ways) should be [[0, 1, 0], [1, 0, 1], [0, 1, 0]]; got \(a)")
    expect(degrees([[0, 1, 0], [1, 0, 1], [0, 1, 0]]) == [1, 2, 1], "Eq. (2.9.1): degrees (1, 2, 1); got \(degrees([[0, 1, 0], [1, 0, 1], [0, 1, 0]]))")
    let l = laplacian([[0, 1, 0], [1, 0, 1], [0, 1, 0]])
    expect(l == [[1, -1, 0], [-1, 2, -1], [0, -1, 1]], "L = D - A (E-69) should be [[1, -1, 0], [-1, 2, -1], [0, -1, 1]]; got \(l)")
}

check("Zachary's karate club: 34 nodes, 78 edges, degrees sum to 156, the instructor has 16 friends and the administrator 17; L's eigenvalues 0 (once: one component) ... and they sum to 156") {
    guard let club = try? KarateClub.load() else {
        expect(false, "cannot read the karate club files in Data/")
        return
    }
    let edges = club.graph.edges.map { ($0.first, $0.second) }
    let a = adjacencyMatrix(nodeCount: 34, edges: edges)
    expect(a.count == 34 && a.allSatisfy { $0.count == 34 }, "A must be 34 x 34; got \(a.count) rows")
    guard a.count == 34 && a.allSatisfy({ $0.count == 34 }) else { return }
    let d = degrees(a)
    expect(d.count == 34 && d.reduce(0, +) == 156, "the degrees sum to twice the 78 edges, 156; got \(d.reduce(0, +))")
    expect(d.count == 34 && d[0] == 16 && d[33] == 17, "degree of node 0 (Mr. Hi) is 16, of node 33 (the officer) 17; got \(d.prefix(1)) and \(d.suffix(1))")
    expect(d.map(Float.init) == club.graph.degrees, "degrees should equal the GraphNetworks module's \(club.graph.degrees)")
    let l = laplacian(a)
    expect(l.count == 34 && l.allSatisfy { $0.count == 34 }, "L must be 34 x 34")
    guard l.count == 34 && l.allSatisfy({ $0.count == 34 }) else { return }
    let spectrum = SymmetricEigendecomposition(DoubleMatrix(size: 34, entries: l.flatMap { $0 })).values
    let zeros = spectrum.filter { abs($0) < 1e-9 }.count
    expect(zeros == 1, "a connected graph's L has exactly one eigenvalue 0 (eigenvector: all ones); got \(zeros)")
    expect(spectrum.allSatisfy { $0 > -1e-9 }, "L is positive semidefinite: no eigenvalue below 0; got \(spectrum.min() ?? 0)")
    expectClose(spectrum.reduce(0, +), 156, tolerance: 1e-9, "the eigenvalues sum to the trace of L, the sum of the degrees")
}

check("Two components (a triangle and an edge): L has eigenvalue 0 twice, the rows of L sum to 0") {
    let a = adjacencyMatrix(nodeCount: 5, edges: [(0, 1), (1, 2), (2, 0), (3, 4)])
    let l = laplacian(a)
    expect(l.count == 5 && l.allSatisfy { $0.count == 5 && abs($0.reduce(0, +)) < 1e-12 },
           "L 1 = D 1 - A 1 = d - d = 0: every row of L sums to 0; got \(l)")
    guard l.count == 5 && l.allSatisfy({ $0.count == 5 }) else { return }
    let spectrum = SymmetricEigendecomposition(DoubleMatrix(size: 5, entries: l.flatMap { $0 })).values
    let expected = [0.0, 0, 2, 3, 3]
    expect(zip(spectrum, expected).allSatisfy { abs($0 - $1) < 1e-9 }, "eigenvalues (0, 0, 2, 3, 3); got \(spectrum)")
}

runChecks()
