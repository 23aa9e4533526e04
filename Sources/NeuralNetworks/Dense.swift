// Dense.swift: the fully connected layer of MLiS II Sec. 1.2.4, forward by Eq. (1.2.18), Eq. (1.2.19), Eq. (1.2.20)
// and backward by the four back-propagation equations (1.3.4)-(1.3.7), in that order; DAT300
// "Artificial Neural Network" (y_i = sum_j x_j w_ji + b_i).
// Goals, in order: the notes' equations, one line each; whole batches through Core's GEMM.

import Core

/// a = Phi(z), z = W^T a_prev + b for one example   (Eq. (1.2.18), Eq. (1.2.19), Eq. (1.2.20))
///
/// With a batch of N examples in the rows of A_prev (shape [N, n_in]), the notes' column form
/// z = W^T a_prev + b becomes Z = A_prev W + 1 b^T: `W` has shape [n_in, n_out], and W_ij connects
/// neuron i of the previous layer to neuron j of this one, as in the notes.
///
/// ```swift
/// var generator = Xoshiro256StarStar(seed: 1)
/// let hidden = Dense(inputs: 64, outputs: 64, activation: .relu, generator: &generator)
/// print(hidden.weights.value.shape, hidden.bias.value.shape)   // [64, 64] [1, 64]
/// print(hidden.parameters.map(\.count).reduce(0, +))           // 4160 (DAT300: 64 * 64 + 64)
/// ```
public final class Dense: Layer {
    /// W, shape [n_in, n_out].
    public let weights: Parameter
    /// b, shape [1, n_out].
    public let bias: Parameter
    /// Phi of this layer.
    public let activation: Activation

    /// a_prev, z and a of the last forward pass, kept for the backward pass.
    private var input: Tensor?
    private var preActivation: Tensor?
    private var output: Tensor?

    /// A layer with given weights [n_in, n_out] and bias (n_out numbers, any shape), e.g. the
    /// hand-set XOR network of Eq. (1.2.17).
    public init(weights: Tensor, bias: Tensor, activation: Activation) {
        require(weights.rank == 2, "Dense: weights must be a matrix [n_in, n_out], got shape \(weights.shape)")
        requireShapes(bias.count == weights.columns, "Dense (bias count vs weight columns)", bias.shape, weights.shape)
        self.weights = Parameter("W", value: weights, isPenalised: true)
        self.bias = Parameter("b", value: bias.reshaped([1, weights.columns]))
        self.activation = activation
    }

    /// A layer of `outputs` units on `inputs` inputs, weights drawn by `weightInitialisation`
    /// (Xavier uniform by default, as TF2, MLiS II Sec. 1.6) and biases by `biasInitialisation`.
    public convenience init(inputs: Int, outputs: Int, activation: Activation,
                            weightInitialisation: Initialisation = .xavierUniform,
                            biasInitialisation: Initialisation = .zeros,
                            generator: inout Xoshiro256StarStar) {
        require(inputs > 0 && outputs > 0, "Dense: needs at least one input and one output, got \(inputs) -> \(outputs)")
        let w = weightInitialisation.tensor(shape: [inputs, outputs], inputs: inputs, outputs: outputs, generator: &generator)
        let b = biasInitialisation.tensor(shape: [1, outputs], inputs: inputs, outputs: outputs, generator: &generator)
        self.init(weights: w, bias: b, activation: activation)
    }

    public var inputCount: Int { weights.value.rows }
    public var outputCount: Int { weights.value.columns }
    public var parameters: [Parameter] { [weights, bias] }

    /// Z = A_prev W + b, then A = Phi(Z)   (Eq. (1.2.18), Eq. (1.2.19), Eq. (1.2.20) for a batch)
    /// Shapes: input [N, n_in] -> output [N, n_out]. Precondition: the input has n_in columns.
    public func forward(_ input: Tensor, training: Bool = false) -> Tensor {
        requireShapes(input.rank == 2 && input.columns == inputCount,
                      "Dense.forward (input [N, n_in] times W [n_in, n_out])", input.shape, weights.value.shape)
        let z = matmul(input, weights.value).addingRowVector(bias.value)
        let a = activation.apply(z)
        (self.input, preActivation, output) = (input, z, a)
        return a
    }

    /// The pre-activation Z of the last forward pass, shape [N, n_out] (e.g. for Fig. 1.6.1).
    public var lastPreActivation: Tensor? { preActivation }

    /// Back-propagation through this layer, from dJ/dA (shape [N, n_out]) to dJ/dA_prev ([N, n_in]):
    ///
    ///     Delta   = dJ/dA ⊙ Phi'(Z)                  (1.3.4)
    ///     dJ/db   = sum over the batch of Delta      (1.3.5)
    ///     dJ/dA_prev = Delta W^T                     (1.3.6, the W^(l+1) Delta^(l+1) handed down)
    ///     dJ/dW   = A_prev^T Delta                   (1.3.7)
    ///
    /// In (1.3.6) the factor ⊙ Phi'^(l)(z^(l)) belongs to the layer below, which applies it as its
    /// own (1.3.4). The loss J already averages over the batch (Eq. (1.1.1)), so the sums over rows
    /// are the gradients of J itself.
    public func backward(_ outputGradient: Tensor) -> Tensor {
        let z = cached(preActivation, "Dense"), a = cached(output, "Dense")
        let delta = activation.delta(outputGradient: outputGradient, preActivation: z, output: a)   // (1.3.4)
        return backward(delta: delta)
    }

    /// Back-propagation from a loss, with this layer as the output layer: when the loss and Phi cancel
    /// (softmax with CCE, sigmoid with BCE) Delta is the simple (Y^ - Y)/N of `Loss.simplifiedDelta`,
    /// exact where the loss's own gradient is clamped; otherwise dJ/dY^ through Eq. (1.3.4).
    public func backward(loss: any Loss, output: Tensor, target: Tensor) -> Tensor {
        guard let delta = loss.simplifiedDelta(outputActivation: activation, predicted: output, target: target) else {
            return backward(loss.gradient(predicted: output, target: target))
        }
        return backward(delta: delta)
    }

    /// The rest of the backward pass, (1.3.5)-(1.3.7), from Delta = dJ/dZ (shape [N, n_out]) given
    /// directly: the simple Delta = (Y^ - Y)/N of softmax with cross-entropy, or sigmoid with BCE.
    public func backward(delta: Tensor) -> Tensor {
        let input = cached(input, "Dense")
        requireShapes(delta.shape == [input.rows, outputCount], "Dense.backward (Delta vs [N, n_out])",
                      delta.shape, [input.rows, outputCount])
        bias.gradient = delta.columnSums()                                          // (1.3.5)
        let inputGradient = matmul(delta, weights.value, transposeB: true)          // (1.3.6)
        weights.gradient = matmul(input, delta, transposeA: true)                   // (1.3.7)
        return inputGradient
    }
}
