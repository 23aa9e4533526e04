// Sizes.swift: the counting formulas of the notes, one function each. MLiS II Eq. (2.2.7) (corrected,
// E-36), Eq. (2.2.8), Sec. 2.3.4 (dilation), Sec. 2.3.5 (locally connected layers), Sec. 2.3.6
// (transposed convolution), Sec. 2.5 (VGGNet's stacked 3 x 3 kernels, MobileNet); DAT300 "Output size
// and receptive field (input size)" and "Trainable parameters".
// Goals, in order: the formulas as printed where they are right, the right form where they are not
// (with the erratum named); a precondition message for sizes that cannot occur.

import Core

/// O = (I - K + 2P)/S + 1, rounded down when S does not divide I - K + 2P   MLiS II Eq. (2.2.8)
/// (DAT300 "Output size and receptive field (input size)")
///
/// `padding` is P on each side; `dilation` d enlarges the kernel to d(K - 1) + 1 (MLiS II Sec. 2.3.4).
/// The same formula gives the output of a pooling layer, whose padding is 0 by default.
///
/// ```swift
/// print(convolutionOutputSize(input: 32, kernel: 2, stride: 2, padding: 2))   // 18 (DAT300, CONV-11)
/// print(convolutionOutputSize(input: 3, kernel: 3, padding: 2))               // 5: full padding (E-37)
/// ```
/// Precondition: the dilated kernel fits in the padded input.
public func convolutionOutputSize(input: Int, kernel: Int, stride: Int = 1, padding: Int = 0, dilation: Int = 1) -> Int {
    require(input > 0 && kernel > 0 && stride > 0 && padding >= 0 && dilation > 0,
            "convolutionOutputSize: needs positive input, kernel, stride, dilation and padding >= 0, "
                + "got I = \(input), K = \(kernel), S = \(stride), P = \(padding), d = \(dilation)")
    let effectiveKernel = dilation * (kernel - 1) + 1
    require(effectiveKernel <= input + 2 * padding,
            "convolutionOutputSize: the kernel (\(effectiveKernel)) is larger than the padded input (\(input) + 2 x \(padding))")
    return (input - effectiveKernel + 2 * padding) / stride + 1
}

/// The output size of a transposed convolution, (I - 1)S + K - 2P   (MLiS II Sec. 2.3.6, "Transposed
/// convolution": "with valid padding, the output size is (I - 1)S + K")
///
/// It inverts Eq. (2.2.8): a convolution with kernel K, stride S and padding P maps this size back to
/// I. With P = 0 ("valid") it is the notes' (I - 1)S + K; with stride 1 and P = (K - 1)/2 ("same") it
/// is I = I S. (The notes' "same gives I x S" for S > 1 holds with Keras' "same", which pads
/// K - S in total instead.)
///
/// ```swift
/// print(transposedConvolutionOutputSize(input: 2, kernel: 3))   // 4 (Eq. (2.3.5): 2 x 2 -> 4 x 4)
/// ```
public func transposedConvolutionOutputSize(input: Int, kernel: Int, stride: Int = 1, padding: Int = 0) -> Int {
    require(input > 0 && kernel > 0 && stride > 0 && padding >= 0,
            "transposedConvolutionOutputSize: needs positive sizes and padding >= 0, got I = \(input), K = \(kernel), "
                + "S = \(stride), P = \(padding)")
    let size = (input - 1) * stride + kernel - 2 * padding
    require(size > 0, "transposedConvolutionOutputSize: padding \(padding) leaves no output ((I - 1)S + K - 2P = \(size))")
    return size
}

/// I = O S + (K - S) - 2P, the input size that a convolution maps to output size O
/// (DAT300 "Output size and receptive field (input size)")
///
/// DAT300 calls this the "receptive field (input size)"; it is Eq. (2.2.8) solved for I (E-58).
/// When S did not divide I - K + 2P, it returns the smallest input with that output (31, not 32,
/// for O = 12, K = 9, S = 2). For the receptive field of a stack of layers see `receptiveField(of:)`.
public func convolutionInputSize(output: Int, kernel: Int, stride: Int = 1, padding: Int = 0) -> Int {
    require(output > 0 && kernel > 0 && stride > 0 && padding >= 0,
            "convolutionInputSize: needs positive sizes and padding >= 0, got O = \(output), K = \(kernel), "
                + "S = \(stride), P = \(padding)")
    return output * stride + (kernel - stride) - 2 * padding
}

/// One layer of a stack, as far as the receptive field is concerned.
public struct ReceptiveFieldLayer: Sendable, Equatable {
    public let kernel: Int
    public let stride: Int
    public let dilation: Int
    public init(kernel: Int, stride: Int = 1, dilation: Int = 1) {
        require(kernel > 0 && stride > 0 && dilation > 0,
                "ReceptiveFieldLayer: needs positive kernel, stride and dilation, got \(kernel), \(stride), \(dilation)")
        (self.kernel, self.stride, self.dilation) = (kernel, stride, dilation)
    }
}

/// How many input pixels (along one axis) one output pixel of a stack of layers sees:
///
///     r = 1 + sum_l (d_l (K_l - 1)) prod_{j < l} S_j
///
/// Each layer widens the field by its dilated kernel minus one, measured in the input pixels that
/// one step of it spans. Two 3 x 3 layers see 5 x 5, as one 5 x 5 layer does (MLiS II Sec. 2.5,
/// VGGNet; CONV-8).
public func receptiveField(of layers: [ReceptiveFieldLayer]) -> Int {
    var field = 1, jump = 1
    for layer in layers {
        field += layer.dilation * (layer.kernel - 1) * jump
        jump *= layer.stride
    }
    return field
}

/// (K_x K_y I_z + 1) O_z: every filter has K_x K_y I_z weights and one bias   MLiS II Eq. (2.2.7),
/// corrected (DAT300 "Trainable parameters", "CNN")
///
/// MLiS II prints (K_x K_y O_z + 1) I_z, which swaps the channels and gives one bias per input
/// channel: 603 instead of 608 for DAT300's first example (E-36). Without bias: K_x K_y I_z O_z.
public func convolutionParameterCount(kernelHeight: Int, kernelWidth: Int, inputChannels: Int, outputChannels: Int,
                                      bias: Bool = true) -> Int {
    require(kernelHeight > 0 && kernelWidth > 0 && inputChannels > 0 && outputChannels > 0,
            "convolutionParameterCount: sizes must be positive, got \(kernelHeight) x \(kernelWidth), \(inputChannels) -> \(outputChannels)")
    return (kernelHeight * kernelWidth * inputChannels + (bias ? 1 : 0)) * outputChannels
}

/// (inputs + 1) outputs: a weight per pair and a bias per output
/// (DAT300 "Trainable parameters", "ANN"; MLiS II Sec. 2.3.5's 5 x 5 + 1 = 26)
public func denseParameterCount(inputs: Int, outputs: Int) -> Int {
    require(inputs > 0 && outputs > 0, "denseParameterCount: sizes must be positive, got \(inputs) -> \(outputs)")
    return (inputs + 1) * outputs
}

/// A locally connected layer (MLiS II Sec. 2.3.5): a convolution whose filters are not shared, so each
/// of the O_h O_w output positions has its own (K_h K_w C + 1) O parameters.
public func locallyConnectedParameterCount(_ geometry: ConvolutionGeometry) -> Int {
    geometry.outputArea * geometry.parameterCount
}

/// The cost of a depthwise separable convolution over a standard one with N filters of K x K:
/// (K^2 C + C N) / (K^2 C N) = 1/N + 1/K^2 (Howard et al. 2017, Eq. (5)). MobileNet's "factor of 8" is
/// a reduction: 1/7.89 for N = 64 and K = 3 (MLiS II Sec. 2.5, E-54).
public func depthwiseSeparableCostRatio(outputChannels: Int, kernel: Int) -> Double {
    require(outputChannels > 0 && kernel > 0,
            "depthwiseSeparableCostRatio: sizes must be positive, got N = \(outputChannels), K = \(kernel)")
    return 1 / Double(outputChannels) + 1 / Double(kernel * kernel)
}
