// DigitCapsules.swift: the layer from lower to upper capsules, DL Padova "Dynamic routing" and
// "Capsule Network" (Sabour, Frosst & Hinton 2017, Sec. 2 and 4): prediction vectors
// u^_(j|i) = W_ij u_i with a separate matrix W_ij for every pair (lower i, upper j), then routing by
// agreement; and the capsule lengths ||v_j||, which the network reads as class probabilities.
// Goals, in order: the notes' notation; three small `Layer`s (predictions, routing, lengths), each with
// its forward and backward side by side, so each is gradient-checked alone; W u for all pairs as one
// GEMM per lower capsule (Core's `Kernels.gemm` on strided rows, so no permuted copies).
//
// Shapes: lower capsules u [N, I, D_in]; W [I, J, D_out, D_in]; u^ [N, I, J, D_out]; v [N, J, D_out].

import Core
import NeuralNetworks

/// u^_(j|i) = W_ij u_i for every lower capsule i and upper capsule j: [N, I, D_in] to [N, I, J, D_out].
///
/// ```swift
/// var generator = Xoshiro256StarStar(seed: 1)
/// let votes = PredictionVectors(lowerCapsules: 128, inputDimension: 8, upperCapsules: 10, outputDimension: 16,
///                               generator: &generator)
/// votes.weights.count                                           // 163840 = 128 x 10 x 16 x 8
/// votes(Tensor(shape: [2, 128, 8])).shape                       // [2, 128, 10, 16]
/// ```
public final class PredictionVectors: Layer {
    /// W, shape [I, J, D_out, D_in]: W[i, j] is the D_out x D_in matrix W_ij. No bias, as in the paper.
    public let weights: Parameter
    private var input: Tensor?

    /// A layer with the given W [I, J, D_out, D_in].
    public init(weights: Tensor) {
        require(weights.rank == 4 && weights.shape.allSatisfy { $0 >= 1 },
                "PredictionVectors: W must be [I, J, D_out, D_in] with positive extents, got shape \(weights.shape)")
        self.weights = Parameter("W", value: weights, isPenalised: true)
    }

    /// W_ij drawn by `initialisation` with fan-in D_in and fan-out D_out (one matrix's sizes).
    public convenience init(lowerCapsules: Int, inputDimension: Int, upperCapsules: Int, outputDimension: Int,
                            initialisation: Initialisation = .xavierUniform, generator: inout Xoshiro256StarStar) {
        let shape = [lowerCapsules, upperCapsules, outputDimension, inputDimension]
        require(shape.allSatisfy { $0 >= 1 }, "PredictionVectors: needs positive sizes [I, J, D_out, D_in], got \(shape)")
        self.init(weights: initialisation.tensor(shape: shape, inputs: inputDimension, outputs: outputDimension,
                                                 generator: &generator))
    }

    public var parameters: [Parameter] { [weights] }
    /// (I, J, D_out, D_in).
    public var sizes: (lower: Int, upper: Int, outputDimension: Int, inputDimension: Int) {
        let s = weights.value.shape
        return (s[0], s[1], s[2], s[3])
    }

    /// u^[n, i, j, :] = W_ij u[n, i, :]: for each i, the batch's u_i [N, D_in] (every I-th row of u) times
    /// W_i^T [D_in, J D_out], written straight into u^ (one strided GEMM per i, no copies).
    /// Precondition: input [N, I, D_in] matching W. DL Padova "Capsule Network" (u^_(j|i) = W_ij u_i)
    public func forward(_ input: Tensor, training: Bool = false) -> Tensor {
        let (lower, upper, outputDimension, inputDimension) = sizes
        requireShapes(input.rank == 3 && input.shape[1] == lower && input.shape[2] == inputDimension,
                      "PredictionVectors.forward: capsules u [N, I, D_in] vs W [I, J, D_out, D_in]", input.shape, weights.value.shape)
        self.input = input
        let (batch, width) = (input.shape[0], upper * outputDimension)
        var predictions = Tensor(shape: [batch, lower, upper, outputDimension])
        guard batch > 0 else { return predictions }
        input.scalars.withUnsafeBufferPointer { u in
            weights.value.scalars.withUnsafeBufferPointer { w in
                predictions.scalars.withUnsafeMutableBufferPointer { p in
                    for i in 0..<lower {
                        Kernels.gemm(transposeA: false, transposeB: true, m: batch, n: width, k: inputDimension, alpha: 1,
                                     a: u.baseAddress! + i * inputDimension, lda: lower * inputDimension,
                                     b: w.baseAddress! + i * width * inputDimension, ldb: inputDimension,
                                     beta: 0, c: p.baseAddress! + i * width, ldc: lower * width)
                    }
                }
            }
        }
        return predictions
    }

    /// dJ/dW_ij = sum_n dJ/du^_(j|i) u_i^T and dJ/du_i = sum_j W_ij^T dJ/du^_(j|i), one GEMM per i each
    /// (the rules of Eq. (1.3.6) and Eq. (1.3.7) for the matrix product of every pair).
    public func backward(_ outputGradient: Tensor) -> Tensor {
        setWeightGradient(outputGradient)
        let (lower, upper, outputDimension, inputDimension) = sizes
        let (batch, width) = (outputGradient.shape[0], upper * outputDimension)
        var inputGradient = Tensor(shape: [batch, lower, inputDimension])
        guard batch > 0 else { return inputGradient }
        outputGradient.scalars.withUnsafeBufferPointer { g in
            weights.value.scalars.withUnsafeBufferPointer { w in
                inputGradient.scalars.withUnsafeMutableBufferPointer { du in
                    for i in 0..<lower {
                        Kernels.gemm(transposeA: false, transposeB: false, m: batch, n: inputDimension, k: width, alpha: 1,
                                     a: g.baseAddress! + i * width, lda: lower * width,
                                     b: w.baseAddress! + i * width * inputDimension, ldb: inputDimension,
                                     beta: 0, c: du.baseAddress! + i * inputDimension, ldc: lower * inputDimension)
                    }
                }
            }
        }
        return inputGradient
    }

    /// Sets dJ/dW only (for a first layer with parameters, whose dJ/du nobody reads).
    public func backwardDiscardingInputGradient(_ outputGradient: Tensor) {
        setWeightGradient(outputGradient)
    }

    /// dJ/dW_i = dJ/du^_i^T [J D_out, N] times u_i [N, D_in], into `weights.gradient`.
    private func setWeightGradient(_ outputGradient: Tensor) {
        let input = cached(input, "PredictionVectors")
        let (lower, upper, outputDimension, inputDimension) = sizes
        let (batch, width) = (input.shape[0], upper * outputDimension)
        let expected = [batch, lower, upper, outputDimension]
        requireShapes(outputGradient.shape == expected, "PredictionVectors.backward: dJ/du^ vs u^ [N, I, J, D_out]",
                      outputGradient.shape, expected)
        var weightGradient = Tensor(shape: weights.value.shape)
        if batch > 0 {
            outputGradient.scalars.withUnsafeBufferPointer { g in
                input.scalars.withUnsafeBufferPointer { u in
                    weightGradient.scalars.withUnsafeMutableBufferPointer { dw in
                        for i in 0..<lower {
                            Kernels.gemm(transposeA: true, transposeB: false, m: width, n: inputDimension, k: batch, alpha: 1,
                                         a: g.baseAddress! + i * width, lda: lower * width,
                                         b: u.baseAddress! + i * inputDimension, ldb: lower * inputDimension,
                                         beta: 0, c: dw.baseAddress! + i * width * inputDimension, ldc: inputDimension)
                        }
                    }
                }
            }
        }
        weights.gradient = weightGradient
    }
}

/// Routing by agreement as a layer: prediction vectors u^ [N, I, J, D] to the upper capsules'
/// outputs v [N, J, D], r iterations (`route`), gradients through every iteration (`routeBackward`).
/// No parameters: what it learns, it learns through the W_ij before it.
public final class DynamicRouting: Layer {
    /// r, the number of routing iterations (the paper uses 3).
    public let iterations: Int
    private var predictions: Tensor?
    /// The trace of the last forward pass (coupling coefficients of every iteration, for figures).
    public private(set) var lastTrace: RoutingTrace?

    /// Precondition: r >= 1.
    public init(iterations: Int = 3) {
        requireIterations(iterations, "DynamicRouting")
        self.iterations = iterations
    }

    /// v = ROUTING(u^, r). DL Padova "Dynamic routing" (Procedure 1)
    public func forward(_ input: Tensor, training: Bool = false) -> Tensor {
        let trace = route(input, iterations: iterations)
        (predictions, lastTrace) = (input, trace)
        return trace.output
    }

    public func backward(_ outputGradient: Tensor) -> Tensor {
        let predictions = cached(predictions, "DynamicRouting")
        guard let lastTrace else { requirementFailed("DynamicRouting.backward: called before forward") }
        return routeBackward(outputGradient, predictions: predictions, trace: lastTrace)
    }
}

/// ||v_j|| for every capsule: [N, J, D] to [N, J], the probability that entity j is present
/// (DL Padova "Capsule Network": "the length of the output vector"). Backward dJ/dv = (dJ/d||v||) v / ||v||
/// (0 at v = 0), Core's `normBackward`.
public final class CapsuleLengths: Layer {
    private var input: Tensor?
    private var lengths: Tensor?

    public init() {}

    public func forward(_ input: Tensor, training: Bool = false) -> Tensor {
        require(input.rank == 3, "CapsuleLengths.forward: needs capsules [N, J, D], got shape \(input.shape)")
        let lengths = input.norm(alongAxis: 2)
        (self.input, self.lengths) = (input, lengths)
        return lengths
    }

    public func backward(_ outputGradient: Tensor) -> Tensor {
        let input = cached(input, "CapsuleLengths")
        return normBackward(outputGradient, input: input, norms: cached(lengths, "CapsuleLengths"), alongAxis: 2)
    }
}
