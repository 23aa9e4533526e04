// Optimiser.swift: what every optimiser does, and stochastic gradient descent with and without
// momentum, MLiS II Sec. 1.5, Eq. (1.5.1), Eq. (1.5.5), Eq. (1.5.6); DL Padova "Momentum".
// Goals, in order: each update rule written once, as the notes print it, for one coordinate in any
// `UpdateArithmetic` (Double to reproduce WORKED-NUMBERS.md's Rosenbrock steps OPT-1 to ten digits; Float
// and SIMD8<Float> for networks; see OptimiserMachinery.swift).

import Core

/// Updates parameters from the gradients a backward pass left in them.
///
/// Optimisers with memory (momentum, RMSprop, Adam, diffGrad) keep one state per trainable
/// parameter, matched by position: pass the same list, in the same order, at every step (one
/// optimiser per network; a GAN has two). A frozen parameter keeps its place in that list, and
/// its value and its state are left untouched.
public protocol Optimiser {
    /// alpha, which a learning-rate schedule may change between steps.
    var learningRate: Float { get set }
    /// One step on every trainable, unfrozen parameter of `parameters` (others are skipped).
    mutating func update(_ parameters: [Parameter])
}

/// Mini-batch stochastic gradient descent, optionally with momentum   (Eq. (1.5.5), Eq. (1.5.6))
///
/// ```swift
/// let w = Parameter("w", value: Tensor([[1, 1]]))
/// w.gradient = Tensor([[2, -4]])
/// var sgd = SGD(learningRate: 0.1, momentum: 0.9)
/// sgd.update([w])            // v = -0.1 g = (-0.2, 0.4), w = (0.8, 1.4)
/// sgd.update([w])            // v = 0.9 v - 0.1 g = (-0.38, 0.76), w = (0.42, 2.16)
/// print(w.value.scalars)     // [0.42000002, 2.1599998]: (0.42, 2.16) in Float
/// ```
///
/// The defaults are TF2's, as the notes give them: alpha = 0.01, gamma = 0 (no momentum).
public struct SGD: Optimiser {
    public var learningRate: Float
    /// gamma, the inertia of Eq. (1.5.6); 0 gives plain gradient descent.
    public var momentum: Float
    private var velocities = OptimiserState(name: "SGD")

    public init(learningRate: Float = 0.01, momentum: Float = 0) {
        require(momentum >= 0 && momentum < 1, "SGD: the momentum gamma must lie in [0, 1), got \(momentum)")
        self.learningRate = learningRate
        self.momentum = momentum
    }

    public mutating func update(_ parameters: [Parameter]) {
        let trainable = parameters.filter(\.isTrainable)
        let (alpha, gamma) = (learningRate, momentum)
        guard gamma != 0 else {
            for parameter in trainable where !parameter.isFrozen { parameter.value.add(parameter.gradient, scaledBy: -alpha) }   // (1.5.1)
            return
        }
        let (alpha8, gamma8) = (SIMD8(repeating: alpha), SIMD8(repeating: gamma))
        velocities.prepare(for: trainable, slotsPerParameter: 1)
        for (index, parameter) in trainable.enumerated() where !parameter.isFrozen {
            velocities.withSlots(index) { slots in
                let v = slots[0]
                parameter.withBuffers { w, g in
                    forEachCoordinate(count: w.count, eight: { i in
                        var (w8, v8) = (w.load8(i), v.load8(i))
                        Self.momentumStep(&w8, velocity: &v8, gradient: g.load8(i), learningRate: alpha8, momentum: gamma8)
                        w.store8(w8, i)
                        v.store8(v8, i)
                    }, one: { i in
                        Self.momentumStep(&w[i], velocity: &v[i], gradient: g[i], learningRate: alpha, momentum: gamma)
                    })
                }
            }
        }
    }

    /// w <- w - alpha g^   (Eq. (1.5.1), with the mini-batch estimate g^ of Eq. (1.5.5))
    @inlinable @inline(__always)
    public static func gradientDescentStep<T: UpdateArithmetic>(_ w: inout T, gradient g: T, learningRate alpha: T) {
        w = w - alpha * g
    }

    /// v <- gamma v - alpha g^, then w <- w + v   (Eq. (1.5.6))
    @inlinable @inline(__always)
    public static func momentumStep<T: UpdateArithmetic>(_ w: inout T, velocity v: inout T, gradient g: T,
                                                            learningRate alpha: T, momentum gamma: T) {
        v = gamma * v - alpha * g
        w = w + v
    }
}
