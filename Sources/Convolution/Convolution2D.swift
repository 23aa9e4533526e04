// Convolution2D.swift: the convolutional layer of MLiS II Sec. 2.2.1, Y^ = Phi(sum I * K + b)
// (Eq. (2.2.4)) without the Phi (an `ActivationLayer` follows it), as a `Layer` of the NeuralNetworks
// module; DAT300 "Conv2D". Pointwise convolution (Sec. 2.3.2) is the 1 x 1 case.
// Goals, in order: the Layer contract (forward keeps its input, backward sets the gradients and
// returns dJ/dX); any input size (the geometry follows the image); the fast algorithm by shape.
//
// Batches are [N, C, H, W] here, where the NeuralNetworks module's layers take [N, features]; use
// `Reshape` and `Flatten` at the boundaries (a network's first layer is usually Reshape([1, 8, 8])).

import Core
import NeuralNetworks

/// A 2-D convolution with learnt filters [O, C, K_h, K_w] and one bias per filter.
///
/// ```swift
/// var generator = Xoshiro256StarStar(seed: 1)
/// let conv = Convolution2D(inputChannels: 3, outputChannels: 8, kernel: 5, generator: &generator)
/// print(conv.parameterCount)                                     // 608 (DAT300, CONV-9)
/// print(conv(Tensor(shape: [2, 3, 32, 32])).shape)               // [2, 8, 28, 28]
/// ```
public final class Convolution2D: Layer {
    /// W, shape [O, C, K_h, K_w]; penalised by L1/L2 regularisation.
    public let weights: Parameter
    /// b, shape [O].
    public let bias: Parameter
    public let stride: Int
    public let padding: Padding
    public let dilation: Int
    /// How the convolution is computed (all give the same numbers up to rounding).
    public var algorithm: ConvolutionAlgorithm = .automatic

    private var input: Tensor?
    private var geometry: ConvolutionGeometry?

    /// A layer with given filters [O, C, K_h, K_w] and biases (O values).
    public init(weights: Tensor, bias: Tensor, stride: Int = 1, padding: Padding = .valid, dilation: Int = 1) {
        require(weights.rank == 4, "Convolution2D: weights must be [O, C, K_h, K_w], got shape \(weights.shape)")
        requireShapes(bias.count == weights.shape[0], "Convolution2D: bias vs [O]", bias.shape, [weights.shape[0]])
        require(stride >= 1 && dilation >= 1, "Convolution2D: stride and dilation must be >= 1, got \(stride) and \(dilation)")
        self.weights = Parameter("W", value: weights, isPenalised: true)
        self.bias = Parameter("b", value: bias.reshaped([bias.count]))
        (self.stride, self.padding, self.dilation) = (stride, padding, dilation)
    }

    /// `outputChannels` filters of `kernel` x `kernel` on `inputChannels` channels, weights drawn by
    /// `initialisation` with fan-in C K^2 and fan-out O K^2 (He uniform by default, for ReLU
    /// networks), zero biases.
    public convenience init(inputChannels: Int, outputChannels: Int, kernel: Int, stride: Int = 1, padding: Padding = .valid,
                            dilation: Int = 1, initialisation: Initialisation = .heUniform, generator: inout Xoshiro256StarStar) {
        require(inputChannels > 0 && outputChannels > 0 && kernel > 0,
                "Convolution2D: needs positive channels and kernel, got \(inputChannels) -> \(outputChannels), kernel \(kernel)")
        let area = kernel * kernel
        let w = initialisation.tensor(shape: [outputChannels, inputChannels, kernel, kernel], inputs: inputChannels * area,
                                      outputs: outputChannels * area, generator: &generator)
        self.init(weights: w, bias: Tensor(shape: [outputChannels]), stride: stride, padding: padding, dilation: dilation)
    }

    public var inputChannels: Int { weights.value.shape[1] }
    public var outputChannels: Int { weights.value.shape[0] }
    public var parameters: [Parameter] { [weights, bias] }
    /// (K_h K_w C + 1) O   (Eq. (2.2.7) corrected, E-36)
    public var parameterCount: Int { weights.count + bias.count }

    /// The geometry for a [N, C, H, W] input of this layer.
    public func geometry(height: Int, width: Int) -> ConvolutionGeometry {
        let w = weights.value
        return ConvolutionGeometry(channels: w.shape[1], height: height, width: width, outputChannels: w.shape[0],
                                   kernelHeight: w.shape[2], kernelWidth: w.shape[3], stride: stride, padding: padding,
                                   dilation: dilation)
    }

    /// Y = X * W + b, [N, C, H, W] to [N, O, O_h, O_w]   (Eq. (2.2.4), Eq. (2.2.5), sizes by Eq. (2.2.8))
    public func forward(_ input: Tensor, training: Bool = false) -> Tensor {
        requireShapes(input.rank == 4 && input.shape[1] == inputChannels,
                      "Convolution2D.forward: input [N, C, H, W] vs weights [O, C, K_h, K_w]", input.shape, weights.value.shape)
        let g = geometry?.inputHeight == input.shape[2] && geometry?.inputWidth == input.shape[3]
            ? geometry! : geometry(height: input.shape[2], width: input.shape[3])
        (self.input, geometry) = (input, g)
        return convolve2D(input, weights: weights.value, bias: bias.value, geometry: g, algorithm: algorithm)
    }

    /// Sets dJ/dW and dJ/db and returns dJ/dX, all from dJ/dY [N, O, O_h, O_w] (see `convolve2DBackward`).
    public func backward(_ outputGradient: Tensor) -> Tensor {
        guard let inputGradient = setGradients(outputGradient, computingInputGradient: true) else {
            requirementFailed("Convolution2D.backward: convolve2DBackward returned no dJ/dX")
        }
        return inputGradient
    }

    /// Sets dJ/dW and dJ/db only, skipping the transposed convolution that dJ/dX costs: what a
    /// network's training step asks of its first layer, whose dJ/dX nobody uses. A convolution
    /// deeper in a network (a discriminator's first layer inside a GAN) gets `backward`, and so
    /// hands its real dJ/dX down.
    public func backwardDiscardingInputGradient(_ outputGradient: Tensor) {
        _ = setGradients(outputGradient, computingInputGradient: false)
    }

    /// dJ/dW and dJ/db from dJ/dY into the parameters; dJ/dX when asked, else nil.
    private func setGradients(_ outputGradient: Tensor, computingInputGradient: Bool) -> Tensor? {
        let input = cached(input, "Convolution2D")
        guard let geometry else { requirementFailed("Convolution2D.backward: called before forward") }
        let gradients = convolve2DBackward(input: input, outputGradient: outputGradient, weights: weights.value, geometry: geometry,
                                           computeInputGradient: computingInputGradient, algorithm: algorithm)
        (weights.gradient, bias.gradient) = (gradients.weights, gradients.bias)
        return gradients.input
    }
}

/// [N, C, H, W] to [N, C H W], each image flattened in row-major order (DAT300 "Flatten", CONV-12):
/// the bridge from convolutional layers to dense ones.
public final class Flatten: Layer {
    private var inputShape: [Int]?
    public init() {}

    public func forward(_ input: Tensor, training: Bool = false) -> Tensor {
        require(input.rank >= 2, "Flatten.forward: needs a batch [N, ...], got shape \(input.shape)")
        inputShape = input.shape
        return input.reshaped([input.shape[0], input.count / max(1, input.shape[0])])
    }

    public func backward(_ outputGradient: Tensor) -> Tensor {
        guard let inputShape else { requirementFailed("Flatten.backward: called before forward") }
        return outputGradient.reshaped(inputShape)
    }
}

/// [N, F] to [N] + `shape` (F = the product of `shape`), e.g. digits' rows of 64 pixels to [N, 1, 8, 8]
/// images: the bridge from the design matrix of the notes to convolutional layers.
public final class Reshape: Layer {
    public let shape: [Int]
    private var inputShape: [Int]?

    public init(_ shape: [Int]) {
        require(!shape.isEmpty && shape.allSatisfy { $0 > 0 }, "Reshape: needs positive extents, got \(shape)")
        self.shape = shape
    }

    public func forward(_ input: Tensor, training: Bool = false) -> Tensor {
        let size = shape.reduce(1, *)
        requireShapes(input.rank >= 1 && input.count == input.shape[0] * size, "Reshape.forward: input [N, ...] vs [N] + \(shape)",
                      input.shape, shape)
        inputShape = input.shape
        return input.reshaped([input.shape[0]] + shape)
    }

    public func backward(_ outputGradient: Tensor) -> Tensor {
        guard let inputShape else { requirementFailed("Reshape.backward: called before forward") }
        return outputGradient.reshaped(inputShape)
    }
}
