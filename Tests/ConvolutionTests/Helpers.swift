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
