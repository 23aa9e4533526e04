// LatentSpace.swift: the codes a VAE's decoder is asked to draw: samples from the prior N(0, I) (DAT300
// "Applications": "VAE's can also be used to generate new data samples"), a grid over a 2-D latent
// plane, and the straight line between two codes (interpolation between two digits).
// Goals, in order: the same points for the chapter and the tests; seeded; each a [count, latent] matrix
// that `VariationalAutoencoder.decodeProbabilities` takes directly.

import Core
import Foundation

/// `count` codes z ~ N(0, I) of `latent` coordinates: [count, latent]. Preconditions: count >= 1, latent >= 1.
public func priorSamples(count: Int, latent: Int, generator: inout Xoshiro256StarStar) -> Tensor {
    require(count >= 1 && latent >= 1, "priorSamples: needs count >= 1 and latent >= 1, got \(count) and \(latent)")
    return generator.normalTensor(shape: [count, latent])
}

/// A side x side grid over the 2-D latent plane, row by row from the top (z2 largest) and left to
/// right (z1 increasing), as an image grid is drawn: [side^2, 2]. The coordinates are the normal
/// quantiles Phi^-1(p) at p = (i + 1/2)/side, i = 0 ..< side (Kingma & Welling 2014, Fig. 4): equal
/// prior mass between neighbours, so the grid covers the prior evenly. Precondition: side >= 2.
public func latentPlaneGrid(side: Int) -> Tensor {
    require(side >= 2, "latentPlaneGrid: needs side >= 2, got \(side)")
    let coordinates = (0..<side).map { Float(normalQuantile((Double($0) + 0.5) / Double(side))) }
    var scalars: [Float] = []
    for row in 0..<side {
        for column in 0..<side { scalars += [coordinates[column], coordinates[side - 1 - row]] }
    }
    return Tensor(shape: [side * side, 2], scalars: scalars)
}

/// z_t = (1 - t) z_from + t z_to at t = 0, 1/(steps - 1), ..., 1: [steps, latent]. Preconditions:
/// two codes of one length, steps >= 2.
public func interpolation(from start: [Float], to end: [Float], steps: Int) -> Tensor {
    require(start.count == end.count && !start.isEmpty && steps >= 2,
            "interpolation: needs two codes of one length and steps >= 2, got lengths \(start.count), \(end.count) and \(steps) steps")
    var scalars: [Float] = []
    for step in 0..<steps {
        let t = Float(step) / Float(steps - 1)
        scalars += zip(start, end).map { (1 - t) * $0 + t * $1 }
    }
    return Tensor(shape: [steps, start.count], scalars: scalars)
}

/// Phi^-1(p), the standard normal quantile, for p in (0, 1): Acklam's rational approximation
/// (relative error below 1.2e-9), enough for placing a grid. Precondition: 0 < p < 1.
public func normalQuantile(_ p: Double) -> Double {
    require(p > 0 && p < 1, "normalQuantile: p must lie in (0, 1), got \(p)")
    let a = [-3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02, 1.383577518672690e+02,
             -3.066479806614716e+01, 2.506628277459239e+00]
    let b = [-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02, 6.680131188771972e+01,
             -1.328068155288572e+01]
    let c = [-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00, -2.549732539343734e+00,
             4.374664141464968e+00, 2.938163982698783e+00]
    let d = [7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00, 3.754408661907416e+00]
    let low = 0.02425
    func tail(_ q: Double) -> Double {   // q = sqrt(-2 log p) for the lower tail
        (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1)
    }
    if p < low { return tail((-2 * log(p)).squareRoot()) }
    if p > 1 - low { return -tail((-2 * log(1 - p)).squareRoot()) }
    let q = p - 0.5, r = q * q
    return (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q
        / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1)
}
