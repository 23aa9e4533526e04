// GRU.swift: the gated recurrent unit, DL Padova "GRU" (update gate z, reset gate r, candidate ĥ,
// one state h), with both gate conventions (E-66) and both places for the reset gate (before the
// recurrent product, as the notes and Keras' `reset_after=False`; after it, with a second bias, as
// Keras' default and PyTorch), whose parameter counts differ (E-57). BPTT is in GRU+Backward.swift.
// Goals, in order: the notes' equations (CellEquations.swift prints them, and the tests show this
// layer equal to them); each choice named and explained where it is made; whole batches through GEMM.

import Core
import Foundation
import NeuralNetworks

/// Where the reset gate acts on the candidate's recurrent term.
public enum ResetPlacement: String, Sendable, CaseIterable {
    /// ĥ = tanh(W_h x + U_h (r ⊙ h) + b_h): DL Padova "GRU", Cho et al. 2014, Keras `reset_after=False`.
    /// 3 H (F + H + 1) parameters, DAT300's formula.
    case beforeProduct
    /// ĥ = tanh(W_h x + b_h + r ⊙ (U_h h + b'_h)), with a second bias b' on every recurrent product:
    /// Keras' default `reset_after=True`, PyTorch, cuDNN. 3 H (F + H + 2) parameters (E-57).
    case afterProduct
}

/// A layer of H GRU units; one step for a batch of rows (DL Padova "GRU", row form):
///
///     [z | r | ĥ] input part = x_t W_x + b                                   ([N, 3H])
///     z_t = sigma(x_t W_xz + h_(t-1) W_hz + b_z),  r_t = sigma(x_t W_xr + h_(t-1) W_hr + b_r)
///     ĥ_t = tanh(x_t W_xh + (r_t ⊙ h_(t-1)) W_hh + b_h)                     (reset before the product)
///     h_t = (1 - z_t) ⊙ h_(t-1) + z_t ⊙ ĥ_t                                 (DL Padova; E-66)
///
/// ```swift
/// var generator = Xoshiro256StarStar(seed: 1)
/// print(GRU(inputs: 10, units: 64, generator: &generator).parameterCount)                                 // 14400
/// print(GRU(inputs: 10, units: 64, resetPlacement: .afterProduct, generator: &generator).parameterCount)  // 14592
/// ```
public final class GRU: RecurrentLayer {
    /// W_x = [W_z^T | W_r^T | W_h^T] (the notes' input matrices, transposed), [F, 3H].
    public let inputWeights: Parameter
    /// W_h = [U_z^T | U_r^T | U_h^T] (the notes' recurrent matrices, transposed), [H, 3H].
    public let recurrentWeights: Parameter
    /// b = [b_z | b_r | b_h], [1, 3H].
    public let bias: Parameter
    /// b' = [b'_z | b'_r | b'_h], [1, 3H], only with the reset gate after the product.
    public let recurrentBias: Parameter?
    public let convention: GRUConvention
    public let resetPlacement: ResetPlacement
    public let returnsSequences: Bool
    /// k of truncated back-propagation through time (see `SimpleRNN.truncation`); nil: full BPTT.
    public var truncation: Int? {
        didSet { require((truncation ?? 1) > 0, "GRU.truncation: needs k >= 1, got \(truncation!)") }
    }
    public var initialState: Tensor?
    public internal(set) var initialStateGradient: Tensor?
    public internal(set) var finalState: Tensor?

    var cache: GRUCache?

    /// A layer with given W_x [F, 3H], W_h [H, 3H], b (3H values) and, for `.afterProduct`, b' (3H values).
    public init(inputWeights: Tensor, recurrentWeights: Tensor, bias: Tensor, recurrentBias: Tensor? = nil,
                convention: GRUConvention = .padova, resetPlacement: ResetPlacement = .beforeProduct,
                returnsSequences: Bool = false) {
        let units = recurrentWeights.shape.first ?? 0
        requireShapes(recurrentWeights.shape == [units, 3 * units] && units > 0, "GRU: W_h vs [H, 3H]",
                      recurrentWeights.shape, [units, 3 * units])
        requireShapes(inputWeights.rank == 2 && inputWeights.shape[1] == 3 * units, "GRU: W_x [F, 3H] vs W_h [H, 3H]",
                      inputWeights.shape, recurrentWeights.shape)
        requireShapes(bias.count == 3 * units, "GRU: b vs [3H]", bias.shape, [3 * units])
        require((recurrentBias != nil) == (resetPlacement == .afterProduct),
                "GRU: a second bias b' goes with the reset gate after the product, and only there (\(resetPlacement))")
        if let recurrentBias { requireShapes(recurrentBias.count == 3 * units, "GRU: b' vs [3H]", recurrentBias.shape, [3 * units]) }
        self.inputWeights = Parameter("W_x", value: inputWeights, isPenalised: true)
        self.recurrentWeights = Parameter("W_h", value: recurrentWeights, isPenalised: true)
        self.bias = Parameter("b", value: bias.reshaped([1, 3 * units]))
        self.recurrentBias = recurrentBias.map { Parameter("b'", value: $0.reshaped([1, 3 * units])) }
        (self.convention, self.resetPlacement, self.returnsSequences) = (convention, resetPlacement, returnsSequences)
    }

    /// H units on F inputs: W_x and W_h Xavier uniform, biases 0.
    public convenience init(inputs: Int, units: Int, convention: GRUConvention = .padova,
                            resetPlacement: ResetPlacement = .beforeProduct, returnsSequences: Bool = false,
                            generator: inout Xoshiro256StarStar) {
        require(inputs > 0 && units > 0, "GRU: needs inputs and units >= 1, got \(inputs) and \(units)")
        let wx = Initialisation.xavierUniform.tensor(shape: [inputs, 3 * units], inputs: inputs, outputs: 3 * units,
                                                     generator: &generator)
        let wh = Initialisation.xavierUniform.tensor(shape: [units, 3 * units], inputs: units, outputs: 3 * units,
                                                     generator: &generator)
        self.init(inputWeights: wx, recurrentWeights: wh, bias: Tensor(shape: [1, 3 * units]),
                  recurrentBias: resetPlacement == .afterProduct ? Tensor(shape: [1, 3 * units]) : nil,
                  convention: convention, resetPlacement: resetPlacement, returnsSequences: returnsSequences)
    }

    public var inputCount: Int { inputWeights.value.rows }
    public var units: Int { recurrentWeights.value.rows }
    public var parameters: [Parameter] { [inputWeights, recurrentWeights, bias] + (recurrentBias.map { [$0] } ?? []) }

    /// Gate `index` (0 = z, 1 = r, 2 = ĥ) in the notes' form, in Double: W (on x), U (on h), b, b'.
    public func gateWeights(_ index: Int) -> GateWeights {
        require((0..<3).contains(index), "GRU.gateWeights: gate \(index) is not 0 (z), 1 (r) or 2 (ĥ)")
        let columns = (index * units)..<((index + 1) * units)
        return GateWeights(input: notesRows(inputWeights.value, columns), recurrent: notesRows(recurrentWeights.value, columns),
                           bias: columns.map { Double(bias.value.scalars[$0]) },
                           recurrentBias: recurrentBias.map { b in columns.map { Double(b.value.scalars[$0]) } })
    }

    /// h_t for t = 1 ... T; see the type's equations. [N, T, F] to [N, T, H] or [N, H].
    /// Preconditions: F = `inputCount`, T >= 1, h_0 (if given) [N, H].
    public func forward(_ input: Tensor, training: Bool = false) -> Tensor {
        let shape = requireSequence(input, features: inputCount, "GRU.forward", weightShape: inputWeights.value.shape)
        let (n, h, steps) = (shape.batch, units, shape.steps)
        let start = startingState(initialState, batch: n, units: h, "GRU.forward")
        let inputs = timeMajor(input).reshaped([steps * n, shape.features])
        var gates = matmul(inputs, inputWeights.value).addingRowVector(bias.value)     // x_t W_x + b, every t
        var recurrent = Tensor(shape: [steps * n, 3 * h])       // the recurrent products (the ĥ block: after the reset)
        var resetStates = Tensor(shape: [steps * n, h])         // r_t ⊙ h_(t-1), for the reset before the product
        var states = Tensor(concatenating: [start, Tensor(shape: [steps * n, h])], alongAxis: 0)
        let recurrentBiasValues = recurrentBias?.value ?? Tensor(shape: [1, 3 * h])
        gates.scalars.withUnsafeMutableBufferPointer { g in
            recurrent.scalars.withUnsafeMutableBufferPointer { u in
                resetStates.scalars.withUnsafeMutableBufferPointer { rh in
                    states.scalars.withUnsafeMutableBufferPointer { s in
                        recurrentWeights.value.scalars.withUnsafeBufferPointer { w in
                            recurrentBiasValues.scalars.withUnsafeBufferPointer { bPrime in
                                let buffers = GRUStepBuffers(h: h, rows: n, weights: w.baseAddress!, recurrentBias: bPrime.baseAddress!)
                                for t in 0..<steps {
                                    buffers.forwardStep(gates: g.baseAddress! + t * n * 3 * h, recurrent: u.baseAddress! + t * n * 3 * h,
                                                        resetState: rh.baseAddress! + t * n * h, previous: s.baseAddress! + t * n * h,
                                                        next: s.baseAddress! + (t + 1) * n * h, layer: self)
                                }
                            }
                        }
                    }
                }
            }
        }
        cache = GRUCache(shape: shape, inputs: inputs, gates: gates, recurrent: recurrent, resetStates: resetStates, states: states)
        let newStates = states.sliced(n..<((steps + 1) * n))
        finalState = step(steps - 1, of: newStates, batch: n)
        return layerOutput(states: newStates, shape, units: h, returnsSequences: returnsSequences)
    }
}

/// What a GRU forward pass keeps, time-major: x_t [T N, F]; z, r, ĥ [T N, 3H]; the recurrent
/// products [T N, 3H]; r ⊙ h_(t-1) [T N, H]; h_0 ... h_T [(T + 1) N, H].
struct GRUCache {
    let shape: SequenceShape
    let inputs: Tensor
    let gates: Tensor
    let recurrent: Tensor
    let resetStates: Tensor
    let states: Tensor
}
