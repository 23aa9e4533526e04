// DirectConvolutionPlanes.swift: where the direct convolution (DirectConvolution.swift) puts one
// image's inputs so that every output plane is a contiguous run (Eq. (2.2.5) along the image): K_w
// column-shifted copies of each channel, or one zero-padded copy with outputs on the padded grid.
// Goals, in order: every read inside the buffers; few floats copied per image (the copies, not the
// multiply-adds, were what made a 1-filter pass slow).

import Core

/// The K_w column-shifted copies of each input channel of one image, for a stride-1 geometry and a
/// window of its output (h x w positions starting at row `top`, column `left`):
///
///     S[c, m][r w + j] = X_pad[c, top + r, left + j + m d],   r < h + (K_h - 1) d,  j < w
///
/// Output (i, j) of the window is position q = i w + j of its plane, and its tap (l, m) reads
/// S[c, m][q + l d w]: the output plane is one contiguous run, and so are the inputs it reads.
struct ShiftedPlanes: Sendable {
    let geometry: ConvolutionGeometry
    /// The window's width w: the row length of the copies and of the output.
    let width: Int
    /// h w: the positions of one output plane of the window.
    let outputCount: Int
    /// Floats from one copy to the next: h + (K_h - 1) d rows of w, plus a zero margin of 8 so that an
    /// 8-wide read at any position below 8 stays inside (plane of fewer than 8 outputs).
    let copyStride: Int
    /// K_w copyStride: from one channel's copies to the next.
    var channelStride: Int { geometry.kernelWidth * copyStride }
    /// m copyStride + l d w for tap t = l K_w + m.
    let tapOffsets: [Int]
    /// The rows r of the copies that lie over the image (the others stay zero), and the image row of r = 0.
    let rows: Range<Int>, firstImageRow: Int
    /// For each column shift m: the columns j that lie over the image, and the image column of j = 0.
    let columns: [(range: Range<Int>, firstImageColumn: Int)]

    init(_ g: ConvolutionGeometry, window: DirectConvolution.OutputWindow) {
        geometry = g
        width = window.width
        outputCount = window.height * window.width
        let copyRows = window.height + (g.kernelHeight - 1) * g.dilation
        let copyStride = copyRows * window.width + 8
        self.copyStride = copyStride
        tapOffsets = (0..<g.kernelHeight).flatMap { l in
            (0..<g.kernelWidth).map { m in m * copyStride + l * g.dilation * window.width }
        }
        firstImageRow = window.top - g.padTop
        rows = max(0, -firstImageRow)..<max(max(0, -firstImageRow), min(copyRows, g.inputHeight - firstImageRow))
        columns = (0..<g.kernelWidth).map { m in
            let first = window.left + m * g.dilation - g.padLeft
            let low = max(0, -first)
            return (low..<max(low, min(window.width, g.inputWidth - first)), first)
        }
    }

    /// Zeroed room for the copies of `channels` channels (all of an image's by default); free with
    /// `deallocate()`.
    func makeBuffer(channels: Int? = nil) -> UnsafeMutablePointer<Float> {
        let count = (channels ?? geometry.inputChannels) * channelStride
        let buffer = UnsafeMutablePointer<Float>.allocate(capacity: count)
        buffer.initialize(repeating: 0, count: count)
        return buffer
    }

    /// Fills the parts of the copies that lie over the image [C, H, W]; the rest of `buffer` (the
    /// padding) is zero from `makeBuffer` and never written.
    func fill(_ buffer: UnsafeMutablePointer<Float>, from image: UnsafePointer<Float>) {
        for c in 0..<geometry.inputChannels {
            fillChannel(buffer + c * channelStride, from: image + c * geometry.inputArea)
        }
    }

    /// The K_w copies of one channel, from its plane [H, W], into `copies` (zero where they lie over
    /// the padding, from `makeBuffer`).
    func fillChannel(_ copies: UnsafeMutablePointer<Float>, from plane: UnsafePointer<Float>) {
        let g = geometry
        for m in 0..<g.kernelWidth {
            let (range, firstColumn) = columns[m]
            guard !range.isEmpty else { continue }
            let copy = copies + m * copyStride + range.lowerBound
            let source = plane + firstImageRow * g.inputWidth + firstColumn + range.lowerBound
            if width == g.inputWidth {
                fillContiguously(copy, from: source, columns: range)
            } else {
                for r in rows {
                    copyFloats(source + r * g.inputWidth, to: copy + r * width, count: range.count)
                }
            }
        }
    }
}

/// The other layout, for many input channels and few filters (the input gradient of a convolution
/// with one input channel): each input channel zero-padded once into P_h x P_w pixels, and the outputs
/// of the window numbered on the padded grid from its top-left corner, q = i P_w + j, so tap (l, m)
/// reads X_pad[c][start + q + l d P_w + m d]. One run of (h - 1) P_w + w positions per filter holds the
/// window's plane with P_w - w thrown-away positions after each row; `extract` copies the rows out.
/// It writes C + O planes per image where `ShiftedPlanes` writes K_w C (and none for the output).
struct PaddedPlanes: Sendable {
    let geometry: ConvolutionGeometry
    let window: DirectConvolution.OutputWindow
    /// P_w, the width of a padded row.
    let paddedWidth: Int
    /// Floats from one padded plane to the next: P_h P_w and a zero gap of 8, so that an 8-wide read
    /// at any position below 8 stays inside (runs shorter than 8).
    let planeStride: Int
    /// The padded-grid position of the window's top-left output.
    let start: Int
    /// (h - 1) P_w + w: the run that holds the window of one filter.
    let runLength: Int
    /// l d P_w + m d for tap t = l K_w + m.
    let tapOffsets: [Int]

    init(_ g: ConvolutionGeometry, window: DirectConvolution.OutputWindow) {
        (geometry, self.window, paddedWidth) = (g, window, g.paddedWidth)
        planeStride = g.paddedHeight * g.paddedWidth + 8
        start = window.top * g.paddedWidth + window.left
        runLength = (window.height - 1) * g.paddedWidth + window.width
        tapOffsets = (0..<g.kernelHeight).flatMap { l in
            (0..<g.kernelWidth).map { m in l * g.dilation * g.paddedWidth + m * g.dilation }
        }
    }

    /// Zeroed room for one image's padded planes, then room for the runs of four filters; free with
    /// `deallocate()`.
    func makeBuffer() -> UnsafeMutablePointer<Float> {
        let count = geometry.inputChannels * planeStride + 4 * runLength
        let buffer = UnsafeMutablePointer<Float>.allocate(capacity: count)
        buffer.initialize(repeating: 0, count: count)
        return buffer
    }

    /// The runs' part of a buffer from `makeBuffer`.
    func runs(in buffer: UnsafeMutablePointer<Float>) -> UnsafeMutablePointer<Float> {
        buffer + geometry.inputChannels * planeStride
    }

    /// Copies the image [C, H, W] into the interior of the padded planes (the borders stay zero).
    func fill(_ buffer: UnsafeMutablePointer<Float>, from image: UnsafePointer<Float>) {
        let g = geometry
        for c in 0..<g.inputChannels {
            for row in 0..<g.inputHeight {
                copyFloats(image + (c * g.inputHeight + row) * g.inputWidth,
                           to: buffer + c * planeStride + (row + g.padTop) * paddedWidth + g.padLeft, count: g.inputWidth)
            }
        }
    }

    /// The window [filters, h, w] read out of the first `filters` runs (the thrown-away positions skipped).
    func extract(_ runs: UnsafePointer<Float>, filters: Int, into output: UnsafeMutablePointer<Float>) {
        for k in 0..<filters {
            for i in 0..<window.height {
                copyFloats(runs + k * runLength + i * paddedWidth, to: output + (k * window.height + i) * window.width,
                           count: window.width)
            }
        }
    }
}

extension ShiftedPlanes {
    /// When the copies are as wide as the image (a "same" width, the usual case), the rows of one copy
    /// that lie over the image are one contiguous stretch of the image, shifted: copied in one run, after
    /// which the columns that wrapped around from the neighbouring row are set back to zero.
    /// `copy` and `source` point at column `columns.lowerBound` of the first row in `rows`.
    func fillContiguously(_ copy: UnsafeMutablePointer<Float>, from source: UnsafePointer<Float>, columns: Range<Int>) {
        guard !rows.isEmpty else { return }
        copyFloats(source + rows.lowerBound * width, to: copy + rows.lowerBound * width,
                   count: (rows.count - 1) * width + columns.count)
        let rowStart = copy - columns.lowerBound
        for r in rows {
            if r > rows.lowerBound {
                for j in 0..<columns.lowerBound { rowStart[r * width + j] = 0 }
            }
            if r < rows.upperBound - 1 {
                for j in columns.upperBound..<width { rowStart[r * width + j] = 0 }
            }
        }
    }
}

/// Copies `count` floats, 8 at a time: rows here are short (8 to 30 floats), and a call to memmove
/// per row cost more than the copy itself. A row of 8 or more ends with one 8-wide copy of its last 8
/// floats (overlapping the previous one: the same values are written twice) instead of a scalar loop.
/// The ranges must not overlap.
@inline(__always)
func copyFloats(_ source: UnsafePointer<Float>, to target: UnsafeMutablePointer<Float>, count: Int) {
    @inline(__always) func copy8(_ offset: Int) {
        UnsafeMutableRawPointer(target + offset).storeBytes(of: UnsafeRawPointer(source + offset).loadUnaligned(as: SIMD8<Float>.self),
                                                            as: SIMD8<Float>.self)
    }
    guard count >= 8 else {
        for i in 0..<count { target[i] = source[i] }
        return
    }
    var i = 0
    while i + 8 < count {
        copy8(i)
        i += 8
    }
    copy8(count - 8)
}
