// Exercise 19: the backward rule of a new node type.   Practises DL Padova "AutoDifferentiation" (each
// edge of the graph carries a partial derivative, and the chain rule multiplies them) with the ELU of
// MLiS II Table 1.2.
// Check:  swift test --package-path Exercises --filter Exercise19
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
//
// Hint: `Node(value:operation:inputs:localDerivatives:)` with `operation: .custom("ELU")` and x as the
// only input. For x < 0, alpha e^x is ELU(x) + alpha, so the value you computed gives the derivative
// too. Use `expm1(x)` for e^x - 1: it stays exact for tiny x. The tests check your node against central
// differences, against NeuralNetworks' ELU, inside a graph that uses x twice, and at x = +-1000.

import AutoDiff
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
