// Solution to Exercise 19: the backward rule of a new node type (ELU, MLiS II Table 1.2).
//
// The node stores what backward() needs and nothing else: its value, its one input, and dELU/dx at
// that input. For x < 0 the derivative alpha e^x equals ELU(x) + alpha, so it is read off the value;
// at x = 0 both the value and the derivative take the "otherwise" branch (1), as Table 1.2 and the
// library's Activation.elu do (ERRATA E-09). expm1 keeps e^x - 1 exact near 0, and at x = -1000 it
// is -1, so the value is -alpha and the derivative 0, never NaN.

import Core
import Foundation

public func elu(_ x: Node, alpha: Double = 1) -> Node {
    let isNegative = x.value < 0
    let value = isNegative ? alpha * expm1(x.value) : x.value
    let derivative = isNegative ? value + alpha : 1
    return Node(value: value, operation: .custom("ELU"), inputs: [x], localDerivatives: [derivative])
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
