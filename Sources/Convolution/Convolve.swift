// Convolve.swift: the 2-D convolution of CNNs (MLiS II Eq. (2.2.4), Eq. (2.2.5), cross-correlation as
// in every example of the notes, E-41) and its backward pass, with the algorithm chosen by shape.
// Goals, in order: one entry point for the forward pass and one for the gradients; three algorithms
// that agree (plain loops, im2col + GEMM, direct SIMD), tested against each other; the fast one
// picked by shape, as measured on this machine (see `ConvolutionAlgorithm.automatic`).

import Core

/// How a convolution is computed. All give the same numbers up to Float rounding.
public enum ConvolutionAlgorithm: String, Sendable, CaseIterable {
    /// The loops of Eq. (2.2.5) (`ReferenceConvolution`): the oracle, slow.
    case reference
    /// Patches unrolled into a matrix, then Core's SIMD GEMM (MLiS II Eq. (2.2.6)).
    case im2col
    /// Explicit SIMD loops over padded image planes (`DirectConvolution`); stride 1 only (a larger
    /// stride falls back to im2col).
    case direct
    /// Direct where it is faster, im2col elsewhere: see `choice(for:)`.
    case automatic

    /// The algorithm `automatic` uses for `g`: the direct loops when the stride is 1 and a patch has at
    /// most `directPatchLimit` values (one filter reads few values per output, so copying patches would
    /// cost more than the products), im2col + GEMM otherwise.
    public static func choice(for g: ConvolutionGeometry) -> ConvolutionAlgorithm {
        DirectConvolution.supports(g) && g.patchSize <= directPatchLimit ? .direct : .im2col
    }

    /// C K_h K_w up to which the direct loops are used. Measured on this project's machine (3 x 3,
    /// stride 1, one thread), the direct loops were faster than im2col + GEMM at every size tried:
    /// forward 4.9x at 9 values (1 -> 8 channels, 28 x 28) and 3.1x at 72 (8 -> 16); before the
    /// loops ran on column-shifted copies, 1.7x at 288 (32 -> 32, 16 x 16) and 1.2x at 576 (64 -> 64,
    /// 14 x 14), where the backward passes were even. Beyond the largest size measured the GEMM,
    /// which approaches the machine's peak, is the safer choice.
    public static let directPatchLimit = 576

    func resolved(for g: ConvolutionGeometry) -> ConvolutionAlgorithm {
        switch self {
        case .automatic: Self.choice(for: g)
        case .direct where !DirectConvolution.supports(g): .im2col
        default: self
        }
    }
}

/// dJ/dX, dJ/dW and dJ/db of one convolution.
public struct ConvolutionGradients: Sendable {
    /// dJ/dX, shape [N, C, H, W]; nil when it was not asked for (the first layer of a network).
    public var input: Tensor?
    /// dJ/dW, shape [O, C, K_h, K_w].
    public var weights: Tensor
    /// dJ/db, shape [O].
    public var bias: Tensor
}

/// Y = X * W + b: `input` [N, C, H, W], `weights` [O, C, K_h, K_w], `bias` [O] (or nil) to
/// [N, O, O_h, O_w]   MLiS II Eq. (2.2.4), Eq. (2.2.5), with the sizes of Eq. (2.2.8)
///
///     Y[n, k, i, j] = b_k + sum_{c, l, m} W[k, c, l, m] X[n, c, iS + l d - p_top, jS + m d - p_left]
///
/// ```swift
/// // MLiS II Sec. 2.2.1 (CONV-3): a 4 x 4 image and a 3 x 3 kernel, stride 1, no padding.
/// let image = Tensor(shape: [1, 1, 4, 4], scalars: [0, 1, 2, 3, 4, 5, 4, 4, 6, 5, 7, 1, 1, 2, 2, 8])
/// let kernel = Tensor(shape: [1, 1, 3, 3], scalars: [1, 2, 3, 3, 4, 2, 2, 1, 1])
/// let g = ConvolutionGeometry(channels: 1, height: 4, width: 4, outputChannels: 1, kernel: 3)
/// print(convolve2D(image, weights: kernel, geometry: g).scalars)   // [72.0, 71.0, 84.0, 84.0]
/// ```
///
/// Preconditions (stopping with both shapes named): input [N, C, H, W] and weights [O, C, K_h, K_w]
/// as `geometry` says, bias with O values. `threads`: how many cores may share the batch.
public func convolve2D(_ input: Tensor, weights: Tensor, bias: Tensor? = nil, geometry: ConvolutionGeometry,
                       algorithm: ConvolutionAlgorithm = .automatic, threads: Int = defaultConvolutionThreads) -> Tensor {
    _ = checkedBatch(input, weights, geometry, "convolve2D")
    checkBias(bias, geometry, "convolve2D")
    switch algorithm.resolved(for: geometry) {
    case .reference: return ReferenceConvolution.forward(input, weights: weights, bias: bias, geometry: geometry)
    case .direct: return DirectConvolution.forward(input, weights: weights, bias: bias, geometry: geometry, threads: threads)
    default: return Im2colConvolution.forward(input, weights: weights, bias: bias, geometry: geometry, threads: threads)
    }
}

/// The gradients of J with respect to the input, the weights and the bias of `convolve2D`, from
/// dJ/dY [N, O, O_h, O_w] and the `input` of the forward pass:
///
///     dJ/db_k         = sum_{n, i, j} dJ/dY[n, k, i, j]
///     dJ/dW[k, c, l, m] = sum_{n, i, j} dJ/dY[n, k, i, j] X[n, c, iS + l d - p_top, jS + m d - p_left]
///     dJ/dX[n, c, r, s] = sum of W[k, c, l, m] dJ/dY[n, k, i, j] over the (k, l, m, i, j) that read X[n, c, r, s]
///
/// The last is a transposed convolution (MLiS II Sec. 2.3.6): K*^T applied to dJ/dY.
/// `computeInputGradient: false` skips it (the first layer of a network needs no dJ/dX).
public func convolve2DBackward(input: Tensor, outputGradient: Tensor, weights: Tensor, geometry: ConvolutionGeometry,
                               computeInputGradient: Bool = true, algorithm: ConvolutionAlgorithm = .automatic,
                               threads: Int = defaultConvolutionThreads) -> ConvolutionGradients {
    let batch = checkedBatch(input, weights, geometry, "convolve2DBackward")
    requireShapes(checkedGradient(outputGradient, geometry, "convolve2DBackward") == batch,
                  "convolve2DBackward: output gradient vs input (batch sizes)", outputGradient.shape, input.shape)
    switch algorithm.resolved(for: geometry) {
    case .reference:
        return ConvolutionGradients(
            input: computeInputGradient ? ReferenceConvolution.inputGradient(outputGradient, weights: weights, geometry: geometry) : nil,
            weights: ReferenceConvolution.weightGradient(input: input, outputGradient: outputGradient, geometry: geometry),
            bias: ReferenceConvolution.biasGradient(outputGradient, geometry: geometry))
    case .direct:
        return ConvolutionGradients(
            input: computeInputGradient
                ? convolve2DInputGradient(outputGradient, weights: weights, geometry: geometry, algorithm: algorithm,
                                          threads: threads) : nil,
            weights: DirectConvolution.weightGradient(input: input, outputGradient: outputGradient, geometry: geometry, threads: threads),
            bias: biasGradient(outputGradient, channels: geometry.outputChannels))
    default:
        return Im2colConvolution.backward(input: input, outputGradient: outputGradient, weights: weights, geometry: geometry,
                                          computeInputGradient: computeInputGradient, threads: threads)
    }
}

/// dJ/dX = K*^T dJ/dY alone: the transposed convolution of `outputGradient` [N, O, O_h, O_w] with
/// `weights` [O, C, K_h, K_w], giving [N, C, H, W]
/// (MLiS II Sec. 2.3.6, Eq. (2.3.3), Eq. (2.3.4), Eq. (2.3.5))
///
/// This is also the forward pass of a transposed-convolution layer (`TransposedConvolution2D`).
/// The direct loops do it as a full correlation with the flipped kernel when the stride is 1 and the
/// flipped problem's patches (O K_h K_w values) are small; otherwise W^T dY is folded back by col2im.
public func convolve2DInputGradient(_ outputGradient: Tensor, weights: Tensor, geometry: ConvolutionGeometry,
                                    algorithm: ConvolutionAlgorithm = .automatic,
                                    threads: Int = defaultConvolutionThreads) -> Tensor {
    requireShapes(weights.shape == geometry.weightShape, "convolve2DInputGradient: weights vs [O, C, K_h, K_w]",
                  weights.shape, geometry.weightShape)
    _ = checkedGradient(outputGradient, geometry, "convolve2DInputGradient")
    let direct = DirectConvolution.supports(geometry)
        && (algorithm == .direct || (algorithm == .automatic
            && geometry.outputChannels * geometry.kernelArea <= ConvolutionAlgorithm.directPatchLimit))
    if algorithm == .reference { return ReferenceConvolution.inputGradient(outputGradient, weights: weights, geometry: geometry) }
    if direct { return DirectConvolution.inputGradient(outputGradient, weights: weights, geometry: geometry, threads: threads) }
    return Im2colConvolution.inputGradient(outputGradient, weights: weights, geometry: geometry, threads: threads)
}

/// The cores a convolution may use by default: all of this machine's.
public var defaultConvolutionThreads: Int { BatchChunks.defaultThreads }
