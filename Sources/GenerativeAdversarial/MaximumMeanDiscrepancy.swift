// MaximumMeanDiscrepancy.swift: the distance between two distributions computed from their samples that
// the notes' generative matching network (GMN) descends (DL Padova "Generative Adversal Network": "We
// can use MMD, which defines a distance between two probability distributions that can be computed
// based on samples"), with a Gaussian kernel; Gretton et al. 2012 (the biased estimate MMD_b)
// and Li, Swersky & Zemel 2015 (generative moment matching networks, a sum of kernel bandwidths).
// Goals, in order: the estimate and its gradient written as the sums they are; a `Loss`, so a generator
// trains on it with the platform's `trainingStep` and no discriminator.
//
// For generated samples Y = (y_1..y_n) and data X = (x_1..x_m), with k(a, b) = sum_sigma exp(-|a - b|^2 / (2 sigma^2)):
//     MMD^2 = (1/m^2) sum_ij k(x_i, x_j) + (1/n^2) sum_ab k(y_a, y_b) - (2/(m n)) sum_ia k(x_i, y_a)
// and, as dk(u, v)/du = -sum_sigma k_sigma(u, v) (u - v)/sigma^2, with y_a in both places of the middle sum:
//     dMMD^2/dy_a = -(2/n^2) sum_b w(y_a, y_b) (y_a - y_b) + (2/(m n)) sum_i w(x_i, y_a) (y_a - x_i),
//     w(u, v) = sum_sigma k_sigma(u, v) / sigma^2.
// The first sum spreads the generated samples apart, the second pulls each towards the data near it.

import Core
import Foundation
import NeuralNetworks

/// MMD^2 between generated samples (`predicted`, [n, d]) and data samples (`target`, [m, d]) with a
/// Gaussian kernel (a sum over `bandwidths`), as a `Loss` whose gradient is dMMD^2/dY.
///
/// ```swift
/// let mmd = MaximumMeanDiscrepancy(bandwidths: [1])
/// mmd.value(predicted: Tensor([[0, 0]]), target: Tensor([[1, 0]]))   // 2 - 2 e^{-1/2} = 0.7869
/// ```
///
/// The `Loss` protocol asks for equal shapes, so n = m there; `squaredDistance(generated:data:)` takes
/// any n and m.
public struct MaximumMeanDiscrepancy: Loss, Equatable {
    /// sigma of each Gaussian kernel summed into k.
    public let bandwidths: [Float]

    /// Precondition: at least one bandwidth, all positive.
    public init(bandwidths: [Float]) {
        require(!bandwidths.isEmpty && bandwidths.allSatisfy { $0 > 0 },
                "MaximumMeanDiscrepancy: needs positive kernel bandwidths, got \(bandwidths)")
        self.bandwidths = bandwidths
    }

    public var description: String { "MMD^2 (Gaussian kernel, sigma \(bandwidths))" }

    /// k(a, b) = sum_sigma exp(-|a - b|^2 / (2 sigma^2)) for a squared distance |a - b|^2.
    public func kernel(squaredDistance: Float) -> Float {
        bandwidths.reduce(0) { $0 + exp(-squaredDistance / (2 * $1 * $1)) }
    }

    /// MMD^2 (biased, never negative) between Y [n, d] and X [m, d]; 0 when the two sets are equal.
    /// The biased estimate MMD_b^2 of Gretton et al. 2012, with the kernel above
    public func squaredDistance(generated y: Tensor, data x: Tensor) -> Float {
        valueAndGradient(generated: y, data: x).value
    }

    /// dMMD^2/dY, shape [n, d], from the formula at the top of this file.
    public func gradient(generated y: Tensor, data x: Tensor) -> Tensor {
        valueAndGradient(generated: y, data: x).gradient
    }

    /// MMD^2 and dMMD^2/dY together, each kernel value computed once (one exp per pair and bandwidth).
    public func valueAndGradient(generated y: Tensor, data x: Tensor) -> (value: Float, gradient: Tensor) {
        requireSamples(y, x, "MaximumMeanDiscrepancy.squaredDistance")
        let (n, m, d) = (y.rows, x.rows, y.columns)
        let data = kernelValues(pairwiseSquaredDistances(x, x)).kernel.reduce(0, +)
        let (among, amongSlopes) = kernelValues(pairwiseSquaredDistances(y, y))
        let (across, acrossSlopes) = kernelValues(pairwiseSquaredDistances(y, x))
        let value = data / Float(m * m) + among.reduce(0, +) / Float(n * n) - 2 * across.reduce(0, +) / Float(m * n)
        let (spread, pull) = (-2 / Float(n * n), 2 / Float(m * n))
        var gradient = Tensor(shape: [n, d])
        gradient.scalars.withUnsafeMutableBufferPointer { g in
            y.scalars.withUnsafeBufferPointer { y in
                x.scalars.withUnsafeBufferPointer { x in
                    for a in 0..<n {
                        for b in 0..<n where b != a {                   // -(2/n^2) sum_b w(y_a, y_b) (y_a - y_b)
                            let w = spread * amongSlopes[a * n + b]
                            for k in 0..<d { g[a * d + k] += w * (y[a * d + k] - y[b * d + k]) }
                        }
                        for i in 0..<m {                                // +(2/(m n)) sum_i w(x_i, y_a) (y_a - x_i)
                            let w = pull * acrossSlopes[a * m + i]
                            for k in 0..<d { g[a * d + k] += w * (y[a * d + k] - x[i * d + k]) }
                        }
                    }
                }
            }
        }
        return (value, gradient)
    }

    /// k = sum_sigma e^{-r/(2 sigma^2)} and the slope w = sum_sigma e^{-r/(2 sigma^2)}/sigma^2 for each
    /// squared distance r.
    private func kernelValues(_ squaredDistances: [Float]) -> (kernel: [Float], slope: [Float]) {
        let scales = bandwidths.map { -1 / (2 * $0 * $0) }, weights = bandwidths.map { 1 / ($0 * $0) }
        var (kernel, slope) = ([Float](repeating: 0, count: squaredDistances.count), [Float](repeating: 0, count: squaredDistances.count))
        kernel.withUnsafeMutableBufferPointer { kernel in
            slope.withUnsafeMutableBufferPointer { slope in
                squaredDistances.withUnsafeBufferPointer { r in
                    for (scale, weight) in zip(scales, weights) {
                        for index in 0..<r.count {
                            let e = exp(r[index] * scale)
                            kernel[index] += e
                            slope[index] += e * weight
                        }
                    }
                }
            }
        }
        return (kernel, slope)
    }

    public func value(predicted: Tensor, target: Tensor) -> Float {
        requireMatchingShapes(predicted, target, "Loss.value")
        return squaredDistance(generated: predicted, data: target)
    }


    public func gradient(predicted: Tensor, target: Tensor) -> Tensor {
        requireMatchingShapes(predicted, target, "Loss.gradient")
        return gradient(generated: predicted, data: target)
    }

    private func requireSamples(_ y: Tensor, _ x: Tensor, _ operation: String) {
        requireShapes(y.rank == 2 && x.rank == 2 && y.columns == x.columns && y.rows > 0 && x.rows > 0,
                      "\(operation) (generated [n, d] vs data [m, d])", y.shape, x.shape)
    }
}

/// |a_i - b_j|^2 for every pair of rows of A [p, d] and B [q, d], row-major [p * q].
func pairwiseSquaredDistances(_ a: Tensor, _ b: Tensor) -> [Float] {
    let (p, q, d) = (a.rows, b.rows, a.columns)
    var distances = [Float](repeating: 0, count: p * q)
    distances.withUnsafeMutableBufferPointer { distances in
        a.scalars.withUnsafeBufferPointer { a in
            b.scalars.withUnsafeBufferPointer { b in
                for i in 0..<p {
                    for j in 0..<q {
                        var total: Float = 0
                        for k in 0..<d { total += (a[i * d + k] - b[j * d + k]) * (a[i * d + k] - b[j * d + k]) }
                        distances[i * q + j] = total
                    }
                }
            }
        }
    }
    return distances
}
