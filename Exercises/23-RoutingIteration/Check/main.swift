// Checks for exercise 23 (one routing iteration). Run: swift run --package-path Exercises exercises 23

import Foundation
import ExerciseCheck
import Core
import Capsules
import Exercise23

let votes: [[[Double]]] = [[[1, 0], [0, 1]], [[1, 0.2], [-0.5, 0]]]
let couplings: [[Double]] = [
    [0.5, 0.5, 0.5, 0.5],
    [0.5712700869, 0.4287299131, 0.6122438467, 0.3877561533],
    [0.6692513934, 0.3307486066, 0.7338805526, 0.2661194474],
]
let outputs: [[Double]] = [
    [0.4999938120, 0.0499993812, -0.1064794275, 0.2129588550],
    [0.5829294815, 0.0603110750, -0.0746892974, 0.1651632642],
    [0.6619759490, 0.0692466987, -0.0420878094, 0.1046183167],
]

check("The worked example, iterations 1, 2, 3 (each call on the b the previous one returned): c, v_1, v_2, and b = (1.7448992425, 0.4827404359, 1.7808106734, 0.1116282672) after the third") {
    var b: [[Double]] = [[0, 0], [0, 0]]
    for t in 0..<3 {
        let result = routingIteration(votes: votes, logits: b)
        let (c, v) = (result.couplings.flatMap { $0 }, result.outputs.flatMap { $0 })
        expect(isApproximatelyEqual(c, couplings[t], absoluteTolerance: 1e-9),
                "iteration \(t + 1): c (c11, c12, c21, c22) should be \(couplings[t]); got \(c)")
        expect(isApproximatelyEqual(v, outputs[t], absoluteTolerance: 1e-9),
                "iteration \(t + 1): (v_1, v_2) should be \(outputs[t]); got \(v)")
        b = result.logits
    }
    let expected = [1.7448992425, 0.4827404359, 1.7808106734, 0.1116282672]
    expect(isApproximatelyEqual(b.flatMap { $0 }, expected, absoluteTolerance: 1e-9), "b after iteration 3 should be \(expected); got \(b)")
}

check("On random votes (seed 231), r calls from b = 0 equal the library's Procedure 1 with r iterations, r = 1...4; each c_i sums to 1") {
    var generator = Xoshiro256StarStar(seed: 231)
    for r in 1...4 {
        let (lower, upper, dimension) = (2 + generator.uniformInt(below: 4), 2 + generator.uniformInt(below: 4), 1 + generator.uniformInt(below: 5))
        let votes = (0..<lower).map { _ in (0..<upper).map { _ in (0..<dimension).map { _ in generator.normalDouble() } } }
        var b = [[Double]](repeating: [Double](repeating: 0, count: upper), count: lower)
        var last: [[Double]] = []
        for _ in 0..<r {
            let result = routingIteration(votes: votes, logits: b)
            expect(result.couplings.allSatisfy { abs($0.reduce(0, +) - 1) < 1e-12 }, "each lower capsule's c should sum to 1")
            (b, last) = (result.logits, result.outputs)
        }
        let library = RoutingReference.route(votes, iterations: r)
        expect(isApproximatelyEqual(last.flatMap { $0 }, library.outputs[r - 1].flatMap { $0 }, absoluteTolerance: 1e-12), "r = \(r): v")
        expect(isApproximatelyEqual(b.flatMap { $0 }, library.logits.flatMap { $0 }, absoluteTolerance: 1e-12), "r = \(r): b")
    }
}

check("Large logits (b = 1000 and 0) do not overflow: c = (1, 0)") {
    let result = routingIteration(votes: votes, logits: [[1000, 0], [0, 1000]])
    expect(result.couplings == [[1, 0], [0, 1]], "softmax(1000, 0) should be (1, 0); got \(result.couplings)")
}

runChecks()
