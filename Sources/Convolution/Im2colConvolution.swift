// Im2colConvolution.swift: convolution as one matrix product per chunk of images (MLiS II Eq. (2.2.6),
// "the output of the convolutional layer is simply the matrix multiplication"), forward and backward,
// through Core's SIMD GEMM.
// Goals, in order: the same numbers as `ReferenceConvolution` up to rounding; any stride, padding and
// dilation; the patch matrix of a chunk small enough to stay in the L2 cache (256 KiB).
//
// For a chunk of m images side by side, with R = C K_h K_w taps and P = O_h O_w positions:
//
//     forward:         Y [O, mP]  = W [O, R] . X_col [R, mP]          (+ b_k on row k)
//     weight gradient: dW [O, R] = dY [O, mP] . X_col^T               (summed over the chunks)
//     input gradient:  dX_col    = W^T [R, O] . dY [O, mP], then col2im folds it back onto dX
//
// the three products of back-propagation (MLiS II Eq. (1.3.6), Eq. (1.3.7)) with the patches as the
// inputs.

import Core

enum Im2colConvolution {
    /// Floats of one chunk's patch matrix: 64 Ki floats = 256 KiB, the size of this CPU's L2 share.
    static let patchMatrixBudget = 1 << 16

    static func chunks(_ g: ConvolutionGeometry, batch: Int) -> [Range<Int>] {
        BatchChunks.chunks(batch: batch, multiplyAddsPerImage: g.multiplyAddsPerImage,
                           maximumImages: patchMatrixBudget / max(1, g.patchSize * g.outputArea))
    }

    /// A 1 x 1 kernel with stride 1 and no padding reads each pixel once, in order: the image is its
    /// own patch matrix and needs no copy (a pointwise convolution, MLiS II Sec. 2.3.2).
    static func patchesAreTheImage(_ g: ConvolutionGeometry) -> Bool {
        g.kernelHeight == 1 && g.kernelWidth == 1 && g.stride == 1 && g.padTop + g.padBottom + g.padLeft + g.padRight == 0
    }

    /// Y = W X_col + b for every image: `input` [N, C, H, W] to [N, O, O_h, O_w].
    static func forward(_ input: Tensor, weights: Tensor, bias: Tensor?, geometry g: ConvolutionGeometry,
                        threads: Int) -> Tensor {
        let batch = input.shape[0]
        var output = Tensor(shape: g.outputShape(batch: batch))
        let chunks = chunks(g, batch: batch)
        let (inputSize, outputSize, positions) = (g.inputChannels * g.inputArea, g.outputChannels * g.outputArea, g.outputArea)
        input.scalars.withUnsafeBufferPointer { x in
            weights.scalars.withUnsafeBufferPointer { w in
                output.scalars.withUnsafeMutableBufferPointer { y in
                    let (x, w, y) = (SharedReadOnlyBuffer(base: x.baseAddress!), SharedReadOnlyBuffer(base: w.baseAddress!),
                                     SharedBuffer(y.baseAddress!, count: y.count))
                    BatchChunks.run(chunks.count, totalMultiplyAdds: batch * g.multiplyAddsPerImage, threads: threads) { index in
                        let chunk = chunks[index]
                        let width = chunk.count * positions
                        withPatches(of: x.base + chunk.lowerBound * inputSize, images: chunk.count, g) { patches in
                            if chunk.count == 1 {   // straight into the image's output planes
                                gemm(w.base, patches, rows: g.outputChannels, columns: width, depth: g.patchSize,
                                     into: y.base + chunk.lowerBound * outputSize)
                            } else {
                                let product = UnsafeMutablePointer<Float>.allocate(capacity: g.outputChannels * width)
                                defer { product.deallocate() }
                                gemm(w.base, patches, rows: g.outputChannels, columns: width, depth: g.patchSize, into: product)
                                scatterChannelMajor(product, into: y.base + chunk.lowerBound * outputSize, images: chunk.count,
                                                    channels: g.outputChannels, positions: positions)
                            }
                        }
                    }
                }
            }
        }
        if let bias { addBias(bias, to: &output, channels: g.outputChannels) }
        return output
    }

    /// dJ/dW, dJ/db and (if asked) dJ/dX from dJ/dY, chunk by chunk; the weight and bias gradients
    /// are summed over the chunks in order.
    static func backward(input: Tensor, outputGradient: Tensor, weights: Tensor, geometry g: ConvolutionGeometry,
                         computeInputGradient: Bool, threads: Int) -> ConvolutionGradients {
        let batch = input.shape[0]
        let chunks = chunks(g, batch: batch)
        let weightCount = g.outputChannels * g.patchSize
        let partials = SharedBuffer(zeroed: chunks.count * weightCount)
        defer { partials.deallocate() }
        var inputGradient = Tensor(shape: computeInputGradient ? g.inputShape(batch: batch) : [0])
        let (inputSize, outputSize, positions) = (g.inputChannels * g.inputArea, g.outputChannels * g.outputArea, g.outputArea)
        input.scalars.withUnsafeBufferPointer { x in
            weights.scalars.withUnsafeBufferPointer { w in
                outputGradient.scalars.withUnsafeBufferPointer { dy in
                    inputGradient.scalars.withUnsafeMutableBufferPointer { dx in
                        let (x, w, dy) = (SharedReadOnlyBuffer(base: x.baseAddress!), SharedReadOnlyBuffer(base: w.baseAddress!),
                                          SharedReadOnlyBuffer(base: dy.baseAddress!))
                        let dx = SharedBuffer(dx.baseAddress!, count: dx.count)
                        BatchChunks.run(chunks.count, totalMultiplyAdds: 2 * batch * g.multiplyAddsPerImage, threads: threads) { index in
                            let chunk = chunks[index]
                            let width = chunk.count * positions
                            withChannelMajor(dy.base + chunk.lowerBound * outputSize, images: chunk.count,
                                             channels: g.outputChannels, positions: positions) { gradient in
                                withPatches(of: x.base + chunk.lowerBound * inputSize, images: chunk.count, g) { patches in
                                    Kernels.gemm(transposeA: false, transposeB: true, m: g.outputChannels, n: g.patchSize, k: width,
                                                 alpha: 1, a: gradient, lda: width, b: patches, ldb: width, beta: 0,
                                                 c: partials.base + index * weightCount, ldc: g.patchSize)
                                }
                                if computeInputGradient {
                                    foldInputGradient(weights: w.base, gradient: gradient, images: chunk.count, g,
                                                      into: dx.base + chunk.lowerBound * inputSize)
                                }
                            }
                        }
                    }
                }
            }
        }
        return ConvolutionGradients(input: computeInputGradient ? inputGradient : nil,
                                    weights: sumPartials(partials, parts: chunks.count, shape: g.weightShape),
                                    bias: biasGradient(outputGradient, channels: g.outputChannels))
    }

    /// dJ/dX alone (the forward pass of a transposed convolution): W^T dY folded back, chunk by chunk.
    static func inputGradient(_ outputGradient: Tensor, weights: Tensor, geometry g: ConvolutionGeometry, threads: Int) -> Tensor {
        let batch = outputGradient.shape[0]
        let chunks = chunks(g, batch: batch)
        var inputGradient = Tensor(shape: g.inputShape(batch: batch))
        let (inputSize, outputSize, positions) = (g.inputChannels * g.inputArea, g.outputChannels * g.outputArea, g.outputArea)
        weights.scalars.withUnsafeBufferPointer { w in
            outputGradient.scalars.withUnsafeBufferPointer { dy in
                inputGradient.scalars.withUnsafeMutableBufferPointer { dx in
                    let (w, dy) = (SharedReadOnlyBuffer(base: w.baseAddress!), SharedReadOnlyBuffer(base: dy.baseAddress!))
                    let dx = SharedBuffer(dx.baseAddress!, count: dx.count)
                    BatchChunks.run(chunks.count, totalMultiplyAdds: batch * g.multiplyAddsPerImage, threads: threads) { index in
                        let chunk = chunks[index]
                        withChannelMajor(dy.base + chunk.lowerBound * outputSize, images: chunk.count,
                                         channels: g.outputChannels, positions: positions) { gradient in
                            foldInputGradient(weights: w.base, gradient: gradient, images: chunk.count, g,
                                              into: dx.base + chunk.lowerBound * inputSize)
                        }
                    }
                }
            }
        }
        return inputGradient
    }

    // MARK: Pieces

    /// Runs `body` with the patch matrix [R, images P] of `images` consecutive images at `image`.
    static func withPatches(of image: UnsafePointer<Float>, images: Int, _ g: ConvolutionGeometry,
                            _ body: (UnsafePointer<Float>) -> Void) {
        if images == 1 && patchesAreTheImage(g) { return body(image) }
        let width = images * g.outputArea
        let patches = UnsafeMutablePointer<Float>.allocate(capacity: g.patchSize * width)
        defer { patches.deallocate() }
        for i in 0..<images {
            Im2col.unroll(image: image + i * g.inputChannels * g.inputArea, geometry: g,
                          into: patches + i * g.outputArea, leadingDimension: width)
        }
        body(patches)
    }

    /// dX_col = W^T dY, folded onto the (zeroed) input gradients of the chunk's images.
    static func foldInputGradient(weights: UnsafePointer<Float>, gradient: UnsafePointer<Float>, images: Int,
                                  _ g: ConvolutionGeometry, into inputGradient: UnsafeMutablePointer<Float>) {
        let width = images * g.outputArea
        if images == 1 && patchesAreTheImage(g) {    // the columns are the image: write them in place
            Kernels.gemm(transposeA: true, transposeB: false, m: g.patchSize, n: width, k: g.outputChannels, alpha: 1,
                         a: weights, lda: g.patchSize, b: gradient, ldb: width, beta: 0, c: inputGradient, ldc: width)
            return
        }
        let columns = UnsafeMutablePointer<Float>.allocate(capacity: g.patchSize * width)
        defer { columns.deallocate() }
        Kernels.gemm(transposeA: true, transposeB: false, m: g.patchSize, n: width, k: g.outputChannels, alpha: 1,
                     a: weights, lda: g.patchSize, b: gradient, ldb: width, beta: 0, c: columns, ldc: width)
        for i in 0..<images {
            Im2col.fold(columns: columns + i * g.outputArea, leadingDimension: width, geometry: g,
                        into: inputGradient + i * g.inputChannels * g.inputArea)
        }
    }

    /// C [rows, columns] = A [rows, depth] B [depth, columns], all row-major and packed.
    static func gemm(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, rows: Int, columns: Int, depth: Int,
                     into c: UnsafeMutablePointer<Float>) {
        Kernels.gemm(transposeA: false, transposeB: false, m: rows, n: columns, k: depth, alpha: 1, a: a, lda: depth,
                     b: b, ldb: columns, beta: 0, c: c, ldc: columns)
    }
}

// MARK: Layout helpers shared with the direct path

/// [O, m P] (channel-major, as the GEMM leaves it) to [m, O, P] (image-major, the tensor layout).
func scatterChannelMajor(_ source: UnsafePointer<Float>, into target: UnsafeMutablePointer<Float>, images: Int,
                         channels: Int, positions: Int) {
    for k in 0..<channels {
        for i in 0..<images {
            (target + (i * channels + k) * positions).update(from: source + (k * images + i) * positions, count: positions)
        }
    }
}

/// Runs `body` with [m, O, P] rearranged as [O, m P] (no copy for one image).
func withChannelMajor(_ source: UnsafePointer<Float>, images: Int, channels: Int, positions: Int,
                      _ body: (UnsafePointer<Float>) -> Void) {
    if images == 1 { return body(source) }
    let target = UnsafeMutablePointer<Float>.allocate(capacity: images * channels * positions)
    defer { target.deallocate() }
    for k in 0..<channels {
        for i in 0..<images {
            (target + (k * images + i) * positions).update(from: source + (i * channels + k) * positions, count: positions)
        }
    }
    body(target)
}

/// Adds b_k to every value of output channel k of a [N, O, ...] tensor.
func addBias(_ bias: Tensor, to output: inout Tensor, channels: Int) {
    let planes = output.shape[0] * channels
    let planeSize = output.count / max(1, planes)
    output.scalars.withUnsafeMutableBufferPointer { y in
        for plane in 0..<planes {
            let b = bias.scalars[plane % channels]
            let values = UnsafeMutableBufferPointer(rebasing: y[(plane * planeSize)..<((plane + 1) * planeSize)])
            Kernels.map(UnsafeBufferPointer(values), into: values, { $0 + SIMD8(repeating: b) }, { $0 + b })
        }
    }
}

/// dJ/db_k = the sum of dJ/dY over the images and positions of channel k, shape [O].
func biasGradient(_ outputGradient: Tensor, channels: Int) -> Tensor {
    let planeSize = outputGradient.count / max(1, outputGradient.shape[0] * channels)
    var gradient = Tensor(shape: [channels])
    outputGradient.scalars.withUnsafeBufferPointer { dy in
        for plane in 0..<(outputGradient.shape[0] * channels) {
            gradient.scalars[plane % channels] += Kernels.sum(UnsafeBufferPointer(rebasing: dy[(plane * planeSize)..<((plane + 1) * planeSize)]))
        }
    }
    return gradient
}

/// The sum, in order, of `parts` consecutive partial results of `shape` in `partials`.
func sumPartials(_ partials: SharedBuffer, parts: Int, shape: [Int]) -> Tensor {
    var total = Tensor(shape: shape)
    let size = total.count
    total.scalars.withUnsafeMutableBufferPointer { t in
        for part in 0..<parts {
            Kernels.add(UnsafeBufferPointer(t), UnsafeBufferPointer(start: partials.base + part * size, count: size), into: t)
        }
    }
    return total
}
