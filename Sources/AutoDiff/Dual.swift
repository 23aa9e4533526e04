// Dual.swift: forward-mode automatic differentiation with dual numbers, beside the reverse mode of
// Node.swift (DL Padova "AutoDifferentiation" builds the graph and goes backwards; this goes forwards).
// Goals, in order: the same derivative rules as Node+Operations.swift, visibly; exact in Double; a
// plain value type with no graph at all.
//
// A dual number a + a' eps with eps^2 = 0 carries a value and its derivative along one chosen
// direction. Expanding f(a + a' eps) = f(a) + f'(a) a' eps to first order gives each rule below:
// (a + a' eps)(b + b' eps) = ab + (a' b + a b') eps is the product rule, and so on. Seeding x with
// derivative 1 and every other input with 0 gives df/dx in one pass; a gradient of n inputs takes n
// passes, where reverse mode takes one backward pass whatever n is. That is why networks, with many
// parameters and one loss, are trained in reverse mode.

import Core
import Foundation

/// A value and its derivative with respect to one seeded input.
///
/// ```swift
/// let x = Dual.variable(2)                 // x = 2, dx/dx = 1
/// let f = x * x / x + 1 / (x * x)           // AD-2: f(x) = x^2/x + 1/x^2
/// print(f.value, f.derivative)              // 2.25 0.75
/// ```
public struct Dual: Equatable, Sendable {
    /// f at the point.
    public var value: Double
    /// df/dt along the seeded direction, e.g. df/dx when x was seeded with 1.
    public var derivative: Double

    public init(_ value: Double, derivative: Double = 0) {
        self.value = value
        self.derivative = derivative
    }

    /// The variable we differentiate with respect to: derivative 1.
    public static func variable(_ value: Double) -> Dual { Dual(value, derivative: 1) }

    /// df/dx at x, by one forward pass.
    public static func derivative(of f: (Dual) -> Dual, at x: Double) -> Double {
        f(variable(x)).derivative
    }

    /// The gradient of f: R^n -> R at x, by n forward passes, one per input seeded with 1.
    public static func gradient(of f: ([Dual]) -> Dual, at x: [Double]) -> [Double] {
        x.indices.map { seeded in
            f(x.indices.map { Dual(x[$0], derivative: $0 == seeded ? 1 : 0) }).derivative
        }
    }

    // MARK: The rules, in the order of Node+Operations.swift

    /// (a + b)' = a' + b'
    public static func + (a: Dual, b: Dual) -> Dual { Dual(a.value + b.value, derivative: a.derivative + b.derivative) }

    /// (a - b)' = a' - b'
    public static func - (a: Dual, b: Dual) -> Dual { Dual(a.value - b.value, derivative: a.derivative - b.derivative) }

    /// (a b)' = a' b + a b'
    public static func * (a: Dual, b: Dual) -> Dual {
        Dual(a.value * b.value, derivative: a.derivative * b.value + a.value * b.derivative)
    }

    /// (a / b)' = a'/b - a b'/b^2
    public static func / (a: Dual, b: Dual) -> Dual {
        Dual(a.value / b.value, derivative: a.derivative / b.value - a.value * b.derivative / (b.value * b.value))
    }

    /// (-a)' = -a'
    public static prefix func - (a: Dual) -> Dual { Dual(-a.value, derivative: -a.derivative) }

    /// (x^p)' = p x^(p-1) x' for a fixed exponent p.
    public static func pow(_ x: Dual, _ exponent: Double) -> Dual {
        Dual(Foundation.pow(x.value, exponent), derivative: exponent * Foundation.pow(x.value, exponent - 1) * x.derivative)
    }

    /// (e^x)' = e^x x'
    public static func exp(_ x: Dual) -> Dual {
        let value = Foundation.exp(x.value)
        return Dual(value, derivative: value * x.derivative)
    }

    /// (ln x)' = x'/x
    public static func log(_ x: Dual) -> Dual { Dual(Foundation.log(x.value), derivative: x.derivative / x.value) }

    /// (tanh x)' = (1 - tanh^2 x) x'
    public static func tanh(_ x: Dual) -> Dual {
        let value = Foundation.tanh(x.value)
        return Dual(value, derivative: (1 - value * value) * x.derivative)
    }

    /// sigma(x)' = sigma(x)(1 - sigma(x)) x'
    public static func sigmoid(_ x: Dual) -> Dual {
        let value = Core.sigmoid(x.value)
        return Dual(value, derivative: value * (1 - value) * x.derivative)
    }

    /// max(0, x)' = [x > 0] x', 0 at the kink as `Node.relu`.
    public static func relu(_ x: Dual) -> Dual {
        x.value > 0 ? x : Dual(0, derivative: 0)
    }

    /// softplus(x)' = sigma(x) x', computed stably as `Node.softplus`.
    public static func softplus(_ x: Dual) -> Dual {
        let value = Swift.max(x.value, 0) + Foundation.log1p(Foundation.exp(-abs(x.value)))
        return Dual(value, derivative: Core.sigmoid(x.value) * x.derivative)
    }

    /// max(a, b)' = a' if a >= b, else b' (a tie goes to the first argument, as `Node.maximum`).
    public static func maximum(_ a: Dual, _ b: Dual) -> Dual {
        a.value >= b.value ? a : b
    }
}

extension Dual: ExpressibleByIntegerLiteral, ExpressibleByFloatLiteral {
    /// A literal is a constant: derivative 0.
    public init(integerLiteral value: Int) { self.init(Double(value)) }
    public init(floatLiteral value: Double) { self.init(value) }
}
