// Solution to Exercise 19: the backward rule of a new node type (ELU, MLiS II Table 1.2).
//
// The node stores what backward() needs and nothing else: its value, its one input, and dELU/dx at
// that input. For x < 0 the derivative alpha e^x equals ELU(x) + alpha, so it is read off the value;
// at x = 0 both the value and the derivative take the "otherwise" branch (1), as Table 1.2 and the
// library's Activation.elu do (ERRATA E-09). expm1 keeps e^x - 1 exact near 0, and at x = -1000 it
// is -1, so the value is -alpha and the derivative 0, never NaN.

import AutoDiff
import Foundation

public func elu(_ x: Node, alpha: Double = 1) -> Node {
    let isNegative = x.value < 0
    let value = isNegative ? alpha * expm1(x.value) : x.value
    let derivative = isNegative ? value + alpha : 1
    return Node(value: value, operation: .custom("ELU"), inputs: [x], localDerivatives: [derivative])
}
