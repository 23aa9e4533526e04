// CellEquations.swift: one step of each cell exactly as the notes print it, for one example, in
// Double: the simple RNN of DL Padova "Unfolding time" (row form) and DAT300 "Basic structure"
// (column form, with the output layer); the LSTM of DL Padova "Long Short-Term Memory" (U and W per
// gate) and DAT300 "Long Short-Term Memory" (one W per gate on the concatenation [h_(t-1), x_t]);
// the GRU of DL Padova "GRU" with its gate convention and the Keras / PyTorch one (E-66).
// Goals, in order: each printed equation as one line, in the notes' letters; Double, so the
// WORKED-NUMBERS.md's ten-digit values are reproduced exactly; the plain twins the batched Float layers are
// tested against (and the oracle of their gradient checks).
//
// Vectors are [Double]; a matrix is [[Double]], a list of rows, and M v is the matrix-vector product
// of the column-form equations.

import Core
import Foundation

/// M v for a matrix given by its rows. Precondition: every row has v.count entries.
public func product(_ matrix: [[Double]], _ vector: [Double]) -> [Double] {
    matrix.map { row in
        require(row.count == vector.count, "product: a row of \(row.count) entries times a vector of \(vector.count)")
        return zip(row, vector).reduce(0) { $0 + $1.0 * $1.1 }
    }
}

/// v M for a row vector and a matrix given by its rows (the row form x_t W_x of DL Padova).
public func product(_ vector: [Double], _ matrix: [[Double]]) -> [Double] {
    require(matrix.count == vector.count, "product: a vector of \(vector.count) entries times \(matrix.count) rows")
    let columns = matrix.first?.count ?? 0
    return (0..<columns).map { j in zip(vector, matrix).reduce(0) { $0 + $1.0 * $1.1[j] } }
}

/// a + b, elementwise: the ⊕ of DAT300 "Long Short-Term Memory" (RNN-1).
public func elementwiseSum(_ a: [Double], _ b: [Double]) -> [Double] {
    require(a.count == b.count, "elementwiseSum (⊕): \(a.count) and \(b.count) entries")
    return zip(a, b).map { $0 + $1 }
}

/// a ⊙ b, elementwise: the ⊗ (gating) of DAT300, the ∗ of DL Padova (RNN-2).
public func elementwiseProduct(_ a: [Double], _ b: [Double]) -> [Double] {
    require(a.count == b.count, "elementwiseProduct (⊗): \(a.count) and \(b.count) entries")
    return zip(a, b).map { $0 * $1 }
}

/// sigma(z) = 1/(1 + e^-z) of every entry.
public func elementwiseSigmoid(_ z: [Double]) -> [Double] { z.map { Core.sigmoid($0) } }

/// tanh of every entry.
public func elementwiseTanh(_ z: [Double]) -> [Double] { z.map { Foundation.tanh($0) } }

/// h_t = phi(x_t W_x + h_(t-1) W_h + b), row vectors, W_x [F][H] and W_h [H][H]   (DL Padova "Unfolding time")
public func rnnStepPadova(x: [Double], previous h: [Double], Wx: [[Double]], Wh: [[Double]], b: [Double],
                          phi: ([Double]) -> [Double] = elementwiseTanh) -> [Double] {
    phi(elementwiseSum(elementwiseSum(product(x, Wx), product(h, Wh)), b))
}

/// h_t = tanh(W_hh h_(t-1) + W_xh x_t + b_h) and y_t = f(W_hy h_t + b_y), column vectors,
/// W_hh [H][H], W_xh [H][F], W_hy [O][H]   (DAT300 "Basic structure")
public func rnnStepDAT300(x: [Double], previous h: [Double], Whh: [[Double]], Wxh: [[Double]], bh: [Double],
                          Why: [[Double]], by: [Double], f: ([Double]) -> [Double] = { $0 })
    -> (h: [Double], y: [Double]) {
    let hNew = elementwiseTanh(elementwiseSum(elementwiseSum(product(Whh, h), product(Wxh, x)), bh))
    return (hNew, f(elementwiseSum(product(Why, hNew), by)))
}

/// One gate's weights for one example: a matrix on the input x_t ([H][F]), one on the state
/// h_(t-1) ([H][H]), and a bias; `recurrentBias`, if any, is the second bias of Keras' GRU with
/// `reset_after` (and of PyTorch), added to the recurrent product.
///
/// The notes' letters differ between the cells: in DL Padova's LSTM the input matrix is U and the
/// recurrent one W (U_c X_t + W_c H_(t-1)); in its GRU the input matrix is W and the recurrent one
/// U (W_z x_t + U_z h_(t-1)). Named by role here, so neither reading is forced on the other.
public struct GateWeights: Sendable {
    public var input: [[Double]]
    public var recurrent: [[Double]]
    public var bias: [Double]
    public var recurrentBias: [Double]?

    public init(input: [[Double]], recurrent: [[Double]], bias: [Double], recurrentBias: [Double]? = nil) {
        (self.input, self.recurrent, self.bias, self.recurrentBias) = (input, recurrent, bias, recurrentBias)
    }

    /// (input) x + (recurrent) h + b (+ the recurrent bias): the gate's pre-activation.
    public func preActivation(x: [Double], h: [Double]) -> [Double] {
        elementwiseSum(elementwiseSum(product(input, x), recurrentPart(h)), bias)
    }

    /// (recurrent) h (+ the recurrent bias).
    public func recurrentPart(_ h: [Double]) -> [Double] {
        let part = product(recurrent, h)
        return recurrentBias.map { elementwiseSum(part, $0) } ?? part
    }

    /// DAT300's single matrix on [h_(t-1), x_t]: [recurrent | input], [H][H + F].
    public var concatenated: [[Double]] { zip(recurrent, input).map { $0 + $1 } }
}

/// One LSTM step's results: the three gates, the candidate, and the new states.
public struct LSTMStep: Sendable {
    public var forget: [Double]
    public var input: [Double]
    public var output: [Double]
    public var candidate: [Double]
    public var cell: [Double]
    public var hidden: [Double]
}

/// DL Padova "Long Short-Term Memory", as printed:
///
///     C̄_t = tanh(U_c X_t + W_c H_(t-1) + b_c)
///     f_t = sigma(U_f X_t + W_f H_(t-1) + b_f),  I_t = sigma(U_i ...),  O_t = sigma(U_o ...)
///     C_t = f_t ∗ C_(t-1) + I_t ∗ C̄_t
///     H_t = O_t ∗ tanh(C_t)
public func lstmStepPadova(x: [Double], previous h: [Double], cell c: [Double], forget f: GateWeights,
                           input i: GateWeights, output o: GateWeights, candidate cc: GateWeights) -> LSTMStep {
    let candidate = elementwiseTanh(cc.preActivation(x: x, h: h))
    let (forget, input, output) = (elementwiseSigmoid(f.preActivation(x: x, h: h)), elementwiseSigmoid(i.preActivation(x: x, h: h)),
                                   elementwiseSigmoid(o.preActivation(x: x, h: h)))
    let cell = elementwiseSum(elementwiseProduct(forget, c), elementwiseProduct(input, candidate))
    return LSTMStep(forget: forget, input: input, output: output, candidate: candidate, cell: cell,
                    hidden: elementwiseProduct(output, elementwiseTanh(cell)))
}

/// DAT300 "Long Short-Term Memory", as printed, each W_• acting on the concatenation [h_(t-1), x_t]:
///
///     Γ_f = sigma(W_f [h_(t-1), x_t] + b_f),   C*_t = Γ_f ⊗ C_(t-1)
///     Γ_u = sigma(W_u [h_(t-1), x_t] + b_u),   C~_t = tanh(W_C [h_(t-1), x_t] + b_C)
///     C_t = C*_t ⊕ (Γ_u ⊗ C~_t)
///     Γ_o = sigma(W_o [h_(t-1), x_t] + b_o),   h_t = Γ_o ⊗ tanh(C_t)
///
/// `W` and `b` give each gate as [W_• on h | W_• on x] ([H][H + F]) and its bias.
public func lstmStepDAT300(x: [Double], previous h: [Double], cell c: [Double],
                           forget: (W: [[Double]], b: [Double]), update: (W: [[Double]], b: [Double]),
                           output: (W: [[Double]], b: [Double]), candidate: (W: [[Double]], b: [Double])) -> LSTMStep {
    let hx = h + x                                                        // [h_(t-1), x_t]
    let gammaF = elementwiseSigmoid(elementwiseSum(product(forget.W, hx), forget.b))
    let forgotten = elementwiseProduct(gammaF, c)                         // C*_t
    let gammaU = elementwiseSigmoid(elementwiseSum(product(update.W, hx), update.b))
    let cTilde = elementwiseTanh(elementwiseSum(product(candidate.W, hx), candidate.b))
    let cell = elementwiseSum(forgotten, elementwiseProduct(gammaU, cTilde))
    let gammaO = elementwiseSigmoid(elementwiseSum(product(output.W, hx), output.b))
    return LSTMStep(forget: gammaF, input: gammaU, output: gammaO, candidate: cTilde, cell: cell,
                    hidden: elementwiseProduct(gammaO, elementwiseTanh(cell)))
}

/// Which way a GRU mixes the old state and the candidate (E-66). Both are in use; they differ only
/// in which of z and 1 - z weighs which, so a network trained with one learns z's complement with the other.
public enum GRUConvention: String, Sendable, CaseIterable {
    /// h_t = (1 - z_t) ⊙ h_(t-1) + z_t ⊙ ĥ_t: DL Padova "GRU" (and Cho et al. 2014): z = 1 takes the candidate.
    case padova
    /// h_t = z_t ⊙ h_(t-1) + (1 - z_t) ⊙ ĥ_t: Keras and PyTorch: z = 1 keeps the old state.
    case kerasPyTorch

    /// The weight on the candidate ĥ_t: z (DL Padova) or 1 - z (Keras, PyTorch).
    public func candidateShare(_ z: Double) -> Double { self == .padova ? z : 1 - z }
}

/// One GRU step's results.
public struct GRUStep: Sendable {
    public var update: [Double]
    public var reset: [Double]
    public var candidate: [Double]
    public var hidden: [Double]
}

/// DL Padova "GRU", as printed (W on x_t, U on h_(t-1)):
///
///     z_t = sigma(W_z x_t + U_z h_(t-1) + b_z),   r_t = sigma(W_r x_t + U_r h_(t-1) + b_r)
///     ĥ_t = tanh(W_h x_t + U_h (r_t ⊙ h_(t-1)) + b_h)
///     h_t = (1 - z_t) ⊙ h_(t-1) + z_t ⊙ ĥ_t            (`convention` .padova; E-66 for the other)
///
/// With `resetAfter` (Keras' default `reset_after=True`, PyTorch, cuDNN) the reset gate multiplies
/// the recurrent product instead: ĥ_t = tanh(W_h x_t + b_h + r_t ⊙ (U_h h_(t-1) + b'_h)), with the
/// second biases b' in `recurrentBias`. For one unit (scalars) the two placements agree when b' = 0.
public func gruStep(x: [Double], previous h: [Double], update: GateWeights, reset: GateWeights, candidate: GateWeights,
                    convention: GRUConvention = .padova, resetAfter: Bool = false) -> GRUStep {
    let z = elementwiseSigmoid(update.preActivation(x: x, h: h))
    let r = elementwiseSigmoid(reset.preActivation(x: x, h: h))
    let recurrent = resetAfter ? elementwiseProduct(r, candidate.recurrentPart(h))
                               : product(candidate.recurrent, elementwiseProduct(r, h))
    let hHat = elementwiseTanh(elementwiseSum(elementwiseSum(product(candidate.input, x), recurrent), candidate.bias))
    let hidden = (0..<h.count).map { j in
        let share = convention.candidateShare(z[j])
        return (1 - share) * h[j] + share * hHat[j]
    }
    return GRUStep(update: z, reset: r, candidate: hHat, hidden: hidden)
}
