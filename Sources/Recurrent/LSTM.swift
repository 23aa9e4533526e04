// LSTM.swift: long short-term memory, DL Padova "Long Short-Term Memory" and DAT300 "Long
// Short-Term Memory" (forget, update/input and output gates, candidate C~, cell state C), as a
// batched layer with its four weight blocks side by side; back-propagation through time is in
// LSTM+Backward.swift.
// Goals, in order: the notes' equations (CellEquations.swift prints them one by one, and the tests
// show this layer equal to both printed forms); one GEMM per step for all four blocks; DAT300's
// count 4 units (input + units + 1) as the layer's own parameter count.
//
// Three gates, not four (E-59): the "four" of DAT300's formula counts the weight blocks, and the
// fourth block is the candidate layer, which is not a gate (it has tanh, not sigmoid).

import Core
import Foundation
import NeuralNetworks

/// The four weight blocks of an LSTM, in the order they sit side by side in W_x, W_h and b (the order
/// of Keras and PyTorch): input gate I (DAT300's update gate Γ_u), forget gate f, candidate C̄, output gate O.
public enum LSTMBlock: Int, CaseIterable, Sendable {
    case input, forget, candidate, output
}

/// A layer of H LSTM units, one step being, for a batch of rows x_t and h_(t-1)
/// (DL Padova "Long Short-Term Memory", row form):
///
///     [I | f | C̄ | O] pre-activations = x_t W_x + h_(t-1) W_h + b       ([N, 4H])
///     I_t, f_t, O_t = sigma(...),   C̄_t = tanh(...)
///     C_t = f_t ⊙ C_(t-1) + I_t ⊙ C̄_t,   H_t = O_t ⊙ tanh(C_t)
///
/// ```swift
/// var generator = Xoshiro256StarStar(seed: 1)
/// let lstm = LSTM(inputs: 10, units: 64, generator: &generator)
/// print(lstm.parameterCount)                 // 19200 = 4 * 64 * (10 + 64 + 1) (DAT300 "Trainable parameters")
/// print(lstm(Tensor(shape: [2, 7, 10])).shape)   // [2, 64]
/// ```
///
/// Column j of block g of W_x is the notes' row j of U_g (so U_g = W_x[:, block g]^T), and of W_h
/// the row j of W_g; `gateWeights(_:)` returns them in the notes' form.
public final class LSTM: RecurrentLayer {
    /// W_x = [U_I^T | U_f^T | U_C̄^T | U_O^T], [F, 4H].
    public let inputWeights: Parameter
    /// W_h = [W_I^T | W_f^T | W_C̄^T | W_O^T], [H, 4H].
    public let recurrentWeights: Parameter
    /// b = [b_I | b_f | b_C̄ | b_O], [1, 4H].
    public let bias: Parameter
    public let returnsSequences: Bool
    /// k of truncated back-propagation through time (see `SimpleRNN.truncation`); nil: full BPTT.
    public var truncation: Int? {
        didSet { require((truncation ?? 1) > 0, "LSTM.truncation: needs k >= 1, got \(truncation!)") }
    }
    public var initialState: Tensor?
    /// C_0, [N, H], or nil for zeros.
    public var initialCellState: Tensor?
    public internal(set) var initialStateGradient: Tensor?
    /// dJ/dC_0 of the last backward pass.
    public internal(set) var initialCellStateGradient: Tensor?
    public internal(set) var finalState: Tensor?
    /// C_T of the last forward pass.
    public internal(set) var finalCellState: Tensor?

    /// What the forward pass kept for BPTT (time-major; see `LSTMCache`).
    var cache: LSTMCache?
    /// The deltas of the last backward pass, [T N, 4H], whose storage the next one reuses.
    var deltaBuffer: Tensor?

    /// A layer with given W_x [F, 4H], W_h [H, 4H] and b (4H values), blocks in `LSTMBlock` order.
    public init(inputWeights: Tensor, recurrentWeights: Tensor, bias: Tensor, returnsSequences: Bool = false) {
        let units = recurrentWeights.shape.first ?? 0
        requireShapes(recurrentWeights.shape == [units, 4 * units] && units > 0, "LSTM: W_h vs [H, 4H]",
                      recurrentWeights.shape, [units, 4 * units])
        requireShapes(inputWeights.rank == 2 && inputWeights.shape[1] == 4 * units, "LSTM: W_x [F, 4H] vs W_h [H, 4H]",
                      inputWeights.shape, recurrentWeights.shape)
        requireShapes(bias.count == 4 * units, "LSTM: b vs [4H]", bias.shape, [4 * units])
        self.inputWeights = Parameter("W_x", value: inputWeights, isPenalised: true)
        self.recurrentWeights = Parameter("W_h", value: recurrentWeights, isPenalised: true)
        self.bias = Parameter("b", value: bias.reshaped([1, 4 * units]))
        self.returnsSequences = returnsSequences
    }

    /// H units on F inputs: W_x and W_h Xavier uniform, b = 0 except the forget gate's `forgetBias`
    /// (1, as Keras' `unit_forget_bias`: the cell starts by keeping its memory; Jozefowicz et al. 2015).
    public convenience init(inputs: Int, units: Int, forgetBias: Float = 1, returnsSequences: Bool = false,
                            generator: inout Xoshiro256StarStar) {
        require(inputs > 0 && units > 0, "LSTM: needs inputs and units >= 1, got \(inputs) and \(units)")
        let wx = Initialisation.xavierUniform.tensor(shape: [inputs, 4 * units], inputs: inputs, outputs: 4 * units,
                                                     generator: &generator)
        let wh = Initialisation.xavierUniform.tensor(shape: [units, 4 * units], inputs: units, outputs: 4 * units,
                                                     generator: &generator)
        var b = Tensor(shape: [1, 4 * units])
        for j in 0..<units { b.scalars[LSTMBlock.forget.rawValue * units + j] = forgetBias }
        self.init(inputWeights: wx, recurrentWeights: wh, bias: b, returnsSequences: returnsSequences)
    }

    public var inputCount: Int { inputWeights.value.rows }
    public var units: Int { recurrentWeights.value.rows }
    public var parameters: [Parameter] { [inputWeights, recurrentWeights, bias] }

    /// Block `block` of the layer in DL Padova's form, in Double: U ([H][F]), W ([H][H]) and b.
    public func gateWeights(_ block: LSTMBlock) -> GateWeights {
        let columns = (block.rawValue * units)..<((block.rawValue + 1) * units)
        return GateWeights(input: notesRows(inputWeights.value, columns), recurrent: notesRows(recurrentWeights.value, columns),
                           bias: columns.map { Double(bias.value.scalars[$0]) })
    }

    /// The gate values of the last forward pass, [N, T, 4H] in `LSTMBlock` order (I, f, C̄, O after
    /// their sigma or tanh), e.g. to draw what the gates do over one sequence; nil before any forward pass.
    public var gateActivations: Tensor? {
        guard let cache else { return nil }
        return batchMajor(cache.gates.reshaped([cache.shape.steps, cache.shape.batch, 4 * units]))
    }

    /// H_t for t = 1 ... T; see the type's equations. [N, T, F] to [N, T, H] or [N, H].
    /// Preconditions: F = `inputCount`, T >= 1, H_0 and C_0 (if given) [N, H].
    public func forward(_ input: Tensor, training: Bool = false) -> Tensor {
        let shape = requireSequence(input, features: inputCount, "LSTM.forward", weightShape: inputWeights.value.shape)
        let (n, h, steps) = (shape.batch, units, shape.steps)
        let startState = startingState(initialState, batch: n, units: h, "LSTM.forward")
        let startCell = startingState(initialCellState, batch: n, units: h, "LSTM.forward (C_0)")
        var buffers = LSTMCache.buffers(reusing: takeCache(), shape, units: h)
        buffers.inputs = timeMajor(input).reshaped([steps * n, shape.features])
        product(buffers.inputs, inputWeights.value, into: &buffers.gates, accumulate: false)    // x_t W_x, every t (b is added per step)
        buffers.states.scalars.replaceSubrange(0..<(n * h), with: startState.scalars)           // H_0
        buffers.cells.scalars.replaceSubrange(0..<(n * h), with: startCell.scalars)             // C_0
        unfold(&buffers)
        cache = buffers
        finalState = buffers.states.sliced((steps * n)..<((steps + 1) * n))
        finalCellState = buffers.cells.sliced((steps * n)..<((steps + 1) * n))
        return layerOutput(statesFromH0: buffers.states, shape, units: h, returnsSequences: returnsSequences)
    }

    /// Steps 1 ... T in order: each adds H_(t-1) W_h to its gates (one GEMM) and updates the cell.
    private func unfold(_ buffers: inout LSTMCache) {
        let (n, h, steps) = (buffers.shape.batch, units, buffers.shape.steps)
        let (recurrent, b) = (recurrentWeights.value, bias.value)
        buffers.gates.scalars.withUnsafeMutableBufferPointer { g in
            buffers.states.scalars.withUnsafeMutableBufferPointer { s in
                buffers.cells.scalars.withUnsafeMutableBufferPointer { c in
                    buffers.cellTanh.scalars.withUnsafeMutableBufferPointer { tc in
                        recurrent.scalars.withUnsafeBufferPointer { wh in
                            b.scalars.withUnsafeBufferPointer { bias in
                                for t in 0..<steps {
                                    let (gt, rows) = (g.baseAddress! + t * n * 4 * h, t * n * h)
                                    multiply(s.baseAddress! + rows, wh.baseAddress!, into: gt, m: n, n: 4 * h, k: h,
                                             lda: h, ldb: 4 * h, ldc: 4 * h, accumulate: true)      // + H_(t-1) W_h
                                    lstmCellUpdate(gates: gt, bias: bias.baseAddress!, previousCell: c.baseAddress! + rows,
                                                   cell: c.baseAddress! + rows + n * h, cellTanh: tc.baseAddress! + rows,
                                                   state: s.baseAddress! + rows + n * h, rows: n, units: h)
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    /// The last pass's cache, handed over (so its buffers can be written again without a copy).
    private func takeCache() -> LSTMCache? {
        defer { cache = nil }
        return cache
    }
}

/// What an LSTM forward pass keeps, time-major: x_t [T N, F]; the gate activations [T N, 4H]
/// (I, f, C̄, O after their sigma or tanh); H_0 ... H_T and C_0 ... C_T [(T + 1) N, H]; tanh(C_t) [T N, H].
/// The next pass of the same shape writes into the same buffers: a fresh 1.6 MB buffer per pass
/// (batch 32, 50 steps, 64 units) cost more in page faults than the products that fill it.
struct LSTMCache {
    let shape: SequenceShape
    var inputs: Tensor
    var gates: Tensor
    var states: Tensor
    var cells: Tensor
    var cellTanh: Tensor

    /// `old`'s buffers when the shape is the same, else new ones.
    static func buffers(reusing old: LSTMCache?, _ shape: SequenceShape, units h: Int) -> LSTMCache {
        if let old, old.shape == shape, old.cellTanh.shape == [shape.steps * shape.batch, h] { return old }
        let (rows, n) = (shape.steps * shape.batch, shape.batch)
        return LSTMCache(shape: shape, inputs: Tensor(shape: [rows, shape.features]), gates: Tensor(shape: [rows, 4 * h]),
                         states: Tensor(shape: [rows + n, h]), cells: Tensor(shape: [rows + n, h]), cellTanh: Tensor(shape: [rows, h]))
    }
}

/// One step for `rows` rows: `gates` ([rows, 4H]) holds x_t W_x + H_(t-1) W_h; with b added these
/// pre-activations become the gate values (Core's SIMD sigmoid and tanh), then C_t = f ⊙ C_(t-1) + I ⊙ C̄
/// and H_t = O ⊙ tanh(C_t).
@inline(__always)
func lstmCellUpdate(gates: UnsafeMutablePointer<Float>, bias: UnsafePointer<Float>, previousCell: UnsafePointer<Float>,
                    cell: UnsafeMutablePointer<Float>, cellTanh: UnsafeMutablePointer<Float>, state: UnsafeMutablePointer<Float>,
                    rows: Int, units h: Int) {
    for row in 0..<rows {
        let g = gates + row * 4 * h, offset = row * h
        for j in 0..<(4 * h) { g[j] += bias[j] }
        inPlace(g, count: 2 * h, Kernels.sigmoid(_:into:))                             // I_t, f_t
        inPlace(g + 2 * h, count: h, Kernels.tanh(_:into:))                            // C̄_t
        inPlace(g + 3 * h, count: h, Kernels.sigmoid(_:into:))                         // O_t
        for j in 0..<h { cell[offset + j] = g[h + j] * previousCell[offset + j] + g[j] * g[2 * h + j] }   // C_t = f ⊙ C_(t-1) + I ⊙ C̄
        Kernels.tanh(UnsafeBufferPointer(start: cell + offset, count: h), into: UnsafeMutableBufferPointer(start: cellTanh + offset, count: h))
        for j in 0..<h { state[offset + j] = g[3 * h + j] * cellTanh[offset + j] }      // H_t = O ⊙ tanh(C_t)
    }
}

/// `kernel` (a SIMD map of Core's) applied in place to `count` floats at `start`.
@inline(__always)
func inPlace(_ start: UnsafeMutablePointer<Float>, count: Int,
             _ kernel: (UnsafeBufferPointer<Float>, UnsafeMutableBufferPointer<Float>) -> Void) {
    kernel(UnsafeBufferPointer(start: start, count: count), UnsafeMutableBufferPointer(start: start, count: count))
}

/// Columns `columns` of a row-form weight matrix [rows, ...] as the notes' column-form matrix: row j
/// of the result is column j, in Double.
func notesRows(_ weights: Tensor, _ columns: Range<Int>) -> [[Double]] {
    let width = weights.columns
    return columns.map { j in (0..<weights.rows).map { Double(weights.scalars[$0 * width + j]) } }
}
