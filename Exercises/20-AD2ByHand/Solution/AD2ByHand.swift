// Solution to Exercise 20: the graph of x^2/x + 1/x^2 by hand (DL Padova "AutoDifferentiation").
//
// The backward sweep visits the nodes in the reverse of the forward order, so every adjoint is
// complete before it is passed down. w2 is used by w3 and w4, and w1 by w2 and w3, so their adjoints
// have two terms each: the three paths from x to f (w1 -> w2 -> w3, w1 -> w3, w1 -> w2 -> w4) add up to
// f'(x) = 2 w1 (1/w1 - 1/w2^2) - w2/w1^2 = 2 - 2/x^3 - 1 = 1 - 2/x^3, which is the derivative of the
// simplified f(x) = x + x^-2.

public func ad2ForwardSweep(at x: Double) -> [Double] {
    let w1 = x
    let w2 = w1 * w1
    let w3 = w2 / w1
    let w4 = 1 / w2
    return [w1, w2, w3, w4, w3 + w4]
}

public func ad2BackwardSweep(at x: Double) -> [Double] {
    let w = ad2ForwardSweep(at: x)
    let bar5 = 1.0
    let bar4 = bar5 * 1                                         // dw5/dw4 = 1
    let bar3 = bar5 * 1                                         // dw5/dw3 = 1
    let bar2 = bar3 * (1 / w[0]) + bar4 * (-1 / (w[1] * w[1]))   // dw3/dw2 = 1/w1, dw4/dw2 = -1/w2^2
    let bar1 = bar2 * (2 * w[0]) + bar3 * (-w[1] / (w[0] * w[0]))  // dw2/dw1 = 2 w1, dw3/dw1 = -w2/w1^2
    return [bar1, bar2, bar3, bar4, bar5]
}

public func ad2DerivativeFormula(_ x: Double) -> Double {
    1 - 2 / (x * x * x)
}
