// Optimiser.swift: what every optimiser does, and stochastic gradient descent with and without
// momentum, MLiS II Sec. 1.5, Eqs. (1.5.1), (1.5.5) and (1.5.6); DL Padova "Momentum" L317-321.
// Goals, in order: each update rule written once, as the notes print it, for one coordinate and any
// floating-point type (Float for networks, Double to reproduce the Rosenbrock steps of the
// catalogue's OPT-1 to ten digits); a loop over raw buffers per parameter.

import Core

/// Updates parameters from the gradients a backward pass left in them.
///
/// Optimisers with memory (momentum, RMSprop, Adam, diffGrad) keep one state per trainable
/// parameter, matched by position: pass the same list, in the same order, at every step (one
/// optimiser per network; a GAN has two).
public protocol Optimiser {
    /// alpha, which a learning-rate schedule may change between steps.
    var learningRate: Float { get set }
    /// One step on every trainable parameter of `parameters` (others are skipped).
    mutating func update(_ parameters: [Parameter])
}

/// Mini-batch stochastic gradient descent, optionally with momentum   (Eqs. 1.5.5-1.5.6)
///
/// ```swift
/// let w = Parameter("w", value: Tensor([[1, 1]]))
/// w.gradient = Tensor([[2, -4]])
/// var sgd = SGD(learningRate: 0.1, momentum: 0.9)
/// sgd.update([w])            // v = -0.1 g = (-0.2, 0.4), w = (0.8, 1.4)
/// sgd.update([w])            // v = 0.9 v - 0.1 g = (-0.38, 0.76), w = (0.42, 2.16)
/// print(w.value.scalars)     // [0.42, 2.16] (to Float rounding)
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
            for parameter in trainable { parameter.value.add(parameter.gradient, scaledBy: -alpha) }   // (1.5.1)
            return
        }
        velocities.prepare(for: trainable, slotsPerParameter: 1)
        for (index, parameter) in trainable.enumerated() {
            velocities.withSlots(index) { slots in
                parameter.withBuffers { w, g in
                    for i in 0..<w.count {
                        Self.momentumStep(&w[i], velocity: &slots[0][i], gradient: g[i], learningRate: alpha, momentum: gamma)
                    }
                }
            }
        }
    }

    /// w <- w - alpha g^   (Eq. 1.5.1, with the mini-batch estimate g^ of Eq. 1.5.5)
    @inlinable
    public static func gradientDescentStep<T: BinaryFloatingPoint>(_ w: inout T, gradient g: T, learningRate alpha: T) {
        w = w - alpha * g
    }

    /// v <- gamma v - alpha g^, then w <- w + v   (Eq. 1.5.6)
    @inlinable
    public static func momentumStep<T: BinaryFloatingPoint>(_ w: inout T, velocity v: inout T, gradient g: T,
                                                            learningRate alpha: T, momentum gamma: T) {
        v = gamma * v - alpha * g
        w = w + v
    }
}

/// The per-parameter memory of an optimiser: `slotsPerParameter` arrays (velocity; first and second
/// moments; ...) for each trainable parameter, zero until the first update, matched by position.
struct OptimiserState {
    let name: String
    private var slotsPerParameter = 0
    /// For each parameter, its slots one after the other in one array.
    private var storage: [[Float]] = []

    init(name: String) { self.name = name }

    /// Creates zero state on the first call; afterwards requires the same parameters (count and sizes).
    mutating func prepare(for parameters: [Parameter], slotsPerParameter: Int) {
        if storage.isEmpty {
            self.slotsPerParameter = slotsPerParameter
            storage = parameters.map { [Float](repeating: 0, count: $0.count * slotsPerParameter) }
        }
        let sizes = storage.map { $0.count / self.slotsPerParameter }
        require(sizes == parameters.map(\.count),
                "\(name).update: the optimiser's state was made for \(sizes.count) parameters of sizes \(sizes), "
                    + "got \(parameters.count) of sizes \(parameters.map(\.count)); "
                    + "use one optimiser per network and pass its parameters in the same order")
    }

    /// Runs `body` with one raw buffer per slot of parameter `index`.
    mutating func withSlots(_ index: Int, _ body: ([UnsafeMutableBufferPointer<Float>]) -> Void) {
        var slots = storage[index]
        storage[index] = []                     // so that `slots` is the only reference: no copy
        let count = slots.count / slotsPerParameter
        slots.withUnsafeMutableBufferPointer { all in
            body((0..<slotsPerParameter).map { k in UnsafeMutableBufferPointer(rebasing: all[(k * count)..<((k + 1) * count)]) })
        }
        storage[index] = slots
    }
}

extension Parameter {
    /// Runs `body` with the raw buffers of the value (to update) and of the gradient.
    func withBuffers(_ body: (UnsafeMutableBufferPointer<Float>, UnsafeBufferPointer<Float>) -> Void) {
        requireShapes(value.shape == gradient.shape, "Parameter \(name): value vs gradient", value.shape, gradient.shape)
        gradient.scalars.withUnsafeBufferPointer { g in
            value.scalars.withUnsafeMutableBufferPointer { w in body(w, g) }
        }
    }
}
