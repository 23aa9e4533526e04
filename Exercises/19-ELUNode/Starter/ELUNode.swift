// Exercise 19: the backward rule of a new node type.   Practises DL Padova "AutoDifferentiation" (each
// edge of the graph carries a partial derivative, and the chain rule multiplies them) with the ELU of
// MLiS II Table 1.2.
// Check:  swift run --package-path Exercises exercises 19     (one hint at a time: exercises --hint 19)
// See it running:  swift run autodiff
// Given at the bottom of this file: `Node`, the AutoDiff module's scalar engine reduced to what you need.
//
// In the scalar engine (Sources/AutoDiff) an operation is one function that makes a `Node` from its
// value and the local derivative of its output with respect to each input. tanh, for example, is
//
//     let value = Foundation.tanh(x.value)
//     return Node(value: value, operation: .tanh, inputs: [x], localDerivatives: [1 - value * value])
//
// and `backward()` does the rest: it multiplies these edge numbers along every path and adds the paths.
// So a new node type needs only its value and its local derivative. Write ELU:
//
//     ELU(x)  = alpha (e^x - 1)  if x < 0,   x  otherwise
//     ELU'(x) = alpha e^x        if x < 0,   1  otherwise   (Table 1.2: at x = 0 the "otherwise" branch)

import Core
import Foundation

/// ELU(x) as one node of the engine, with x as its only input.
/// - Parameters:
///   - x: the input node.
///   - alpha: the value ELU approaches as x -> -infinity is -alpha; alpha > 0.
/// - Returns: a new node whose value is ELU(x.value) and whose local derivative is ELU'(x.value).
public func elu(_ x: Node, alpha: Double = 1) -> Node {
    // TODO: compute the value and the local derivative, and return one node with x as its only input.
    Node(value: 0, operation: .custom("ELU"), inputs: [x], localDerivatives: [0])
}

// The scalar engine of the AutoDiff module, reduced to what this exercise needs (so the exercise
// depends on Core alone): a node keeps its value, its inputs and the local derivative of itself with
// respect to each input; `backward()` applies the chain rule in reverse topological order.

/// One number in a computational graph, with its inputs and the local derivatives on its edges.
public final class Node {
    /// What made a node.
    public enum Operation: Equatable, Sendable {
        case input, add, multiply
        /// A node type defined outside the engine, e.g. in this exercise; the string is its name.
        case custom(String)
    }

    public let value: Double
    /// dz/d(this node), where z is the node whose `backward()` ran last.
    public internal(set) var gradient: Double = 0
    public let inputs: [Node]
    /// d(this node)/d(inputs[i]), evaluated when the node was made.
    public let localDerivatives: [Double]
    public let operation: Operation

    /// A node computed from `inputs`, with `localDerivatives[i]` = d(value)/d(inputs[i]).
    public init(value: Double, operation: Operation, inputs: [Node], localDerivatives: [Double]) {
        require(inputs.count == localDerivatives.count, "Node: \(inputs.count) inputs but \(localDerivatives.count) local derivatives")
        (self.value, self.operation, self.inputs, self.localDerivatives) = (value, operation, inputs, localDerivatives)
    }

    /// An input of the graph.
    public convenience init(_ value: Double) {
        self.init(value: value, operation: .input, inputs: [], localDerivatives: [])
    }

    /// a + b;  d/da = 1, d/db = 1.
    public static func + (a: Node, b: Node) -> Node {
        Node(value: a.value + b.value, operation: .add, inputs: [a, b], localDerivatives: [1, 1])
    }

    /// a b;  d/da = b, d/db = a.
    public static func * (a: Node, b: Node) -> Node {
        Node(value: a.value * b.value, operation: .multiply, inputs: [a, b], localDerivatives: [b.value, a.value])
    }

    /// c b for a constant c;  d/db = c.
    public static func * (c: Double, b: Node) -> Node {
        Node(value: c * b.value, operation: .multiply, inputs: [b], localDerivatives: [c])
    }

    /// Every node this one depends on, and itself, each once, each after all of its inputs.
    func topologicalOrder() -> [Node] {
        var order: [Node] = [], visited = Set<ObjectIdentifier>()
        func visit(_ node: Node) {
            guard visited.insert(ObjectIdentifier(node)).inserted else { return }
            node.inputs.forEach(visit)
            order.append(node)
        }
        visit(self)
        return order
    }

    /// Sets `gradient` = dz/dn for this node z and every node n it depends on.
    public func backward() {
        let order = topologicalOrder()
        for node in order { node.gradient = 0 }
        gradient = 1
        for node in order.reversed() {
            for (input, local) in zip(node.inputs, node.localDerivatives) { input.gradient += local * node.gradient }
        }
    }
}
