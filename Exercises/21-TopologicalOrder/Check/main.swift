// Checks for exercise 21 (topological order). Run: swift run --package-path Exercises exercises 21

import ExerciseCheck
import Core
import AutoDiff
import Exercise21

/// Whether `order` lists exactly the nodes `root` depends on (and root), once each, each after its inputs.
func isTopologicalOrder(_ order: [Int], of root: Int, inputs: [[Int]]) -> Bool {
    var reachable = Set([root]), frontier = [root]
    while let node = frontier.popLast() {
        for input in inputs[node] where reachable.insert(input).inserted { frontier.append(input) }
    }
    guard order.count == reachable.count, Set(order) == reachable else { return false }
    let position = Dictionary(uniqueKeysWithValues: order.enumerated().map { ($0.element, $0.offset) })
    return order.allSatisfy { node in inputs[node].allSatisfy { position[$0]! < position[node]! } }
}

let ad1 = [[], [], [], [], [0, 1], [4, 2], [5], [3, 6]]

check("AD-1 as numbers: all 8 nodes once, each after its inputs, the root last") {
    let order = topologicalOrder(of: 7, inputs: ad1)
    expect(isTopologicalOrder(order, of: 7, inputs: ad1), "got \(order)")
    expect(order.last == 7, "the root comes last; got \(order)")
}

check("A node reached along two paths (x x, and a diamond) is listed once; nodes the root does not need are left out") {
    let square = [[], [0, 0]]
    expect(topologicalOrder(of: 1, inputs: square) == [0, 1], "x * x: got \(topologicalOrder(of: 1, inputs: square))")
    // 0 -> 1 -> 3, 0 -> 2 -> 3, and 4 uses 0 but is not below the root 3.
    let diamond = [[], [0], [0], [1, 2], [0]]
    let order = topologicalOrder(of: 3, inputs: diamond)
    expect(isTopologicalOrder(order, of: 3, inputs: diamond), "got \(order)")
    expect(!order.contains(4), "node 4 is not below the root; got \(order)")
    // Uneven paths: 0 is one step below the root along one path and three along another.
    let uneven = [[], [0], [1], [2, 0]]
    expect(topologicalOrder(of: 3, inputs: uneven) == [0, 1, 2, 3], "got \(topologicalOrder(of: 3, inputs: uneven))")
}

check("30 random graphs of up to 40 nodes: a valid order, and a backward sweep in its reverse gives the engine's gradients (seed 211)") {
    var generator = Xoshiro256StarStar(seed: 211)
    for trial in 0..<30 {
        let count = 2 + generator.uniformInt(below: 39)
        // Node n draws up to 3 inputs among the nodes before it, so the graph has no cycle.
        let inputs: [[Int]] = (0..<count).map { n in
            n == 0 || generator.uniformInt(below: 5) == 0 ? [] : (0..<(1 + generator.uniformInt(below: 3))).map { _ in generator.uniformInt(below: n) }
        }
        let edges = inputs.map { $0.map { _ in 2 * generator.uniformDouble() - 1 } }   // random local derivatives
        let root = count - 1
        let order = topologicalOrder(of: root, inputs: inputs)
        expect(isTopologicalOrder(order, of: root, inputs: inputs), "graph \(trial): got \(order) for inputs \(inputs)")
        guard isTopologicalOrder(order, of: root, inputs: inputs) else { continue }
        var adjoint = [Double](repeating: 0, count: count)
        adjoint[root] = 1
        for node in order.reversed() {
            for (input, edge) in zip(inputs[node], edges[node]) { adjoint[input] += edge * adjoint[node] }
        }
        var nodes: [Node] = []
        for n in 0..<count {
            nodes.append(Node(value: 0, operation: .custom("n\(n)"), inputs: inputs[n].map { nodes[$0] }, localDerivatives: edges[n]))
        }
        nodes[root].backward()
        for node in order {
            expect(isApproximatelyEqual(adjoint[node], nodes[node].gradient, relativeTolerance: 1e-12, absoluteTolerance: 1e-12),
                    "graph \(trial), node \(node)")
        }
    }
}

runChecks()
