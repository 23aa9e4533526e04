// Thresholding.swift: the thresholding pursuit of MLiS II Sec. 2.8.2, Eq. (2.8.9), Eq. (2.8.10),
// Eq. (2.8.11), Eq. (2.8.12), Eq. (2.8.13), and why a layer of it is a layer of a ReLU network.
// Goals, in order: each threshold function exactly as defined, kinks included (x = beta gives 0);
// the notes' two slips made visible (E-46, E-47); the layered form in the notes' orientation.
//
// Sign convention (E-47). The notes call T(x) = {0 if x <= beta, x otherwise} (Eq. (2.8.12)) "soft",
// and rewrite the layers as ReLU(D^T x + beta) (Eq. (2.8.13)). That T is the HARD non-negative
// threshold. The soft non-negative threshold is T_beta(x) = max(x - beta, 0) = ReLU(x - beta), so a
// thresholding layer is a ReLU layer with weights D and bias b = -beta:
//     T_beta2(D2^T T_beta1(D1^T x)) = ReLU(D2^T ReLU(D1^T x - beta1) - beta2).
// (Equivalently: the notes' form with beta taken negative.) With beta > 0, ReLU(x + beta) keeps small
// negative responses and shifts every value up, which no threshold does.

import Core

/// The threshold functions of Sec. 2.8.2 and of ISTA.
public enum ThresholdFunction: String, Sendable, CaseIterable {
    /// x if x > beta, else 0: Eq. (2.8.12) as printed (called "soft" there; E-47).
    case hardNonNegative
    /// max(x - beta, 0) = ReLU(x - beta): the soft non-negative threshold the text means (E-47).
    case softNonNegative
    /// x if |x| > beta, else 0: the exact minimiser of Eq. (2.8.9) per coefficient for an orthonormal D, beta = sqrt(2 lambda).
    case hard
    /// sign(x) max(|x| - beta, 0): the proximal step of the L1 norm (ISTA, BasisPursuit.swift).
    case soft

    /// T_beta(x). At the kink x = beta (or |x| = beta) every threshold gives 0.
    public func callAsFunction(_ x: Float, _ beta: Float) -> Float {
        switch self {
        case .hardNonNegative: return x > beta ? x : 0
        case .softNonNegative: return x > beta ? x - beta : 0
        case .hard: return abs(x) > beta ? x : 0
        case .soft: return x > beta ? x - beta : (x < -beta ? x + beta : 0)
        }
    }

    /// T_beta on eight values at once, for `Kernels.map`: the same function, NaN included (every mask
    /// below is false for NaN, so NaN gives 0 in both forms).
    public func callAsFunction(_ x: SIMD8<Float>, _ beta: Float) -> SIMD8<Float> {
        let zero = SIMD8<Float>(repeating: 0)
        switch self {
        case .hardNonNegative: return zero.replacing(with: x, where: x .> beta)
        case .softNonNegative: return zero.replacing(with: x - beta, where: x .> beta)
        case .hard: return zero.replacing(with: x, where: (x .> beta) .| (x .< -beta))
        case .soft: return zero.replacing(with: x - beta, where: x .> beta).replacing(with: x + beta, where: x .< -beta)
        }
    }
}

/// T_beta applied to every entry of `responses` [K, P], with the threshold beta_k of row (atom) k.
/// Precondition: one threshold per row, each >= 0.
public func threshold(_ responses: Tensor, by function: ThresholdFunction, thresholds: [Float]) -> Tensor {
    requireShapes(responses.rank == 2 && thresholds.count == responses.rows,
                  "threshold (responses [K, P] and one threshold per atom)", responses.shape, [thresholds.count])
    require(thresholds.allSatisfy { $0 >= 0 }, "threshold: the thresholds beta must be >= 0, got \(thresholds)")
    var result = responses
    let width = responses.columns
    responses.scalars.withUnsafeBufferPointer { input in
        result.scalars.withUnsafeMutableBufferPointer { output in
            for (k, beta) in thresholds.enumerated() {
                Kernels.map(rowBuffer(input, k, width: width), into: mutableRowBuffer(output, k, width: width),
                            { function($0, beta) }, { function($0, beta) })
            }
        }
    }
    return result
}

/// One thresholding layer, T_beta(D^T X)   Eq. (2.8.10): the responses of every atom to every signal,
/// with the weak ones removed. Shapes: X [n, P], D [n, K] -> [K, P].
public func thresholdingLayer(_ signals: Tensor, dictionary: Tensor, thresholds: [Float],
                              function: ThresholdFunction = .softNonNegative) -> Tensor {
    requireSignals(signals, fit: dictionary, "thresholdingLayer")
    return threshold(matmul(dictionary, signals, transposeA: true), by: function, thresholds: thresholds)
}

/// Layered thresholding   Eq. (2.8.10), Eq. (2.8.11): Gamma_1 = T_beta1(D_1^T X), Gamma_2 = T_beta2(D_2^T Gamma_1), ...
/// Returns every Gamma_l. Shapes: X [n, P], D_1 [n, K_1], D_2 [K_1, K_2], ... -> Gamma_l [K_l, P].
/// Preconditions: one list of thresholds per dictionary, one threshold per atom.
public func layeredThresholding(_ signals: Tensor, dictionaries: [Tensor], thresholds: [[Float]],
                                function: ThresholdFunction = .softNonNegative) -> [Tensor] {
    require(dictionaries.count == thresholds.count && !dictionaries.isEmpty,
            "layeredThresholding: \(dictionaries.count) dictionaries but \(thresholds.count) lists of thresholds")
    var layers: [Tensor] = []
    var input = signals
    for (dictionary, betas) in zip(dictionaries, thresholds) {
        input = thresholdingLayer(input, dictionary: dictionary, thresholds: betas, function: function)
        layers.append(input)
    }
    return layers
}

/// The forward pass of a fully connected ReLU network in the library's usual orientation (one example
/// per ROW, MLiS II Sec. 1.3): A_l = ReLU(A_(l-1) W_l + b_l), A_0 = inputs [P, n], W_l [n_(l-1), n_l],
/// b_l [n_l]. Returns the last A_L [P, n_L]. With W_l = D_l and b_l = -beta_l it equals layered soft
/// non-negative thresholding, transposed (Eq. (2.8.13) with the sign of E-47).
public func reluNetworkForward(_ inputs: Tensor, weights: [Tensor], biases: [[Float]]) -> Tensor {
    require(weights.count == biases.count && !weights.isEmpty,
            "reluNetworkForward: \(weights.count) weight matrices but \(biases.count) bias vectors")
    var activations = inputs
    for (W, b) in zip(weights, biases) {
        requireShapes(W.rank == 2 && b.count == W.columns, "reluNetworkForward (W [n_in, n_out] and b [n_out])", W.shape, [b.count])
        let z = matmul(activations, W).addingRowVector(Tensor(shape: [b.count], scalars: b))
        activations = z
        z.scalars.withUnsafeBufferPointer { input in
            activations.scalars.withUnsafeMutableBufferPointer { Kernels.relu(input, into: $0) }
        }
    }
    return activations
}

/// The objective of Eq. (2.8.9) with the data term corrected to D (E-46):
///     1/2 ||x - D gamma||_2^2 + beta ||gamma||_0      (`l0: true`), or with beta ||gamma||_1 (`l0: false`).
/// Shapes: x of length n, D [n, K], gamma of length K. Summed in Double.
public func lagrangianObjective(signal: [Float], dictionary: Tensor, code: [Float], beta: Double, l0: Bool = true) -> Double {
    requireShapes(signal.count == dictionary.rows && code.count == dictionary.columns,
                  "lagrangianObjective (x [n], D [n, K], gamma [K])", [signal.count, code.count], dictionary.shape)
    let reconstruction = matmul(dictionary, Tensor(column: code)).scalars
    let dataTerm = zip(signal, reconstruction).reduce(0.0) { $0 + 0.5 * Double($1.0 - $1.1) * Double($1.0 - $1.1) }
    let penalty = l0 ? Double(code.filter { $0 != 0 }.count) : code.reduce(0.0) { $0 + Double(abs($1)) }
    return dataTerm + beta * penalty
}
