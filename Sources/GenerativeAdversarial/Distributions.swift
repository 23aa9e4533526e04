// Distributions.swift: the noise G starts from, and the data it learns to imitate. The notes' GMN loop
// begins "generate some uniform inputs" (DL Padova "Generative Adversal Network"): p_z is uniform on
// [-1, 1]^k by default, a normal prior on request. The targets are the 1-D Gaussian of Goodfellow et
// al. 2014 (Fig. 1), the ring of 8 Gaussians (radius 2, standard deviation 0.02) and the 5 x 5 grid
// of Gaussians of Srivastava et al. 2017 (VEEGAN; here on {-4, -2, 0, 2, 4}^2 with the ring's standard
// deviation), and a finite data set (the digits) drawn from at random.
// Goals, in order: every draw from the project's seeded generator; each target's modes known, so
// mode coverage can be counted (ModeCoverage.swift).

import Core
import Foundation

/// p_z, the prior on G's input noise z.
public enum NoisePrior: Sendable, Equatable, CustomStringConvertible {
    /// Independent U(-1, 1) coordinates (the notes' "uniform inputs").
    case uniform
    /// Independent N(0, 1) coordinates.
    case normal

    public var description: String {
        switch self {
        case .uniform: "U(-1, 1)"
        case .normal: "N(0, 1)"
        }
    }

    /// `count` draws of z, shape [count, dimension].
    public func sample(_ count: Int, dimension: Int, generator: inout Xoshiro256StarStar) -> Tensor {
        require(count > 0 && dimension > 0, "NoisePrior.sample: needs count and dimension > 0, got \(count) and \(dimension)")
        switch self {
        case .uniform: return generator.uniformTensor(shape: [count, dimension], -1, 1)
        case .normal: return generator.normalTensor(shape: [count, dimension])
        }
    }
}

/// Something real samples can be drawn from: a known distribution or a data set.
public protocol SampleSource {
    /// The width of one sample (2 for points in the plane, 64 for 8 x 8 digits).
    var dimension: Int { get }
    /// `count` samples, shape [count, dimension].
    func sample(_ count: Int, generator: inout Xoshiro256StarStar) -> Tensor
}

/// An equal-weight mixture of spherical Gaussians N(mu_c, sigma^2 I): the ring, the grid, or one
/// Gaussian in 1-D.
public struct GaussianMixture: SampleSource, Sendable {
    /// mu_c, one array of `dimension` numbers per mode.
    public let modes: [[Float]]
    /// sigma, the same for every mode.
    public let standardDeviation: Float

    /// Preconditions: at least one mode, all of one dimension, sigma > 0.
    public init(modes: [[Float]], standardDeviation: Float) {
        require(!modes.isEmpty && modes.allSatisfy { $0.count == modes[0].count && !$0.isEmpty },
                "GaussianMixture: needs modes of one non-zero dimension, got \(modes.map(\.count))")
        require(standardDeviation > 0, "GaussianMixture: the standard deviation must be positive, got \(standardDeviation)")
        (self.modes, self.standardDeviation) = (modes, standardDeviation)
    }

    public var dimension: Int { modes[0].count }

    /// Each sample picks a mode uniformly, then adds N(0, sigma^2) to every coordinate.
    public func sample(_ count: Int, generator: inout Xoshiro256StarStar) -> Tensor {
        var scalars: [Float] = []
        scalars.reserveCapacity(count * dimension)
        for _ in 0..<count {
            let mode = modes[generator.uniformInt(below: modes.count)]
            for mean in mode { scalars.append(generator.normal(mean: mean, standardDeviation: standardDeviation)) }
        }
        return Tensor(shape: [count, dimension], scalars: scalars)
    }

    /// The density at a point (for the 1-D figure): the mean of the modes' Gaussian densities.
    public func density(at point: [Double]) -> Double {
        let sigma = Double(standardDeviation)
        let normaliser = pow(2 * Double.pi * sigma * sigma, Double(dimension) / 2)
        let total = modes.reduce(0.0) { sum, mode in
            let squared = zip(point, mode).reduce(0.0) { $0 + ($1.0 - Double($1.1)) * ($1.0 - Double($1.1)) }
            return sum + exp(-squared / (2 * sigma * sigma)) / normaliser
        }
        return total / Double(modes.count)
    }

    /// 8 Gaussians evenly spaced on a circle of radius 2, sigma = 0.02 (VEEGAN's 2D ring).
    public static func ring(modes count: Int = 8, radius: Float = 2, standardDeviation: Float = 0.02) -> GaussianMixture {
        let modes = (0..<count).map { k -> [Float] in
            let angle = 2 * Double.pi * Double(k) / Double(count)
            return [radius * Float(cos(angle)), radius * Float(sin(angle))]
        }
        return GaussianMixture(modes: modes, standardDeviation: standardDeviation)
    }

    /// 25 Gaussians at {-4, -2, 0, 2, 4}^2, sigma = 0.02 (VEEGAN's 2D grid, with the ring's sigma).
    public static func grid(side: Int = 5, spacing: Float = 2, standardDeviation: Float = 0.02) -> GaussianMixture {
        let offset = spacing * Float(side - 1) / 2
        let modes = (0..<side).flatMap { i in (0..<side).map { j in [spacing * Float(i) - offset, spacing * Float(j) - offset] } }
        return GaussianMixture(modes: modes, standardDeviation: standardDeviation)
    }

    /// One Gaussian on the line, N(mean, sigma^2) (Goodfellow et al. 2014, Fig. 1).
    public static func line(mean: Float, standardDeviation: Float) -> GaussianMixture {
        GaussianMixture(modes: [[mean]], standardDeviation: standardDeviation)
    }
}

/// A finite data set [N, d] (e.g. the digits' training images), sampled uniformly with replacement.
public struct DataSetSource: SampleSource, Sendable {
    public let examples: Tensor

    /// Precondition: a non-empty matrix.
    public init(_ examples: Tensor) {
        require(examples.rank == 2 && examples.rows > 0, "DataSetSource: needs a non-empty matrix [N, d], got shape \(examples.shape)")
        self.examples = examples
    }

    public var dimension: Int { examples.columns }

    public func sample(_ count: Int, generator: inout Xoshiro256StarStar) -> Tensor {
        examples.gatheringRows((0..<count).map { _ in generator.uniformInt(below: examples.rows) })
    }
}
