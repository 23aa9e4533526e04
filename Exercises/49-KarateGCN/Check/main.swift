// The checks of exercise 49: the 3-node example of WORKED-NUMBERS.md 9.3 by hand, then Zachary's karate
// club (X = I, seeded weights, only nodes 0 and 33 labelled) against the GraphNetworks module.

import ExerciseCheck
import Exercise49
import Core
import GraphNetworks

let path: [[Double]] = [[0, 1, 0], [1, 0, 1], [0, 1, 0]]
let inverseRootSix = 0.4082482904638631

func close(_ a: [[Double]], _ b: [[Double]], _ tolerance: Double) -> Bool {
    a.count == b.count && zip(a, b).allSatisfy { $0.count == $1.count && zip($0, $1).allSatisfy { abs($0 - $1) <= tolerance } }
}

check("Eq. (2.9.4), WORKED-NUMBERS.md 9.3: the path 0 - 1 - 2 gives A~ = [[1/2, 1/sqrt 6, 0], [1/sqrt 6, 1/3, 1/sqrt 6], [0, 1/sqrt 6, 1/2]]") {
    let s = normalisedAdjacency(path)
    let expected: [[Double]] = [[0.5, inverseRootSix, 0], [inverseRootSix, 1.0 / 3, inverseRootSix], [0, inverseRootSix, 0.5]]
    expect(close(s, expected, 1e-12), "D^ = diag(2, 3, 2): A~ should be \(expected); got \(s)")
}

check("Eq. (2.9.5), WORKED-NUMBERS.md 9.3: softmax rows [[0.6977845304, 0.3022154696], [0.7121958700, 0.2878041300], [0.6808424316, 0.3191575684]]; labelled nodes 0 (class 0) and 2 (class 1): J = 0.7509576365") {
    let probabilities = graphConvolutionForward(adjacency: path, features: [[1, 0], [0, 1], [1, 1]],
                                                w0: [[1, -1, 0.5], [0.5, 1, -1]], w1: [[1, 0], [0, 1], [1, -1]])
    let expected = [[0.6977845304192924, 0.30221546958070755], [0.7121958700112364, 0.2878041299887636],
                    [0.6808424316114271, 0.3191575683885729]]
    expect(close(probabilities, expected, 1e-9), "Y^ should be \(expected); got \(probabilities)")
    let loss = maskedCrossEntropy(probabilities: expected, labelledNodes: [0, 2], labels: [0, 1])
    expectClose(loss, 0.7509576364532742, tolerance: 1e-12, "J = -(log 0.6977845304 + log 0.3191575684)/2")
}

check("Zachary's karate club, X = I, W0 34 x 4 and W1 4 x 2 drawn with seed 49, labelled nodes 0 and 33: Y^ and J equal the GraphNetworks module's") {
    guard let club = try? KarateClub.load() else {
        expect(false, "cannot read the karate club files in Data/")
        return
    }
    var generator = Xoshiro256StarStar(seed: 49)
    let w0 = generator.normalTensor(shape: [34, 4], standardDeviation: 0.5)
    let w1 = generator.normalTensor(shape: [4, 2], standardDeviation: 0.5)
    let s = club.graph.normalisedAdjacency().dense                                  // Eq. (2.9.4), Float
    let hidden = matmul(s, w0).map { max($0, 0) }                                   // X = I: A~ X W0 = A~ W0
    let expected = matmul(s, matmul(hidden, w1)).softmaxRows()
    let expectedLoss = MaskedCrossEntropy(labelledNodes: [0, 33], labels: [0, 1], classes: 2)
        .evaluate(matmul(s, matmul(hidden, w1))).loss

    let adjacency = (0..<34).map { i in (0..<34).map { Double(club.graph.adjacency[i, $0]) } }
    let identity = (0..<34).map { i in (0..<34).map { $0 == i ? 1.0 : 0 } }
    let rows = { (t: Tensor) in (0..<t.rows).map { i in (0..<t.columns).map { Double(t[i, $0]) } } }
    let probabilities = graphConvolutionForward(adjacency: adjacency, features: identity, w0: rows(w0), w1: rows(w1))
    expect(close(probabilities, rows(expected), 1e-5), "Y^ differs from the module's (first rows expected \(rows(expected).prefix(2)), got \(probabilities.prefix(2)))")
    let loss = maskedCrossEntropy(probabilities: probabilities.count == 34 ? probabilities : rows(expected),
                                  labelledNodes: [0, 33], labels: [0, 1])
    expectClose(loss, Double(expectedLoss), tolerance: 1e-5, "J over nodes 0 and 33 only")
}

runChecks()
