// Solution to Exercise 31: one RNN step and BPTT over two steps (DL Padova "Unfolding time").
//
// The forward pass keeps h_1 and h_2, because tanh' is read off them (1 - h^2). Going back, each
// step's delta is the gradient reaching its h times tanh' there; the weights' gradients collect one
// term per step (the same w_x, w_h and b act at both), and the gradient handed to the step before
// is delta w_h: the factor that, repeated over many steps, makes gradients vanish or explode.

import Foundation

public func rnnStep(x: Double, previous h: Double, wx: Double, wh: Double, b: Double) -> Double {
    tanh(x * wx + h * wh + b)
}

public func twoStepGradients(x1: Double, x2: Double, h0: Double, wx: Double, wh: Double, b: Double, target y: Double)
    -> (wx: Double, wh: Double, b: Double, h0: Double)
{
    let h1 = rnnStep(x: x1, previous: h0, wx: wx, wh: wh, b: b)
    let h2 = rnnStep(x: x2, previous: h1, wx: wx, wh: wh, b: b)
    let delta2 = (h2 - y) * (1 - h2 * h2)
    let delta1 = delta2 * wh * (1 - h1 * h1)
    return (delta1 * x1 + delta2 * x2, delta1 * h0 + delta2 * h1, delta1 + delta2, delta1 * wh)
}
