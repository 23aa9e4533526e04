// Node+Operations.swift: the derivative rules of the scalar engine, one operation per function, each
// computing its value and its local derivatives side by side (DL Padova "AutoDifferentiation": the
// partials of each edge; MLiS II Table 1.2 for the activations).
// Goals, in order: each rule readable in one line; numerically stable where the naive formula is not
// (sigmoid and softplus at +-1000); the kink conventions stated.
//
// A literal number in an expression becomes a constant node (`x * 2`, `1 / x`, `max(0, x)`), because
// Node is ExpressibleByFloatLiteral and ExpressibleByIntegerLiteral (see DifferentiableScalar.swift).

import Core
import Foundation

extension Node {
    /// a + b;  d/da = 1, d/db = 1.
    public static func + (a: Node, b: Node) -> Node {
        Node(value: a.value + b.value, operation: .add, inputs: [a, b], localDerivatives: [1, 1])
    }

    /// a - b;  d/da = 1, d/db = -1.
    public static func - (a: Node, b: Node) -> Node {
        Node(value: a.value - b.value, operation: .subtract, inputs: [a, b], localDerivatives: [1, -1])
    }

    /// a b;  d/da = b, d/db = a.
    public static func * (a: Node, b: Node) -> Node {
        Node(value: a.value * b.value, operation: .multiply, inputs: [a, b], localDerivatives: [b.value, a.value])
    }

    /// a / b;  d/da = 1/b, d/db = -a/b^2.
    public static func / (a: Node, b: Node) -> Node {
        Node(value: a.value / b.value, operation: .divide, inputs: [a, b],
             localDerivatives: [1 / b.value, -a.value / (b.value * b.value)])
    }

    /// -a;  d/da = -1.
    public static prefix func - (a: Node) -> Node {
        Node(value: -a.value, operation: .negate, inputs: [a], localDerivatives: [-1])
    }

    /// x^p for a fixed exponent p;  d/dx = p x^(p-1).
    public static func pow(_ x: Node, _ exponent: Double) -> Node {
        Node(value: Foundation.pow(x.value, exponent), operation: .power(exponent), inputs: [x],
             localDerivatives: [exponent * Foundation.pow(x.value, exponent - 1)])
    }

    /// e^x;  d/dx = e^x, the node's own value.
    public static func exp(_ x: Node) -> Node {
        let value = Foundation.exp(x.value)
        return Node(value: value, operation: .exp, inputs: [x], localDerivatives: [value])
    }

    /// ln x;  d/dx = 1/x. (x <= 0 gives NaN or -infinity, as `Foundation.log` does.)
    public static func log(_ x: Node) -> Node {
        Node(value: Foundation.log(x.value), operation: .log, inputs: [x], localDerivatives: [1 / x.value])
    }

    /// tanh x;  d/dx = 1 - tanh^2 x   (MLiS II Table 1.2).
    public static func tanh(_ x: Node) -> Node {
        let value = Foundation.tanh(x.value)
        return Node(value: value, operation: .tanh, inputs: [x], localDerivatives: [1 - value * value])
    }

    /// sigma(x) = 1/(1 + e^-x);  d/dx = sigma(x)(1 - sigma(x))   (MLiS II Table 1.2).
    /// Core's `sigmoid` never computes e^(+1000), so the value is 0 or 1 there, never NaN.
    public static func sigmoid(_ x: Node) -> Node {
        let value = Core.sigmoid(x.value)
        return Node(value: value, operation: .sigmoid, inputs: [x], localDerivatives: [value * (1 - value)])
    }

    /// max(0, x);  d/dx = [x > 0].
    ///
    /// At the kink x = 0 the derivative is 0: the indicator of DL Padova "AutoDifferentiation" (the
    /// notes' case "0, x <= -1/2" in AD-1), so that `relu(x)` and `maximum(0, x)` agree everywhere.
    /// `Dense` follows Table 1.2 instead (ReLU'(0) = 1, ERRATA E-09); both are subgradients.
    public static func relu(_ x: Node) -> Node {
        Node(value: Swift.max(0, x.value), operation: .relu, inputs: [x], localDerivatives: [x.value > 0 ? 1 : 0])
    }

    /// softplus(x) = ln(1 + e^x);  d/dx = sigma(x).
    /// Computed as max(x, 0) + ln(1 + e^-|x|), which neither overflows at x = 1000 nor loses
    /// everything to rounding at x = -1000 (where it is e^-1000, i.e. 0 in Double).
    public static func softplus(_ x: Node) -> Node {
        let value = Swift.max(x.value, 0) + Foundation.log1p(Foundation.exp(-abs(x.value)))
        return Node(value: value, operation: .softplus, inputs: [x], localDerivatives: [Core.sigmoid(x.value)])
    }

    /// max(a, b);  d/da = [a >= b], d/db = [a < b]: the larger input takes the whole gradient,
    /// and a tie goes to the first argument, so max(0, x) at x = 0 passes nothing to x (as `relu`).
    public static func maximum(_ a: Node, _ b: Node) -> Node {
        let firstWins = a.value >= b.value
        return Node(value: firstWins ? a.value : b.value, operation: .maximum, inputs: [a, b],
                    localDerivatives: firstWins ? [1, 0] : [0, 1])
    }

    /// t_1 + t_2 + ... + t_n as one node;  d/dt_i = 1 for each term.
    /// One node instead of n - 1 additions keeps a neuron's graph small and shallow.
    /// Precondition: at least one term.
    public static func sum(_ terms: [Node]) -> Node {
        require(!terms.isEmpty, "Node.sum: needs at least one term")
        let total = terms.reduce(0.0) { $0 + $1.value }
        return Node(value: total, operation: .sum, inputs: terms, localDerivatives: Array(repeating: 1, count: terms.count))
    }

    /// How this node is computed from its inputs' labels, e.g. "w1 × w2", "max(0, w6)", "w2^2";
    /// an input or constant gives its own label.
    public var expression: String {
        let names = inputs.map { $0.label.isEmpty ? "·" : $0.label }
        switch operation {
        case .input, .constant: return label
        case .add: return "\(names[0]) + \(names[1])"
        case .subtract: return "\(names[0]) − \(names[1])"
        case .multiply: return "\(names[0]) × \(names[1])"
        case .divide: return "\(names[0]) / \(names[1])"
        case .negate: return "−\(names[0])"
        case .sum: return names.joined(separator: " + ")
        case .power(let exponent): return "\(names[0])^\(shortNumber(exponent))"
        case .maximum: return "max(\(names[0]), \(names[1]))"
        case .exp, .log, .tanh, .sigmoid, .relu, .softplus:
            return "\(operation.name)(\(names[0]))"
        case .custom(let name): return "\(name)(\(names.joined(separator: ", ")))"
        }
    }
}

extension Node.Operation {
    /// The function's name as printed: "exp", "log", "tanh", "σ", "ReLU", "softplus", ...
    public var name: String {
        switch self {
        case .input: "input"
        case .constant: "constant"
        case .add: "+"
        case .subtract: "−"
        case .multiply: "×"
        case .divide: "/"
        case .negate: "−"
        case .sum: "sum"
        case .power(let exponent): "^\(shortNumber(exponent))"
        case .exp: "exp"
        case .log: "log"
        case .tanh: "tanh"
        case .sigmoid: "σ"
        case .relu: "ReLU"
        case .softplus: "softplus"
        case .maximum: "max"
        case .custom(let name): name
        }
    }
}

/// A number in as few characters as it needs, up to `digits` decimals: 2, -1, 0.75, 0.4375, 1.2346.
/// Used for labels, tables and the chapter's summary line; never prints "-0".
public func shortNumber(_ value: Double, digits: Int = 4) -> String {
    guard value.isFinite else { return value.isNaN ? "nan" : (value > 0 ? "inf" : "-inf") }
    var text = formatted(value, digits: digits)
    if text.contains(".") {
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
    }
    return text == "-0" ? "0" : text
}
