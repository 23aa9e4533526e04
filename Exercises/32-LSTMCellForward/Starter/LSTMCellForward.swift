// Exercise 32: one step of an LSTM cell.   Practises DL Padova "Long Short-Term Memory" (and DAT300's
// forget, update and output gates): three gates with a sigmoid, a candidate with tanh, the cell
// state carried forward by the forget gate.
// Check:  swift run --package-path Exercises exercises 32     (one hint at a time: exercises --hint 32)
// See it running:  swift run recurrent
//
// For one example, with column vectors x (F values), h and c (H values each):
//     f = sigma(U_f x + W_f h + b_f)      forget gate
//     i = sigma(U_i x + W_i h + b_i)      input (DAT300: update) gate
//     o = sigma(U_o x + W_o h + b_o)      output gate
//     c̄ = tanh(U_c x + W_c h + b_c)       candidate (not a gate: E-59)
//     c_new = f ⊙ c + i ⊙ c̄               ⊙ element by element (RNN-2)
//     h_new = o ⊙ tanh(c_new)
// Each U is H x F and each W is H x H, given as arrays of rows; sigma(z) = 1/(1 + e^-z).

import Foundation

/// One block's weights: U (on x, H rows of F), W (on h, H rows of H), b (H values).
public struct LSTMBlockWeights {
    public var U: [[Double]]
    public var W: [[Double]]
    public var b: [Double]
    public init(U: [[Double]], W: [[Double]], b: [Double]) { (self.U, self.W, self.b) = (U, W, b) }
}

/// The new hidden and cell states after one LSTM step.
public func lstmCellForward(x: [Double], h: [Double], c: [Double], forget: LSTMBlockWeights, input: LSTMBlockWeights,
                            output: LSTMBlockWeights, candidate: LSTMBlockWeights) -> (h: [Double], c: [Double]) {
    // TODO: the four pre-activations U x + W h + b, their sigma (gates) or tanh (candidate), then c_new and h_new.
    return (h, c)
}
