// Node.swift: the scalar reverse-mode engine of DL Padova "AutoDifferentiation" (the computational
// graph, the partial derivative on each edge, the product of the edges along every path), which is
// MLiS II Sec. 1.3's back-propagation done one number at a time.
// Goals, in order: small enough to read in one sitting; exact (Double throughout, since it is the
// oracle other gradients are checked against); then fast enough to train a small network.
//
// How it works. Every operation makes a new `Node` that keeps its value, the nodes it was computed
// from (its inputs) and the partial derivative of itself with respect to each input, evaluated on
// the spot: the numbers DL Padova writes on the edges of the graph. `backward()` then visits the
// nodes from the result down to the inputs and applies the chain rule,
//
//     dz/d(input) += d(node)/d(input) * dz/d(node),
//
// so the gradient of a node used in several places gathers one term per path (the sum over k in
// MLiS II Eq. (1.3.3)). The derivative rules themselves are in `Node+Operations.swift`.

import Core

/// One number in a computational graph, with its inputs and the local derivatives on its edges.
///
/// ```swift
/// let w = Node(2, label: "w"), x = Node(1, label: "x"), b = Node(1, label: "b"), y = Node(5, label: "y")
/// let z = y - Node.maximum(0, w * x + b)     // DL Padova "AutoDifferentiation": z = 2
/// z.backward()
/// print(w.gradient, x.gradient, b.gradient, y.gradient)   // -1.0 -2.0 -1.0 1.0
/// ```
///
/// Nodes are classes: a node is shared, not copied, when it is used twice (`x * x`), and that is
/// what lets `backward()` add up the contributions of both uses.
public final class Node {
    /// What made a node; used to print and draw the graph (the derivative rules live with the operators).
    public enum Operation: Equatable, Sendable {
        case input, constant
        case add, subtract, multiply, divide, negate, sum
        case power(Double)
        case exp, log, tanh, sigmoid, relu, softplus, maximum
        /// A node type defined outside this file, e.g. in an exercise; the string is its name.
        case custom(String)
    }

    /// The node's number. Change it only on input nodes (parameters an optimiser moves), then build
    /// the graph again: nodes computed earlier keep their old values and local derivatives.
    public var value: Double
    /// dz/d(this node), where z is the node whose `backward()` ran last; 0 before any backward pass.
    public internal(set) var gradient: Double = 0
    /// The nodes this one was computed from, in order; empty for inputs and constants.
    public private(set) var inputs: [Node]
    /// d(this node)/d(inputs[i]), evaluated when the node was made: the edge partials.
    public let localDerivatives: [Double]
    public let operation: Operation
    /// A name for printing and drawing, e.g. "w5"; may be empty.
    public var label: String

    /// A node computed from `inputs`, with `localDerivatives[i]` = d(value)/d(inputs[i]).
    /// This is how every operation, and any new node type, is made.
    /// Precondition: one local derivative per input.
    public init(value: Double, operation: Operation, inputs: [Node], localDerivatives: [Double], label: String = "") {
        require(inputs.count == localDerivatives.count,
                "Node(\(operation)): \(inputs.count) inputs but \(localDerivatives.count) local derivatives")
        self.value = value
        self.operation = operation
        self.inputs = inputs
        self.localDerivatives = localDerivatives
        self.label = label
    }

    /// An input of the graph (a variable or a parameter), e.g. `Node(2, label: "w")`.
    public convenience init(_ value: Double, label: String = "") {
        self.init(value: value, operation: .input, inputs: [], localDerivatives: [], label: label)
    }

    /// A fixed number in an expression, such as the 0 of max(0, x) or a data point; it is labelled
    /// with its value and left out of the drawn graph.
    public convenience init(constant value: Double) {
        self.init(value: value, operation: .constant, inputs: [], localDerivatives: [], label: shortNumber(value))
    }

    /// Every node this one depends on, and itself, each exactly once, each after all of its inputs.
    ///
    /// A depth-first search that lists a node once all its inputs are listed. It keeps its own stack
    /// instead of calling itself, so a long chain (a sum built term by term over thousands of
    /// examples) cannot overflow the call stack.
    public func topologicalOrder() -> [Node] {
        var order: [Node] = []
        var visited = Set<ObjectIdentifier>()
        var stack: [(node: Node, inputsListed: Bool)] = [(self, false)]
        while let (node, inputsListed) = stack.popLast() {
            if inputsListed {
                order.append(node)
                continue
            }
            guard visited.insert(ObjectIdentifier(node)).inserted else { continue }
            stack.append((node, true))                      // listed after everything pushed above it
            for input in node.inputs.reversed() { stack.append((input, false)) }
        }
        return order
    }

    /// Reverse mode: sets `gradient` = dz/dn for this node z and every node n it depends on.
    ///
    /// The nodes are visited in reverse topological order, so a node's gradient is complete (every
    /// path from z has reached it) before it is passed on to its inputs; each edge adds
    /// d(node)/d(input) * dz/d(node), the product of the edges DL Padova "AutoDifferentiation"
    /// multiplies, summed over the paths (MLiS II Eq. (1.3.3) is the same sum for a layer).
    ///
    /// Calling it again gives the same gradients, not twice them: every gradient in the graph is set
    /// to 0 first (unlike PyTorch's `backward()`, which adds to the leaves' gradients).
    public func backward() {
        let order = topologicalOrder()
        for node in order { node.gradient = 0 }
        gradient = 1                                        // dz/dz
        for node in order.reversed() {
            for (input, localDerivative) in zip(node.inputs, node.localDerivatives) {
                input.gradient += localDerivative * node.gradient
            }
        }
    }

    /// Frees a long chain without recursion. Releasing a node releases its inputs, which release
    /// theirs, one call deeper each time: 100,000 nested releases overflow the stack. So the inputs
    /// that nothing else holds are emptied here, in a loop, before they are released.
    deinit {
        var pending = inputs
        inputs = []
        while var node = pending.popLast() {
            if isKnownUniquelyReferenced(&node) {
                pending.append(contentsOf: node.inputs)
                node.inputs = []
            }
        }
    }

    /// Whether this node is a fixed number (left out of drawings and of parameter lists).
    public var isConstant: Bool { operation == .constant }
}

extension Node: CustomStringConvertible {
    /// E.g. "w5 = w1 × w2: value 2, gradient -1".
    public var description: String {
        let name = label.isEmpty ? "" : label + (inputs.isEmpty ? "" : " = ")
        let formula = inputs.isEmpty ? name : name + expression
        return "\(formula): value \(shortNumber(value)), gradient \(shortNumber(gradient))"
    }
}
