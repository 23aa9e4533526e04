// Exercise 20: the graph of x^2/x + 1/x^2 and its derivative, by hand.   Practises DL Padova
// "AutoDifferentiation", the exercise at its end ("try to create the graph related to x^2/x + 1/x^2"):
// a forward sweep for the values, a backward sweep for the gradients, with more than one path.
// Check:  swift run --package-path Exercises exercises 20     (one hint at a time: exercises --hint 20)
// See it running:  swift run autodiff
//
// The graph, with x^2 computed once and used twice:
//
//     w1 = x,   w2 = w1^2,   w3 = w2 / w1,   w4 = 1 / w2,   w5 = w3 + w4 = f(x)
//
//   (1) Forward sweep: the values w1...w5, from the bottom up.
//   (2) Backward sweep: the adjoints wbar_i = df/dw_i, from the top down. wbar5 = 1, and each node
//       collects edge x adjoint from every node that uses it, e.g.
//           wbar2 = wbar3 * dw3/dw2 + wbar4 * dw4/dw2,    with dw3/dw2 = 1/w1 and dw4/dw2 = -1/w2^2.
//       w1 is used by w2 and by w3, so wbar1 has two terms as well; wbar1 is f'(x).
//   (3) Simplify f by hand (x^2/x = x for x != 0) and write f'(x) as a formula.

/// The forward sweep: [w1, w2, w3, w4, w5] at x (x != 0).

public func ad2ForwardSweep(at x: Double) -> [Double] {
    // TODO: the five node values, bottom up.
    return [0, 0, 0, 0, 0]
}

/// The backward sweep: [df/dw1, df/dw2, df/dw3, df/dw4, df/dw5] at x (x != 0); the first is f'(x).
public func ad2BackwardSweep(at x: Double) -> [Double] {
    // TODO: the five adjoints, top down, adding one term per edge that leaves each node.
    return [0, 0, 0, 0, 0]
}

/// f'(x) simplified by hand to a formula in x.
public func ad2DerivativeFormula(_ x: Double) -> Double {
    // TODO: differentiate the simplified f.
    return 0
}
