// TransposedConvolution.swift: the up-sampling layer of MLiS II Sec. 2.3.6, y = K*^T x
// (Eq. (2.3.3), Eq. (2.3.4), Eq. (2.3.5)), as a strided layer with its backward pass; output size (I - 1)S + K.
// Goals, in order: exactly the transpose of the convolution with the same kernel, stride and padding
// (so <conv(x), y> = <x, convT(y)>); no code of its own for the arithmetic: its forward pass is a
// convolution's input gradient and its backward pass is a convolution.
//
// Each input pixel x[k, i, j] adds x[k, i, j] W[k, c, :, :] into the output at offset (iS, jS): a
// scatter. Where the kernel size is not a multiple of the stride, neighbouring scatters overlap
// unevenly and a constant input gives a checkerboard (Odena et al. 2016, "occurs when the kernel size
// is non-divisible by the stride"); `Upsampling2D` followed by a convolution does not.

import Core
import NeuralNetworks

/// The output size and padding of a transposed convolution along both axes.
public struct TransposedConvolutionGeometry: Sendable, Equatable {
    /// The convolution whose transpose this is: it maps the (larger) output back to the input.
    public let convolution: ConvolutionGeometry

    /// A transposed convolution of `channels` x `height` x `width` inputs to `outputChannels` channels.
    ///
    /// `padding`: `.valid` gives (I - 1)S + K (the notes' "valid"); `.same` gives I S, cropping K - S
    /// pixels in all (Keras' "same"; needs K >= S); `.explicit` crops the given amounts from the
    /// (I - 1)S + K pixels. `.full` has no meaning here and stops.
    public init(channels: Int, height: Int, width: Int, outputChannels: Int, kernelHeight: Int, kernelWidth: Int,
                stride: Int = 1, padding: Padding = .valid) {
        require(channels > 0 && height > 0 && width > 0 && outputChannels > 0 && kernelHeight > 0 && kernelWidth > 0 && stride > 0,
                "TransposedConvolutionGeometry: sizes must be positive, got input \(channels) x \(height) x \(width), "
                    + "\(outputChannels) channels out, kernel \(kernelHeight) x \(kernelWidth), stride \(stride)")
        let crop: (top: Int, bottom: Int, left: Int, right: Int)
        switch padding {
        case .valid: crop = (0, 0, 0, 0)
        case .same:
            require(kernelHeight >= stride && kernelWidth >= stride,
                    "TransposedConvolutionGeometry: 'same' needs a kernel at least as large as the stride, got \(kernelHeight) x \(kernelWidth) and \(stride)")
            let (vertical, horizontal) = (kernelHeight - stride, kernelWidth - stride)
            crop = (vertical / 2, vertical - vertical / 2, horizontal / 2, horizontal - horizontal / 2)
        case .explicit: crop = padding.amounts(kernelHeight: kernelHeight, kernelWidth: kernelWidth)
        case .full: requirementFailed("TransposedConvolutionGeometry: full padding has no meaning for a transposed convolution")
        }
        let outputHeight = (height - 1) * stride + kernelHeight - crop.top - crop.bottom
        let outputWidth = (width - 1) * stride + kernelWidth - crop.left - crop.right
        require(outputHeight > 0 && outputWidth > 0,
                "TransposedConvolutionGeometry: padding \(padding) leaves no output ((I - 1)S + K - P = \(outputHeight) x \(outputWidth))")
        convolution = ConvolutionGeometry(channels: outputChannels, height: outputHeight, width: outputWidth,
                                          outputChannels: channels, kernelHeight: kernelHeight, kernelWidth: kernelWidth,
                                          stride: stride, padding: .explicit(top: crop.top, bottom: crop.bottom,
                                                                              left: crop.left, right: crop.right))
    }

    public var outputHeight: Int { convolution.inputHeight }
    public var outputWidth: Int { convolution.inputWidth }
    /// The weights' shape [C_in, C_out, K_h, K_w] (the convolution's [O, C, K_h, K_w]).
    public var weightShape: [Int] { convolution.weightShape }
}

/// y = K*^T x + b: `input` [N, C_in, H, W] to [N, C_out, H_out, W_out]
/// MLiS II Eq. (2.3.3), Eq. (2.3.4), Eq. (2.3.5)
///
/// ```swift
/// // Eq. (2.3.5): D = [[1, 2], [3, 1]] through the 3 x 3 kernel of Sec. 2.2.1, stride 1.
/// let D = Tensor(shape: [1, 1, 2, 2], scalars: [1, 2, 3, 1])
/// let K = Tensor(shape: [1, 1, 3, 3], scalars: [1, 2, 3, 3, 4, 2, 2, 1, 1])
/// let g = TransposedConvolutionGeometry(channels: 1, height: 2, width: 2, outputChannels: 1, kernelHeight: 3, kernelWidth: 3)
/// print(transposedConvolve2D(D, weights: K, geometry: g).scalars)
/// // [1.0, 4.0, 7.0, 6.0, 6.0, 17.0, 21.0, 7.0, 11.0, 20.0, 13.0, 4.0, 6.0, 5.0, 4.0, 1.0]
/// ```
public func transposedConvolve2D(_ input: Tensor, weights: Tensor, bias: Tensor? = nil,
                                 geometry: TransposedConvolutionGeometry) -> Tensor {
    var output = convolve2DInputGradient(input, weights: weights, geometry: geometry.convolution)
    if let bias {
        requireShapes(bias.count == geometry.convolution.inputChannels, "transposedConvolve2D: bias vs [C_out]",
                      bias.shape, [geometry.convolution.inputChannels])
        addBias(bias, to: &output, channels: geometry.convolution.inputChannels)
    }
    return output
}

/// A transposed-convolution layer: an up-sampling layer whose kernel is learnt (MLiS II Sec. 2.3.6).
public final class TransposedConvolution2D: Layer {
    /// W, shape [C_in, C_out, K_h, K_w].
    public let weights: Parameter
    /// b, shape [C_out].
    public let bias: Parameter
    public let stride: Int
    public let padding: Padding
    private var input: Tensor?
    private var geometry: TransposedConvolutionGeometry?

    public init(weights: Tensor, bias: Tensor, stride: Int = 1, padding: Padding = .valid) {
        require(weights.rank == 4, "TransposedConvolution2D: weights must be [C_in, C_out, K_h, K_w], got shape \(weights.shape)")
        requireShapes(bias.count == weights.shape[1], "TransposedConvolution2D: bias vs C_out", bias.shape, weights.shape)
        self.weights = Parameter("W", value: weights, isPenalised: true)
        self.bias = Parameter("b", value: bias.reshaped([bias.count]))
        (self.stride, self.padding) = (stride, padding)
    }

    /// Weights drawn by `initialisation` (fan-in C_in K_h K_w / S^2 per output, fan-out C_out K_h K_w), zero biases.
    public convenience init(inputChannels: Int, outputChannels: Int, kernel: Int, stride: Int = 1, padding: Padding = .valid,
                            initialisation: Initialisation = .xavierUniform, generator: inout Xoshiro256StarStar) {
        let shape = [inputChannels, outputChannels, kernel, kernel]
        let w = initialisation.tensor(shape: shape, inputs: inputChannels * kernel * kernel, outputs: outputChannels * kernel * kernel,
                                      generator: &generator)
        self.init(weights: w, bias: Tensor(shape: [outputChannels]), stride: stride, padding: padding)
    }

    public var parameters: [Parameter] { [weights, bias] }

    public func forward(_ input: Tensor, training: Bool = false) -> Tensor {
        let w = weights.value
        requireShapes(input.rank == 4 && input.shape[1] == w.shape[0], "TransposedConvolution2D.forward: input [N, C_in, H, W] vs weights",
                      input.shape, w.shape)
        let g = TransposedConvolutionGeometry(channels: w.shape[0], height: input.shape[2], width: input.shape[3],
                                              outputChannels: w.shape[1], kernelHeight: w.shape[2], kernelWidth: w.shape[3],
                                              stride: stride, padding: padding)
        (self.input, geometry) = (input, g)
        return transposedConvolve2D(input, weights: w, bias: bias.value, geometry: g)
    }

    /// dJ/dx = conv(dJ/dy) (the transpose of the transpose); dJ/dW is the convolution's weight gradient
    /// with the roles of its input (dJ/dy) and output gradient (x) exchanged; dJ/db sums dJ/dy per channel.
    public func backward(_ outputGradient: Tensor) -> Tensor {
        guard let input, let geometry else { requirementFailed("TransposedConvolution2D.backward: called before forward") }
        let g = geometry.convolution
        let gradients = convolve2DBackward(input: outputGradient, outputGradient: input, weights: weights.value, geometry: g,
                                           computeInputGradient: false)
        weights.gradient = gradients.weights
        bias.gradient = biasGradient(outputGradient, channels: g.inputChannels)
        return convolve2D(outputGradient, weights: weights.value, geometry: g)
    }
}
