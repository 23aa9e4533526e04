// Im2col.swift: "image to columns", the unrolling that turns a convolution into one matrix product
// (MLiS II Sec. 2.2.1, Eq. (2.2.6) seen from the other side), and its adjoint col2im.
// Goals, in order: exactly the taps of Eq. (2.2.5), zeros for the padding; whole rows copied at once
// (stride 1), so the cost is one pass over the patches; the adjoint exact, so backward is its transpose.
//
// For one image, column p = (i, j) of the patch matrix holds the C K_h K_w input values that output
// position (i, j) reads, in the order of an unrolled filter, row r = (c, l, m):
//
//     columns[r, p] = I[c, iS + l d - p_top, jS + m d - p_left]        (0 outside the image)
//
// so that O[k, p] = sum_r W[k, r] columns[r, p]: output = W (O x CK_hK_w) times columns (CK_hK_w x O_hO_w).
// K* of Eq. (2.2.6) does the same with the roles swapped: it unrolls the kernel and keeps the image
// whole; K* I* = vec(W columns) for one channel.

import Core

/// The patch matrix of one image [C, H, W] for `geometry`: shape [C K_h K_w, O_h O_w].
///
/// ```swift
/// let image = Tensor(shape: [1, 3, 3], scalars: (1...9).map(Float.init))
/// let g = ConvolutionGeometry(channels: 1, height: 3, width: 3, outputChannels: 1, kernel: 2)
/// print(im2col(image, geometry: g).shape)     // [4, 4]: 4 taps (rows) for 4 positions (columns)
/// print(im2col(image, geometry: g).row(0))    // [1.0, 2.0, 4.0, 5.0]: tap (0, 0) at every position
/// ```
public func im2col(_ image: Tensor, geometry g: ConvolutionGeometry) -> Tensor {
    let expected = [g.inputChannels, g.inputHeight, g.inputWidth]
    requireShapes(image.shape == expected || image.shape == [1] + expected, "im2col: image vs [C, H, W]", image.shape, expected)
    var columns = Tensor(shape: [g.patchSize, g.outputArea])
    image.scalars.withUnsafeBufferPointer { source in
        columns.scalars.withUnsafeMutableBufferPointer { target in
            Im2col.unroll(image: source.baseAddress!, geometry: g, into: target.baseAddress!, leadingDimension: g.outputArea)
        }
    }
    return columns
}

/// The adjoint of `im2col`: every entry of `columns` [C K_h K_w, O_h O_w] added back to the pixel it
/// was copied from, giving an image [C, H, W]. Entries that came from the padding are dropped.
/// <im2col(x), y> = <x, col2im(y)> for all x and y.
public func col2im(_ columns: Tensor, geometry g: ConvolutionGeometry) -> Tensor {
    requireShapes(columns.shape == [g.patchSize, g.outputArea], "col2im: columns vs [C K_h K_w, O_h O_w]",
                  columns.shape, [g.patchSize, g.outputArea])
    var image = Tensor(shape: [g.inputChannels, g.inputHeight, g.inputWidth])
    columns.scalars.withUnsafeBufferPointer { source in
        image.scalars.withUnsafeMutableBufferPointer { target in
            Im2col.fold(columns: source.baseAddress!, leadingDimension: g.outputArea, geometry: g, into: target.baseAddress!)
        }
    }
    return image
}

/// The raw-pointer loops behind `im2col` and `col2im`, used in place on batches.
enum Im2col {
    /// Writes the patch matrix of the image at `image` (C H W floats) into `columns`, row r starting
    /// at `columns + r * leadingDimension` (so several images can sit side by side in one matrix).
    static func unroll(image: UnsafePointer<Float>, geometry g: ConvolutionGeometry,
                       into columns: UnsafeMutablePointer<Float>, leadingDimension: Int) {
        forEachRowSegment(g) { r, i, sourceRow, columnOffset, valid in
            let target = columns + r * leadingDimension + i * g.outputWidth
            guard let sourceRow else {
                target.update(repeating: 0, count: g.outputWidth)
                return
            }
            let source = image + sourceRow
            target.update(repeating: 0, count: valid.lowerBound)
            if g.stride == 1 {
                (target + valid.lowerBound).update(from: source + valid.lowerBound + columnOffset, count: valid.count)
            } else {
                for j in valid { target[j] = source[j * g.stride + columnOffset] }
            }
            (target + valid.upperBound).update(repeating: 0, count: g.outputWidth - valid.upperBound)
        }
    }

    /// Adds the patch matrix at `columns` back into the image gradient at `image` (the adjoint of `unroll`).
    static func fold(columns: UnsafePointer<Float>, leadingDimension: Int, geometry g: ConvolutionGeometry,
                     into image: UnsafeMutablePointer<Float>) {
        forEachRowSegment(g) { r, i, sourceRow, columnOffset, valid in
            guard let sourceRow, !valid.isEmpty else { return }
            let source = columns + r * leadingDimension + i * g.outputWidth
            let target = image + sourceRow
            if g.stride == 1 {
                let from = UnsafeBufferPointer(start: source + valid.lowerBound, count: valid.count)
                let into = UnsafeMutableBufferPointer(start: target + valid.lowerBound + columnOffset, count: valid.count)
                Kernels.add(from, UnsafeBufferPointer(into), into: into)
            } else {
                for j in valid { target[j * g.stride + columnOffset] += source[j] }
            }
        }
    }

    /// Calls `body(r, i, sourceRow, columnOffset, valid)` for every patch row r = (c, l, m) and output
    /// row i: `sourceRow` is the offset of input row iS + l d - p_top of channel c (nil when it lies in
    /// the padding), `columnOffset` = m d - p_left, and `valid` the output columns j whose input column
    /// jS + columnOffset lies inside the image.
    @inline(__always)
    static func forEachRowSegment(_ g: ConvolutionGeometry, _ body: (Int, Int, Int?, Int, Range<Int>) -> Void) {
        for c in 0..<g.inputChannels {
            for l in 0..<g.kernelHeight {
                for m in 0..<g.kernelWidth {
                    let r = (c * g.kernelHeight + l) * g.kernelWidth + m
                    let columnOffset = m * g.dilation - g.padLeft
                    let valid = validOutputs(count: g.outputWidth, stride: g.stride, offset: columnOffset, limit: g.inputWidth)
                    for i in 0..<g.outputHeight {
                        let row = i * g.stride + l * g.dilation - g.padTop
                        let inside = row >= 0 && row < g.inputHeight
                        body(r, i, inside ? (c * g.inputHeight + row) * g.inputWidth : nil, columnOffset, valid)
                    }
                }
            }
        }
    }

    /// The outputs j in 0..<count with 0 <= j stride + offset < limit (a contiguous range).
    @inline(__always)
    static func validOutputs(count: Int, stride: Int, offset: Int, limit: Int) -> Range<Int> {
        let first = offset >= 0 ? 0 : (-offset + stride - 1) / stride
        let end = limit - offset <= 0 ? 0 : (limit - offset + stride - 1) / stride
        let (lower, upper) = (min(first, count), min(max(end, 0), count))
        return lower..<max(lower, upper)
    }
}
