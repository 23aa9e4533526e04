// Exercise 21: the topological order, the walk every backward pass depends on.   Practises
// DL Padova "AutoDifferentiation" (values go up the graph from the inputs, derivatives come back down)
// and MLiS II Sec. 1.3 (the backward pass visits layer L first and layer 1 last).
// Check:  swift run --package-path Exercises exercises 21     (one hint at a time: exercises --hint 21)
// See it running:  swift run autodiff
//
// A graph is given by numbers: node n is computed from the nodes inputs[n] (empty for an input of
// the graph). A topological order lists every node the result depends on, each exactly once, and
// each after all of its inputs; the forward sweep evaluates the nodes in that order and the backward
// sweep visits them in the reverse order, so that a node's gradient is complete (every path from the
// result has reached it) before it is passed down.
//
// AD-1 as numbers: 0 = w, 1 = x, 2 = b, 3 = y, 4 = w·x, 5 = 4 + b, 6 = max(0, 5), 7 = y − 6, so
// inputs = [[], [], [], [], [0, 1], [4, 2], [5], [3, 6]] and one answer for root 7 is
// [0, 1, 4, 2, 5, 3, 6, 7]. Nodes the root does not depend on are left out.

/// Every node `root` depends on, and `root` itself, each once, each after all of its inputs.
/// - Parameters:
///   - root: the node whose order is wanted (usually the loss).
///   - inputs: inputs[n] are the nodes node n is computed from; node numbers are 0..<inputs.count.

public func topologicalOrder(of root: Int, inputs: [[Int]]) -> [Int] {
    // TODO: a depth-first search that lists a node after its inputs.
    return []
}
