// PrimaryCapsules.swift: the first capsule layer of a CapsNet (Sabour, Frosst & Hinton 2017, Sec. 4;
// DL Padova "Capsule Network"): a convolution whose output channels are read as T capsule types of
// dimension D at every position, each vector squashed. On the 8 x 8 digits, 32 feature maps of 6 x 6
// and a 3 x 3 convolution to 8 types x 8 components give 8 x 4 x 4 = 128 capsules of 8 components.
// Goals, in order: the paper's layer; the convolution is the Convolution module's (never a copy); the
// reshaping (channels -> capsules) a pure move of values whose backward is the inverse move.
//
// Capsule k = (type t, row y, column x) takes channels t D ... t D + D - 1 at (y, x); capsules are
// numbered t H W + y W + x (type-major, as `view(N, T, D, H, W)` then moving D last).

import Convolution
import Core
import NeuralNetworks

/// Convolution [N, C, H, W] -> [N, T D, H', W'], regrouped as T H' W' capsules of D components, squashed:
/// output [N, T H' W', D].
///
/// ```swift
/// var generator = Xoshiro256StarStar(seed: 1)
/// let primary = PrimaryCapsules(inputChannels: 32, types: 8, dimension: 8, kernel: 3, generator: &generator)
/// primary(Tensor(shape: [2, 32, 6, 6])).shape        // [2, 128, 8]: 8 types x 4 x 4 positions
/// ```
public final class PrimaryCapsules: Layer {
    /// The convolution, T D output channels.
    public let convolution: Convolution2D
    /// T, the capsule types (32 in the paper).
    public let types: Int
    /// D, the components of each capsule (8 in the paper).
    public let dimension: Int
    /// s, the capsules before the squash [N, T H' W', D], and the convolution's output shape.
    private var preSquash: Tensor?
    private var channelShape: [Int] = []

    /// `types` x `dimension` filters of `kernel` x `kernel` on `inputChannels` channels (no padding),
    /// weights drawn by `initialisation` (Xavier uniform: what follows is the squash, not a ReLU).
    public init(inputChannels: Int, types: Int, dimension: Int, kernel: Int, stride: Int = 1,
                initialisation: Initialisation = .xavierUniform, generator: inout Xoshiro256StarStar) {
        require(types >= 1 && dimension >= 1, "PrimaryCapsules: needs types >= 1 and dimension >= 1, got \(types) and \(dimension)")
        convolution = Convolution2D(inputChannels: inputChannels, outputChannels: types * dimension, kernel: kernel, stride: stride,
                                    initialisation: initialisation, generator: &generator)
        (self.types, self.dimension) = (types, dimension)
    }

    public var parameters: [Parameter] { convolution.parameters }

    /// The number of capsules for an input of `height` x `width`: T H' W'.
    public func capsuleCount(height: Int, width: Int) -> Int {
        let g = convolution.geometry(height: height, width: width)
        return types * g.outputHeight * g.outputWidth
    }

    /// u = squash(capsules(conv(x))), [N, C, H, W] to [N, T H' W', D].
    /// DL Padova "Dynamic routing" (the squashing function); Sabour et al. 2017, Eq. (1)
    public func forward(_ input: Tensor, training: Bool = false) -> Tensor {
        let y = convolution.forward(input, training: training)
        let s = capsules(fromChannels: y)
        (preSquash, channelShape) = (s, y.shape)
        return squash(s)
    }

    public func backward(_ outputGradient: Tensor) -> Tensor {
        convolution.backward(channelGradient(outputGradient))
    }

    /// Sets the convolution's gradients only (a network's first layer with parameters skips dJ/dX).
    public func backwardDiscardingInputGradient(_ outputGradient: Tensor) {
        convolution.backwardDiscardingInputGradient(channelGradient(outputGradient))
    }

    /// [N, T D, H, W] -> [N, T H W, D]: move each capsule's D components to the last axis.
    func capsules(fromChannels y: Tensor) -> Tensor {
        let (n, height, width) = (y.shape[0], y.shape[2], y.shape[3])
        return y.reshaped([n, types, dimension, height * width]).permuted([0, 1, 3, 2]).reshaped([n, types * height * width, dimension])
    }

    /// dJ/dy [N, T D, H, W] from dJ/du [N, T H W, D], through the squash and back to channels.
    private func channelGradient(_ outputGradient: Tensor) -> Tensor {
        let s = cached(preSquash, "PrimaryCapsules")
        requireShapes(outputGradient.shape == s.shape, "PrimaryCapsules.backward: dJ/du vs u [N, T H W, D]", outputGradient.shape, s.shape)
        let (n, area) = (channelShape[0], channelShape[2] * channelShape[3])
        let capsuleGradient = squashBackward(outputGradient, input: s)
        return capsuleGradient.reshaped([n, types, area, dimension]).permuted([0, 1, 3, 2]).reshaped(channelShape)
    }
}
