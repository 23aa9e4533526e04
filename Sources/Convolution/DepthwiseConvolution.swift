// DepthwiseConvolution.swift: depthwise convolution, MLiS II Sec. 2.3.3 (Fig. 2.3.2): each channel
// convolved with its own filter and the results kept apart (concatenated, not summed); with a
// pointwise (1 x 1) convolution after it, the depthwise separable filter of MobileNet (Sec. 2.5).
// Goals, in order: the same numbers as a full convolution whose filters are zero off the diagonal;
// no arithmetic of its own: each channel is a 1 -> 1 `convolve2D`.

import Core
import NeuralNetworks

/// Y[n, c] = X[n, c] * W[c] + b_c for every channel c: [N, C, H, W] to [N, C, O_h, O_w], with
/// `weights` [C, 1, K_h, K_w] and `bias` [C] (or nil). `geometry` describes one channel (1 -> 1).
public func depthwiseConvolve2D(_ input: Tensor, weights: Tensor, bias: Tensor? = nil, geometry g: ConvolutionGeometry) -> Tensor {
    let channels = checkDepthwise(input, weights, g, "depthwiseConvolve2D")
    var output = Tensor(shape: [input.shape[0], channels, g.outputHeight, g.outputWidth])
    for c in 0..<channels {
        let y = convolve2D(channel(c, of: input), weights: filter(c, of: weights), bias: bias.map { Tensor(shape: [1], scalars: [$0.scalars[c]]) },
                           geometry: g)
        setChannel(c, of: &output, to: y)
    }
    return output
}

/// dJ/dX [N, C, H, W], dJ/dW [C, 1, K_h, K_w] and dJ/db [C] of `depthwiseConvolve2D`, channel by channel.
public func depthwiseConvolve2DBackward(input: Tensor, outputGradient: Tensor, weights: Tensor,
                                        geometry g: ConvolutionGeometry) -> ConvolutionGradients {
    let channels = checkDepthwise(input, weights, g, "depthwiseConvolve2DBackward")
    var result = ConvolutionGradients(input: Tensor(shape: input.shape), weights: Tensor(shape: weights.shape),
                                      bias: Tensor(shape: [channels]))
    for c in 0..<channels {
        let gradients = convolve2DBackward(input: channel(c, of: input), outputGradient: channel(c, of: outputGradient),
                                           weights: filter(c, of: weights), geometry: g)
        setChannel(c, of: &result.input!, to: gradients.input!)
        result.weights.scalars.replaceSubrange((c * g.kernelArea)..<((c + 1) * g.kernelArea), with: gradients.weights.scalars)
        result.bias.scalars[c] = gradients.bias.scalars[0]
    }
    return result
}

/// A depthwise convolution layer (depth multiplier 1): C filters of K x K, one per channel, C K^2 + C
/// parameters instead of the (C K^2 + 1) O of a full convolution.
public final class DepthwiseConvolution2D: Layer {
    /// W, shape [C, 1, K_h, K_w].
    public let weights: Parameter
    /// b, shape [C].
    public let bias: Parameter
    public let stride: Int
    public let padding: Padding
    private var input: Tensor?
    private var geometry: ConvolutionGeometry?

    public init(weights: Tensor, bias: Tensor, stride: Int = 1, padding: Padding = .valid) {
        require(weights.rank == 4 && weights.shape[1] == 1, "DepthwiseConvolution2D: weights must be [C, 1, K_h, K_w], got \(weights.shape)")
        requireShapes(bias.count == weights.shape[0], "DepthwiseConvolution2D: bias vs [C]", bias.shape, [weights.shape[0]])
        self.weights = Parameter("W", value: weights, isPenalised: true)
        self.bias = Parameter("b", value: bias.reshaped([bias.count]))
        (self.stride, self.padding) = (stride, padding)
    }

    public convenience init(channels: Int, kernel: Int, stride: Int = 1, padding: Padding = .valid,
                            initialisation: Initialisation = .heUniform, generator: inout Xoshiro256StarStar) {
        let w = initialisation.tensor(shape: [channels, 1, kernel, kernel], inputs: kernel * kernel, outputs: kernel * kernel,
                                      generator: &generator)
        self.init(weights: w, bias: Tensor(shape: [channels]), stride: stride, padding: padding)
    }

    public var parameters: [Parameter] { [weights, bias] }

    public func forward(_ input: Tensor, training: Bool = false) -> Tensor {
        let w = weights.value
        requireShapes(input.rank == 4 && input.shape[1] == w.shape[0], "DepthwiseConvolution2D.forward: input [N, C, H, W] vs weights [C, 1, K_h, K_w]",
                      input.shape, w.shape)
        let g = ConvolutionGeometry(channels: 1, height: input.shape[2], width: input.shape[3], outputChannels: 1,
                                    kernelHeight: w.shape[2], kernelWidth: w.shape[3], stride: stride, padding: padding)
        (self.input, geometry) = (input, g)
        return depthwiseConvolve2D(input, weights: w, bias: bias.value, geometry: g)
    }

    public func backward(_ outputGradient: Tensor) -> Tensor {
        guard let input, let geometry else { requirementFailed("DepthwiseConvolution2D.backward: called before forward") }
        let gradients = depthwiseConvolve2DBackward(input: input, outputGradient: outputGradient, weights: weights.value, geometry: geometry)
        (weights.gradient, bias.gradient) = (gradients.weights, gradients.bias)
        return gradients.input!
    }
}

// MARK: Channel slices

/// Checks input [N, C, H, W] and weights [C, 1, K_h, K_w] against the one-channel geometry; returns C.
private func checkDepthwise(_ input: Tensor, _ weights: Tensor, _ g: ConvolutionGeometry, _ operation: String) -> Int {
    require(g.inputChannels == 1 && g.outputChannels == 1, "\(operation): the geometry must describe one channel (1 -> 1), got \(g)")
    requireShapes(input.rank == 4 && weights.rank == 4 && weights.shape[0] == input.shape[1] && weights.shape[1] == 1
                    && Array(weights.shape.suffix(2)) == [g.kernelHeight, g.kernelWidth]
                    && Array(input.shape.suffix(2)) == [g.inputHeight, g.inputWidth],
                  "\(operation): input [N, C, H, W] vs weights [C, 1, K_h, K_w]", input.shape, weights.shape)
    return input.shape[1]
}

/// Channel c of a [N, C, H, W] tensor as [N, 1, H, W].
func channel(_ c: Int, of tensor: Tensor) -> Tensor {
    let (batch, channels, area) = (tensor.shape[0], tensor.shape[1], tensor.shape[2] * tensor.shape[3])
    var result = [Float]()
    result.reserveCapacity(batch * area)
    for n in 0..<batch { result.append(contentsOf: tensor.scalars[((n * channels + c) * area)..<((n * channels + c + 1) * area)]) }
    return Tensor(shape: [batch, 1, tensor.shape[2], tensor.shape[3]], scalars: result)
}

/// Writes [N, 1, H, W] into channel c of a [N, C, H, W] tensor.
func setChannel(_ c: Int, of tensor: inout Tensor, to values: Tensor) {
    let (batch, channels, area) = (tensor.shape[0], tensor.shape[1], tensor.shape[2] * tensor.shape[3])
    for n in 0..<batch {
        tensor.scalars.replaceSubrange(((n * channels + c) * area)..<((n * channels + c + 1) * area),
                                       with: values.scalars[(n * area)..<((n + 1) * area)])
    }
}

/// Filter c of [C, 1, K_h, K_w] weights as [1, 1, K_h, K_w].
private func filter(_ c: Int, of weights: Tensor) -> Tensor {
    let area = weights.shape[2] * weights.shape[3]
    return Tensor(shape: [1, 1, weights.shape[2], weights.shape[3]], scalars: Array(weights.scalars[(c * area)..<((c + 1) * area)]))
}
