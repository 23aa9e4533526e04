// TemporalBlock.swift: the residual block of a TCN and a stack of them, DL Padova "TCN": "multiple
// residual blocks, each containing two sets of dilated causal convolution layers with the same
// dilation factor, followed by normalization, ReLU activation, and spatial dropout layers. The
// network adds the input of each block to the output of the block and applies a final activation."
// Goals, in order: the block as the notes describe it, with its backward pass as the sum of the two
// paths; the normalisation and dropout left out (said where), the small series here need neither.

import Core
import NeuralNetworks

/// ReLU(conv2(ReLU(conv1(x))) + skip(x)): two dilated causal convolutions of one dilation, with the
/// block's input added back (through a 1 x 1 convolution when the widths differ), [N, T, C] to [N, T, O].
///
/// DL Padova also puts a normalisation and spatial dropout after each convolution; they are left out
/// here (the airline series has 120 training months), and a `Network` can add them around the block.
/// A block has two convolutions, so K blocks with dilations 1, 2, ..., 2^(K - 1) see 2 (f - 1)(2^K - 1) + 1
/// steps: the formula R = (f - 1)(2^K - 1) + 1 counts layers of one convolution each.
public final class TemporalBlock: Layer {
    public let first: CausalConvolution1D
    public let second: CausalConvolution1D
    /// The 1 x 1 convolution on the skip path when C != O, else nil (the identity).
    public let skip: CausalConvolution1D?
    private let (firstActivation, outputActivation) = (ActivationLayer(.relu), ActivationLayer(.relu))

    public init(inputChannels: Int, outputChannels: Int, kernel: Int, dilation: Int, generator: inout Xoshiro256StarStar) {
        first = CausalConvolution1D(inputChannels: inputChannels, outputChannels: outputChannels, kernel: kernel, dilation: dilation,
                                    generator: &generator)
        second = CausalConvolution1D(inputChannels: outputChannels, outputChannels: outputChannels, kernel: kernel,
                                     dilation: dilation, generator: &generator)
        skip = inputChannels == outputChannels ? nil
            : CausalConvolution1D(inputChannels: inputChannels, outputChannels: outputChannels, kernel: 1, generator: &generator)
    }

    public var parameters: [Parameter] { first.parameters + second.parameters + (skip?.parameters ?? []) }

    public func forward(_ input: Tensor, training: Bool = false) -> Tensor {
        let inner = second.forward(firstActivation.forward(first.forward(input, training: training), training: training),
                                   training: training)
        let shortcut = skip?.forward(input, training: training) ?? input
        return outputActivation.forward(inner + shortcut, training: training)
    }

    /// dJ/dX = (through the two convolutions) + (through the skip path): the two paths of the sum.
    public func backward(_ outputGradient: Tensor) -> Tensor {
        let gradient = outputActivation.backward(outputGradient)
        let throughConvolutions = first.backward(firstActivation.backward(second.backward(gradient)))
        return throughConvolutions + (skip?.backward(gradient) ?? gradient)
    }
}

extension Network {
    /// A TCN forecaster: `blocks` temporal blocks of `channels` channels and filter size `kernel`,
    /// block k with dilation 2^(k - 1), then the last step through Dense(channels -> outputs, linear):
    /// [N, T, F] to [N, outputs].
    public static func temporalConvolutionalNetwork(inputs: Int, channels: Int, kernel: Int, blocks: Int, outputs: Int = 1,
                                                    generator: inout Xoshiro256StarStar) -> Network {
        require(blocks >= 1, "temporalConvolutionalNetwork: needs at least one block, got \(blocks)")
        var layers: [any Layer] = []
        for k in 1...blocks {
            layers.append(TemporalBlock(inputChannels: k == 1 ? inputs : channels, outputChannels: channels, kernel: kernel,
                                        dilation: 1 << (k - 1), generator: &generator))
        }
        layers.append(LastTimeStep())
        layers.append(Dense(inputs: channels, outputs: outputs, activation: .linear, generator: &generator))
        return Network(layers)
    }
}
