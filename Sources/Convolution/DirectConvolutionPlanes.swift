// DirectConvolutionPlanes.swift: the padded-plane layout and the SIMD inner loop of the direct
// convolution (see DirectConvolution.swift for the idea, Eq. 2.2.5 along contiguous runs).
// Goals, in order: every read inside the buffers (the zero margins are sized for 32-lane steps);
// four output channels per pass, so each loaded run of input feeds four multiply-adds (8 of the 16
// ymm registers hold accumulators, enough to keep both FMA units busy).

import Core

/// Where the padded input planes and the output runs of one image live, for a stride-1 geometry.
struct PlaneLayout: Sendable {
    let geometry: ConvolutionGeometry
    /// P_w, the width of a padded row; output (i, j) is run position q = i P_w + j.
    let paddedWidth: Int
    /// Floats from one padded plane to the next: P_h P_w plus a zero gap of 32, so a 32-lane read
    /// past the end of a plane reads zeros, never the next plane or beyond the buffer.
    let planeStride: Int
    /// (O_h - 1) P_w + O_w: the run that holds every output of a channel.
    let runLength: Int
    /// The run length rounded up to 32 lanes: floats from one channel's run to the next.
    let runStride: Int
    /// l d P_w + m d for tap t = l K_w + m.
    let tapOffsets: [Int]

    init(_ g: ConvolutionGeometry) {
        geometry = g
        paddedWidth = g.paddedWidth
        planeStride = g.paddedHeight * g.paddedWidth + 32
        runLength = (g.outputHeight - 1) * g.paddedWidth + g.outputWidth
        runStride = (runLength + 31) / 32 * 32
        tapOffsets = (0..<g.kernelHeight).flatMap { l in
            (0..<g.kernelWidth).map { m in l * g.dilation * g.paddedWidth + m * g.dilation }
        }
    }

    /// Buffers for one thread: the padded input planes (zero borders, written once) and the runs.
    struct Scratch {
        let paddedInput: UnsafeMutablePointer<Float>
        let runs: UnsafeMutablePointer<Float>
        func deallocate() {
            paddedInput.deallocate()
            runs.deallocate()
        }
    }

    func makeScratch(outputChannels: Int) -> Scratch {
        let inputCount = geometry.inputChannels * planeStride, runCount = outputChannels * runStride
        let scratch = Scratch(paddedInput: .allocate(capacity: inputCount), runs: .allocate(capacity: runCount))
        scratch.paddedInput.initialize(repeating: 0, count: inputCount)
        scratch.runs.initialize(repeating: 0, count: runCount)
        return scratch
    }

    /// Copies the image [C, H, W] into the interior of the padded planes (the borders stay zero).
    func pad(image: UnsafePointer<Float>, into planes: UnsafeMutablePointer<Float>) {
        let g = geometry
        for c in 0..<g.inputChannels {
            for row in 0..<g.inputHeight {
                (planes + c * planeStride + (row + g.padTop) * paddedWidth + g.padLeft)
                    .update(from: image + (c * g.inputHeight + row) * g.inputWidth, count: g.inputWidth)
            }
        }
    }

    /// The outputs [channels, O_h, O_w] read out of the runs (the thrown-away columns skipped).
    func extractOutput(_ runs: UnsafePointer<Float>, into output: UnsafeMutablePointer<Float>, channels: Int) {
        let g = geometry
        for k in 0..<channels {
            for i in 0..<g.outputHeight {
                (output + (k * g.outputHeight + i) * g.outputWidth)
                    .update(from: runs + k * runStride + i * paddedWidth, count: g.outputWidth)
            }
        }
    }

    /// Writes [channels, O_h, O_w] into runs whose other positions were zeroed when allocated and are
    /// never written here, so the thrown-away columns and the tail stay zero.
    func spreadOutput(_ values: UnsafePointer<Float>, into runs: UnsafeMutablePointer<Float>, channels: Int) {
        let g = geometry
        for k in 0..<channels {
            for i in 0..<g.outputHeight {
                (runs + k * runStride + i * paddedWidth)
                    .update(from: values + (k * g.outputHeight + i) * g.outputWidth, count: g.outputWidth)
            }
        }
    }
}

/// The weights rearranged for the inner loop: for each block of four filters, channel c and tap t,
/// the four filters' weights side by side; the filters left over (O mod 4) one by one after them.
struct PackedWeights: Sendable {
    let values: [Float]
    let outputChannels: Int
    let inputChannels: Int
    let taps: Int
    var blocks: Int { outputChannels / 4 }

    init(_ weights: Tensor, outputChannels: Int, inputChannels: Int, taps: Int) {
        (self.outputChannels, self.inputChannels, self.taps) = (outputChannels, inputChannels, taps)
        var values = [Float](repeating: 0, count: outputChannels * inputChannels * taps)
        let blocks = outputChannels / 4
        for k in 0..<outputChannels {
            for c in 0..<inputChannels {
                for t in 0..<taps {
                    let target = k < 4 * blocks
                        ? (((k / 4) * inputChannels + c) * taps + t) * 4 + k % 4
                        : (k * inputChannels + c) * taps + t
                    values[target] = weights.scalars[(k * inputChannels + c) * taps + t]
                }
            }
        }
        self.values = values
    }

    /// runs[k, q] = b_k + sum_{c, t} W[k, c, t] planes[c, q + offsets[t]] for q in 0..<runLength.
    func convolve(_ planes: UnsafePointer<Float>, planeStride: Int, offsets: [Int], runLength: Int, biases: [Float],
                  into runs: UnsafeMutablePointer<Float>, runStride: Int) {
        values.withUnsafeBufferPointer { packed in
            offsets.withUnsafeBufferPointer { offsets in
                for block in 0..<blocks {
                    convolveFour(planes, planeStride: planeStride, offsets: offsets.baseAddress!, runLength: runLength,
                                 weights: packed.baseAddress! + block * inputChannels * taps * 4,
                                 biases: SIMD4(biases[4 * block], biases[4 * block + 1], biases[4 * block + 2], biases[4 * block + 3]),
                                 into: runs + 4 * block * runStride, runStride: runStride)
                }
                for k in (4 * blocks)..<outputChannels {
                    convolveOne(planes, planeStride: planeStride, offsets: offsets.baseAddress!, runLength: runLength,
                                weights: packed.baseAddress! + k * inputChannels * taps, bias: biases[k], into: runs + k * runStride)
                }
            }
        }
    }

    /// Four filters at once, 16 positions per step: 4 SIMD16 accumulators (8 ymm registers).
    @inline(__always)
    func convolveFour(_ planes: UnsafePointer<Float>, planeStride: Int, offsets: UnsafePointer<Int>, runLength: Int,
                      weights: UnsafePointer<Float>, biases: SIMD4<Float>, into runs: UnsafeMutablePointer<Float>, runStride: Int) {
        var q = 0
        while q < runLength {
            var (a0, a1, a2, a3) = (SIMD16<Float>(repeating: biases[0]), SIMD16<Float>(repeating: biases[1]),
                                    SIMD16<Float>(repeating: biases[2]), SIMD16<Float>(repeating: biases[3]))
            for c in 0..<inputChannels {
                let plane = planes + c * planeStride + q
                let w = weights + c * taps * 4
                for t in 0..<taps {
                    let x = DirectConvolution.load16(plane + offsets[t])
                    let wt = w + 4 * t
                    a0.addProduct(x, SIMD16(repeating: wt[0]))
                    a1.addProduct(x, SIMD16(repeating: wt[1]))
                    a2.addProduct(x, SIMD16(repeating: wt[2]))
                    a3.addProduct(x, SIMD16(repeating: wt[3]))
                }
            }
            store16(a0, runs + q)
            store16(a1, runs + runStride + q)
            store16(a2, runs + 2 * runStride + q)
            store16(a3, runs + 3 * runStride + q)
            q += 16
        }
    }

    /// One filter, 32 positions per step (two independent SIMD16 accumulators).
    @inline(__always)
    func convolveOne(_ planes: UnsafePointer<Float>, planeStride: Int, offsets: UnsafePointer<Int>, runLength: Int,
                     weights: UnsafePointer<Float>, bias: Float, into run: UnsafeMutablePointer<Float>) {
        var q = 0
        while q < runLength {
            var (a0, a1) = (SIMD16<Float>(repeating: bias), SIMD16<Float>(repeating: bias))
            for c in 0..<inputChannels {
                let plane = planes + c * planeStride + q
                let w = weights + c * taps
                for t in 0..<taps {
                    let wt = SIMD16<Float>(repeating: w[t])
                    a0.addProduct(DirectConvolution.load16(plane + offsets[t]), wt)
                    a1.addProduct(DirectConvolution.load16(plane + offsets[t] + 16), wt)
                }
            }
            store16(a0, run + q)
            store16(a1, run + q + 16)
            q += 32
        }
    }

    @inline(__always)
    func store16(_ value: SIMD16<Float>, _ pointer: UnsafeMutablePointer<Float>) {
        UnsafeMutableRawPointer(pointer).storeBytes(of: value, as: SIMD16<Float>.self)
    }
}
