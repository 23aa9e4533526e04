// Exercise 31: one RNN step, and back-propagation through time over two steps, by hand.
// Practises DL Padova "Unfolding time" (h_t = phi(x_t W_x + h_(t-1) W_h + b), phi = tanh) and the
// sum over time steps of BPTT, with one unit so every quantity is a number.
// Check:  swift run --package-path Exercises exercises 31     (one hint at a time: exercises --hint 31)
// See it running:  swift run recurrent
//
// Forward, two steps from h_0:
//     h_1 = tanh(x_1 w_x + h_0 w_h + b),   h_2 = tanh(x_2 w_x + h_1 w_h + b),   J = (h_2 - y)^2 / 2
// Backward, from the last step to the first (tanh'(z) = 1 - tanh(z)^2 = 1 - h^2):
//     g_2 = dJ/dh_2 = h_2 - y,            delta_2 = g_2 (1 - h_2^2)
//     g_1 = dJ/dh_1 = delta_2 w_h,        delta_1 = g_1 (1 - h_1^2)
//     dJ/dw_x = delta_1 x_1 + delta_2 x_2      dJ/dw_h = delta_1 h_0 + delta_2 h_1
//     dJ/db   = delta_1 + delta_2               dJ/dh_0 = delta_1 w_h
// The weights are shared by both steps, so each of their gradients is a sum over the steps.

import Foundation

/// h_t = tanh(x w_x + h w_h + b) for one unit (DL Padova "Unfolding time").
public func rnnStep(x: Double, previous h: Double, wx: Double, wh: Double, b: Double) -> Double {
    // TODO: one step of the simple RNN.
    return 0
}

/// dJ/dw_x, dJ/dw_h, dJ/db and dJ/dh_0 for J = (h_2 - y)^2 / 2 after the two steps from h_0 (x_1, x_2).
public func twoStepGradients(x1: Double, x2: Double, h0: Double, wx: Double, wh: Double, b: Double, target y: Double)
    -> (wx: Double, wh: Double, b: Double, h0: Double)
{
    // TODO: the forward pass (keep h_1 and h_2), then BPTT from step 2 back to step 1.
    return (0, 0, 0, 0)
}
