// Layer.swift: the one idea every trainable piece of the course fits, MLiS II Sec. 1.2.4 and 1.3.
// Goals, in order: small enough to read in a minute; the forward pass and the back-propagation of
// Sec. 1.3 as two methods; parameters as (value, gradient) pairs that any optimiser can update, so
// that later modules (convolution, GANs, VAEs, capsules) assemble networks from these parts.
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
    /// running mean of batch normalisation. Optimisers and penalties skip it.
    public let isTrainable: Bool

    public init(_ name: String, value: Tensor, isPenalised: Bool = false, isTrainable: Bool = true) {
        self.name = name
        self.value = value
        self.gradient = Tensor(shape: value.shape)
        self.isPenalised = isPenalised
        self.isTrainable = isTrainable
    }

    /// The number of scalars in `value`.
    public var count: Int { value.count }
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
///   normalisation); other layers ignore it.
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
}

extension Layer {
    public var parameters: [Parameter] { [] }

    /// The test-time output: `layer(x)` is `layer.forward(x, training: false)`.
    public func callAsFunction(_ input: Tensor) -> Tensor {
        forward(input, training: false)
    }
}

/// The cached tensor a backward pass needs, or a stop naming the layer when backward comes first.
@inline(__always)
func cached(_ tensor: Tensor?, _ layer: String) -> Tensor {
    guard let tensor else {
        requirementFailed("\(layer).backward: called before forward; run a forward pass on the batch first")
    }
    return tensor
}
