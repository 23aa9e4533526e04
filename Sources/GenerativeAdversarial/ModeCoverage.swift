// ModeCoverage.swift: how many modes of a Gaussian mixture a generator reproduces, and how sharply,
// by the protocol of Srivastava et al. 2017 (VEEGAN, Sec. 5.1): draw 2,500 samples; a sample is of
// high quality when it lies within three standard deviations of its nearest mode; a mode is captured
// when some high-quality sample lies near it (has it as its nearest mode). The stricter count asks a
// mode to hold at least 1 % of all the samples as high-quality ones.
// Goals, in order: the protocol's words as code; mode collapse visible as numbers.

import Core

/// The VEEGAN counts for one set of samples against one mixture.
///
/// ```swift
/// let ring = GaussianMixture.ring()
/// var random = Xoshiro256StarStar(seed: 1)
/// let coverage = ModeCoverage(samples: ring.sample(2500, generator: &random), target: ring)
/// print(coverage.modesCaptured, coverage.highQualityPercent)   // 8 98.9...: the data itself (1 - e^{-9/2} in 2-D)
/// ```
public struct ModeCoverage: Sendable, Equatable {
    /// High-quality samples whose nearest mode is mode c, for each mode.
    public let highQualityPerMode: [Int]
    /// All the samples counted.
    public let sampleCount: Int

    /// Precondition: samples [N, d] with the mixture's d, N >= 1.
    public init(samples: Tensor, target: GaussianMixture, radiusInStandardDeviations: Float = 3) {
        requireShapes(samples.rank == 2 && samples.columns == target.dimension && samples.rows > 0,
                      "ModeCoverage (samples [N, d] vs the mixture's d)", samples.shape, [samples.shape.first ?? 0, target.dimension])
        let radius = radiusInStandardDeviations * target.standardDeviation
        var counts = [Int](repeating: 0, count: target.modes.count)
        for i in 0..<samples.rows {
            let point = samples.row(i)
            let distances = target.modes.map { mode in zip(point, mode).reduce(Float(0)) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) } }
            let nearest = distances.indices.min { distances[$0] < distances[$1] }!
            if distances[nearest] <= radius * radius { counts[nearest] += 1 }
        }
        (highQualityPerMode, sampleCount) = (counts, samples.rows)
    }

    /// Modes with at least one high-quality sample (VEEGAN's "modes captured").
    public var modesCaptured: Int { highQualityPerMode.filter { $0 > 0 }.count }

    /// Modes holding at least `fraction` of all samples as high-quality ones (1 % by default).
    public func modesHolding(atLeast fraction: Double = 0.01) -> Int {
        highQualityPerMode.filter { Double($0) >= fraction * Double(sampleCount) }.count
    }

    /// The percentage of samples within three standard deviations of their nearest mode.
    public var highQualityPercent: Double {
        100 * Double(highQualityPerMode.reduce(0, +)) / Double(sampleCount)
    }
}
