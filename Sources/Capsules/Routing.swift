// Routing.swift: routing by agreement, DL Padova "Dynamic routing", Procedure 1 (Sabour, Frosst &
// Hinton 2017, Procedure 1 with Eq. (2) and Eq. (3)), on a batch, forward and backward.
// Goals, in order: Procedure 1 line by line (b <- 0; r times: c_i = softmax_j(b_i), s_j = sum_i c_ij
// u^_(j|i), v_j = squash(s_j), b_ij += u^_(j|i) . v_j); gradients through every unrolled iteration, as
// the paper trains it; written with three sums (RoutingPrimitives.swift) and the softmax of Core and
// NeuralNetworks. The plain Double twin is RoutingReference.swift.
//
// Shapes, one example per index of the first axis:
//     predictions u^   [N, I, J, D]   u^[n, i, j, :] = u^_(j|i), lower capsule i's vote for upper capsule j
//     couplings c, logits b           [N, I, J]      c[n, i, :] sums to 1 over j
//     total input s, output v         [N, J, D]

import Core
import NeuralNetworks

/// Everything one routing pass computed: the coupling coefficients, total inputs and outputs of
/// every iteration (what the backward pass needs, and what the chapter draws), and the final logits.
public struct RoutingTrace: Sendable {
    /// c^(t) for t = 1 ... r, each [N, I, J]: the couplings iteration t used, computed before its
    /// update of b (c^(1) is uniform, 1/J).
    public let couplings: [Tensor]
    /// s^(t) = sum_i c^(t)_ij u^_(j|i), each [N, J, D].
    public let totalInputs: [Tensor]
    /// v^(t) = squash(s^(t)), each [N, J, D]; the routing's output is the last.
    public let outputs: [Tensor]
    /// b after the last iteration's update, [N, I, J].
    public let logits: Tensor

    /// A trace from its parts, one entry per iteration in `couplings`, `totalInputs` and `outputs`.
    public init(couplings: [Tensor], totalInputs: [Tensor], outputs: [Tensor], logits: Tensor) {
        require(!couplings.isEmpty && couplings.count == totalInputs.count && couplings.count == outputs.count,
                "RoutingTrace: needs one c, s and v per iteration, got \(couplings.count), \(totalInputs.count), \(outputs.count)")
        (self.couplings, self.totalInputs, self.outputs, self.logits) = (couplings, totalInputs, outputs, logits)
    }

    /// r, the number of iterations.
    public var iterations: Int { couplings.count }
    /// v = v^(r), [N, J, D].
    public var output: Tensor { outputs[outputs.count - 1] }
}

/// Routing by agreement on a batch of prediction vectors u^ [N, I, J, D], for r = `iterations`:
/// b <- 0; r times: c_i <- softmax(b_i); s_j <- sum_i c_ij u^_(j|i); v_j <- squash(s_j);
/// b_ij <- b_ij + u^_(j|i) . v_j. Returns the whole trace; `trace.output` is v [N, J, D].
///
/// ```swift
/// let votes = Tensor(shape: [1, 2, 2, 2], scalars: [1, 0, 0, 1, 1, 0.2, -0.5, 0])   // WORKED-NUMBERS.md's 2 x 2 example
/// let trace = route(votes, iterations: 3)
/// trace.couplings[2].scalars      // [0.6692514, 0.3307486, 0.7338806, 0.2661194]
/// ```
/// Preconditions: u^ has rank 4 with I, J, D >= 1; r >= 1.
/// DL Padova "Dynamic routing" (Procedure 1); Sabour et al. 2017, Eq. (2)
public func route(_ predictions: Tensor, iterations: Int) -> RoutingTrace {
    let (batch, lower, upper, _) = requirePredictions(predictions, "route")
    requireIterations(iterations, "route")
    var logits = Tensor(shape: [batch, lower, upper])                                                    // b <- 0
    var couplings: [Tensor] = [], totalInputs: [Tensor] = [], outputs: [Tensor] = []
    for _ in 0..<iterations {
        let c = couplingCoefficients(logits)                                                           // c_i <- softmax(b_i)
        let s = weightedVoteSums(predictions, c)                                                       // s_j <- sum_i c_ij u^_(j|i)
        let v = squash(s)                                                                              // v_j <- squash(s_j)
        logits.add(agreement(predictions, v))                                                          // b_ij += u^_(j|i) . v_j
        couplings.append(c)
        totalInputs.append(s)
        outputs.append(v)
    }
    return RoutingTrace(couplings: couplings, totalInputs: totalInputs, outputs: outputs, logits: logits)
}

/// c_ij = exp(b_ij) / sum_k exp(b_ik): the routing softmax over the upper capsules j, for every lower
/// capsule i of every example, [N, I, J] to [N, I, J] (Core's stable softmax of each row).
/// DL Padova "Dynamic routing" (the routing softmax); Sabour et al. 2017, Eq. (3)
public func couplingCoefficients(_ logits: Tensor) -> Tensor {
    require(logits.rank == 3, "couplingCoefficients: logits b must be [N, I, J], got shape \(logits.shape)")
    return logits.reshaped([logits.shape[0] * logits.shape[1], logits.shape[2]]).softmaxRows().reshaped(logits.shape)
}

/// dJ/du^ [N, I, J, D] from dJ/dv [N, J, D] of the routing that produced `trace`, back through all r
/// unrolled iterations (the couplings are not held fixed: they depend on u^ through b).
///
/// Iteration t, read backwards (g_v collects dJ/dv^(t), g_b dJ/db^(t), b^(t) being b after iteration t):
///     b^(t) = b^(t-1) + a^(t), a_ij = u^_(j|i) . v_j:   dJ/du^_(j|i) += g_b,ij v_j;   g_v,j += sum_i g_b,ij u^_(j|i)
///     v^(t) = squash(s^(t)):                             g_s = squashBackward(g_v)
///     s_j = sum_i c_ij u^_(j|i):                         dJ/du^_(j|i) += c_ij g_s,j;   g_c,ij = u^_(j|i) . g_s,j
///     c_i = softmax(b_i^(t-1)):                          g_b^(t-1) = g_b^(t) + c_i (.) (g_c,i - g_c,i . c_i)
/// b^(r) does not reach v, so g_b starts at 0; b^(0) = 0 is a constant, so the last g_b is dropped.
/// Precondition: `outputGradient` has the shape of `trace.output`, `predictions` that of the forward pass.
public func routeBackward(_ outputGradient: Tensor, predictions: Tensor, trace: RoutingTrace) -> Tensor {
    _ = requirePredictions(predictions, "routeBackward")
    requireShapes(outputGradient.shape == trace.output.shape, "routeBackward: dJ/dv vs v", outputGradient.shape, trace.output.shape)
    requireShapes(trace.couplings[0].shape == Array(predictions.shape.prefix(3)), "routeBackward: the trace's c vs u^",
                  trace.couplings[0].shape, predictions.shape)
    var predictionGradient = Tensor(shape: predictions.shape)
    var logitGradient: Tensor? = nil                                                     // g_b^(t); nil while it is 0
    for t in stride(from: trace.iterations - 1, through: 0, by: -1) {
        let (c, s, v) = (trace.couplings[t], trace.totalInputs[t], trace.outputs[t])
        var outputGradientOfIteration = t == trace.iterations - 1 ? outputGradient : Tensor(shape: v.shape)
        if let logitGradient {                                                           // through b^(t) = b^(t-1) + a^(t)
            addSpreading(v, weights: logitGradient, into: &predictionGradient)
            outputGradientOfIteration.add(weightedVoteSums(predictions, logitGradient))
        }
        let totalInputGradient = squashBackward(outputGradientOfIteration, input: s)     // through v = squash(s)
        addSpreading(totalInputGradient, weights: c, into: &predictionGradient)          // through s = sum_i c u^
        let softmaxGradient = routingSoftmaxBackward(agreement(predictions, totalInputGradient), couplings: c)
        logitGradient = logitGradient.map { $0 + softmaxGradient } ?? softmaxGradient    // through c = softmax(b)
    }
    return predictionGradient
}

/// dJ/db from dJ/dc for c = softmax over the last axis of b ([N, I, J]): NeuralNetworks' softmax
/// Jacobian product, row by row (MLiS II Eq. (2.2.10)).
func routingSoftmaxBackward(_ couplingGradient: Tensor, couplings c: Tensor) -> Tensor {
    let rows = [c.shape[0] * c.shape[1], c.shape[2]]
    let c2D = c.reshaped(rows)
    return Activation.softmax.delta(outputGradient: couplingGradient.reshaped(rows), preActivation: c2D, output: c2D)
        .reshaped(c.shape)
}

/// (N, I, J, D) after checking that u^ is [N, I, J, D] with I, J, D >= 1.
func requirePredictions(_ predictions: Tensor, _ operation: String) -> (Int, Int, Int, Int) {
    let shape = predictions.shape
    require(shape.count == 4 && shape[1] >= 1 && shape[2] >= 1 && shape[3] >= 1,
            "\(operation): prediction vectors u^ must be [N, I, J, D] (I lower, J upper capsules of dimension D >= 1), got shape \(shape)")
    return (shape[0], shape[1], shape[2], shape[3])
}

/// Stops unless r >= 1, naming the value.
func requireIterations(_ iterations: Int, _ operation: String) {
    require(iterations >= 1, "\(operation): routing needs r >= 1 iterations, got r = \(iterations)")
}
