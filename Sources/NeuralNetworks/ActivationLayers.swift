// ActivationLayers.swift: an activation as a layer of its own (for batch normalisation placed
// before it, E-40) and the parametric ReLU, DL Padova "PReLU" (He et al. 2015).
// Goals, in order: the same Eq. (1.3.4) as `Dense`; the PReLU slope learnt like any weight, with
// dPhi/da_c = x for x < 0 (what DL Padova labels f'', E-10).

import Core

/// A = Phi(Z) as a layer with no parameters; backward is Eq. (1.3.4), Delta = dJ/dA ⊙ Phi'(Z).
public final class ActivationLayer: Layer {
    public let activation: Activation
    private var input: Tensor?
    private var output: Tensor?

    public init(_ activation: Activation) { self.activation = activation }

    public func forward(_ input: Tensor, training: Bool = false) -> Tensor {
        let output = activation.apply(input)
        (self.input, self.output) = (input, output)
        return output
    }

    public func backward(_ outputGradient: Tensor) -> Tensor {
        activation.delta(outputGradient: outputGradient, preActivation: cached(input, "ActivationLayer"),
                         output: cached(output, "ActivationLayer"))
    }

    /// As an output layer: the simple Delta = (Y^ - Y)/N where the loss and Phi cancel (softmax with
    /// CCE, sigmoid with BCE), which is dJ/d(input) here; otherwise Eq. (1.3.4) from dJ/dY^.
    public func backward(loss: any Loss, output: Tensor, target: Tensor) -> Tensor {
        loss.simplifiedDelta(outputActivation: activation, predicted: output, target: target)
            ?? backward(loss.gradient(predicted: output, target: target))
    }
}

/// PReLU: f(x_i) = a_c x_i if x_i < 0, else x_i, with one learnt slope a_c per unit (channel) c
/// (DL Padova "PReLU").
///
///     df/dx   = a_c if x < 0, else 1
///     df/da_c = x   if x < 0, else 0     (DL Padova prints this as "f''": it is the slope's gradient, E-10)
///
/// ```swift
/// let prelu = PReLU(units: 4, initialSlope: 0.25)
/// print(prelu(Tensor([[-2, -0.5, 0, 1.5]])).scalars)   // [-0.5, -0.125, 0.0, 1.5]
/// ```
public final class PReLU: Layer {
    /// a, shape [1, units]; not penalised (a slope, not a weight).
    public let slopes: Parameter
    private var input: Tensor?

    /// `initialSlope` 0.25 is He et al.'s choice.
    public init(units: Int, initialSlope: Float = 0.25) {
        require(units > 0, "PReLU: needs at least one unit, got \(units)")
        slopes = Parameter("a", value: Tensor(shape: [1, units], repeating: initialSlope))
    }

    public var parameters: [Parameter] { [slopes] }

    public func forward(_ input: Tensor, training: Bool = false) -> Tensor {
        requireShapes(input.rank == 2 && input.columns == slopes.value.columns, "PReLU.forward (input vs slopes)",
                      input.shape, slopes.value.shape)
        self.input = input
        var output = input
        let width = input.columns
        for k in 0..<input.count where input.scalars[k] < 0 {
            output.scalars[k] = slopes.value.scalars[k % width] * input.scalars[k]
        }
        return output
    }

    /// dJ/dx = g ⊙ (a_c if x < 0, else 1); dJ/da_c = sum over the batch of g ⊙ (x if x < 0, else 0).
    public func backward(_ outputGradient: Tensor) -> Tensor {
        let input = cached(input, "PReLU")
        requireShapes(outputGradient.shape == input.shape, "PReLU.backward (dJ/dA vs input)", outputGradient.shape, input.shape)
        var inputGradient = outputGradient
        var slopeGradient = Tensor(shape: slopes.value.shape)
        let width = input.columns
        for k in 0..<input.count where input.scalars[k] < 0 {
            let unit = k % width
            inputGradient.scalars[k] = slopes.value.scalars[unit] * outputGradient.scalars[k]
            slopeGradient.scalars[unit] += input.scalars[k] * outputGradient.scalars[k]
        }
        slopes.gradient = slopeGradient
        return inputGradient
    }
}
