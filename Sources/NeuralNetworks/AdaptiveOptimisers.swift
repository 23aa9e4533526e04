// AdaptiveOptimisers.swift: RMSprop and Adam, MLiS II Sec. 1.5.3-1.5.4, Eq. (1.5.7), Eq. (1.5.8), Eq.
// (1.5.9), Eq. (1.5.10), Eq. (1.5.11), and
// diffGrad, DL Padova "diffGrad" (Dubey et al. 2019).
// Goals, in order: the notes' equations with the notes' defaults (TF2's), and epsilon where each
// equation puts it: inside the root in (1.5.7), outside in (1.5.11) (E-29); one coordinate at a time,
// generic (`UpdateArithmetic`), so the Rosenbrock steps can be reproduced in Double and networks
// update eight coordinates at a time.

import Core
import Foundation

/// RMSprop: a running mean of squared gradients rescales each coordinate's step   (Eq. (1.5.7))
///
/// ```swift
/// let w = Parameter("w", value: Tensor([[0, 1]]))
/// w.gradient = Tensor([[-2, 200]])                 // grad f of Rosenbrock (1.5.12) at (0, 1)
/// var rmsprop = RMSprop(learningRate: 0.01)
/// rmsprop.update([w])                              // r = 0.1 g^2; step alpha g / sqrt(r + eps)
/// print(w.value.scalars)                           // [0.031622767, 0.96837723] (OPT-1: 0.0316227726, 0.9683772234)
/// ```
/// Defaults (TF2, as the notes give them): alpha = 0.001, rho = 0.9, epsilon = 1e-7.
public struct RMSprop: Optimiser {
    public var learningRate: Float
    /// rho, the decay of the running mean.
    public var decay: Float
    public var epsilon: Float
    private var meanSquares = OptimiserState(name: "RMSprop")

    public init(learningRate: Float = 0.001, decay: Float = 0.9, epsilon: Float = 1e-7) {
        require(decay >= 0 && decay < 1, "RMSprop: the decay rho must lie in [0, 1), got \(decay)")
        require(epsilon > 0, "RMSprop: epsilon must be positive, got \(epsilon)")
        (self.learningRate, self.decay, self.epsilon) = (learningRate, decay, epsilon)
    }

    public mutating func update(_ parameters: [Parameter]) {
        let trainable = parameters.filter(\.isTrainable)
        let (alpha, rho, epsilon) = (learningRate, decay, epsilon)
        let (alpha8, rho8, epsilon8) = (SIMD8(repeating: alpha), SIMD8(repeating: rho), SIMD8(repeating: epsilon))
        meanSquares.prepare(for: trainable, slotsPerParameter: 1)
        for (index, parameter) in trainable.enumerated() where !parameter.isFrozen {
            meanSquares.withSlots(index) { slots in
                let r = slots[0]
                parameter.withBuffers { w, g in
                    forEachCoordinate(count: w.count, eight: { i in
                        var (w8, r8) = (w.load8(i), r.load8(i))
                        Self.step(&w8, meanSquare: &r8, gradient: g.load8(i), learningRate: alpha8, decay: rho8, epsilon: epsilon8)
                        w.store8(w8, i)
                        r.store8(r8, i)
                    }, one: { i in
                        Self.step(&w[i], meanSquare: &r[i], gradient: g[i], learningRate: alpha, decay: rho, epsilon: epsilon)
                    })
                }
            }
        }
    }

    /// r_t = rho r_(t-1) + (1 - rho) g ⊙ g;  w_t = w_(t-1) - alpha g / sqrt(r_t + epsilon)   (Eq. (1.5.7))
    @inlinable @inline(__always)
    public static func step<T: UpdateArithmetic>(_ w: inout T, meanSquare r: inout T, gradient g: T,
                                                 learningRate alpha: T, decay rho: T, epsilon: T) {
        r = rho * r + (T.one - rho) * g * g
        w = w - alpha * g / (r + epsilon).squareRoot()
    }
}

/// Adam: bias-corrected running means of the gradient and of its square   (Eq. (1.5.8), Eq. (1.5.9), Eq.
/// (1.5.10), Eq. (1.5.11))
///
/// ```swift
/// let w = Parameter("w", value: Tensor([[0, 1]]))
/// w.gradient = Tensor([[-2, 200]])
/// var adam = Adam(learningRate: 0.05)
/// adam.update([w])                   // the first step is alpha sign(g) up to epsilon
/// print(w.value.scalars)             // [0.05, 0.95]
/// ```
/// Defaults (TF2, as the notes give them): alpha = 0.001, beta1 = 0.9, beta2 = 0.999, epsilon = 1e-7.
public struct Adam: Optimiser {
    public var learningRate: Float
    public var beta1: Float
    public var beta2: Float
    public var epsilon: Float
    /// t, the number of updates made so far (the t of the bias corrections).
    public private(set) var stepCount = 0
    private var moments = OptimiserState(name: "Adam")

    public init(learningRate: Float = 0.001, beta1: Float = 0.9, beta2: Float = 0.999, epsilon: Float = 1e-7) {
        require(beta1 >= 0 && beta1 < 1 && beta2 >= 0 && beta2 < 1,
                "Adam: the decay rates beta1 and beta2 must lie in [0, 1), got \(beta1) and \(beta2)")
        require(epsilon > 0, "Adam: epsilon must be positive, got \(epsilon)")
        (self.learningRate, self.beta1, self.beta2, self.epsilon) = (learningRate, beta1, beta2, epsilon)
    }

    public mutating func update(_ parameters: [Parameter]) {
        let trainable = parameters.filter(\.isTrainable)
        stepCount += 1
        let (alpha, b1, b2, epsilon) = (learningRate, beta1, beta2, epsilon)
        let (correction1, correction2) = Self.biasCorrections(step: stepCount, beta1: b1, beta2: b2)
        let (alpha8, b1v, b2v, epsilon8) = (SIMD8(repeating: alpha), SIMD8(repeating: b1), SIMD8(repeating: b2), SIMD8(repeating: epsilon))
        let (correction1v, correction2v) = (SIMD8(repeating: correction1), SIMD8(repeating: correction2))
        moments.prepare(for: trainable, slotsPerParameter: 2)
        for (index, parameter) in trainable.enumerated() where !parameter.isFrozen {
            moments.withSlots(index) { slots in
                let (s, r) = (slots[0], slots[1])
                parameter.withBuffers { w, g in
                    forEachCoordinate(count: w.count, eight: { i in
                        var (w8, s8, r8) = (w.load8(i), s.load8(i), r.load8(i))
                        Self.step(&w8, firstMoment: &s8, secondMoment: &r8, gradient: g.load8(i),
                                  learningRate: alpha8, beta1: b1v, beta2: b2v, epsilon: epsilon8,
                                  biasCorrection1: correction1v, biasCorrection2: correction2v)
                        w.store8(w8, i)
                        s.store8(s8, i)
                        r.store8(r8, i)
                    }, one: { i in
                        Self.step(&w[i], firstMoment: &s[i], secondMoment: &r[i], gradient: g[i],
                                  learningRate: alpha, beta1: b1, beta2: b2, epsilon: epsilon,
                                  biasCorrection1: correction1, biasCorrection2: correction2)
                    })
                }
            }
        }
    }

    /// (1 - beta1^t, 1 - beta2^t), the denominators of Eq. (1.5.9), Eq. (1.5.10), for t >= 1.
    @inlinable @inline(__always)
    public static func biasCorrections<T: BinaryFloatingPoint>(step t: Int, beta1: T, beta2: T) -> (T, T) {
        require(t >= 1, "Adam: the step t starts at 1, got \(t)")
        return (1 - T(pow(Double(beta1), Double(t))), 1 - T(pow(Double(beta2), Double(t))))
    }

    /// One coordinate of Adam at step t:
    ///
    ///     s_t = beta1 s_(t-1) + (1 - beta1) g              (1.5.8)
    ///     r_t = beta2 r_(t-1) + (1 - beta2) g ⊙ g          (1.5.8)
    ///     s^  = s_t / (1 - beta1^t)                         (1.5.9)
    ///     r^  = r_t / (1 - beta2^t)                         (1.5.10)
    ///     w_t = w_(t-1) - alpha s^ / (sqrt(r^) + epsilon)   (1.5.11)
    @inlinable @inline(__always)
    public static func step<T: UpdateArithmetic>(_ w: inout T, firstMoment s: inout T, secondMoment r: inout T,
                                                 gradient g: T, learningRate alpha: T, beta1: T, beta2: T,
                                                 epsilon: T, biasCorrection1: T, biasCorrection2: T) {
        s = beta1 * s + (T.one - beta1) * g
        r = beta2 * r + (T.one - beta2) * g * g
        let sHat = s / biasCorrection1
        let rHat = r / biasCorrection2
        w = w - alpha * sHat / (rHat.squareRoot() + epsilon)
    }
}

/// diffGrad: Adam's step scaled by xi = sigmoid(|g_(t-1) - g_t|), a friction that slows the step where
/// the gradient changes little   (DL Padova "diffGrad"; Dubey et al. 2019)
///
/// xi lies in [1/2, 1): half of Adam's step where the gradient is steady, nearly all of it where it
/// changes fast. As in the paper, g_0 = 0, so the first step uses xi = sigmoid(|g_1|).
/// Defaults as Adam's.
public struct DiffGrad: Optimiser {
    public var learningRate: Float
    public var beta1: Float
    public var beta2: Float
    public var epsilon: Float
    public private(set) var stepCount = 0
    private var moments = OptimiserState(name: "DiffGrad")

    public init(learningRate: Float = 0.001, beta1: Float = 0.9, beta2: Float = 0.999, epsilon: Float = 1e-7) {
        require(beta1 >= 0 && beta1 < 1 && beta2 >= 0 && beta2 < 1,
                "DiffGrad: the decay rates beta1 and beta2 must lie in [0, 1), got \(beta1) and \(beta2)")
        require(epsilon > 0, "DiffGrad: epsilon must be positive, got \(epsilon)")
        (self.learningRate, self.beta1, self.beta2, self.epsilon) = (learningRate, beta1, beta2, epsilon)
    }

    public mutating func update(_ parameters: [Parameter]) {
        let trainable = parameters.filter(\.isTrainable)
        stepCount += 1
        let (alpha, b1, b2, epsilon) = (learningRate, beta1, beta2, epsilon)
        let (correction1, correction2) = Adam.biasCorrections(step: stepCount, beta1: b1, beta2: b2)
        moments.prepare(for: trainable, slotsPerParameter: 3)
        for (index, parameter) in trainable.enumerated() where !parameter.isFrozen {
            moments.withSlots(index) { slots in
                let (s, r, previous) = (slots[0], slots[1], slots[2])
                parameter.withBuffers { w, g in
                    for i in 0..<w.count {
                        Self.step(&w[i], firstMoment: &s[i], secondMoment: &r[i],
                                  previousGradient: &previous[i], gradient: g[i], learningRate: alpha,
                                  beta1: b1, beta2: b2, epsilon: epsilon,
                                  biasCorrection1: correction1, biasCorrection2: correction2)
                    }
                }
            }
        }
    }

    /// xi_t = sigmoid(|g_(t-1) - g_t|), the friction coefficient (DL Padova: Delta d_t = |g_(t-1) - g_t|).
    @inlinable @inline(__always)
    public static func friction<T: BinaryFloatingPoint>(previousGradient: T, gradient: T) -> T {
        1 / (1 + T(exp(-Double(abs(previousGradient - gradient)))))
    }

    /// theta_(t+1) = theta_t - lambda xi_t m^_t / (sqrt(u^_t) + epsilon), with Adam's m^ and u^ (s^ and r^).
    @inlinable @inline(__always)
    public static func step<T: BinaryFloatingPoint>(_ w: inout T, firstMoment s: inout T, secondMoment r: inout T,
                                                    previousGradient: inout T, gradient g: T, learningRate alpha: T,
                                                    beta1: T, beta2: T, epsilon: T,
                                                    biasCorrection1: T, biasCorrection2: T) {
        let xi = friction(previousGradient: previousGradient, gradient: g)
        previousGradient = g
        s = beta1 * s + (1 - beta1) * g
        r = beta2 * r + (1 - beta2) * g * g
        let sHat = s / biasCorrection1
        let rHat = r / biasCorrection2
        w = w - alpha * xi * sHat / (rHat.squareRoot() + epsilon)
    }
}
