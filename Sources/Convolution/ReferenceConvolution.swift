// ReferenceConvolution.swift: the convolution of MLiS II Eq. (2.2.5) as plain loops, with its two
// gradients; Thesis ch. 2 Eq. (2.7) (summation limits corrected, E-01).
// Goals, in order: read like the equation; the oracle every faster path (im2col + GEMM, direct SIMD)
// is tested against; no cleverness. Slow: for tests and tiny examples only.
//
// As in every example of the notes this is cross-correlation, the kernel is not flipped (E-41):
//
//     O[n, k, i, j] = b_k + sum_{c, l, m} K[k, c, l, m] I[n, c, iS + l d - p_top, jS + m d - p_left]
//
// with I = 0 outside the image (zero padding). With S = d = 1 and no padding this is Eq. (2.2.5),
// 0-based: O_{i,j,k} = sum_{l,m,n} K_{l,m,n,k} I_{i+l, j+m, n}.

import Core

/// The plain-loop convolution and its gradients; `Im2colConvolution` and `DirectConvolution` must
/// agree with it up to rounding.
public enum ReferenceConvolution {
    /// The output [N, O, O_h, O_w] of `input` [N, C, H, W] with `weights` [O, C, K_h, K_w] and `bias` [O]
    /// (Eq. (2.2.5) with stride, padding and dilation).
    public static func forward(_ input: Tensor, weights: Tensor, bias: Tensor?, geometry g: ConvolutionGeometry) -> Tensor {
        let batch = checkedBatch(input, weights, g, "ReferenceConvolution.forward")
        checkBias(bias, g, "ReferenceConvolution.forward")
        var output = Tensor(shape: g.outputShape(batch: batch))
        for n in 0..<batch {
            for k in 0..<g.outputChannels {
                for i in 0..<g.outputHeight {
                    for j in 0..<g.outputWidth {
                        var sum = bias?.scalars[k] ?? 0
                        forEachTap(g, i, j) { c, l, m, row, column in
                            sum += weights.scalars[weightIndex(g, k, c, l, m)] * input.scalars[inputIndex(g, n, c, row, column)]
                        }
                        output.scalars[outputIndex(g, n, k, i, j)] = sum
                    }
                }
            }
        }
        return output
    }

    /// dJ/dI [N, C, H, W] from dJ/dO [N, O, O_h, O_w]: each output's gradient flows back to every
    /// input pixel it read, weighted by the kernel tap that read it.
    public static func inputGradient(_ outputGradient: Tensor, weights: Tensor, geometry g: ConvolutionGeometry) -> Tensor {
        let batch = checkedGradient(outputGradient, g, "ReferenceConvolution.inputGradient")
        var gradient = Tensor(shape: g.inputShape(batch: batch))
        for n in 0..<batch {
            for k in 0..<g.outputChannels {
                for i in 0..<g.outputHeight {
                    for j in 0..<g.outputWidth {
                        let delta = outputGradient.scalars[outputIndex(g, n, k, i, j)]
                        forEachTap(g, i, j) { c, l, m, row, column in
                            gradient.scalars[inputIndex(g, n, c, row, column)] += weights.scalars[weightIndex(g, k, c, l, m)] * delta
                        }
                    }
                }
            }
        }
        return gradient
    }

    /// dJ/dK [O, C, K_h, K_w]: each tap's gradient is the sum, over the batch and the output
    /// positions, of the output gradient times the input pixel the tap read there.
    public static func weightGradient(input: Tensor, outputGradient: Tensor, geometry g: ConvolutionGeometry) -> Tensor {
        let batch = checkedGradient(outputGradient, g, "ReferenceConvolution.weightGradient")
        requireShapes(input.shape == g.inputShape(batch: batch), "ReferenceConvolution.weightGradient (input vs [N, C, H, W])",
                      input.shape, g.inputShape(batch: batch))
        var gradient = Tensor(shape: g.weightShape)
        for n in 0..<batch {
            for k in 0..<g.outputChannels {
                for i in 0..<g.outputHeight {
                    for j in 0..<g.outputWidth {
                        let delta = outputGradient.scalars[outputIndex(g, n, k, i, j)]
                        forEachTap(g, i, j) { c, l, m, row, column in
                            gradient.scalars[weightIndex(g, k, c, l, m)] += input.scalars[inputIndex(g, n, c, row, column)] * delta
                        }
                    }
                }
            }
        }
        return gradient
    }

    /// dJ/db [O]: the sum of dJ/dO over the batch and the positions of each output channel.
    public static func biasGradient(_ outputGradient: Tensor, geometry g: ConvolutionGeometry) -> Tensor {
        let batch = checkedGradient(outputGradient, g, "ReferenceConvolution.biasGradient")
        var gradient = Tensor(shape: [g.outputChannels])
        for n in 0..<batch {
            for k in 0..<g.outputChannels {
                for i in 0..<g.outputHeight {
                    for j in 0..<g.outputWidth { gradient.scalars[k] += outputGradient.scalars[outputIndex(g, n, k, i, j)] }
                }
            }
        }
        return gradient
    }

    // MARK: Indexing

    /// Calls `body(c, l, m, row, column)` for every tap of every channel that lands inside the image
    /// when output (i, j) is computed; taps on the zero padding are skipped.
    @inline(__always)
    static func forEachTap(_ g: ConvolutionGeometry, _ i: Int, _ j: Int, _ body: (Int, Int, Int, Int, Int) -> Void) {
        for c in 0..<g.inputChannels {
            for l in 0..<g.kernelHeight {
                let row = i * g.stride + l * g.dilation - g.padTop
                guard row >= 0 && row < g.inputHeight else { continue }
                for m in 0..<g.kernelWidth {
                    let column = j * g.stride + m * g.dilation - g.padLeft
                    guard column >= 0 && column < g.inputWidth else { continue }
                    body(c, l, m, row, column)
                }
            }
        }
    }

    @inline(__always)
    static func inputIndex(_ g: ConvolutionGeometry, _ n: Int, _ c: Int, _ row: Int, _ column: Int) -> Int {
        ((n * g.inputChannels + c) * g.inputHeight + row) * g.inputWidth + column
    }

    @inline(__always)
    static func outputIndex(_ g: ConvolutionGeometry, _ n: Int, _ k: Int, _ i: Int, _ j: Int) -> Int {
        ((n * g.outputChannels + k) * g.outputHeight + i) * g.outputWidth + j
    }

    @inline(__always)
    static func weightIndex(_ g: ConvolutionGeometry, _ k: Int, _ c: Int, _ l: Int, _ m: Int) -> Int {
        ((k * g.inputChannels + c) * g.kernelHeight + l) * g.kernelWidth + m
    }
}

// MARK: Shape checks shared by every path

/// The batch size N of `input`, after checking it is [N, C, H, W] and the weights [O, C, K_h, K_w]
/// for `g`; stops naming `operation` and both shapes otherwise.
func checkedBatch(_ input: Tensor, _ weights: Tensor, _ g: ConvolutionGeometry, _ operation: String) -> Int {
    requireShapes(weights.shape == g.weightShape, "\(operation): weights vs [O, C, K_h, K_w] = \(g.weightShape)",
                  weights.shape, g.weightShape)
    requireShapes(input.rank == 4 && Array(input.shape.dropFirst()) == [g.inputChannels, g.inputHeight, g.inputWidth],
                  "\(operation): input [N, C, H, W] vs weights [O, C, K_h, K_w] (C = \(g.inputChannels), "
                      + "H x W = \(g.inputHeight) x \(g.inputWidth))", input.shape, weights.shape)
    return input.shape[0]
}

/// The batch size N of an output gradient, after checking it is [N, O, O_h, O_w] for `g`.
func checkedGradient(_ outputGradient: Tensor, _ g: ConvolutionGeometry, _ operation: String) -> Int {
    let expected = [g.outputChannels, g.outputHeight, g.outputWidth]
    requireShapes(outputGradient.rank == 4 && Array(outputGradient.shape.dropFirst()) == expected,
                  "\(operation): output gradient vs [N, O, O_h, O_w] with [O, O_h, O_w] = \(expected)",
                  outputGradient.shape, expected)
    return outputGradient.shape[0]
}

/// Checks that a bias has one value per output channel.
func checkBias(_ bias: Tensor?, _ g: ConvolutionGeometry, _ operation: String) {
    if let bias {
        requireShapes(bias.count == g.outputChannels, "\(operation): bias vs [O] with O = \(g.outputChannels)",
                      bias.shape, [g.outputChannels])
    }
}
