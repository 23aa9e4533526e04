// DirectConvolutionKernels.swift: the SIMD inner loops of the direct convolution, on either input
// layout of DirectConvolutionPlanes.swift (Eq. (2.2.5) along contiguous runs of the output plane).
// Goals, in order: each output computed by one sum in one order, so a position computed twice (by
// the overlapping last step of a plane) gets the same bits; few narrow steps (an 8-position step has
// only 4 or 1 accumulator chains, so it waits on the FMA latency); four filters per pass, 12 SIMD8
// accumulators (16 SIMD16 where the CPU has AVX-512's 32 registers), so each loaded run of input feeds
// four multiply-adds; outputs stored where they belong.

import Core

/// The weights rearranged for the inner loop: for each block of four filters, channel c and tap t,
/// the four filters' weights side by side; the filters left over (O mod 4) one by one after them.
struct PackedWeights: Sendable {
    let values: [Float]
    let outputChannels: Int
    let inputChannels: Int
    let taps: Int
    /// Whether four filters take 64 positions per step in 16 SIMD16 accumulators (`convolveFour64`),
    /// which needs 32 vector registers: by default where the CPU has AVX-512 (the choice of Core's GEMM).
    let wide: Bool
    var blocks: Int { outputChannels / 4 }

    init(_ weights: Tensor, outputChannels: Int, inputChannels: Int, taps: Int,
         wide: Bool = GEMMMicroKernel.preferred == .eightByThirtyTwo) {
        (self.outputChannels, self.inputChannels, self.taps, self.wide) = (outputChannels, inputChannels, taps, wide)
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

    /// Where the inputs of one image are and where its outputs go, for `convolve`.
    struct Runs {
        /// The first input channel's buffer, at the position read by tap offset 0 of output 0.
        let input: UnsafePointer<Float>
        /// Floats from one input channel's buffer to the next.
        let channelStride: Int
        /// Where tap t reads, relative to the output position.
        let offsets: UnsafePointer<Int>
        /// Positions per filter.
        let count: Int
        /// The first filter's output run, and the floats from one filter's run to the next.
        let output: UnsafeMutablePointer<Float>, outputStride: Int
        /// Whether every filter has a run of its own (else the runs of each group of filters reuse the
        /// first rows of `output`, and `finished` must read them out before the next group).
        let separateRuns: Bool
    }

    /// Y[k, q] = b_k + sum_{c, t} W[k, c, t] X[c][q + offset_t] for every filter k and position
    /// q < `runs.count`, then `finished(firstFilter, filterCount)` after each group of filters.
    func convolve(_ runs: Runs, biases: [Float], finished: (Int, Int) -> Void) {
        if taps == 9 {   // 3 x 3, the usual kernel: a constant tap count lets the compiler unroll the taps (5-10 %)
            convolve(runs, taps: 9, biases: biases, finished: finished)
        } else {
            convolve(runs, taps: taps, biases: biases, finished: finished)
        }
    }

    @inline(__always)
    func convolve(_ runs: Runs, taps: Int, biases: [Float], finished: (Int, Int) -> Void) {
        let (x, channelStride, offsets, count, stride) = (runs.input, runs.channelStride, runs.offsets, runs.count, runs.outputStride)
        values.withUnsafeBufferPointer { packed in
            for block in 0..<blocks {
                let weights = packed.baseAddress! + block * inputChannels * taps * 4
                let b = SIMD4(biases[4 * block], biases[4 * block + 1], biases[4 * block + 2], biases[4 * block + 3])
                let target = runs.separateRuns ? runs.output + 4 * block * stride : runs.output
                var q = 0
                while wide && q + 64 <= count {
                    convolveFour64(x + q, channelStride, offsets, taps: taps, weights: weights, biases: b, into: target + q, planeStride: stride)
                    q += 64
                }
                if wide && count - q > 24 && count >= 64 {   // an overlapping wide step, as below
                    convolveFour64(x + count - 64, channelStride, offsets, taps: taps, weights: weights, biases: b,
                                   into: target + count - 64, planeStride: stride)
                    q = count
                }
                while q + 24 <= count {
                    convolveFour24(x + q, channelStride, offsets, taps: taps, weights: weights, biases: b, into: target + q, planeStride: stride)
                    q += 24
                }
                if count - q > 8 && count >= 24 {   // one more (overlapping) wide step beats two or more narrow ones
                    convolveFour24(x + count - 24, channelStride, offsets, taps: taps, weights: weights, biases: b,
                                   into: target + count - 24, planeStride: stride)
                    q = count
                }
                forEachStepOf8(from: q, count: count, target: target, planeStride: stride, filters: 4) { q, target, stride in
                    let (y0, y1, y2, y3) = convolveFour8(x + q, channelStride, offsets, taps: taps, weights: weights, biases: b)
                    store8(y0, target); store8(y1, target + stride); store8(y2, target + 2 * stride); store8(y3, target + 3 * stride)
                }
                finished(4 * block, 4)
            }
            for k in (4 * blocks)..<outputChannels {
                let weights = packed.baseAddress! + k * inputChannels * taps
                let target = runs.separateRuns ? runs.output + k * stride : runs.output
                var q = 0
                while q + 64 <= count {
                    convolveOne64(x + q, channelStride, offsets, taps: taps, weights: weights, bias: biases[k], into: target + q)
                    q += 64
                }
                if count - q > 8 && count >= 64 {
                    convolveOne64(x + count - 64, channelStride, offsets, taps: taps, weights: weights, bias: biases[k],
                                  into: target + count - 64)
                    q = count
                }
                forEachStepOf8(from: q, count: count, target: target, planeStride: stride, filters: 1) { q, target, _ in
                    store8(convolveOne8(x + q, channelStride, offsets, taps: taps, weights: weights, bias: biases[k]), target)
                }
                finished(k, 1)
            }
        }
    }

    /// Runs `step(q, target + q, planeStride)` for q = start, start + 8, ... while 8 positions fit,
    /// then covers the last count mod 8 positions: with one more step at count - 8 (recomputing a few
    /// positions, with the same bits) or, for a plane of fewer than 8, through a small buffer.
    @inline(__always)
    func forEachStepOf8(from start: Int, count: Int, target: UnsafeMutablePointer<Float>, planeStride: Int, filters: Int,
                        _ step: (Int, UnsafeMutablePointer<Float>, Int) -> Void) {
        var q = start
        while q + 8 <= count {
            step(q, target + q, planeStride)
            q += 8
        }
        guard q < count else { return }
        if count >= 8 {
            step(count - 8, target + count - 8, planeStride)
            return
        }
        withUnsafeTemporaryAllocation(of: Float.self, capacity: 8 * filters) { tail in
            step(0, tail.baseAddress!, 8)
            for k in 0..<filters {
                for i in 0..<count { target[k * planeStride + i] = tail[8 * k + i] }
            }
        }
    }

    /// Four filters at 24 positions: 12 SIMD8 accumulators, 3 loaded runs and one broadcast weight fill
    /// the 16 ymm registers; each tap costs 7 loads for 12 multiply-adds.
    @inline(__always)
    func convolveFour24(_ x: UnsafePointer<Float>, _ channelStride: Int, _ offsets: UnsafePointer<Int>, taps: Int, weights: UnsafePointer<Float>,
                        biases: SIMD4<Float>, into y: UnsafeMutablePointer<Float>, planeStride: Int) {
        var (a0, a1, a2) = (SIMD8<Float>(repeating: biases[0]), SIMD8<Float>(repeating: biases[0]), SIMD8<Float>(repeating: biases[0]))
        var (b0, b1, b2) = (SIMD8<Float>(repeating: biases[1]), SIMD8<Float>(repeating: biases[1]), SIMD8<Float>(repeating: biases[1]))
        var (c0, c1, c2) = (SIMD8<Float>(repeating: biases[2]), SIMD8<Float>(repeating: biases[2]), SIMD8<Float>(repeating: biases[2]))
        var (d0, d1, d2) = (SIMD8<Float>(repeating: biases[3]), SIMD8<Float>(repeating: biases[3]), SIMD8<Float>(repeating: biases[3]))
        var w = weights
        for c in 0..<inputChannels {
            let channel = x + c * channelStride
            for t in 0..<taps {
                let p = channel + offsets[t]
                let (x0, x1, x2) = (load8(p), load8(p + 8), load8(p + 16))
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
        store8(a0, y); store8(a1, y + 8); store8(a2, y + 16)
        store8(b0, y + planeStride); store8(b1, y + planeStride + 8); store8(b2, y + planeStride + 16)
        store8(c0, y + 2 * planeStride); store8(c1, y + 2 * planeStride + 8); store8(c2, y + 2 * planeStride + 16)
        store8(d0, y + 3 * planeStride); store8(d1, y + 3 * planeStride + 8); store8(d2, y + 3 * planeStride + 16)
    }

    /// Four filters at 64 positions: 16 SIMD16 accumulators, 4 loaded runs and one broadcast weight,
    /// 21 of AVX-512's 32 zmm registers; each tap costs 8 loads for 16 multiply-adds (the same sums
    /// as `convolveFour24`, in the same order).
    @inline(__always)
    func convolveFour64(_ x: UnsafePointer<Float>, _ channelStride: Int, _ offsets: UnsafePointer<Int>, taps: Int, weights: UnsafePointer<Float>,
                        biases: SIMD4<Float>, into y: UnsafeMutablePointer<Float>, planeStride: Int) {
        var (a0, a1, a2, a3) = (SIMD16<Float>(repeating: biases[0]), SIMD16<Float>(repeating: biases[0]),
                                SIMD16<Float>(repeating: biases[0]), SIMD16<Float>(repeating: biases[0]))
        var (b0, b1, b2, b3) = (SIMD16<Float>(repeating: biases[1]), SIMD16<Float>(repeating: biases[1]),
                                SIMD16<Float>(repeating: biases[1]), SIMD16<Float>(repeating: biases[1]))
        var (c0, c1, c2, c3) = (SIMD16<Float>(repeating: biases[2]), SIMD16<Float>(repeating: biases[2]),
                                SIMD16<Float>(repeating: biases[2]), SIMD16<Float>(repeating: biases[2]))
        var (d0, d1, d2, d3) = (SIMD16<Float>(repeating: biases[3]), SIMD16<Float>(repeating: biases[3]),
                                SIMD16<Float>(repeating: biases[3]), SIMD16<Float>(repeating: biases[3]))
        var w = weights
        for c in 0..<inputChannels {
            let channel = x + c * channelStride
            for t in 0..<taps {
                let p = channel + offsets[t]
                let (x0, x1, x2, x3) = (load16(p), load16(p + 16), load16(p + 32), load16(p + 48))
                var v = SIMD16<Float>(repeating: w[0])
                a0.addProduct(x0, v); a1.addProduct(x1, v); a2.addProduct(x2, v); a3.addProduct(x3, v)
                v = SIMD16<Float>(repeating: w[1])
                b0.addProduct(x0, v); b1.addProduct(x1, v); b2.addProduct(x2, v); b3.addProduct(x3, v)
                v = SIMD16<Float>(repeating: w[2])
                c0.addProduct(x0, v); c1.addProduct(x1, v); c2.addProduct(x2, v); c3.addProduct(x3, v)
                v = SIMD16<Float>(repeating: w[3])
                d0.addProduct(x0, v); d1.addProduct(x1, v); d2.addProduct(x2, v); d3.addProduct(x3, v)
                w += 4
            }
        }
        store16(a0, y); store16(a1, y + 16); store16(a2, y + 32); store16(a3, y + 48)
        let (y1, y2, y3) = (y + planeStride, y + 2 * planeStride, y + 3 * planeStride)
        store16(b0, y1); store16(b1, y1 + 16); store16(b2, y1 + 32); store16(b3, y1 + 48)
        store16(c0, y2); store16(c1, y2 + 16); store16(c2, y2 + 32); store16(c3, y2 + 48)
        store16(d0, y3); store16(d1, y3 + 16); store16(d2, y3 + 32); store16(d3, y3 + 48)
    }

    /// Four filters at 8 positions (the same sums as `convolveFour24`, in the same order).
    @inline(__always)
    func convolveFour8(_ x: UnsafePointer<Float>, _ channelStride: Int, _ offsets: UnsafePointer<Int>, taps: Int, weights: UnsafePointer<Float>,
                       biases: SIMD4<Float>) -> (SIMD8<Float>, SIMD8<Float>, SIMD8<Float>, SIMD8<Float>) {
        var (a, b, c, d) = (SIMD8<Float>(repeating: biases[0]), SIMD8<Float>(repeating: biases[1]),
                            SIMD8<Float>(repeating: biases[2]), SIMD8<Float>(repeating: biases[3]))
        var w = weights
        for channel in 0..<inputChannels {
            let base = x + channel * channelStride
            for t in 0..<taps {
                let v = load8(base + offsets[t])
                a.addProduct(v, SIMD8<Float>(repeating: w[0]))
                b.addProduct(v, SIMD8<Float>(repeating: w[1]))
                c.addProduct(v, SIMD8<Float>(repeating: w[2]))
                d.addProduct(v, SIMD8<Float>(repeating: w[3]))
                w += 4
            }
        }
        return (a, b, c, d)
    }

    /// One filter at 64 positions: four independent SIMD16 accumulators (8 ymm registers, as many
    /// chains as the two FMA units need to hide their latency).
    @inline(__always)
    func convolveOne64(_ x: UnsafePointer<Float>, _ channelStride: Int, _ offsets: UnsafePointer<Int>, taps: Int, weights: UnsafePointer<Float>,
                       bias: Float, into y: UnsafeMutablePointer<Float>) {
        var (a0, a1, a2, a3) = (SIMD16<Float>(repeating: bias), SIMD16<Float>(repeating: bias),
                                SIMD16<Float>(repeating: bias), SIMD16<Float>(repeating: bias))
        for c in 0..<inputChannels {
            let channel = x + c * channelStride
            let w = weights + c * taps
            for t in 0..<taps {
                let (p, v) = (channel + offsets[t], SIMD16<Float>(repeating: w[t]))
                a0.addProduct(load16(p), v)
                a1.addProduct(load16(p + 16), v)
                a2.addProduct(load16(p + 32), v)
                a3.addProduct(load16(p + 48), v)
            }
        }
        store16(a0, y); store16(a1, y + 16); store16(a2, y + 32); store16(a3, y + 48)
    }

    /// One filter at 8 positions (the same sums as `convolveOne64`, in the same order).
    @inline(__always)
    func convolveOne8(_ x: UnsafePointer<Float>, _ channelStride: Int, _ offsets: UnsafePointer<Int>, taps: Int, weights: UnsafePointer<Float>,
                      bias: Float) -> SIMD8<Float> {
        var a = SIMD8<Float>(repeating: bias)
        for c in 0..<inputChannels {
            let channel = x + c * channelStride
            let w = weights + c * taps
            for t in 0..<taps { a.addProduct(load8(channel + offsets[t]), SIMD8<Float>(repeating: w[t])) }
        }
        return a
    }
}

@inline(__always)
func load8(_ pointer: UnsafePointer<Float>) -> SIMD8<Float> {
    UnsafeRawPointer(pointer).loadUnaligned(as: SIMD8<Float>.self)
}

@inline(__always)
func load16(_ pointer: UnsafePointer<Float>) -> SIMD16<Float> {
    UnsafeRawPointer(pointer).loadUnaligned(as: SIMD16<Float>.self)
}

@inline(__always)
func store8(_ value: SIMD8<Float>, _ pointer: UnsafeMutablePointer<Float>) {
    UnsafeMutableRawPointer(pointer).storeBytes(of: value, as: SIMD8<Float>.self)
}

@inline(__always)
func store16(_ value: SIMD16<Float>, _ pointer: UnsafeMutablePointer<Float>) {
    UnsafeMutableRawPointer(pointer).storeBytes(of: value, as: SIMD16<Float>.self)
}
