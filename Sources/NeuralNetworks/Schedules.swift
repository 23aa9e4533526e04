// Schedules.swift: learning rates that change during training, and gradient clipping by norm.
// DL Padova "Learning Rate" and "Cyclic Learning Rate" (Smith 2017; Loshchilov & Hutter
// 2017), "Unfolding time" (clipping, Pascanu et al. 2013).
// Goals, in order: the triangle of Smith's policy with |.| where the notes print a floor (E-06);
// iterations as the unit, stated; clipping that leaves small gradients untouched.

import Core
import Foundation

/// alpha as a function of the iteration (mini-batch update) number, counted from 0.
public protocol LearningRateSchedule: Sendable {
    func learningRate(at iteration: Int) -> Float
}

/// The triangular cyclic learning rate (DL Padova "Cyclic Learning Rate"; Smith 2017):
///
///     cycle = floor(1 + iteration / (2 stepSize))
///     x     = |iteration / stepSize - 2 cycle + 1|
///     eta   = eta_min + (eta_max - eta_min) max(0, 1 - x)
///
/// The notes print x with a floor, which gives 0.011 > eta_max at iteration 0 for (0.001, 0.006,
/// 2000): the absolute value is Smith's formula (E-06). `stepSize` is counted in iterations, as the
/// formula divides iterations by it (the notes' prose says epochs).
///
/// ```swift
/// let schedule = TriangularCyclicSchedule(minimum: 0.001, maximum: 0.006, stepSize: 2000)
/// print([0, 1000, 2000, 4000].map { schedule.learningRate(at: $0) })   // [0.001, 0.0035, 0.006, 0.001]
/// ```
public struct TriangularCyclicSchedule: LearningRateSchedule {
    public let minimum: Float
    public let maximum: Float
    /// Iterations from one bound to the other (half a cycle).
    public let stepSize: Int

    public init(minimum: Float, maximum: Float, stepSize: Int) {
        require(minimum >= 0 && maximum >= minimum, "TriangularCyclicSchedule: needs 0 <= minimum <= maximum, got \(minimum) and \(maximum)")
        require(stepSize > 0, "TriangularCyclicSchedule: stepSize must be positive, got \(stepSize)")
        (self.minimum, self.maximum, self.stepSize) = (minimum, maximum, stepSize)
    }

    public func learningRate(at iteration: Int) -> Float {
        let ratio = Double(iteration) / Double(stepSize)
        let cycle = (1 + ratio / 2).rounded(.down)
        let x = abs(ratio - 2 * cycle + 1)
        return minimum + (maximum - minimum) * Float(max(0, 1 - x))
    }
}

/// Cosine annealing (DL Padova "Cyclic Learning Rate"; SGDR, Loshchilov & Hutter 2017):
///
///     eta = eta_min + (1/2)(eta_max - eta_min)(1 + cos(pi T_cur / T_i))
///
/// With `restarts`, T_cur = iteration mod T_i, so the rate jumps back to eta_max every `period`
/// iterations (a warm restart, as PyTorch's CosineAnnealingWarmRestarts); without, T_cur stops at
/// T_i and the rate stays at eta_min after `period` iterations.
///
/// ```swift
/// let cosine = CosineAnnealingSchedule(maximum: 0.1, minimum: 0.001, period: 10)
/// print([0, 5, 10].map { cosine.learningRate(at: $0) })   // [0.1, 0.050499998, 0.001]
/// ```
public struct CosineAnnealingSchedule: LearningRateSchedule {
    public let maximum: Float
    public let minimum: Float
    /// T_i, in iterations.
    public let period: Int
    public let restarts: Bool

    public init(maximum: Float, minimum: Float, period: Int, restarts: Bool = false) {
        require(minimum >= 0 && maximum >= minimum, "CosineAnnealingSchedule: needs 0 <= minimum <= maximum, got \(minimum) and \(maximum)")
        require(period > 0, "CosineAnnealingSchedule: the period T_i must be positive, got \(period)")
        (self.maximum, self.minimum, self.period, self.restarts) = (maximum, minimum, period, restarts)
    }

    public func learningRate(at iteration: Int) -> Float {
        let current = restarts ? iteration % period : min(iteration, period)
        let cosine = cos(Double.pi * Double(current) / Double(period))
        return minimum + Float(0.5 * Double(maximum - minimum) * (1 + cosine))
    }
}

/// If ||g|| >= c, g <- c g / ||g||   (DL Padova "Unfolding time")
///
/// g is the gradients of all the learnt parameters (trainable, not frozen) taken together as one
/// vector (the global norm), so clipping shortens the step without turning it. Returns ||g|| before
/// clipping.
///
/// ```swift
/// let p = Parameter("w", value: Tensor([[0, 0]]))
/// p.gradient = Tensor([[3, 4]])
/// print(clipGradientNorm([p], maximumNorm: 1), p.gradient.scalars)   // 5.0 [0.6, 0.8]
/// ```
@discardableResult
public func clipGradientNorm(_ parameters: [Parameter], maximumNorm c: Float) -> Float {
    require(c > 0, "clipGradientNorm: the maximum norm c must be positive, got \(c)")
    let trainable = parameters.filter(\.isLearnt)
    let norm = trainable.reduce(Float(0)) { $0 + $1.gradient.dot($1.gradient) }.squareRoot()
    if norm >= c {
        for parameter in trainable { parameter.gradient.scale(by: c / norm) }
    }
    return norm
}
