// Solution to Exercise 21: the topological order by depth-first search.
//
// A node is listed only after `visit` has returned for each of its inputs, so every input comes
// first; `listed` makes the second and later paths to a node stop at once, so each node appears once
// and the work is proportional to the number of edges. Recursion is fine for graphs of modest depth;
// the engine's own version (Node.topologicalOrder) keeps an explicit stack instead, so that a chain of
// 100,000 nodes cannot overflow the call stack.

public func topologicalOrder(of root: Int, inputs: [[Int]]) -> [Int] {
    var order: [Int] = []
    var listed = [Bool](repeating: false, count: inputs.count)
    func visit(_ node: Int) {
        if listed[node] { return }
        listed[node] = true
        for input in inputs[node] { visit(input) }
        order.append(node)
    }
    visit(root)
    return order
}
