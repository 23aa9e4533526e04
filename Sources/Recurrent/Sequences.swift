// Sequences.swift: how a batch of sequences is laid out and checked, DL Padova "Unfolding time"
// (a cell reads x_t and h_(t-1) at each of T steps) and DAT300 "Basic structure".
// Goals, in order: one layout for every layer of the module, checked with a message naming both
// shapes (a wrong feature width, an empty sequence, a hidden state of the wrong size); the moves
// between batch-major and time-major as Core's axis operations.
//
// Layout (Keras' default, PyTorch's `batch_first`; the project's "one example per row" one axis up):
//     a batch of sequences  [N, T, F]   sequence n, time step t, feature f
//     a hidden state        [N, H]      one row per sequence, as a Dense layer's activations
// Inside a layer the steps are visited in order, so the layers turn [N, T, F] into time-major
// [T, N, F], where step t is one contiguous block of N rows: x_t, the [N, F] matrix of the notes'
// row form x_t W_x.

import Core

/// N, T and F of a batch of sequences [N, T, F].
public struct SequenceShape: Equatable, Sendable {
    public let batch: Int
    public let steps: Int
    public let features: Int

    /// The shape of a [N, T, F] batch.
    public init(_ shape: [Int]) {
        require(shape.count == 3, "SequenceShape: a batch of sequences is [N, T, F], got shape \(shape)")
        (batch, steps, features) = (shape[0], shape[1], shape[2])
    }
}

/// Stops unless `input` is a non-empty batch of sequences [N, T, F] with F = `features`, naming the
/// operation, the input's shape and the shape of the weights it must fit (`weightShape`).
///
/// An empty sequence (T = 0) stops too: the notes' recursion h_t = f(h_(t-1), x_t) needs at least
/// one step to produce an output.
@discardableResult
public func requireSequence(_ input: Tensor, features: Int, _ operation: String, weightShape: [Int]) -> SequenceShape {
    requireShapes(input.rank == 3 && input.shape[2] == features,
                  "\(operation): input [N, T, F] with F = \(features) vs the input weights", input.shape, weightShape)
    requireShapes(input.shape[1] > 0, "\(operation): an empty sequence (T = 0 steps) vs the input weights",
                  input.shape, weightShape)
    return SequenceShape(input.shape)
}

/// Stops unless `state` is a hidden state [N, H] for this batch, naming both shapes.
public func requireState(_ state: Tensor, batch: Int, units: Int, _ operation: String) {
    requireShapes(state.shape == [batch, units], "\(operation): the hidden state [N, H] vs the batch's [N, H]",
                  state.shape, [batch, units])
}

/// [N, T, F] to [T, N, F]: step t becomes one contiguous block of N rows.
public func timeMajor(_ sequences: Tensor) -> Tensor {
    sequences.permuted([1, 0, 2])
}

/// [T, N, F] back to [N, T, F] (the same swap of the first two axes).
public func batchMajor(_ steps: Tensor) -> Tensor {
    steps.permuted([1, 0, 2])
}

/// The sequences read backwards in time: step t of the result is step T - 1 - t of `sequences`
/// ([N, T, F], or [N, T] token indices). Its own adjoint, so also its backward pass.
public func reversedInTime(_ sequences: Tensor) -> Tensor {
    require(sequences.rank >= 2, "reversedInTime: needs sequences [N, T, ...], got shape \(sequences.shape)")
    return sequences.gathering(Array((0..<sequences.shape[1]).reversed()), alongAxis: 1)
}

/// Rows `t N ..< (t + 1) N` of a time-major matrix [T N, width]: step t as an [N, width] matrix.
func step(_ t: Int, of timeMajorRows: Tensor, batch: Int) -> Tensor {
    timeMajorRows.sliced((t * batch)..<((t + 1) * batch))
}
