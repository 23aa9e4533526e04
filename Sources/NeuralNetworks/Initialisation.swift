// Initialisation.swift: weight initialisation, MLiS II Sec. 1.6, Eq. (1.6.1), Eq. (1.6.2), Eq. (1.6.3), Eq.
// (1.6.4); DL Padova
// "Parameter initialization"; He et al. (2015) for ReLU layers.
// Goals, in order: the notes' bounds exactly (with the minus sign DL Padova's "Parameter initialization"
// lost, E-07, and
// the standard deviation, not the variance, as the second argument of N, E-51); seeded draws.

import Core

/// How the initial values of a weight matrix (or bias) are drawn.
///
/// ```swift
/// print(Initialisation.xavierUniformLimit(inputs: 100, outputs: 100))   // 0.17320508 = sqrt(6/200)
/// print(Initialisation.xavierNormalStandardDeviation(inputs: 100, outputs: 100))   // 0.1
/// var generator = Xoshiro256StarStar(seed: 3)
/// let w = Initialisation.xavierUniform.tensor(shape: [100, 100], inputs: 100, outputs: 100, generator: &generator)
/// print(w.scalars.allSatisfy { abs($0) <= 0.17320508 })                 // true
/// ```
///
/// The Xavier (Glorot) choices keep Var[z] = n_in Var[a] Var[W] (Eq. (1.6.2)) equal to Var[a] on the way
/// forward and the gradient variance on the way back, compromising with Var[W] = 2/(n_in + n_out):
/// a uniform U(-a, a) has variance a^2/3, hence a = sqrt(6/(n_in + n_out)).
public enum Initialisation: Sendable, Equatable, CustomStringConvertible {
    /// All zeros (biases).
    case zeros
    /// N(0, standardDeviation^2), e.g. N(0, 0.1^2) for the XOR network of Sec. 1.3, N(0, 1) in Fig. 1.6.1.
    case normal(standardDeviation: Float)
    /// U(-limit, limit).
    case uniform(limit: Float)
    /// U(-a, a), a = sqrt(6/(n_in + n_out))   (Eq. (1.6.3))
    case xavierUniform
    /// N(0, sigma^2), sigma = sqrt(2/(n_in + n_out))   (Eq. (1.6.4), which writes N(mean, standard deviation))
    case xavierNormal
    /// N(0, sigma^2), sigma = sqrt(2/n_in): He et al. (2015), for ReLU layers, which halve the variance.
    case heNormal
    /// U(-a, a), a = sqrt(6/n_in): the uniform form of He initialisation.
    case heUniform

    public var description: String {
        switch self {
        case .zeros: "zeros"
        case .normal(let sigma): "N(0, \(sigma)^2)"
        case .uniform(let limit): "U(-\(limit), \(limit))"
        case .xavierUniform: "Xavier uniform"
        case .xavierNormal: "Xavier normal"
        case .heNormal: "He normal"
        case .heUniform: "He uniform"
        }
    }

    /// a = sqrt(6/(n_in + n_out)), the bound of Eq. (1.6.3) (DL Padova "Parameter initialization" with
    /// its minus sign, E-07).
    public static func xavierUniformLimit(inputs: Int, outputs: Int) -> Float {
        require(inputs + outputs > 0, "xavierUniformLimit: n_in + n_out must be positive, got \(inputs) + \(outputs)")
        return (6 / Float(inputs + outputs)).squareRoot()
    }

    /// sigma = sqrt(2/(n_in + n_out)), the standard deviation of Eq. (1.6.4); the variance is 2/(n_in + n_out)
    /// (DL Padova "Parameter initialization").
    public static func xavierNormalStandardDeviation(inputs: Int, outputs: Int) -> Float {
        require(inputs + outputs > 0, "xavierNormalStandardDeviation: n_in + n_out must be positive, got \(inputs) + \(outputs)")
        return (2 / Float(inputs + outputs)).squareRoot()
    }

    /// A tensor of `shape` drawn from this distribution for a layer with `inputs` = n_in and
    /// `outputs` = n_out (the fan-in and fan-out the Xavier and He rules use).
    public func tensor(shape: [Int], inputs: Int, outputs: Int, generator: inout Xoshiro256StarStar) -> Tensor {
        switch self {
        case .zeros:
            return Tensor(shape: shape)
        case .normal(let sigma):
            require(sigma >= 0, "Initialisation.normal: the standard deviation must be >= 0, got \(sigma)")
            return generator.normalTensor(shape: shape, standardDeviation: sigma)
        case .uniform(let limit):
            require(limit >= 0, "Initialisation.uniform: the limit must be >= 0, got \(limit)")
            return generator.uniformTensor(shape: shape, -limit, limit)
        case .xavierUniform:
            let a = Self.xavierUniformLimit(inputs: inputs, outputs: outputs)
            return generator.uniformTensor(shape: shape, -a, a)
        case .xavierNormal:
            return generator.normalTensor(shape: shape,
                                          standardDeviation: Self.xavierNormalStandardDeviation(inputs: inputs, outputs: outputs))
        case .heNormal:
            require(inputs > 0, "Initialisation.heNormal: n_in must be positive, got \(inputs)")
            return generator.normalTensor(shape: shape, standardDeviation: (2 / Float(inputs)).squareRoot())
        case .heUniform:
            require(inputs > 0, "Initialisation.heUniform: n_in must be positive, got \(inputs)")
            let a = (6 / Float(inputs)).squareRoot()
            return generator.uniformTensor(shape: shape, -a, a)
        }
    }
}
