// DirectConvolutionPlanes.swift: the padded-plane layout and the SIMD inner loop of the direct
// convolution (see DirectConvolution.swift for the idea, Eq. 2.2.5 along contiguous runs).
// Goals, in order: every read inside the buffers (the zero margins are sized for 64-lane steps);
// four output channels per pass, so each loaded run of input feeds four multiply-adds, with 12
// accumulators in flight (the two FMA units need at least 8 independent chains to stay busy).

import Core

/// Where the padded input planes and the output runs of one image live, for a stride-1 geometry.
struct PlaneLayout: Sendable {
    let geometry: ConvolutionGeometry
    /// P_w, the width of a padded row; output (i, j) is run position q = i P_w + j.
    let paddedWidth: Int
    /// Floats from one padded plane to the next: P_h P_w plus a zero gap of 64. A step of at most 64
    /// positions that starts inside the run reads at most 63 floats past the plane: zeros, never the
    /// next plane or beyond the buffer.
    let planeStride: Int
    /// (O_h - 1) P_w + O_w: the run that holds every output of a channel.
    let runLength: Int
    /// Floats from one channel's run to the next: the run length rounded up to 64, plus 64, so that a
    /// step of up to 64 positions that starts inside the run ends inside it.
    let runStride: Int
    /// l d P_w + m d for tap t = l K_w + m.
    let tapOffsets: [Int]
    /// The run length rounded up to 8: the dot products of the weight gradient read this far, which
    /// stays within the zero gap after each plane.
    var dotLength: Int { (runLength + 7) / 8 * 8 }

    init(_ g: ConvolutionGeometry) {
        geometry = g
        paddedWidth = g.paddedWidth
        planeStride = g.paddedHeight * g.paddedWidth + 64
        runLength = (g.outputHeight - 1) * g.paddedWidth + g.outputWidth
        runStride = (runLength + 63) / 64 * 64 + 64
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
                copyFloats(image + (c * g.inputHeight + row) * g.inputWidth,
                           to: planes + c * planeStride + (row + g.padTop) * paddedWidth + g.padLeft, count: g.inputWidth)
            }
        }
    }

    /// The outputs [channels, height, width] read out of runs that start at the window's top-left
    /// position (the thrown-away columns skipped).
    func extractOutput(_ runs: UnsafePointer<Float>, into output: UnsafeMutablePointer<Float>, channels: Int, height: Int, width: Int) {
        for k in 0..<channels {
            for i in 0..<height {
                copyFloats(runs + k * runStride + i * paddedWidth, to: output + (k * height + i) * width, count: width)
            }
        }
    }

    /// Writes [channels, O_h, O_w] into runs whose other positions were zeroed when allocated and are
    /// never written here, so the thrown-away columns and the tail stay zero.

    func spreadOutput(_ values: UnsafePointer<Float>, into runs: UnsafeMutablePointer<Float>, channels: Int) {
        let g = geometry
        for k in 0..<channels {
            for i in 0..<g.outputHeight {
                copyFloats(values + (k * g.outputHeight + i) * g.outputWidth, to: runs + k * runStride + i * paddedWidth,
                           count: g.outputWidth)
            }
        }
    }
}

/// Copies `count` floats, 8 at a time: rows here are short (8 to 30 floats), and a call to memmove
/// per row cost more than the copy itself. The ranges must not overlap.
@inline(__always)
func copyFloats(_ source: UnsafePointer<Float>, to target: UnsafeMutablePointer<Float>, count: Int) {
    var i = 0
    while i + 8 <= count {
        UnsafeMutableRawPointer(target + i).storeBytes(of: UnsafeRawPointer(source + i).loadUnaligned(as: SIMD8<Float>.self),
                                                       as: SIMD8<Float>.self)
        i += 8
    }
    while i < count {
        target[i] = source[i]
        i += 1
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

    /// For each group of filters (four at a time, then the rest one by one): runs[k, q] = b_k +
    /// sum_{c, t} W[k, c, t] planes[c, q + offsets[t]] for q in 0..<runLength, written to the first
    /// rows of `runs`, then `consume(firstFilter, filterCount)`. Reusing a few rows keeps them in the
    /// L1 cache between the loop that writes them and `consume`, which reads them out.
    func convolve(_ planes: UnsafePointer<Float>, planeStride: Int, offsets: [Int], runLength: Int, biases: [Float],
                  into runs: UnsafeMutablePointer<Float>, runStride: Int, consume: (Int, Int) -> Void) {
        values.withUnsafeBufferPointer { packed in
            offsets.withUnsafeBufferPointer { offsets in
                for block in 0..<blocks {
                    convolveFour(planes, planeStride: planeStride, offsets: offsets.baseAddress!, runLength: runLength,
                                 weights: packed.baseAddress! + block * inputChannels * taps * 4,
                                 biases: SIMD4(biases[4 * block], biases[4 * block + 1], biases[4 * block + 2], biases[4 * block + 3]),
                                 into: runs, runStride: runStride)
                    consume(4 * block, 4)
                }
                for k in (4 * blocks)..<outputChannels {
                    convolveOne(planes, planeStride: planeStride, offsets: offsets.baseAddress!, runLength: runLength,
                                weights: packed.baseAddress! + k * inputChannels * taps, bias: biases[k], into: runs)
                    consume(k, 1)
                }
            }
        }
    }

    /// Four filters at once, 24 positions per step: 12 SIMD8 accumulators, 3 loaded runs and one
    /// broadcast weight fill the 16 ymm registers; each tap costs 7 loads for 12 multiply-adds.
    @inline(__always)
    func convolveFour(_ planes: UnsafePointer<Float>, planeStride: Int, offsets: UnsafePointer<Int>, runLength: Int,
                      weights: UnsafePointer<Float>, biases: SIMD4<Float>, into runs: UnsafeMutablePointer<Float>, runStride: Int) {
        var q = 0
        while q < runLength - 16 {      // steps of 24; the last 16 positions or fewer go 8 at a time below
            var (a0, a1, a2) = (SIMD8<Float>(repeating: biases[0]), SIMD8<Float>(repeating: biases[0]), SIMD8<Float>(repeating: biases[0]))
            var (b0, b1, b2) = (SIMD8<Float>(repeating: biases[1]), SIMD8<Float>(repeating: biases[1]), SIMD8<Float>(repeating: biases[1]))
            var (c0, c1, c2) = (SIMD8<Float>(repeating: biases[2]), SIMD8<Float>(repeating: biases[2]), SIMD8<Float>(repeating: biases[2]))
            var (d0, d1, d2) = (SIMD8<Float>(repeating: biases[3]), SIMD8<Float>(repeating: biases[3]), SIMD8<Float>(repeating: biases[3]))
            for c in 0..<inputChannels {
                let plane = planes + c * planeStride + q
                var w = weights + c * taps * 4
                for t in 0..<taps {
                    let x = plane + offsets[t]
                    let (x0, x1, x2) = (load8(x), load8(x + 8), load8(x + 16))
                    var v = SIMD8<Float>(repeating: w[0])
                    a0.addProduct(x0, v); a1.addProduct(x1, v); a2.addProduct(x2, v)
                    v = SIMD8<Float>(repeating: w[1])
                    b0.addProduct(x0, v); b1.addProduct(x1, v); b2.addProduct(x2, v)
                    v = SIMD8<Float>(repeating: w[2])
                    c0.addProduct(x0, v); c1.addProduct(x1, v); c2.addProduct(x2, v)
                    v = SIMD8<Float>(repeating: w[3])
                    d0.addProduct(x0, v); d1.addProduct(x1, v); d2.addProduct(x2, v)
                    w += 4
                }
            }
            store8(a0, runs + q); store8(a1, runs + q + 8); store8(a2, runs + q + 16)
            store8(b0, runs + runStride + q); store8(b1, runs + runStride + q + 8); store8(b2, runs + runStride + q + 16)
            store8(c0, runs + 2 * runStride + q); store8(c1, runs + 2 * runStride + q + 8)
            store8(c2, runs + 2 * runStride + q + 16)
            store8(d0, runs + 3 * runStride + q); store8(d1, runs + 3 * runStride + q + 8)
            store8(d2, runs + 3 * runStride + q + 16)
            q += 24
        }
        while q < runLength {           // 8 positions at a time: small images waste less (8 x 8 digits: 80, not 96)
            var (a, b, c, d) = (SIMD8<Float>(repeating: biases[0]), SIMD8<Float>(repeating: biases[1]),
                                SIMD8<Float>(repeating: biases[2]), SIMD8<Float>(repeating: biases[3]))
            for channel in 0..<inputChannels {
                let plane = planes + channel * planeStride + q
                var w = weights + channel * taps * 4
                for t in 0..<taps {
                    let x = load8(plane + offsets[t])
                    a.addProduct(x, SIMD8<Float>(repeating: w[0]))
                    b.addProduct(x, SIMD8<Float>(repeating: w[1]))
                    c.addProduct(x, SIMD8<Float>(repeating: w[2]))
                    d.addProduct(x, SIMD8<Float>(repeating: w[3]))
                    w += 4
                }
            }
            store8(a, runs + q); store8(b, runs + runStride + q); store8(c, runs + 2 * runStride + q); store8(d, runs + 3 * runStride + q)
            q += 8
        }
    }

    /// One filter, 64 positions per step: four independent SIMD16 accumulators (8 ymm registers, as
    /// many chains as the two FMA units need to hide their latency).
    @inline(__always)
    func convolveOne(_ planes: UnsafePointer<Float>, planeStride: Int, offsets: UnsafePointer<Int>, runLength: Int,
                     weights: UnsafePointer<Float>, bias: Float, into run: UnsafeMutablePointer<Float>) {
        var q = 0
        while q < runLength {
            var (a0, a1, a2, a3) = (SIMD16<Float>(repeating: bias), SIMD16<Float>(repeating: bias),
                                    SIMD16<Float>(repeating: bias), SIMD16<Float>(repeating: bias))
            for c in 0..<inputChannels {
                let plane = planes + c * planeStride + q
                let w = weights + c * taps
                for t in 0..<taps {
                    let (x, v) = (plane + offsets[t], SIMD16<Float>(repeating: w[t]))
                    a0.addProduct(DirectConvolution.load16(x), v)
                    a1.addProduct(DirectConvolution.load16(x + 16), v)
                    a2.addProduct(DirectConvolution.load16(x + 32), v)
                    a3.addProduct(DirectConvolution.load16(x + 48), v)
                }
            }
            store16(a0, run + q)
            store16(a1, run + q + 16)
            store16(a2, run + q + 32)
            store16(a3, run + q + 48)
            q += 64
        }
    }

    @inline(__always)
    func load8(_ pointer: UnsafePointer<Float>) -> SIMD8<Float> {
        UnsafeRawPointer(pointer).loadUnaligned(as: SIMD8<Float>.self)
    }

    @inline(__always)
    func store8(_ value: SIMD8<Float>, _ pointer: UnsafeMutablePointer<Float>) {
        UnsafeMutableRawPointer(pointer).storeBytes(of: value, as: SIMD8<Float>.self)
    }

    @inline(__always)
    func store16(_ value: SIMD16<Float>, _ pointer: UnsafeMutablePointer<Float>) {
        UnsafeMutableRawPointer(pointer).storeBytes(of: value, as: SIMD16<Float>.self)
    }
}
