// TemporalConvolution.swift: the temporal convolutional network of DL Padova "TCN": dilated causal
// convolutions (the output at step t reads only steps t, t - d, ..., t - (f - 1) d), dilation 2^(k-1)
// in layer k, stride 1, receptive field R = (f - 1)(2^K - 1) + 1, and the residual block of two such
// convolutions with ReLU and a skip connection.
// Goals, in order: no second convolution: a sequence [N, T, C] is the image [N, C, 1, T] and the
// causal convolution is Convolution's `Convolution2D` with a 1 x f kernel, dilation d and (f - 1) d
// zeros on the left only; the receptive-field formula checked against a count by brute force.

import Convolution
import Core
import NeuralNetworks

/// A dilated causal 1-D convolution: y_t = b + sum_(j = 0)^(f - 1) W_j x_(t - j d) (x_s = 0 for s < 1),
/// [N, T, C] to [N, T, O], the same length T (DL Padova "TCN": "activations computed for a particular
/// time step cannot depend on activations from future time steps").
///
/// ```swift
/// var generator = Xoshiro256StarStar(seed: 1)
/// let layer = CausalConvolution1D(inputChannels: 1, outputChannels: 4, kernel: 3, dilation: 2, generator: &generator)
/// print(layer(Tensor(shape: [8, 24, 1])).shape)   // [8, 24, 4]
/// ```
///
/// The weights are Convolution2D's [O, C, 1, f]; tap j of the kernel (0-based) reads x_(t - (f - 1 - j) d),
/// so the last tap reads the present step.
public final class CausalConvolution1D: Layer {
    /// The convolution on [N, C, 1, T] images, padded on the left only.
    public let convolution: Convolution2D

    /// Filters [O, C, 1, f] and biases (O values).
    public init(weights: Tensor, bias: Tensor, dilation: Int = 1) {
        require(weights.rank == 4 && weights.shape[2] == 1,
                "CausalConvolution1D: weights must be [O, C, 1, f], got shape \(weights.shape)")
        require(dilation >= 1, "CausalConvolution1D: dilation must be >= 1, got \(dilation)")
        let leftPadding = (weights.shape[3] - 1) * dilation
        convolution = Convolution2D(weights: weights, bias: bias, padding: .explicit(top: 0, bottom: 0, left: leftPadding, right: 0),
                                    dilation: dilation)
    }

    /// O filters of width f on C channels, He uniform (fan-in C f, for the ReLUs that follow), zero biases.
    public convenience init(inputChannels: Int, outputChannels: Int, kernel: Int, dilation: Int = 1,
                            generator: inout Xoshiro256StarStar) {
        require(inputChannels > 0 && outputChannels > 0 && kernel > 0,
                "CausalConvolution1D: needs positive channels and kernel, got \(inputChannels) -> \(outputChannels), kernel \(kernel)")
        let w = Initialisation.heUniform.tensor(shape: [outputChannels, inputChannels, 1, kernel], inputs: inputChannels * kernel,
                                                outputs: outputChannels * kernel, generator: &generator)
        self.init(weights: w, bias: Tensor(shape: [outputChannels]), dilation: dilation)
    }

    public var parameters: [Parameter] { convolution.parameters }
    public var inputChannels: Int { convolution.inputChannels }
    public var outputChannels: Int { convolution.outputChannels }
    public var kernel: Int { convolution.weights.value.shape[3] }
    public var dilation: Int { convolution.dilation }

    /// [N, T, C] as [N, C, 1, T], convolved, and back to [N, T, O].
    public func forward(_ input: Tensor, training: Bool = false) -> Tensor {
        requireSequence(input, features: inputChannels, "CausalConvolution1D.forward", weightShape: convolution.weights.value.shape)
        let (n, t) = (input.shape[0], input.shape[1])
        let images = input.permuted([0, 2, 1]).reshaped([n, inputChannels, 1, t])
        let output = convolution.forward(images, training: training)
        return output.reshaped([n, outputChannels, t]).permuted([0, 2, 1])
    }

    /// The same moves around Convolution2D's backward pass, in reverse.
    public func backward(_ outputGradient: Tensor) -> Tensor {
        let images = toImages(outputGradient, channels: outputChannels)
        let inputGradient = convolution.backward(images)
        return inputGradient.reshaped([outputGradient.shape[0], inputChannels, outputGradient.shape[1]]).permuted([0, 2, 1])
    }

    public func backwardDiscardingInputGradient(_ outputGradient: Tensor) {
        convolution.backwardDiscardingInputGradient(toImages(outputGradient, channels: outputChannels))
    }

    private func toImages(_ sequences: Tensor, channels: Int) -> Tensor {
        requireShapes(sequences.rank == 3 && sequences.shape[2] == channels, "CausalConvolution1D.backward: dJ/d(output) vs [N, T, O]",
                      sequences.shape, [channels])
        return sequences.permuted([0, 2, 1]).reshaped([sequences.shape[0], channels, 1, sequences.shape[1]])
    }
}

/// R = (f - 1)(2^K - 1) + 1: how many input steps one output of K dilated causal layers of filter
/// size f sees, when layer k has dilation 2^(k - 1) and stride 1   (DL Padova "TCN")
///
/// Each layer adds (f - 1) d_k steps: 1 + (f - 1)(1 + 2 + ... + 2^(K - 1)) = 1 + (f - 1)(2^K - 1).
public func temporalReceptiveField(filter f: Int, layers K: Int) -> Int {
    require(f >= 1 && K >= 0 && K < 62, "temporalReceptiveField: needs f >= 1 and 0 <= K < 62, got f = \(f), K = \(K)")
    return (f - 1) * ((1 << K) - 1) + 1
}

/// The same number by brute force: the set of input steps the last output depends on, grown layer
/// by layer from the top (layer K reads steps s - j 2^(K - 1), j = 0 ... f - 1, of layer K - 1), counted.
public func receptiveFieldByCounting(filter f: Int, layers K: Int) -> Int {
    require(f >= 1 && K >= 0 && K < 20, "receptiveFieldByCounting: needs f >= 1 and 0 <= K < 20, got f = \(f), K = \(K)")
    var steps: Set<Int> = [0]
    for k in stride(from: K, through: 1, by: -1) {
        let dilation = 1 << (k - 1)
        steps = Set(steps.flatMap { s in (0..<f).map { s - $0 * dilation } })
    }
    return steps.count
}
