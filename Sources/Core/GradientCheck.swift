// GradientCheck.swift: central finite differences in Double, the check every backward pass meets.
// Goals, in order: a numerical gradient accurate enough to judge a Float analytic gradient; one
// place where the step and the error measure are defined, so every module's tests agree.
//
// Central difference: df/dx_i ~ (f(x + h e_i) - f(x - h e_i)) / (2h), truncation error O(h^2).
// In Double with h = 1e-5 the truncation error (~1e-10 f''') and the rounding error
// (~1e-16 |f| / h = 1e-11 |f|) are both far below Float's resolution (~1e-7).

/// Numerical gradients and the error measure used to compare them with analytic ones.
public enum GradientCheck {
    /// The finite-difference step h.
    public static let step: Double = 1e-5

    /// The gradient of `f` at `x` by central differences, one pair of evaluations per coordinate.
    public static func numericalGradient(at x: [Double], step h: Double = step,
                                         _ f: ([Double]) -> Double) -> [Double] {
        var point = x
        var gradient = [Double](repeating: 0, count: x.count)
        for i in 0..<x.count {
            point[i] = x[i] + h
            let forward = f(point)
            point[i] = x[i] - h
            let backward = f(point)
            point[i] = x[i]
            gradient[i] = (forward - backward) / (2 * h)
        }
        return gradient
    }

    /// max_i |a_i - b_i| / max(1, |a_i|, |b_i|): relative for large components, absolute for small
    /// ones, so a zero gradient compared with 1e-9 does not count as a 100 % error.
    public static func maximumError(_ a: [Double], _ b: [Double]) -> Double {
        require(a.count == b.count, "GradientCheck.maximumError: lengths \(a.count) and \(b.count) differ")
        var worst: Double = 0
        for (x, y) in zip(a, b) {
            worst = max(worst, abs(x - y) / max(1, abs(x), abs(y)))
        }
        return worst
    }

    /// The error between `analytic` (as the library computes it, e.g. in Float) and the numerical
    /// gradient of `f` at `x`.
    public static func error(analytic: [Double], at x: [Double], _ f: ([Double]) -> Double) -> Double {
        maximumError(analytic, numericalGradient(at: x, f))
    }
}

extension Tensor {
    /// The elements as `Double`, for gradient checks.
    public var doubles: [Double] { scalars.map(Double.init) }

    /// A tensor of `shape` from `Double` values (rounded to Float).
    public init(shape: [Int], doubles: [Double]) {
        self.init(shape: shape, scalars: doubles.map(Float.init))
    }
}
