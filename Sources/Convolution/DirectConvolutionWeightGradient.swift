// DirectConvolutionWeightGradient.swift: the SIMD loops of the direct convolution's weight gradient,
// dJ/dW[k, c, t] = sum_n sum_q dY_n[k, q] S_n[c][q + offset_t] (MLiS II Eq. (2.2.5) differentiated
// by the weight), one dot product per filter, channel and tap.
// Goals, in order: every weight summed in an order fixed by the shapes alone (so one and two threads
// give the same bits); then few instructions per multiply-add on small planes: an 8 x 8 plane has
// only 64 positions per dot product, and adding the eight lanes of each partial sum after every
// image cost as much as the products (measured: a batch of 64 8 x 8 images, 8 -> 16 channels). So each
// weight keeps eight lane sums across the images, and the lanes are added once, at the end.

import Core

extension DirectConvolution {
    /// dW[k, c, t] (8 lanes each) += the lane sums of dY[k, q] S[c][q + offset_t] for the channels c
    /// in `channels` (their K_w copies in `copies`), two filters and up to five taps at a time.
    /// `gradient` holds 8 floats per weight: lane j of weight (k, c, t) at ((k C + c) taps + t) 8 + j.
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
                    let target0 = gradient + (k * g.inputChannels + c) * taps * 8
                    let target1 = pair ? gradient + ((k + 1) * g.inputChannels + c) * taps * 8 : nil
                    var t = 0
                    while t < taps {
                        let group = tapGroup(remaining: taps - t)
                        let (o, y0, y1) = (offsets.baseAddress! + t, target0 + 8 * t, target1.map { $0 + 8 * t })
                        switch group {   // a constant tap count in each call, so unused accumulators vanish
                        case 5: accumulateDotProducts(first, second, channel, o, taps: 5, count: count, into: y0, y1)
                        case 4: accumulateDotProducts(first, second, channel, o, taps: 4, count: count, into: y0, y1)
                        case 3: accumulateDotProducts(first, second, channel, o, taps: 3, count: count, into: y0, y1)
                        case 2: accumulateDotProducts(first, second, channel, o, taps: 2, count: count, into: y0, y1)
                        default: accumulateDotProducts(first, second, channel, o, taps: 1, count: count, into: y0, y1)
                        }
                        t += group
                    }
                }
            }
        }
    }

    /// How many taps the next `accumulateDotProducts` takes when `remaining` are left: at most 5, and
    /// no group left with fewer than 3 unless there were fewer to begin with (3 x 3: 5 + 4; 5 x 5: 5 x 5).
    static func tapGroup(remaining: Int) -> Int {
        switch remaining {
        case ...5: remaining
        case 6: 3
        case 7, 8: 4
        default: 5
        }
    }

    /// For a in {a0, a1} and i < `taps` (at most 5): adds the 8 lane sums of a[q] b[q + offsets[i]],
    /// q in 0..<count, to the 8 floats at target0 + 8 i (and target1 + 8 i for a1, unless nil):
    /// 8 positions at a time (2 + `taps` loads for 2 `taps` multiply-adds, up to 10 accumulators),
    /// then the last count mod 8 positions into the lanes they would have had.
    @inline(__always)
    static func accumulateDotProducts(_ a0: UnsafePointer<Float>, _ a1: UnsafePointer<Float>, _ b: UnsafePointer<Float>,
                                      _ offsets: UnsafePointer<Int>, taps: Int, count: Int,
                                      into target0: UnsafeMutablePointer<Float>, _ target1: UnsafeMutablePointer<Float>?) {
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
        if q < count {   // the tail, lane j taking position q + j, with zeros past the end
            let (u, v) = (tail8(a0 + q, count - q), tail8(a1 + q, count - q))
            var x = tail8(b + q + o.0, count - q)
            s0.addProduct(u, x); r0.addProduct(v, x)
            if taps > 1 { x = tail8(b + q + o.1, count - q); s1.addProduct(u, x); r1.addProduct(v, x) }
            if taps > 2 { x = tail8(b + q + o.2, count - q); s2.addProduct(u, x); r2.addProduct(v, x) }
            if taps > 3 { x = tail8(b + q + o.3, count - q); s3.addProduct(u, x); r3.addProduct(v, x) }
            if taps > 4 { x = tail8(b + q + o.4, count - q); s4.addProduct(u, x); r4.addProduct(v, x) }
        }
        addLanes(s0, target0)
        if taps > 1 { addLanes(s1, target0 + 8) }
        if taps > 2 { addLanes(s2, target0 + 16) }
        if taps > 3 { addLanes(s3, target0 + 24) }
        if taps > 4 { addLanes(s4, target0 + 32) }
        guard let target1 else { return }
        addLanes(r0, target1)
        if taps > 1 { addLanes(r1, target1 + 8) }
        if taps > 2 { addLanes(r2, target1 + 16) }
        if taps > 3 { addLanes(r3, target1 + 24) }
        if taps > 4 { addLanes(r4, target1 + 32) }
    }

    /// The first `count` (< 8) floats at `pointer`, then zeros.
    @inline(__always)
    static func tail8(_ pointer: UnsafePointer<Float>, _ count: Int) -> SIMD8<Float> {
        var value = SIMD8<Float>()
        for j in 0..<count { value[j] = pointer[j] }
        return value
    }

    /// target[0..<8] += lanes.
    @inline(__always)
    static func addLanes(_ lanes: SIMD8<Float>, _ target: UnsafeMutablePointer<Float>) {
        store8(load8(target) + lanes, target)
    }
}

/// The weights of `shape` from `parts` blocks of 8 lanes per weight: the parts added lane by lane in
/// order, then each weight's 8 lanes added (in SIMD8's fixed order).
func sumLanePartials(_ partials: SharedBuffer, parts: Int, shape: [Int]) -> Tensor {
    var total = Tensor(shape: shape)
    let size = total.count
    guard parts > 0 else { return total }   // an empty batch: zeros
    for part in 1..<parts {
        let (first, next) = (partials.base, partials.base + part * size * 8)
        Kernels.add(UnsafeBufferPointer(start: first, count: size * 8), UnsafeBufferPointer(start: next, count: size * 8),
                    into: UnsafeMutableBufferPointer(start: first, count: size * 8))
    }
    for weight in 0..<size { total.scalars[weight] = load8(partials.base + 8 * weight).sum() }
    return total
}
