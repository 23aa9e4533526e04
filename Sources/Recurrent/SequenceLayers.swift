// SequenceLayers.swift: the small layers around a recurrent one: the last step of a sequence and the
// maximum over time (DL Padova "Recurrent DNN": a GRU, then max pooling, then a
// fully connected layer). A layer applied at every time step (DAT300's output layer
// y_t = f(W_hy h_t + b_y), Keras' `TimeDistributed`) is NeuralNetworks' `PositionWise`.
// Goals, in order: each a few lines on Core's axis operations, with its backward pass beside it.

import Core
import NeuralNetworks

/// The last step of every sequence: [N, T, F] to [N, F] (what a forecaster reads after a TCN).
public final class LastTimeStep: Layer {
    private var inputShape: [Int]?
    public init() {}

    public func forward(_ input: Tensor, training: Bool = false) -> Tensor {
        require(input.rank == 3 && input.shape[1] > 0, "LastTimeStep.forward: needs sequences [N, T, F] with T >= 1, got shape \(input.shape)")
        inputShape = input.shape
        return input.sliced((input.shape[1] - 1)..<input.shape[1], alongAxis: 1).reshaped([input.shape[0], input.shape[2]])
    }

    /// dJ/dX: the gradient at the last step, zeros at the others.
    public func backward(_ outputGradient: Tensor) -> Tensor {
        guard let inputShape else { requirementFailed("LastTimeStep.backward: called before forward") }
        let (n, t, f) = (inputShape[0], inputShape[1], inputShape[2])
        requireShapes(outputGradient.shape == [n, f], "LastTimeStep.backward: dJ/d(output) vs [N, F]", outputGradient.shape, [n, f])
        return Tensor(concatenating: [Tensor(shape: [n, t - 1, f]), outputGradient.reshaped([n, 1, f])], alongAxis: 1)
    }
}

/// The largest value of each feature over time: [N, T, F] to [N, F] (max pooling over the whole
/// sequence, DL Padova "Recurrent DNN"). The gradient goes to the step that won, as in max pooling.
public final class MaxOverTime: Layer {
    private var winners: [Int]?
    private var inputShape: [Int]?
    public init() {}

    public func forward(_ input: Tensor, training: Bool = false) -> Tensor {
        require(input.rank == 3 && input.shape[1] > 0, "MaxOverTime.forward: needs sequences [N, T, F] with T >= 1, got shape \(input.shape)")
        (winners, inputShape) = (input.argmaximum(alongAxis: 1), input.shape)
        return input.maximum(alongAxis: 1)
    }

    public func backward(_ outputGradient: Tensor) -> Tensor {
        guard let winners, let inputShape else { requirementFailed("MaxOverTime.backward: called before forward") }
        return maximumBackward(outputGradient, winners: winners, alongAxis: 1, inputShape: inputShape)
    }
}
