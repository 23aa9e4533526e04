// ResidualBlock.swift: batch normalisation over the channels of images (MLiS II Sec. 2.3.1, Eqs.
// 2.3.1-2.3.2) and the residual cell of ResNet (MLiS II Sec. 2.5, Fig. 2.5.3: convolution, ReLU,
// convolution, add the input, ReLU; DAT300 "ResNet" with batch normalisation after each convolution;
// DL Padova "Residual Blocks" L608).
// Goals, in order: reuse the NeuralNetworks module's batch normalisation (its formulas and backward
// pass are tested there) rather than write them twice; the skip connection visible in backward as
// the one line where two gradients are added.

import Core
import NeuralNetworks

/// Batch normalisation of [N, C, H, W] images with one mu, sigma^2, gamma and beta per channel,
/// statistics over the N H W values of the channel (Ioffe & Szegedy 2015, Sec. 3.2).
///
/// It is the per-feature `BatchNormalisation` applied to the images seen as N H W rows of C features:
/// the tensor is rearranged to [N H W, C], normalised, and rearranged back. So the running variance
/// averages the unbiased variance over m = N H W values, m/(m - 1) sigma^2, as PyTorch's BatchNorm2d.
public final class ChannelBatchNormalisation: Layer {
    /// The per-feature layer doing the work; its gamma, beta and running statistics have shape [1, C].
    public let normalisation: BatchNormalisation
    private var inputShape: [Int]?

    public init(channels: Int, epsilon: Float = 1e-5, momentum: Float = 0.9) {
        normalisation = BatchNormalisation(features: channels, epsilon: epsilon, momentum: momentum)
    }

    public var parameters: [Parameter] { normalisation.parameters }

    public func forward(_ input: Tensor, training: Bool) -> Tensor {
        requireShapes(input.rank == 4 && input.shape[1] == normalisation.scale.value.columns,
                      "ChannelBatchNormalisation.forward: input [N, C, H, W] vs gamma [1, C]", input.shape, normalisation.scale.value.shape)
        inputShape = input.shape
        return channelsFirst(normalisation.forward(channelsLast(input), training: training), like: input.shape)
    }

    public func backward(_ outputGradient: Tensor) -> Tensor {
        guard let inputShape else { requirementFailed("ChannelBatchNormalisation.backward: called before forward") }
        return channelsFirst(normalisation.backward(channelsLast(outputGradient)), like: inputShape)
    }
}

/// [N, C, H, W] to [N H W, C]: one row per pixel, one column per channel.
func channelsLast(_ x: Tensor) -> Tensor {
    x.permuted([0, 2, 3, 1]).reshaped([x.shape[0] * x.shape[2] * x.shape[3], x.shape[1]])
}

/// [N H W, C] back to [N, C, H, W] (`shape`).
func channelsFirst(_ x: Tensor, like shape: [Int]) -> Tensor {
    x.reshaped([shape[0], shape[2], shape[3], shape[1]]).permuted([0, 3, 1, 2])
}

/// The residual cell: y = ReLU(s(x) + x) with s = conv, [BN], ReLU, conv, [BN]   (MLiS II Fig. 2.5.3)
///
/// Both convolutions keep the channels and the size (3 x 3 kernels, "same" padding), so s(x) and x
/// can be added. The cell learns the change s(x) to its input; with s = 0 it passes x on (through
/// the last ReLU). With `batchNormalisation` it is DAT300's block (BN after each convolution).
///
/// ```swift
/// var generator = Xoshiro256StarStar(seed: 1)
/// let block = ResidualBlock(channels: 64, batchNormalisation: true, generator: &generator)
/// print(block.parameters.filter(\.isTrainable).map(\.count).reduce(0, +))   // 74112 = 2 (36,928 + 128)
/// ```
public final class ResidualBlock: Layer {
    public let first: Convolution2D
    public let second: Convolution2D
    /// The layers of s(x) in order: conv, [BN], ReLU, conv, [BN].
    public let residual: Network
    private let output = ActivationLayer(.relu)

    public init(channels: Int, kernel: Int = 3, batchNormalisation: Bool = false, generator: inout Xoshiro256StarStar) {
        first = Convolution2D(inputChannels: channels, outputChannels: channels, kernel: kernel, padding: .same, generator: &generator)
        second = Convolution2D(inputChannels: channels, outputChannels: channels, kernel: kernel, padding: .same, generator: &generator)
        let normalise: () -> [any Layer] = { batchNormalisation ? [ChannelBatchNormalisation(channels: channels)] : [] }
        residual = Network([first] + normalise() + [ActivationLayer(.relu), second] + normalise())
    }

    public var parameters: [Parameter] { residual.parameters }

    /// y = ReLU(s(x) + x), shape [N, C, H, W] to [N, C, H, W].
    public func forward(_ input: Tensor, training: Bool = false) -> Tensor {
        let change = residual.forward(input, training: training)
        requireShapes(change.shape == input.shape, "ResidualBlock.forward: s(x) vs x", change.shape, input.shape)
        return output.forward(change + input, training: training)
    }

    /// dJ/dx = dJ/dz + s'(x)^T dJ/dz with z = s(x) + x: the skip connection hands the gradient down
    /// unchanged and adds it to what comes back through s, so it cannot vanish in s.
    public func backward(_ outputGradient: Tensor) -> Tensor {
        let gradient = output.backward(outputGradient)                    // dJ/dz through the last ReLU
        return residual.backward(gradient) + gradient                     // through s, plus the skip
    }
}
