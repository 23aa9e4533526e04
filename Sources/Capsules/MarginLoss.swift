// MarginLoss.swift: the capsule margin loss of DL Padova "Dynamic routing" with both terms squared,
// as Sabour, Frosst & Hinton 2017 (Eq. (4)) define it; the notes lost the first square (erratum E-15).
// Goals, in order: the correct formula with the notes' constants m+ = 0.9, m- = 0.1, lambda = 0.5;
// a NeuralNetworks `Loss` on the capsule lengths, so `Network.train` and the CapsNet's own step both
// use it; the printed (wrong) form kept beside it only to show what E-15 changes.
//
// L_c = T_c max(0, m+ - ||v_c||)^2 + lambda (1 - T_c) max(0, ||v_c|| - m-)^2, summed over the classes c
// of an example and averaged over the batch (MLiS II Eq. (1.1.1)).

import Core
import NeuralNetworks

/// The margin loss on capsule lengths [N, J] against one-hot targets T [N, J].
///
/// ```swift
/// let loss = MarginLoss()
/// loss.value(predicted: Tensor([[0.8]]), target: Tensor([[1]]))     // 0.01 = (0.9 - 0.8)^2
/// loss.value(predicted: Tensor([[0.3]]), target: Tensor([[0]]))     // 0.02 = 0.5 (0.3 - 0.1)^2
/// MarginLoss.asPrintedInTheNotes(length: 0.8, present: true)        // 0.1: E-15, the square missing
/// ```
public struct MarginLoss: Loss, Equatable {
    /// m+: a present class's capsule should be at least this long (0.9).
    public var upperMargin: Double
    /// m-: an absent class's capsule should be at most this long (0.1).
    public var lowerMargin: Double
    /// lambda: the down-weighting of absent classes (0.5).
    public var absentWeight: Double

    /// The notes' constants: m+ = 0.9, m- = 0.1, lambda = 0.5 (DL Padova "Dynamic routing").
    public init(upperMargin: Double = 0.9, lowerMargin: Double = 0.1, absentWeight: Double = 0.5) {
        require(lowerMargin < upperMargin && absentWeight >= 0,
                "MarginLoss: needs m- < m+ and lambda >= 0, got m+ = \(upperMargin), m- = \(lowerMargin), lambda = \(absentWeight)")
        (self.upperMargin, self.lowerMargin, self.absentWeight) = (upperMargin, lowerMargin, absentWeight)
    }

    public var description: String { "margin loss (m+ = \(upperMargin), m- = \(lowerMargin), lambda = \(absentWeight))" }

    /// L_c for one capsule of length `length`, class present (T_c = 1) or not, in Double.
    /// DL Padova "Dynamic routing" (the margin loss, with E-15's square); Sabour et al. 2017, Eq. (4)
    public func perCapsule(length: Double, present: Bool) -> Double {
        present ? square(max(0, upperMargin - length)) : absentWeight * square(max(0, length - lowerMargin))
    }

    /// dL_c/d||v_c||: -2 max(0, m+ - ||v_c||) if present, 2 lambda max(0, ||v_c|| - m-) if not.
    public func perCapsuleSlope(length: Float, present: Bool) -> Float {
        present ? -2 * max(0, Float(upperMargin) - length) : 2 * Float(absentWeight) * max(0, length - Float(lowerMargin))
    }

    /// (1/N) sum_n sum_c L_c. Precondition: lengths and targets have the same shape [N, J].
    public func value(predicted lengths: Tensor, target: Tensor) -> Float {
        requireMatchingShapes(lengths, target, "MarginLoss.value")
        var total: Double = 0
        for (length, t) in zip(lengths.scalars, target.scalars) { total += perCapsule(length: Double(length), present: t > 0.5) }
        return Float(total / Double(batchCount(lengths)))
    }

    /// dJ/d||v|| [N, J]: each capsule's slope divided by N.
    public func gradient(predicted lengths: Tensor, target: Tensor) -> Tensor {
        let n = Float(batchCount(lengths))
        return combineElements(lengths, target, "MarginLoss.gradient: lengths vs targets") { length, t in
            perCapsuleSlope(length: length, present: t > 0.5) / n
        }
    }

    /// The margin loss as DL Padova "Dynamic routing" prints it, T_c max(0, m+ - ||v_c||) + lambda
    /// (1 - T_c) max(0, ||v_c|| - m-)^2, with the notes' constants. WRONG (E-15): the first term lacks
    /// its square, so a present class is pushed linearly, not quadratically, and the two terms are not
    /// on one scale. Kept only so the tests and the chapter can show the difference.
    public static func asPrintedInTheNotes(length: Double, present: Bool) -> Double {
        present ? max(0, 0.9 - length) : 0.5 * square(max(0, length - 0.1))
    }
}

@inline(__always)
private func square(_ x: Double) -> Double { x * x }
