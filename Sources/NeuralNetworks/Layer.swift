// Layer.swift: the one idea every trainable piece of the course fits, MLiS II Sec. 1.2.4 and 1.3.
// Goals, in order: small enough to read in a minute; the forward pass and the back-propagation of
// Sec. 1.3 as two methods; parameters as (value, gradient) pairs that any optimiser can update, so
// that later modules (convolution, GANs, VAEs, capsules) assemble networks from these parts; a way
// to freeze parts of a network (a GAN trains its generator through a frozen discriminator).
//
// Convention (the notes' "feature by column", MLiS II Sec. 1.1.1): a batch is a matrix with one
// example per row, shape [N, features]. A layer's forward pass maps [N, n_in] to [N, n_out]; its
// backward pass maps dJ/d(output), shape [N, n_out], to dJ/d(input), shape [N, n_in].

import Core

/// A trainable tensor and the gradient of the loss with respect to it.
///
/// ```swift
/// let w = Parameter("W", value: Tensor([[1, 2]]))
/// w.gradient = Tensor([[0.5, -1]])
/// w.value.add(w.gradient, scaledBy: -0.1)    // one step of gradient descent, Eq. (1.2.13)
/// print(w.value.scalars)                      // [0.95, 2.1]
/// ```
///
/// A class, so that a layer, a network and an optimiser all see the same tensor: the layer's
/// backward pass writes `gradient`, the optimiser reads it and updates `value`.
public final class Parameter {
    /// A short name for printing, e.g. "W" or "b".
    public let name: String
    /// The tensor the network computes with.
    public var value: Tensor
    /// dJ/d(value), same shape as `value`, written by the owning layer's backward pass.
    public var gradient: Tensor
    /// Whether L1/L2 penalties apply (MLiS II Sec. 1.7.2: "usually only a function of the weights"):
    /// true for weights, false for biases and batch-norm shifts.
    public let isPenalised: Bool
    /// False for state that is saved and restored with the parameters but never trained, such as the
    /// running mean of batch normalisation. Optimisers and penalties skip it. What a parameter *is*
    /// never changes; whether it may change now is `isFrozen`.
    public let isTrainable: Bool
    /// True while nothing may change `value`: optimisers, penalties and clipping skip a frozen
    /// trainable parameter (its optimiser state is kept, untouched), and a layer does not update
    /// frozen state (batch normalisation keeps frozen running statistics). Backward passes still
    /// write `gradient`, and still pass gradients through the layer to the layers below.
    public var isFrozen = false

    public init(_ name: String, value: Tensor, isPenalised: Bool = false, isTrainable: Bool = true) {
        self.name = name
        self.value = value
        self.gradient = Tensor(shape: value.shape)
        self.isPenalised = isPenalised
        self.isTrainable = isTrainable
    }

    /// The number of scalars in `value`.
    public var count: Int { value.count }

    /// True when an optimiser updates it now: trainable and not frozen.
    public var isLearnt: Bool { isTrainable && !isFrozen }
}

/// A function of a batch with a backward pass: dense layers, activations, dropout, batch
/// normalisation, and whole networks.
///
/// The contract:
/// - `forward` returns the output for a batch (one example per row) and keeps what `backward` needs
///   (for a dense layer: its input and its pre-activation z).
/// - `backward` takes dJ/d(output) of that last forward pass, **sets** (not adds to) the gradient of
///   every parameter, and returns dJ/d(input). A layer used twice in one step must see one batch
///   holding both uses (e.g. real and generated images stacked), not two forward passes.
/// - `training` switches the behaviours that differ between training and testing (dropout, batch
///   normalisation); other layers ignore it. Freezing (`Parameter.isFrozen`, `freeze`) is separate.
/// - `parameters` lists every parameter, trainable ones and saved state; a composite layer lists
///   those of its parts.
///
/// Two more entry points have defaults that are right for most layers:
/// `backwardDiscardingInputGradient(_:)`, for a caller that will throw dJ/d(input) away (a network's
/// first layer while training), and `backward(loss:output:target:)`, for a caller that starts the
/// backward pass from a loss (an output layer whose activation cancels against the loss overrides it).
///
/// Layers are classes (`AnyObject`): a layer keeps what its forward pass saw until the backward pass,
/// and a network, a trainer and an optimiser all refer to the same layer and parameters.
public protocol Layer: AnyObject {
    /// The output for `input`, shape [N, n_in] to [N, n_out].
    func forward(_ input: Tensor, training: Bool) -> Tensor
    /// dJ/d(input) from dJ/d(output), setting every parameter's gradient on the way.
    func backward(_ outputGradient: Tensor) -> Tensor
    /// The parameters with their gradients (trainable ones and saved state); empty by default.
    var parameters: [Parameter] { get }
    /// Sets every parameter's gradient from dJ/d(output), for a caller that does not need dJ/d(input).
    /// By default it is `backward`; a layer whose dJ/d(input) is costly (a convolution) skips it.
    /// A layer must never return a made-up dJ/d(input) instead: the caller, not the layer, decides.
    func backwardDiscardingInputGradient(_ outputGradient: Tensor)
    /// dJ/d(input) when this layer's `output` is the prediction `loss` compares with `target`:
    /// by default `backward(loss.gradient(predicted:target:))`, the dJ/da^(L) of Eq. (1.3.4).
    /// An output layer whose activation cancels against the loss starts from the simple Delta of
    /// `Loss.simplifiedDelta` instead (Dense, ActivationLayer); a network asks its last layer.
    func backward(loss: any Loss, output: Tensor, target: Tensor) -> Tensor
}

extension Layer {
    public var parameters: [Parameter] { [] }

    public func backwardDiscardingInputGradient(_ outputGradient: Tensor) {
        _ = backward(outputGradient)
    }

    public func backward(loss: any Loss, output: Tensor, target: Tensor) -> Tensor {
        backward(loss.gradient(predicted: output, target: target))
    }

    /// The test-time output: `layer(x)` is `layer.forward(x, training: false)`.
    public func callAsFunction(_ input: Tensor) -> Tensor {
        forward(input, training: false)
    }

    /// Freezes (true) or thaws (false) this layer's trainable parameters and, separately, its
    /// statistics (state that is not trained, such as batch normalisation's running mean and
    /// variance), in every part of a composite layer.
    ///
    /// A GAN's generator step: `discriminator.freeze()`, train `Network([generator, discriminator])`,
    /// then `discriminator.freeze(parameters: false, statistics: false)` for the discriminator's step.
    /// Frozen statistics are not updated, but batch normalisation in training mode still normalises
    /// with the batch's own mean and variance (what the discriminator's own step sees).
    public func freeze(parameters freezesParameters: Bool = true, statistics freezesStatistics: Bool = true) {
        for parameter in parameters {
            parameter.isFrozen = parameter.isTrainable ? freezesParameters : freezesStatistics
        }
    }
}

/// The cached tensor a backward pass needs, or a stop naming the layer when backward comes first.
///
/// For layers written outside this module too: keep what `forward` saw in an optional, and read it
/// in `backward` as `cached(input, "MyLayer")`.
@inline(__always)
public func cached(_ tensor: Tensor?, _ layer: String) -> Tensor {
    guard let tensor else {
        requirementFailed("\(layer).backward: called before forward; run a forward pass on the batch first")
    }
    return tensor
}
