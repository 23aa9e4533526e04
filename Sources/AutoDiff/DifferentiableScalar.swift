// DifferentiableScalar.swift: one expression, three ways to evaluate it. A function written once over
// this protocol runs on Double (the plain value, and so central differences), on Dual (forward mode)
// and on Node (reverse mode), which is how the tests show that the two modes give the same
// derivatives (DL Padova "AutoDifferentiation").
// Goals, in order: the worked expressions (AD-1, AD-2) read like the notes; nothing a student must
// understand before reading Node.swift.

import Core
import Foundation

/// A number type with the engine's operations: +, -, ×, /, negation, fixed powers, exp, log, tanh,
/// sigmoid, ReLU, softplus and max. Literals are constants (`2 * x`, `max(0, x)`).
///
/// ```swift
/// func f<T: DifferentiableScalar>(_ x: T) -> T { T.pow(x, 2) / x + 1 / T.pow(x, 2) }
/// print(f(2.0))                                     // 2.25, the plain value
/// print(Dual.derivative(of: f, at: 2))              // 0.75, forward mode
/// let x = Node(2); f(x).backward(); print(x.gradient) // 0.75, reverse mode
/// ```
public protocol DifferentiableScalar: ExpressibleByIntegerLiteral, ExpressibleByFloatLiteral {
    static func + (a: Self, b: Self) -> Self
    static func - (a: Self, b: Self) -> Self
    static func * (a: Self, b: Self) -> Self
    static func / (a: Self, b: Self) -> Self
    static prefix func - (a: Self) -> Self
    static func pow(_ x: Self, _ exponent: Double) -> Self
    static func exp(_ x: Self) -> Self
    static func log(_ x: Self) -> Self
    static func tanh(_ x: Self) -> Self
    static func sigmoid(_ x: Self) -> Self
    static func relu(_ x: Self) -> Self
    static func softplus(_ x: Self) -> Self
    static func maximum(_ a: Self, _ b: Self) -> Self
}

extension Dual: DifferentiableScalar {}

extension Node: DifferentiableScalar {
    /// A literal in an expression is a constant node: `x * 2`, `max(0, x)`.
    public convenience init(integerLiteral value: Int) { self.init(constant: Double(value)) }
    public convenience init(floatLiteral value: Double) { self.init(constant: value) }
}

/// Double evaluates an expression without derivatives: the function itself, for finite differences.
/// (`maximum` is FloatingPoint's own, which agrees with `Node.maximum` on every number but NaN.)
extension Double: DifferentiableScalar {
    public static func pow(_ x: Double, _ exponent: Double) -> Double { Foundation.pow(x, exponent) }
    public static func exp(_ x: Double) -> Double { Foundation.exp(x) }
    public static func log(_ x: Double) -> Double { Foundation.log(x) }
    public static func tanh(_ x: Double) -> Double { Foundation.tanh(x) }
    public static func sigmoid(_ x: Double) -> Double { Core.sigmoid(x) }
    public static func relu(_ x: Double) -> Double { Swift.max(0, x) }
    public static func softplus(_ x: Double) -> Double { Swift.max(x, 0) + Foundation.log1p(Foundation.exp(-abs(x))) }
}
