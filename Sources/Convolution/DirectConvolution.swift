// DirectConvolution.swift: convolution with stride 1 as explicit SIMD loops over the image, without
// building a patch matrix (MLiS II Eq. (2.2.5) vectorised along the image), forward and backward.
// Goals, in order: the same numbers as `ReferenceConvolution` up to rounding; fast where im2col is
// not, i.e. few input channels (a 1-channel 3 x 3 convolution does 9 multiply-adds per output, so
// copying the 9 values of each patch costs more than the product: CONVENTIONS.md, "Swift numeric traps").
//
// The trick: number the outputs of a plane q = i O_w + j and give each input channel K_w copies, the
// m-th shifted left by m d columns and cut to the output's width (DirectConvolutionPlanes.swift),
//
//     S[c, m][r O_w + j] = X_pad[c, r, j + m d].
//
// With stride 1 the tap (l, m) of output q then reads S[c, m][q + l d O_w], so the whole output plane
// is one contiguous run
//
//     Y[k, q] = b_k + sum_{c, l, m} W[k, c, l, m] S[c, m][q + l d O_w],   q = 0 ..< O_h O_w,
//
// and 8 outputs at a time are 8 consecutive loads times a broadcast weight, stored straight into the
// output tensor. The copies cost K_w passes over the input, against the K_h K_w of im2col, and no
// position is computed to be thrown away. With many channels and few filters K_w copies of every
// channel cost more than the outputs: there each channel is zero-padded once, the outputs are
// numbered on the padded grid, q = i P_w + j (P_w - O_w positions per row thrown away), and the runs
// are copied out. The input gradient is the same loop run on the output gradient padded for a "full"
// correlation with the kernel flipped and its channels swapped, computed only over the image; the
// weight gradient is a dot product per tap between the output gradient and the shifted input.

import Core

enum DirectConvolution {
    /// Whether the direct loops handle `g` (stride 1; any padding, dilation and channels).
    static func supports(_ g: ConvolutionGeometry) -> Bool { g.stride == 1 }

    /// The rows and columns of the output to compute: all of it, or (for the input gradient) the
    /// part that lies over the image rather than over its padding.
    struct OutputWindow {
        let top: Int, left: Int, height: Int, width: Int
    }

    /// Y = W * X + b for every image, `input` [N, C, H, W] to [N, O, O_h, O_w], or only the
    /// `window` of each output plane. `wide`: 64 positions per step in SIMD16 (`PackedWeights.wide`;
    /// the same bits either way). Precondition: stride 1.
    static func forward(_ input: Tensor, weights: Tensor, bias: Tensor?, geometry g: ConvolutionGeometry, threads: Int,
                        window: OutputWindow? = nil, wide: Bool = GEMMMicroKernel.preferred == .eightByThirtyTwo) -> Tensor {
        require(supports(g), "DirectConvolution.forward: needs stride 1, got \(g.stride)")
        let batch = input.shape[0]
        let w = window ?? OutputWindow(top: 0, left: 0, height: g.outputHeight, width: g.outputWidth)
        let packed = PackedWeights(weights, outputChannels: g.outputChannels, inputChannels: g.inputChannels, taps: g.kernelArea,
                                   wide: wide)
        let biases = bias?.scalars ?? [Float](repeating: 0, count: g.outputChannels)
        let chunks = BatchChunks.chunks(batch: batch, multiplyAddsPerImage: g.multiplyAddsPerImage, maximumImages: batch)
        let imageSize = g.outputChannels * w.height * w.width, count = batch * imageSize
        // The shifted copies write K_w C planes per image; the padded planes C, plus O planes read out
        // of the runs (and P_w - w thrown-away positions per row). Fewer floats copied wins.
        let shifted = (g.kernelWidth - 1) * g.inputChannels <= g.outputChannels
        let (shiftedPlanes, paddedPlanes) = (ShiftedPlanes(g, window: w), PaddedPlanes(g, window: w))
        // Every output is written below, so the array is not zeroed first (a pass over the whole output).
        let scalars = [Float](unsafeUninitializedCapacity: count) { y, initialized in
            input.scalars.withUnsafeBufferPointer { x in
                let (x, y) = (SharedReadOnlyBuffer(base: x.baseAddress!), SharedBuffer(y.baseAddress!, count: count))
                BatchChunks.run(chunks.count, totalMultiplyAdds: batch * g.multiplyAddsPerImage, threads: threads) { index in
                    let images = chunks[index]
                    if shifted {
                        convolveImages(images, x.base, into: y.base, imageSize: imageSize, shiftedPlanes, packed, biases)
                    } else {
                        convolveImages(images, x.base, into: y.base, imageSize: imageSize, paddedPlanes, packed, biases)
                    }
                }
            }
            initialized = count
        }
        return Tensor(shape: [batch, g.outputChannels, w.height, w.width], scalars: scalars)
    }

    /// Y = W * X + b for the images `images` of `x`, through column-shifted copies: the runs are the output planes.
    static func convolveImages(_ images: Range<Int>, _ x: UnsafePointer<Float>, into y: UnsafeMutablePointer<Float>, imageSize: Int,
                               _ planes: ShiftedPlanes, _ packed: PackedWeights, _ biases: [Float]) {
        let g = planes.geometry
        let buffer = planes.makeBuffer()
        defer { buffer.deallocate() }
        planes.tapOffsets.withUnsafeBufferPointer { offsets in
            for n in images {
                planes.fill(buffer, from: x + n * g.inputChannels * g.inputArea)
                let runs = PackedWeights.Runs(input: buffer, channelStride: planes.channelStride, offsets: offsets.baseAddress!,
                                              count: planes.outputCount, output: y + n * imageSize, outputStride: planes.outputCount,
                                              separateRuns: true)
                packed.convolve(runs, biases: biases) { _, _ in }
            }
        }
    }

    /// The same through zero-padded planes: each group of filters' runs is read out into the output.
    static func convolveImages(_ images: Range<Int>, _ x: UnsafePointer<Float>, into y: UnsafeMutablePointer<Float>, imageSize: Int,
                               _ planes: PaddedPlanes, _ packed: PackedWeights, _ biases: [Float]) {
        let g = planes.geometry
        let buffer = planes.makeBuffer()
        defer { buffer.deallocate() }
        let (runs, planeSize) = (planes.runs(in: buffer), planes.window.height * planes.window.width)
        planes.tapOffsets.withUnsafeBufferPointer { offsets in
            for n in images {
                planes.fill(buffer, from: x + n * g.inputChannels * g.inputArea)
                let layout = PackedWeights.Runs(input: buffer + planes.start, channelStride: planes.planeStride, offsets: offsets.baseAddress!,
                                                count: planes.runLength, output: runs, outputStride: planes.runLength, separateRuns: false)
                packed.convolve(layout, biases: biases) { first, filters in
                    planes.extract(runs, filters: filters, into: y + n * imageSize + first * planeSize)
                }
            }
        }
    }

    /// dJ/dX: the full correlation of dJ/dY with the flipped, channel-swapped kernel, computed only
    /// where it lies over the image (not its padding). Precondition: stride 1.
    static func inputGradient(_ outputGradient: Tensor, weights: Tensor, geometry g: ConvolutionGeometry, threads: Int) -> Tensor {
        require(supports(g), "DirectConvolution.inputGradient: needs stride 1, got \(g.stride)")
        // The transposed problem: input dY [O, O_h, O_w] padded by the dilated kernel minus one on each
        // side, kernel W'[c, k, l, m] = W[k, c, K_h - 1 - l, K_w - 1 - m]; its output is the padded
        // input, of which the image is the window at (p_top, p_left).
        let (extraHeight, extraWidth) = (g.effectiveKernelHeight - 1, g.effectiveKernelWidth - 1)
        let transposed = ConvolutionGeometry(channels: g.outputChannels, height: g.outputHeight, width: g.outputWidth,
                                             outputChannels: g.inputChannels, kernelHeight: g.kernelHeight,
                                             kernelWidth: g.kernelWidth, padding: .explicit(top: extraHeight, bottom: extraHeight,
                                                                                              left: extraWidth, right: extraWidth),
                                             dilation: g.dilation)
        return forward(outputGradient, weights: flippedTransposedKernel(weights, g), bias: nil, geometry: transposed, threads: threads,
                       window: OutputWindow(top: g.padTop, left: g.padLeft, height: g.inputHeight, width: g.inputWidth))
    }

    /// dJ/dW [O, C, K_h, K_w]: for each filter, channel and tap, the dot product of the output
    /// gradient plane with the shifted input it was computed from, summed over the images in order
    /// in eight lanes (one SIMD8 partial sum per weight), the lanes added at the end
    /// (DirectConvolutionWeightGradient.swift). Precondition: stride 1.
    static func weightGradient(input: Tensor, outputGradient: Tensor, geometry g: ConvolutionGeometry, threads: Int) -> Tensor {
        require(supports(g), "DirectConvolution.weightGradient: needs stride 1, got \(g.stride)")
        let batch = input.shape[0]
        let planes = ShiftedPlanes(g, window: OutputWindow(top: 0, left: 0, height: g.outputHeight, width: g.outputWidth))
        let weightCount = g.outputChannels * g.patchSize
        let chunks = BatchChunks.chunks(batch: batch, multiplyAddsPerImage: g.multiplyAddsPerImage, maximumImages: batch)
        let partials = SharedBuffer(zeroed: chunks.count * weightCount * 8)
        defer { partials.deallocate() }
        // Input channels in blocks whose copies fit in about 24 KB of the 32 KB L1 cache, where they
        // stay while every filter's gradient plane passes by them.
        let blockChannels = max(1, min(g.inputChannels, 6_000 / planes.channelStride))
        input.scalars.withUnsafeBufferPointer { x in
            outputGradient.scalars.withUnsafeBufferPointer { dy in
                let (x, dy) = (SharedReadOnlyBuffer(base: x.baseAddress!), SharedReadOnlyBuffer(base: dy.baseAddress!))
                BatchChunks.run(chunks.count, totalMultiplyAdds: batch * g.multiplyAddsPerImage, threads: threads) { index in
                    let copies = planes.makeBuffer(channels: blockChannels)
                    defer { copies.deallocate() }
                    for n in chunks[index] {
                        for block in stride(from: 0, to: g.inputChannels, by: blockChannels) {
                            let channels = block..<min(block + blockChannels, g.inputChannels)
                            for c in channels {
                                planes.fillChannel(copies + (c - block) * planes.channelStride,
                                                   from: x.base + (n * g.inputChannels + c) * g.inputArea)
                            }
                            accumulateWeightGradient(planes, channels: channels, copies: copies,
                                                     outputGradient: dy.base + n * g.outputChannels * g.outputArea,
                                                     into: partials.base + index * weightCount * 8)
                        }
                    }
                }
            }
        }
        return sumLanePartials(partials, parts: chunks.count, shape: g.weightShape)
    }

    /// W'[c, k, l, m] = W[k, c, K_h - 1 - l, K_w - 1 - m]: the kernel of the transposed convolution.
    static func flippedTransposedKernel(_ weights: Tensor, _ g: ConvolutionGeometry) -> Tensor {
        var flipped = Tensor(shape: [g.inputChannels, g.outputChannels, g.kernelHeight, g.kernelWidth])
        let taps = g.kernelArea
        for k in 0..<g.outputChannels {
            for c in 0..<g.inputChannels {
                for t in 0..<taps {
                    flipped.scalars[(c * g.outputChannels + k) * taps + (taps - 1 - t)] = weights.scalars[(k * g.inputChannels + c) * taps + t]
                }
            }
        }
        return flipped
    }
}
