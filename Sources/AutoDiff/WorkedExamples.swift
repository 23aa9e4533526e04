// WorkedExamples.swift: the two graphs of DL Padova "AutoDifferentiation", AD-1 (the cost
// C = y - max(0, w x + b) at y = 5, w = 2, x = 1, b = 1) and AD-2 (the exercise f(x) = x^2/x + 1/x^2),
// as generic functions and as graphs with the notes' node names, and erratum E-12.

/// C(y, w, x, b) = y - max(0, w x + b)   (DL Padova "AutoDifferentiation", AD-1)
public func ad1Cost<T: DifferentiableScalar>(y: T, w: T, x: T, b: T) -> T {
    y - T.maximum(0, w * x + b)
}

/// f(x) = x^2/x + 1/x^2   (DL Padova "AutoDifferentiation", the exercise; AD-2)
///
/// Written as the graph the exercise asks for, with x^2 computed once and used twice, so that x
/// reaches f along three paths (x -> x^2 -> x^2/x, x -> x^2/x, x -> x^2 -> 1/x^2), whose products
/// add up to f'(x) = 1 - 2/x^3, which the notes do not print (WORKED-NUMBERS.md: f'(1) = -1, f'(2) = 0.75, f'(-1) = 3).
public func ad2Function<T: DifferentiableScalar>(_ x: T) -> T {
    let square = T.pow(x, 2)
    return square / x + 1 / square
}

/// f'(x) = 1 - 2/x^3, AD-2's derivative simplified by hand (x^2/x = x), for checking both modes.
public func ad2DerivativeByHand(_ x: Double) -> Double {
    1 - 2 / (x * x * x)
}

/// AD-1 as the notes draw and tabulate it: the inputs w1 = w, w2 = x, w3 = b, w4 = y, and
///
///     w5 = w1 w2,   w6 = w5 + w3,   w7 = max(0, w6),   w8 = w4 - w7,   z = w8.
///
/// At y = 5, w = 2, x = 1, b = 1 the values are w5..w8 = (2, 3, 3, 2), z = 2, and after
/// `z.backward()`: dz/dw = -x = -1, dz/dx = -w = -2, dz/db = -1, dz/dy = 1. The edges hold
/// dw5/dw1 = w2, dw5/dw2 = w1, dw6/dw5 = dw6/dw3 = 1, dw7/dw6 = [w6 > 0], dw8/dw4 = 1, dw8/dw7 = -1:
/// the table the notes print instead (dw7/dw1 = w2, dw7/dw2 = w1, no dw7/dw6 or dw8/dw7) mixes whole
/// paths with edges (ERRATA E-12).
public struct AD1Graph {
    public let w1, w2, w3, w4, w5, w6, w7, w8: Node
    /// The result; the notes name it separately, but it is the node w8.
    public var z: Node { w8 }
    /// The notes' names of the inputs: w1 is w, w2 is x, w3 is b, w4 is y.
    public static let variableNames = ["w1": "w", "w2": "x", "w3": "b", "w4": "y"]

    /// The graph at a point (the notes' point by default). Call `z.backward()` for the gradients.
    public init(y: Double = 5, w: Double = 2, x: Double = 1, b: Double = 1) {
        (w1, w2, w3, w4) = (Node(w, label: "w1"), Node(x, label: "w2"), Node(b, label: "w3"), Node(y, label: "w4"))
        w5 = w1 * w2
        w6 = w5 + w3
        w7 = Node.maximum(0, w6)
        w8 = w4 - w7
        for (node, label) in [(w5, "w5"), (w6, "w6"), (w7, "w7"), (w8, "w8")] { node.label = label }
    }

    /// The nodes in the notes' order, w1...w8.
    public var nodes: [Node] { [w1, w2, w3, w4, w5, w6, w7, w8] }
}

/// AD-2 as a graph with named nodes:
///
///     w1 = x,   w2 = w1^2,   w3 = w2 / w1,   w4 = 1 / w2,   w5 = w3 + w4 = f(x).
///
/// w1 feeds w2 and w3, and w2 feeds w3 and w4: "there is not always only one path between
/// the result and the parameter" (DL Padova "AutoDifferentiation"), and backward() adds the paths.
public struct AD2Graph {
    public let w1, w2, w3, w4, w5: Node
    public var f: Node { w5 }

    public init(x: Double) {
        w1 = Node(x, label: "w1")
        w2 = Node.pow(w1, 2)
        w3 = w2 / w1
        w4 = 1 / w2
        w5 = w3 + w4
        for (node, label) in [(w2, "w2"), (w3, "w3"), (w4, "w4"), (w5, "w5")] { node.label = label }
    }

    /// The nodes in order, w1...w5.
    public var nodes: [Node] { [w1, w2, w3, w4, w5] }
}
