// Random.swift: the one seeded generator every test, chapter and exercise uses.
// Goals, in order: the same seed gives the same numbers on every run and machine; simple enough to
// read in one sitting; fast enough for initialising weights and shuffling mini-batches.
//
// xoshiro256** by D. Blackman and S. Vigna, "Scrambled linear pseudorandom number generators",
// ACM TOMS 47(4), 2021; its state is seeded with SplitMix64 as the authors recommend.
// Every draw below is defined here, not in the standard library, so a new Swift release cannot
// change the numbers (the stdlib's `shuffle(using:)` and `random(in:using:)` make no such promise).

import Foundation

/// SplitMix64 (Steele, Lea & Flood 2014): a 64-bit generator used to expand one seed into a state.
public struct SplitMix64: Sendable {
    public private(set) var state: UInt64
    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// The library's seeded generator, passed explicitly (`inout`) wherever randomness is needed.
///
/// ```swift
/// var generator = Xoshiro256StarStar(seed: 42)
/// let u = generator.uniformFloat()          // in [0, 1)
/// let z = generator.normal(mean: 0, standardDeviation: 0.1)
/// ```
public struct Xoshiro256StarStar: RandomNumberGenerator, Sendable {
    private var s0, s1, s2, s3: UInt64

    public init(seed: UInt64) {
        var seeder = SplitMix64(seed: seed)
        (s0, s1, s2, s3) = (seeder.next(), seeder.next(), seeder.next(), seeder.next())
    }

    public mutating func next() -> UInt64 {
        let result = rotateLeft(s1 &* 5, 7) &* 9
        let t = s1 << 17
        s2 ^= s0
        s3 ^= s1
        s1 ^= s2
        s0 ^= s3
        s2 ^= t
        s3 = rotateLeft(s3, 45)
        return result
    }

    private func rotateLeft(_ x: UInt64, _ k: UInt64) -> UInt64 { (x << k) | (x >> (64 - k)) }

    /// Uniform in [0, 1) with 24 random bits (every value is an exact multiple of 2^-24).
    public mutating func uniformFloat() -> Float { Float(next() >> 40) * 0x1p-24 }

    /// Uniform in [0, 1) with 53 random bits.
    public mutating func uniformDouble() -> Double { Double(next() >> 11) * 0x1p-53 }

    /// Uniform in [low, high).
    public mutating func uniform(_ low: Float, _ high: Float) -> Float {
        low + (high - low) * uniformFloat()
    }

    /// Uniform integer in 0..<bound, without modulo bias (rejection of the short last interval).
    public mutating func uniformInt(below bound: Int) -> Int {
        require(bound > 0, "uniformInt(below:): bound must be positive, got \(bound)")
        let range = UInt64(bound)
        let limit = UInt64.max - (UInt64.max % range)
        while true {
            let x = next()
            if x < limit { return Int(x % range) }
        }
    }

    /// A normal draw by the Box-Muller transform: z = sqrt(-2 ln u1) cos(2 pi u2), u1 in (0, 1].
    public mutating func normalDouble(mean: Double = 0, standardDeviation: Double = 1) -> Double {
        let u1 = 1 - uniformDouble()
        let u2 = uniformDouble()
        return mean + standardDeviation * (-2 * log(u1)).squareRoot() * cos(2 * Double.pi * u2)
    }

    public mutating func normal(mean: Float = 0, standardDeviation: Float = 1) -> Float {
        Float(normalDouble(mean: Double(mean), standardDeviation: Double(standardDeviation)))
    }

    /// Fisher-Yates shuffle with this generator's own integer draws.
    public mutating func shuffle<T>(_ array: inout [T]) {
        guard array.count > 1 else { return }
        for i in stride(from: array.count - 1, to: 0, by: -1) {
            array.swapAt(i, uniformInt(below: i + 1))
        }
    }

    /// 0..<count in random order (e.g. the example order of one epoch).
    public mutating func permutation(_ count: Int) -> [Int] {
        var indices = Array(0..<count)
        shuffle(&indices)
        return indices
    }

    /// A tensor of `shape` with independent N(mean, standardDeviation^2) entries.
    public mutating func normalTensor(shape: [Int], mean: Float = 0, standardDeviation: Float = 1) -> Tensor {
        let count = shape.reduce(1, *)
        return Tensor(shape: shape, scalars: (0..<count).map { _ in normal(mean: mean, standardDeviation: standardDeviation) })
    }

    /// A tensor of `shape` with independent U[low, high) entries.
    public mutating func uniformTensor(shape: [Int], _ low: Float = 0, _ high: Float = 1) -> Tensor {
        let count = shape.reduce(1, *)
        return Tensor(shape: shape, scalars: (0..<count).map { _ in uniform(low, high) })
    }
}
