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
    /// gradient plane with the shifted input it was computed from, summed over the images in order.
    /// Precondition: stride 1.
    static func weightGradient(input: Tensor, outputGradient: Tensor, geometry g: ConvolutionGeometry, threads: Int) -> Tensor {
        require(supports(g), "DirectConvolution.weightGradient: needs stride 1, got \(g.stride)")
        let batch = input.shape[0]
        let planes = ShiftedPlanes(g, window: OutputWindow(top: 0, left: 0, height: g.outputHeight, width: g.outputWidth))
        let weightCount = g.outputChannels * g.patchSize
        let chunks = BatchChunks.chunks(batch: batch, multiplyAddsPerImage: g.multiplyAddsPerImage, maximumImages: batch)
        let partials = SharedBuffer(zeroed: chunks.count * weightCount)
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
                                                     into: partials.base + index * weightCount)
                        }
                    }
                }
            }
        }
        return sumPartials(partials, parts: chunks.count, shape: g.weightShape)
    }

    /// dW[k, c, t] += sum_q dY[k, q] S[c][q + offset_t] for the channels c in `channels` (their K_w
    /// copies in `copies`), two filters and up to five taps at a time.
    static func accumulateWeightGradient(_ planes: ShiftedPlanes, channels: Range<Int>, copies: UnsafeMutablePointer<Float>,
                                         outputGradient: UnsafePointer<Float>, into gradient: UnsafeMutablePointer<Float>) {
        let g = planes.geometry, taps = g.kernelArea, count = planes.outputCount
        planes.tapOffsets.withUnsafeBufferPointer { offsets in
            for k in stride(from: 0, to: g.outputChannels, by: 2) {
                let pair = k + 1 < g.outputChannels
                let first = outputGradient + k * count
                let second = pair ? first + count : first
                for c in channels {
                    let channel = UnsafePointer(copies + (c - channels.lowerBound) * planes.channelStride)
                    let (target0, target1) = (gradient + (k * g.inputChannels + c) * taps, gradient + ((k + 1) * g.inputChannels + c) * taps)
                    var t = 0
                    while t < taps {
                        let group = tapGroup(remaining: taps - t)
                        let (sums0, sums1): (SIMD8<Float>, SIMD8<Float>)
                        switch group {   // a constant tap count in each call, so unused accumulators vanish
                        case 5: (sums0, sums1) = dotProducts(first, second, channel, offsets.baseAddress! + t, taps: 5, count: count)
                        case 4: (sums0, sums1) = dotProducts(first, second, channel, offsets.baseAddress! + t, taps: 4, count: count)
                        case 3: (sums0, sums1) = dotProducts(first, second, channel, offsets.baseAddress! + t, taps: 3, count: count)
                        case 2: (sums0, sums1) = dotProducts(first, second, channel, offsets.baseAddress! + t, taps: 2, count: count)
                        default: (sums0, sums1) = dotProducts(first, second, channel, offsets.baseAddress! + t, taps: 1, count: count)
                        }
                        for i in 0..<group {
                            target0[t + i] += sums0[i]
                            if pair { target1[t + i] += sums1[i] }
                        }
                        t += group
                    }
                }
            }
        }
    }

    /// How many taps the next `dotProducts` takes when `remaining` are left: at most 5, and no group
    /// left with fewer than 3 unless there were fewer to begin with (3 x 3: 5 + 4; 5 x 5: 5 groups of 5).
    static func tapGroup(remaining: Int) -> Int {
        switch remaining {
        case ...5: remaining
        case 6: 3
        case 7, 8: 4
        default: 5
        }
    }

    /// For a in {a0, a1} and i < `taps` (at most 5), the sums sum_q a[q] b[q + offsets[i]], q in
    /// 0..<count, in lanes i of the two results: 8 positions at a time (2 + `taps` loads for 2 `taps`
    /// multiply-adds, up to 10 accumulators), then the last count mod 8 one by one.
    @inline(__always)
    static func dotProducts(_ a0: UnsafePointer<Float>, _ a1: UnsafePointer<Float>, _ b: UnsafePointer<Float>,
                            _ offsets: UnsafePointer<Int>, taps: Int, count: Int) -> (SIMD8<Float>, SIMD8<Float>) {
        let o = (offsets[0], taps > 1 ? offsets[1] : 0, taps > 2 ? offsets[2] : 0, taps > 3 ? offsets[3] : 0, taps > 4 ? offsets[4] : 0)
        var (s0, s1, s2, s3, s4) = (SIMD8<Float>(), SIMD8<Float>(), SIMD8<Float>(), SIMD8<Float>(), SIMD8<Float>())
        var (r0, r1, r2, r3, r4) = (SIMD8<Float>(), SIMD8<Float>(), SIMD8<Float>(), SIMD8<Float>(), SIMD8<Float>())
        var q = 0
        while q + 8 <= count {
            let (u, v) = (load8(a0 + q), load8(a1 + q))
            var x = load8(b + q + o.0)
            s0.addProduct(u, x); r0.addProduct(v, x)
            if taps > 1 { x = load8(b + q + o.1); s1.addProduct(u, x); r1.addProduct(v, x) }
            if taps > 2 { x = load8(b + q + o.2); s2.addProduct(u, x); r2.addProduct(v, x) }
            if taps > 3 { x = load8(b + q + o.3); s3.addProduct(u, x); r3.addProduct(v, x) }
            if taps > 4 { x = load8(b + q + o.4); s4.addProduct(u, x); r4.addProduct(v, x) }
            q += 8
        }
        var sums0 = SIMD8<Float>(s0.sum(), s1.sum(), s2.sum(), s3.sum(), s4.sum(), 0, 0, 0)
        var sums1 = SIMD8<Float>(r0.sum(), r1.sum(), r2.sum(), r3.sum(), r4.sum(), 0, 0, 0)
        while q < count {
            let x = SIMD8<Float>(b[q + o.0], b[q + o.1], b[q + o.2], b[q + o.3], b[q + o.4], 0, 0, 0)
            sums0.addProduct(SIMD8(repeating: a0[q]), x)
            sums1.addProduct(SIMD8(repeating: a1[q]), x)
            q += 1
        }
        return (sums0, sums1)
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
