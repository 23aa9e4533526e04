// Checks for exercise 13 (normalised adjacency). Run: swift run --package-path Exercises exercises 13

import ExerciseCheck
import Core
import GraphNetworks
import Exercise13

check("The path graph 0 - 1 - 2: [[1/2, 1/sqrt6, 0], [1/sqrt6, 1/3, 1/sqrt6], [0, 1/sqrt6, 1/2]]") {
    let s = normalisedAdjacency(Tensor([[0, 1, 0], [1, 0, 1], [0, 1, 0]]))
    let r: Float = 0.4082482905   // 1/sqrt(6)
    expect(s.shape == [3, 3], "S must be [3, 3], got \(s.shape)")
    expect(isApproximatelyEqual(s.scalars, [0.5, r, 0, r, 1.0 / 3, r, 0, r, 0.5], absoluteTolerance: 1e-6),
            "expected the worked values, got \(s)")
}

check("A node with no neighbours keeps its own features: its row is (0, ..., 1, ..., 0)") {
    let s = normalisedAdjacency(Tensor([[0, 1, 0], [1, 0, 0], [0, 0, 0]]))
    expect(s.row(2) == [0, 0, 1], "node 2 has only its self-loop, so S_22 = 1 / sqrt(1 * 1); got \(s.row(2))")
}

check("Agrees with the library on random graphs, and is symmetric (seed 131)") {
    var generator = Xoshiro256StarStar(seed: 131)
    for trial in 0..<10 {
        let n = 2 + generator.uniformInt(below: 12)
        var edges: [(Int, Int)] = []
        for i in 0..<n { for j in (i + 1)..<n where generator.uniformDouble() < 0.35 { edges.append((i, j)) } }
        let graph = Graph(nodeCount: n, edges: edges)
        let yours = normalisedAdjacency(graph.adjacency)
        let expected = graph.normalisedAdjacency().dense
        expect(isApproximatelyEqual(yours.scalars, expected.scalars, absoluteTolerance: 1e-6),
                "trial \(trial), \(n) nodes, edges \(edges): expected \(expected), got \(yours)")
        expect(yours == yours.transposed(), "trial \(trial): S must be symmetric")
    }
}

runChecks()
