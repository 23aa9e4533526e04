// Rosenbrock.swift: the optimiser benchmark of MLiS II Sec. 1.5.5, Eq. (1.5.12) and Fig. 1.5.2.
// Goals, in order: the optimisers' own update rules (the static, generic steps of SGD, RMSprop, Adam
// and DiffGrad), run in Double so WORKED-NUMBERS.md's OPT-1 steps come out to ten digits; the start point
// the text gives, (0, 1), not the caption's (1, 0) (E-32).

import Core

/// f(x, y) = (1 - x)^2 + 100 (y - x^2)^2   (Eq. (1.5.12)), minimum 0 at (1, 1).
///
/// ```swift
/// print(Rosenbrock.value(Rosenbrock.start))      // 101.0
/// print(Rosenbrock.gradient(Rosenbrock.start))   // SIMD2<Double>(-2.0, 200.0): almost vertical
/// let path = Rosenbrock.trajectory(.sgd(learningRate: 0.001), steps: 2)
/// print(path[2])                                 // SIMD2<Double>(0.0046359968, 0.6400008) (OPT-1)
/// ```
public enum Rosenbrock {
    /// The minimum, (1, 1).
    public static let minimum = SIMD2<Double>(1, 1)
    /// The start of Fig. 1.5.2, (0, 1): the text's and the notebook's. The figure's caption says
    /// (1, 0), where the gradient (400, -200) is not the "almost vertical" first move the text
    /// describes; at (0, 1) it is (-2, 200) (E-32).
    public static let start = SIMD2<Double>(0, 1)

    public static func value(_ point: SIMD2<Double>) -> Double {
        let (x, y) = (point.x, point.y)
        return (1 - x) * (1 - x) + 100 * (y - x * x) * (y - x * x)
    }

    /// grad f = (-2(1 - x) - 400 x (y - x^2), 200 (y - x^2)).
    public static func gradient(_ point: SIMD2<Double>) -> SIMD2<Double> {
        let (x, y) = (point.x, point.y)
        return SIMD2(-2 * (1 - x) - 400 * x * (y - x * x), 200 * (y - x * x))
    }

    /// An optimiser and its hyper-parameters, for the race of Fig. 1.5.2.
    public enum Method: Sendable, CustomStringConvertible {
        case sgd(learningRate: Double)
        case momentum(learningRate: Double, momentum: Double)
        case rmsprop(learningRate: Double, decay: Double = 0.9, epsilon: Double = 1e-7)
        case adam(learningRate: Double, beta1: Double = 0.9, beta2: Double = 0.999, epsilon: Double = 1e-7)
        case diffGrad(learningRate: Double, beta1: Double = 0.9, beta2: Double = 0.999, epsilon: Double = 1e-7)

        public var description: String {
            switch self {
            case .sgd(let alpha): "SGD (alpha \(alpha))"
            case .momentum(let alpha, let gamma): "SGD + momentum (alpha \(alpha), gamma \(gamma))"
            case .rmsprop(let alpha, _, _): "RMSprop (alpha \(alpha))"
            case .adam(let alpha, _, _, _): "Adam (alpha \(alpha))"
            case .diffGrad(let alpha, _, _, _): "diffGrad (alpha \(alpha))"
            }
        }
    }

    /// The points visited by `method` with the exact gradient: the start and one point per step
    /// (steps + 1 points). Each coordinate follows the optimiser's own rule, e.g. `Adam.step`.
    public static func trajectory(_ method: Method, from start: SIMD2<Double> = start, steps: Int) -> [SIMD2<Double>] {
        require(steps >= 0, "Rosenbrock.trajectory: steps must be >= 0, got \(steps)")
        var point = start, path = [start]
        var first = SIMD2<Double>(), second = SIMD2<Double>(), previous = SIMD2<Double>()
        path.reserveCapacity(steps + 1)
        for t in stride(from: 1, through: steps, by: 1) {
            let g = gradient(point)
            for i in 0..<2 {
                switch method {
                case .sgd(let alpha):
                    SGD.gradientDescentStep(&point[i], gradient: g[i], learningRate: alpha)
                case .momentum(let alpha, let gamma):
                    SGD.momentumStep(&point[i], velocity: &first[i], gradient: g[i], learningRate: alpha, momentum: gamma)
                case .rmsprop(let alpha, let rho, let epsilon):
                    RMSprop.step(&point[i], meanSquare: &second[i], gradient: g[i], learningRate: alpha, decay: rho, epsilon: epsilon)
                case .adam(let alpha, let beta1, let beta2, let epsilon):
                    let (c1, c2) = Adam.biasCorrections(step: t, beta1: beta1, beta2: beta2)
                    Adam.step(&point[i], firstMoment: &first[i], secondMoment: &second[i], gradient: g[i], learningRate: alpha,
                              beta1: beta1, beta2: beta2, epsilon: epsilon, biasCorrection1: c1, biasCorrection2: c2)
                case .diffGrad(let alpha, let beta1, let beta2, let epsilon):
                    let (c1, c2) = Adam.biasCorrections(step: t, beta1: beta1, beta2: beta2)
                    DiffGrad.step(&point[i], firstMoment: &first[i], secondMoment: &second[i], previousGradient: &previous[i],
                                  gradient: g[i], learningRate: alpha, beta1: beta1, beta2: beta2, epsilon: epsilon,
                                  biasCorrection1: c1, biasCorrection2: c2)
                }
            }
            path.append(point)
        }
        return path
    }

    /// The distance of each point from the minimum (1, 1), the lower panel of Fig. 1.5.2.
    public static func distancesToMinimum(_ path: [SIMD2<Double>]) -> [Double] {
        path.map { (($0 - minimum) * ($0 - minimum)).sum().squareRoot() }
    }
}
