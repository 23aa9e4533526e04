// RecurrentLayer.swift: what the recurrent layers of the module share, DL Padova "Unfolding time":
// a cell keeps a state h_t "for each instant in time", h_t = f(h_(t-1), x_t), and a layer runs the
// cell over the T steps of a sequence. Keras' `return_sequences` chooses what the layer hands on.

import Core
import NeuralNetworks

/// A layer that unfolds a cell over time: [N, T, F] to [N, T, H] (every h_t, `returnsSequences`)
/// or [N, H] (the last h_T, for a classifier or a forecaster that reads the whole sequence).
///
/// `initialState` is h_0 ([N, H]; zeros when nil, as DL Padova "GRU" initialises h_0 = 0), so a
/// long sequence can be fed in pieces that carry the state on (truncated back-propagation through
/// time). After a backward pass, `initialStateGradient` holds dJ/dh_0.
public protocol RecurrentLayer: Layer {
    /// F, the features of one step's input.
    var inputCount: Int { get }
    /// H, the size of the hidden state.
    var units: Int { get }
    /// True: the output is every h_t, [N, T, H]; false: only the last, [N, H].
    var returnsSequences: Bool { get }
    /// h_0, [N, H], or nil for zeros.
    var initialState: Tensor? { get set }
    /// dJ/dh_0 of the last backward pass, [N, H].
    var initialStateGradient: Tensor? { get }
    /// The last state h_T of the last forward pass, [N, H] (the next piece's h_0).
    var finalState: Tensor? { get }
}

extension RecurrentLayer {
    /// The number of trainable scalars (the count Keras' `model.summary()` prints).
    public var parameterCount: Int {
        parameters.filter(\.isTrainable).reduce(0) { $0 + $1.count }
    }
}

/// h_0 for a batch of N: the given state, checked, or zeros.
func startingState(_ state: Tensor?, batch: Int, units: Int, _ operation: String) -> Tensor {
    guard let state else { return Tensor(shape: [batch, units]) }
    requireState(state, batch: batch, units: units, operation)
    return state
}

/// dJ/dh_t for every step, time-major [T N, H], from the gradient of the layer's output:
/// [N, T, H] when every h_t was returned, [N, H] (the last step only, zeros elsewhere) otherwise.
func timeMajorStateGradients(_ outputGradient: Tensor, _ shape: SequenceShape, units: Int,
                             returnsSequences: Bool, _ operation: String) -> Tensor {
    let (n, t) = (shape.batch, shape.steps)
    if returnsSequences {
        requireShapes(outputGradient.shape == [n, t, units], "\(operation): dJ/d(output) vs [N, T, H]",
                      outputGradient.shape, [n, t, units])
        return timeMajor(outputGradient).reshaped([t * n, units])
    }
    requireShapes(outputGradient.shape == [n, units], "\(operation): dJ/d(output) vs [N, H]", outputGradient.shape, [n, units])
    var gradients = Tensor(shape: [t * n, units])
    gradients.scalars.replaceSubrange(((t - 1) * n * units)..<(t * n * units), with: outputGradient.scalars)
    return gradients
}

/// The layer's output from the time-major states [T N, H] (h_1 ... h_T): [N, T, H] or the last [N, H].
func layerOutput(states: Tensor, _ shape: SequenceShape, units: Int, returnsSequences: Bool) -> Tensor {
    let (n, t) = (shape.batch, shape.steps)
    if returnsSequences { return batchMajor(states.reshaped([t, n, units])) }
    return step(t - 1, of: states, batch: n)
}

/// C <- op(A) op(B) + beta C on raw row-major storage (Core's GEMM with explicit leading dimensions):
/// the per-step products h_(t-1) W_h and delta_t W_h^T, whose operands are blocks of larger buffers.
@inline(__always)
func multiply(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, into c: UnsafeMutablePointer<Float>,
              m: Int, n: Int, k: Int, lda: Int, ldb: Int, ldc: Int, transposeA: Bool = false, transposeB: Bool = false,
              accumulate: Bool) {
    Kernels.gemm(transposeA: transposeA, transposeB: transposeB, m: m, n: n, k: k, alpha: 1, a: a, lda: lda, b: b, ldb: ldb,
                 beta: accumulate ? 1 : 0, c: c, ldc: ldc)
}

/// C <- C + A B for matrices (Core's GEMM writing into an existing tensor, no new buffer).
func product(_ a: Tensor, _ b: Tensor, into c: inout Tensor, transposeA: Bool = false, accumulate: Bool = true) {
    let (m, k) = transposeA ? (a.columns, a.rows) : (a.rows, a.columns)
    requireShapes(k == b.rows && c.shape == [m, b.columns], "product (C + A B)", a.shape, b.shape)
    a.scalars.withUnsafeBufferPointer { x in
        b.scalars.withUnsafeBufferPointer { y in
            c.scalars.withUnsafeMutableBufferPointer { z in
                multiply(x.baseAddress!, y.baseAddress!, into: z.baseAddress!, m: m, n: b.columns, k: k, lda: a.columns, ldb: b.columns,
                         ldc: b.columns, transposeA: transposeA, accumulate: accumulate)
            }
        }
    }
}

/// The layer's output from time-major states [(T + 1) N, H] whose first N rows are h_0: every h_t
/// as [N, T, H], or the last as [N, H].
func layerOutput(statesFromH0 states: Tensor, _ shape: SequenceShape, units h: Int, returnsSequences: Bool) -> Tensor {
    let (n, steps) = (shape.batch, shape.steps)
    guard returnsSequences else { return states.sliced((steps * n)..<((steps + 1) * n)) }
    var output = Tensor(shape: [n, steps, h])
    states.scalars.withUnsafeBufferPointer { s in
        output.scalars.withUnsafeMutableBufferPointer { o in
            for row in 0..<n {
                for t in 0..<steps {
                    (o.baseAddress! + (row * steps + t) * h).update(from: s.baseAddress! + ((t + 1) * n + row) * h, count: h)
                }
            }
        }
    }
    return output
}
