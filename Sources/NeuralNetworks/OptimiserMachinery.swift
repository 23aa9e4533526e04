// OptimiserMachinery.swift: what the optimisers of Optimiser.swift and AdaptiveOptimisers.swift share:
// the arithmetic their update rules are written in, their per-parameter memory, and the loop that
// applies a rule to every coordinate.
// Public, so that a later module can write an optimiser of its own with the same machinery.
// Goals, in order: each rule of MLiS II Sec. 1.5 written once, for one coordinate, and run on Double
// (the Rosenbrock race, to ten digits), Float, and SIMD8<Float> (eight coordinates of a network at a
// time: the profile showed the compiler leaving the scalar loop unvectorised, and Adam's update then
// took a fifth of a digits epoch; `SIMD8.squareRoot()` still runs lane by lane).

import Core

/// The arithmetic an update rule needs: Float, Double and SIMD8<Float> all have it, so a rule
/// written once with it runs on one coordinate (Float, Double) or on eight (SIMD8<Float>).
public protocol UpdateArithmetic {
    static func + (left: Self, right: Self) -> Self
    static func - (left: Self, right: Self) -> Self
    static func * (left: Self, right: Self) -> Self
    static func / (left: Self, right: Self) -> Self
    func squareRoot() -> Self
    /// 1 (in every lane), for the (1 - rho) of the running means.
    static var one: Self { get }
}

extension Float: UpdateArithmetic {
    public static var one: Float { 1 }
}

extension Double: UpdateArithmetic {
    public static var one: Double { 1 }
}

extension SIMD8: UpdateArithmetic where Scalar == Float {
    public static var one: SIMD8<Float> { SIMD8(repeating: 1) }
}

/// The per-parameter memory of an optimiser: `slotsPerParameter` arrays (velocity; first and second
/// moments; ...) for each trainable parameter, zero until the first update, matched by position.
///
/// How an optimiser uses it (see `SGD.update`): keep one as a stored property; in `update`, call
/// `prepare(for: trainable, slotsPerParameter: k)` with the trainable parameters (frozen ones too, so
/// that positions do not move), then for each unfrozen one `withSlots(index) { slots in ... }` and
/// `parameter.withBuffers { w, g in ... }`, running the rule with `forEachCoordinate`.
public struct OptimiserState {
    /// The optimiser's name, for the message when the parameters change between steps.
    public let name: String
    private var slotsPerParameter = 0
    /// For each parameter, its slots one after the other in one array.
    private var storage: [[Float]] = []

    public init(name: String) { self.name = name }

    /// Creates zero state on the first call; afterwards requires the same parameters (count and sizes).
    public mutating func prepare(for parameters: [Parameter], slotsPerParameter: Int) {
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
    public mutating func withSlots(_ index: Int, _ body: ([UnsafeMutableBufferPointer<Float>]) -> Void) {
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
    public func withBuffers(_ body: (UnsafeMutableBufferPointer<Float>, UnsafeBufferPointer<Float>) -> Void) {
        requireShapes(value.shape == gradient.shape, "Parameter \(name): value vs gradient", value.shape, gradient.shape)
        gradient.scalars.withUnsafeBufferPointer { g in
            value.scalars.withUnsafeMutableBufferPointer { w in body(w, g) }
        }
    }
}

/// Calls `eight(i)` for i = 0, 8, 16, ... while eight coordinates remain, then `one(i)` for the rest.
@inline(__always)
public func forEachCoordinate(count: Int, eight: (Int) -> Void, one: (Int) -> Void) {
    var i = 0
    while i + 8 <= count {
        eight(i)
        i += 8
    }
    while i < count {
        one(i)
        i += 1
    }
}

extension UnsafeMutableBufferPointer where Element == Float {
    /// Elements i..<i+8 as one vector (SIMD8<Float> is only 4-byte aligned here: an unaligned load).
    @inline(__always)
    public func load8(_ i: Int) -> SIMD8<Float> {
        UnsafeRawPointer(baseAddress! + i).loadUnaligned(as: SIMD8<Float>.self)
    }

    @inline(__always)
    public func store8(_ vector: SIMD8<Float>, _ i: Int) {
        UnsafeMutableRawPointer(baseAddress! + i).storeBytes(of: vector, as: SIMD8<Float>.self)
    }
}

extension UnsafeBufferPointer where Element == Float {
    @inline(__always)
    public func load8(_ i: Int) -> SIMD8<Float> {
        UnsafeRawPointer(baseAddress! + i).loadUnaligned(as: SIMD8<Float>.self)
    }
}
