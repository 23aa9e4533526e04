// Geometry.swift: the sizes of a 2-D convolution, MLiS II Sec. 2.2.2: padding (valid, half/same,
// full, or any amount on each of the four sides), stride, dilation (Sec. 2.3.4) and the output size
// of Eq. (2.2.8); DAT300 "Padding", "Stride", "Dilated/sparse".
// Goals, in order: every size a convolution needs, computed once and checked, with a message that
// names the impossible case (a kernel larger than the padded input); nothing about values here.
//
// Layout used by the whole module (channels first, as PyTorch; the notes write I_x x I_y x I_z):
//     input   [N, C, H, W]        one image per index n, channel planes of H rows of W pixels
//     weights [O, C, K_h, K_w]    filter k is weights[k], so unrolled it is one row of [O, C K_h K_w]
//     output  [N, O, O_h, O_w]
// The notes' kernel K_{l,m,n,k} (shape K_x x K_y x I_z x N, E-42) is our weights[k, n, l, m].

import Core

/// How much zero padding surrounds the input (MLiS II Sec. 2.2.2, "Padding").
///
/// ```swift
/// print(Padding.same.amounts(kernelHeight: 3, kernelWidth: 3))   // (top: 1, bottom: 1, left: 1, right: 1)
/// print(Padding.full.amounts(kernelHeight: 3, kernelWidth: 3))   // (top: 2, bottom: 2, left: 2, right: 2)
/// ```
public enum Padding: Equatable, Sendable, CustomStringConvertible {
    /// No padding ("valid").
    case valid
    /// Half padding P = (K - 1)/2, so that with stride 1 the output has the input's size ("same").
    /// For an even kernel the odd pixel of padding goes to the bottom and right, as in Keras.
    case same
    /// Full padding P = K - 1: every placement of the kernel that overlaps the input at all.
    case full
    /// Any amount on each side; the notes allow it "not symmetric in any of the 4 axes".
    case explicit(top: Int, bottom: Int, left: Int, right: Int)

    /// P pixels on every side.
    public static func symmetric(_ amount: Int) -> Padding {
        .explicit(top: amount, bottom: amount, left: amount, right: amount)
    }

    /// The padding on each side for a kernel whose dilated size is kernelHeight x kernelWidth.
    public func amounts(kernelHeight: Int, kernelWidth: Int) -> (top: Int, bottom: Int, left: Int, right: Int) {
        switch self {
        case .valid:
            return (0, 0, 0, 0)
        case .same:
            let (vertical, horizontal) = (kernelHeight - 1, kernelWidth - 1)
            return (vertical / 2, vertical - vertical / 2, horizontal / 2, horizontal - horizontal / 2)
        case .full:
            return (kernelHeight - 1, kernelHeight - 1, kernelWidth - 1, kernelWidth - 1)
        case .explicit(let top, let bottom, let left, let right):
            require(top >= 0 && bottom >= 0 && left >= 0 && right >= 0,
                    "Padding: amounts must be >= 0, got top \(top), bottom \(bottom), left \(left), right \(right)")
            return (top, bottom, left, right)
        }
    }

    public var description: String {
        switch self {
        case .valid: "valid"
        case .same: "same"
        case .full: "full"
        case .explicit(let top, let bottom, let left, let right):
            top == bottom && bottom == left && left == right ? "\(top)" : "(top \(top), bottom \(bottom), left \(left), right \(right))"
        }
    }
}

/// Every size of one convolution: channels, kernel, stride, dilation, the four paddings and the
/// output size of Eq. (2.2.8).
///
/// ```swift
/// // DAT300's first example (CONV-9): (32, 32, 3) with 8 filters of 5 x 5, stride 1, no padding.
/// let g = ConvolutionGeometry(channels: 3, height: 32, width: 32, outputChannels: 8, kernel: 5)
/// print(g.outputHeight, g.outputWidth, g.parameterCount)   // 28 28 608
/// ```
///
/// Preconditions (each stops with a message naming the sizes): all sizes positive, stride and
/// dilation >= 1, and the dilated kernel no larger than the padded input.
public struct ConvolutionGeometry: Equatable, Sendable, CustomStringConvertible {
    public let inputChannels: Int
    public let inputHeight: Int
    public let inputWidth: Int
    public let outputChannels: Int
    public let kernelHeight: Int
    public let kernelWidth: Int
    /// S, the same along both axes.
    public let stride: Int
    /// d: the kernel taps are d pixels apart (d = 1 is an ordinary convolution; MLiS II Sec. 2.3.4).
    public let dilation: Int
    public let padTop: Int
    public let padBottom: Int
    public let padLeft: Int
    public let padRight: Int
    public let outputHeight: Int
    public let outputWidth: Int

    public init(channels: Int, height: Int, width: Int, outputChannels: Int, kernelHeight: Int, kernelWidth: Int,
                stride: Int = 1, padding: Padding = .valid, dilation: Int = 1) {
        require(channels > 0 && height > 0 && width > 0 && outputChannels > 0 && kernelHeight > 0 && kernelWidth > 0,
                "ConvolutionGeometry: sizes must be positive, got input \(channels) x \(height) x \(width), "
                    + "\(outputChannels) filters of \(kernelHeight) x \(kernelWidth)")
        require(stride >= 1 && dilation >= 1, "ConvolutionGeometry: stride and dilation must be >= 1, got \(stride) and \(dilation)")
        (inputChannels, inputHeight, inputWidth, self.outputChannels) = (channels, height, width, outputChannels)
        (self.kernelHeight, self.kernelWidth, self.stride, self.dilation) = (kernelHeight, kernelWidth, stride, dilation)
        let (effectiveHeight, effectiveWidth) = (dilation * (kernelHeight - 1) + 1, dilation * (kernelWidth - 1) + 1)
        (padTop, padBottom, padLeft, padRight) = padding.amounts(kernelHeight: effectiveHeight, kernelWidth: effectiveWidth)
        let (paddedHeight, paddedWidth) = (height + padTop + padBottom, width + padLeft + padRight)
        require(effectiveHeight <= paddedHeight && effectiveWidth <= paddedWidth,
                "ConvolutionGeometry: the kernel (\(effectiveHeight) x \(effectiveWidth) with dilation \(dilation)) is larger than "
                    + "the padded input (\(paddedHeight) x \(paddedWidth) = \(height) x \(width) with padding \(padding))")
        outputHeight = (paddedHeight - effectiveHeight) / stride + 1          // Eq. (2.2.8)
        outputWidth = (paddedWidth - effectiveWidth) / stride + 1
    }

    /// A square kernel of size `kernel`.
    public init(channels: Int, height: Int, width: Int, outputChannels: Int, kernel: Int,
                stride: Int = 1, padding: Padding = .valid, dilation: Int = 1) {
        self.init(channels: channels, height: height, width: width, outputChannels: outputChannels,
                  kernelHeight: kernel, kernelWidth: kernel, stride: stride, padding: padding, dilation: dilation)
    }

    /// The dilated kernel's extent d(K - 1) + 1 (MLiS II Sec. 2.3.4).
    public var effectiveKernelHeight: Int { dilation * (kernelHeight - 1) + 1 }
    public var effectiveKernelWidth: Int { dilation * (kernelWidth - 1) + 1 }
    public var paddedHeight: Int { inputHeight + padTop + padBottom }
    public var paddedWidth: Int { inputWidth + padLeft + padRight }
    /// K_h K_w: the taps of one filter on one channel.
    public var kernelArea: Int { kernelHeight * kernelWidth }
    /// C K_h K_w: the length of one unrolled filter (a row of the weight matrix, a column of im2col).
    public var patchSize: Int { inputChannels * kernelArea }
    /// O_h O_w: the output positions of one channel.
    public var outputArea: Int { outputHeight * outputWidth }
    public var inputArea: Int { inputHeight * inputWidth }
    /// The shape of the weights, [O, C, K_h, K_w].
    public var weightShape: [Int] { [outputChannels, inputChannels, kernelHeight, kernelWidth] }
    /// The shape of a batch of N inputs, [N, C, H, W], and of its output, [N, O, O_h, O_w].
    public func inputShape(batch: Int) -> [Int] { [batch, inputChannels, inputHeight, inputWidth] }
    public func outputShape(batch: Int) -> [Int] { [batch, outputChannels, outputHeight, outputWidth] }
    /// (K_x K_y I_z + 1) O_z: weights and one bias per filter (Eq. (2.2.7) corrected, E-36; DAT300).
    public var parameterCount: Int { convolutionParameterCount(kernelHeight: kernelHeight, kernelWidth: kernelWidth,
                                                               inputChannels: inputChannels, outputChannels: outputChannels) }
    /// Multiply-adds of one image's forward pass: O_h O_w O C K_h K_w.
    public var multiplyAddsPerImage: Int { outputArea * outputChannels * patchSize }

    /// The same convolution on an input of another height and width (a layer meeting a new image size).
    public func withInput(height: Int, width: Int) -> ConvolutionGeometry {
        ConvolutionGeometry(channels: inputChannels, height: height, width: width, outputChannels: outputChannels,
                            kernelHeight: kernelHeight, kernelWidth: kernelWidth, stride: stride,
                            padding: .explicit(top: padTop, bottom: padBottom, left: padLeft, right: padRight),
                            dilation: dilation)
    }

    public var description: String {
        "\(inputChannels)x\(inputHeight)x\(inputWidth) -> \(outputChannels)x\(outputHeight)x\(outputWidth) "
            + "(kernel \(kernelHeight)x\(kernelWidth), stride \(stride), dilation \(dilation), "
            + "padding t\(padTop) b\(padBottom) l\(padLeft) r\(padRight))"
    }
}
