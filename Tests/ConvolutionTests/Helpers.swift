// Shared helpers of the convolution tests: random tensors, random geometries, tolerances.

import Testing
import Core
import Convolution

/// The tolerance for comparing two Float computations of the same sums in different orders: sums of
/// up to a few hundred products of N(0, 1) values differ by ~1e-5 relative; 1e-4 leaves room.
let floatTolerance: Float = 1e-4

/// Elementwise closeness of two tensors of equal shape, relative to the largest magnitude of `b`
/// (so that sums that cancel to ~0 are compared at the scale of their terms).
func isClose(_ a: Tensor, _ b: Tensor, tolerance: Float = floatTolerance) -> Bool {
    guard a.shape == b.shape else { return false }
    let scale = max(1, b.scalars.map { abs($0) }.max() ?? 0)
    return zip(a.scalars, b.scalars).allSatisfy { abs($0 - $1) <= tolerance * scale }
}

/// The largest |a - b| over the elements, for failure messages.
func largestDifference(_ a: Tensor, _ b: Tensor) -> Float {
    zip(a.scalars, b.scalars).map { abs($0 - $1) }.max() ?? 0
}

/// A tensor of `shape` with N(0, 1) entries.
func randomTensor(_ shape: [Int], _ generator: inout Xoshiro256StarStar) -> Tensor {
    generator.normalTensor(shape: shape)
}

/// Sum of value x weighting over all elements, in Double: a scalar loss J = <Y, C> whose gradient
/// with respect to Y is C, used to test backward passes.
func weightedSum(_ values: [Double], _ weighting: Tensor) -> Double {
    zip(values, weighting.scalars).reduce(0) { $0 + $1.0 * Double($1.1) }
}

/// A random geometry: 1-3 channels in and out, 4-9 pixels high and wide, kernels 1-3, stride 1-3,
/// dilation 1-2, padding valid, same, full or random and asymmetric; retried until the kernel fits.
func randomGeometry(_ generator: inout Xoshiro256StarStar, stride fixedStride: Int? = nil) -> ConvolutionGeometry {
    while true {
        let (height, width) = (4 + generator.uniformInt(below: 6), 4 + generator.uniformInt(below: 6))
        let (kernelHeight, kernelWidth) = (1 + generator.uniformInt(below: 3), 1 + generator.uniformInt(below: 3))
        let dilation = 1 + generator.uniformInt(below: 2)
        let stride = fixedStride ?? 1 + generator.uniformInt(below: 3)
        let padding: Padding
        switch generator.uniformInt(below: 4) {
        case 0: padding = .valid
        case 1: padding = .same
        case 2: padding = .full
        default: padding = .explicit(top: generator.uniformInt(below: 3), bottom: generator.uniformInt(below: 3),
                                     left: generator.uniformInt(below: 3), right: generator.uniformInt(below: 3))
        }
        let effectiveHeight = dilation * (kernelHeight - 1) + 1, effectiveWidth = dilation * (kernelWidth - 1) + 1
        let amounts = padding.amounts(kernelHeight: effectiveHeight, kernelWidth: effectiveWidth)
        guard effectiveHeight <= height + amounts.top + amounts.bottom, effectiveWidth <= width + amounts.left + amounts.right
        else { continue }
        return ConvolutionGeometry(channels: 1 + generator.uniformInt(below: 3), height: height, width: width,
                                   outputChannels: 1 + generator.uniformInt(below: 3), kernelHeight: kernelHeight,
                                   kernelWidth: kernelWidth, stride: stride, padding: padding, dilation: dilation)
    }
}

/// The standard error of a child process that an exit test observed, as text.
func standardError(of result: ExitTest.Result?) -> String {
    String(decoding: result?.standardErrorContent ?? [], as: UTF8.self)
}

// MARK: Double references for the gradient checks (the loops of Eq. (2.2.5) again, in Double)

/// The tolerance of the gradient checks: the analytic gradients are sums of up to a few hundred
/// Float products (relative rounding ~1e-6 each), the numerical ones are exact to ~1e-9 in Double.
let gradientTolerance = 1e-4

/// Y = X * W + b in Double, for `batch` images of `g`.
func doubleConvolve(_ x: [Double], _ w: [Double], _ b: [Double]?, _ g: ConvolutionGeometry, batch: Int) -> [Double] {
    var y = [Double](repeating: 0, count: batch * g.outputChannels * g.outputArea)
    for n in 0..<batch {
        for k in 0..<g.outputChannels {
            for i in 0..<g.outputHeight {
                for j in 0..<g.outputWidth {
                    var sum = b?[k] ?? 0
                    for c in 0..<g.inputChannels {
                        for l in 0..<g.kernelHeight {
                            for m in 0..<g.kernelWidth {
                                let (r, s) = (i * g.stride + l * g.dilation - g.padTop, j * g.stride + m * g.dilation - g.padLeft)
                                guard r >= 0 && r < g.inputHeight && s >= 0 && s < g.inputWidth else { continue }
                                sum += w[((k * g.inputChannels + c) * g.kernelHeight + l) * g.kernelWidth + m]
                                    * x[((n * g.inputChannels + c) * g.inputHeight + r) * g.inputWidth + s]
                            }
                        }
                    }
                    y[((n * g.outputChannels + k) * g.outputHeight + i) * g.outputWidth + j] = sum
                }
            }
        }
    }
    return y
}

/// The transposed convolution in Double as a scatter: each x[n, k, i, j] adds x W[k, c, :, :] at
/// (iS - p_top, jS - p_left) of output channel c (the picture of MLiS II Eq. (2.3.5)).
func doubleTransposedConvolve(_ x: [Double], _ w: [Double], _ g: ConvolutionGeometry, batch: Int) -> [Double] {
    var y = [Double](repeating: 0, count: batch * g.inputChannels * g.inputArea)
    for n in 0..<batch {
        for k in 0..<g.outputChannels {
            for i in 0..<g.outputHeight {
                for j in 0..<g.outputWidth {
                    let value = x[((n * g.outputChannels + k) * g.outputHeight + i) * g.outputWidth + j]
                    for c in 0..<g.inputChannels {
                        for l in 0..<g.kernelHeight {
                            for m in 0..<g.kernelWidth {
                                let (r, s) = (i * g.stride + l * g.dilation - g.padTop, j * g.stride + m * g.dilation - g.padLeft)
                                guard r >= 0 && r < g.inputHeight && s >= 0 && s < g.inputWidth else { continue }
                                y[((n * g.inputChannels + c) * g.inputHeight + r) * g.inputWidth + s]
                                    += value * w[((k * g.inputChannels + c) * g.kernelHeight + l) * g.kernelWidth + m]
                            }
                        }
                    }
                }
            }
        }
    }
    return y
}

/// max(x, 0) elementwise.
func doubleReLU(_ x: [Double]) -> [Double] { x.map { max($0, 0) } }

/// Batch normalisation of [N, C, H, W] values per channel (training mode: batch statistics, biased variance).
func doubleChannelBatchNorm(_ x: [Double], shape: [Int], gamma: [Double], beta: [Double], epsilon: Double) -> [Double] {
    let (batch, channels, area) = (shape[0], shape[1], shape[2] * shape[3])
    var y = x
    for c in 0..<channels {
        var indices: [Int] = []
        for n in 0..<batch {
            let start = (n * channels + c) * area
            indices += Array(start..<(start + area))
        }
        let count = Double(indices.count)
        var (mean, variance) = (0.0, 0.0)
        for k in indices { mean += x[k] / count }
        for k in indices { variance += (x[k] - mean) * (x[k] - mean) / count }
        for k in indices { y[k] = gamma[c] * (x[k] - mean) / (variance + epsilon).squareRoot() + beta[c] }
    }
    return y
}

/// Max (or mean) of each pooling window in Double: windows [iS - P, iS - P + size) clipped to the image.
func doublePool(_ x: [Double], _ g: PoolingGeometry, batch: Int, maximum: Bool) -> [Double] {
    var y: [Double] = []
    for plane in 0..<(batch * g.channels) {
        for i in 0..<g.outputHeight {
            for j in 0..<g.outputWidth {
                var values: [Double] = []
                for r in max(0, i * g.stride - g.padding)..<min(g.inputHeight, i * g.stride - g.padding + g.size) {
                    for s in max(0, j * g.stride - g.padding)..<min(g.inputWidth, j * g.stride - g.padding + g.size) {
                        values.append(x[(plane * g.inputHeight + r) * g.inputWidth + s])
                    }
                }
                y.append(maximum ? values.max()! : values.reduce(0, +) / Double(values.count))
            }
        }
    }
    return y
}
