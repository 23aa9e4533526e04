// Tests of the scalar engine itself: every derivative rule against central differences in Double,
// reverse mode against forward mode, the kinks and extremes, a node used twice, backward called
// twice, and the topological order.

import Foundation
import Testing
import Core
import AutoDiff

@Suite("The scalar engine: rules, both modes, kinks, reuse, order")
struct EngineTests {
    /// Every unary operation: its name, the function written plainly in Double, the engine's node,
    /// the dual-number rule, and whether it needs a positive input.
    static var unaryRules: [(name: String, plain: (Double) -> Double, reverse: (Node) -> Node, forward: (Dual) -> Dual, positive: Bool)] { [
        ("negate", { -$0 }, { -$0 }, { -$0 }, false),
        ("pow 3", { pow($0, 3) }, { Node.pow($0, 3) }, { Dual.pow($0, 3) }, false),
        ("pow -1.5", { pow($0, -1.5) }, { Node.pow($0, -1.5) }, { Dual.pow($0, -1.5) }, true),
        ("exp", { exp($0) }, { Node.exp($0) }, { Dual.exp($0) }, false),
        ("log", { log($0) }, { Node.log($0) }, { Dual.log($0) }, true),
        ("tanh", { tanh($0) }, { Node.tanh($0) }, { Dual.tanh($0) }, false),
        ("sigmoid", { 1 / (1 + exp(-$0)) }, { Node.sigmoid($0) }, { Dual.sigmoid($0) }, false),
        ("relu", { max(0, $0) }, { Node.relu($0) }, { Dual.relu($0) }, false),
        ("softplus", { log(1 + exp($0)) }, { Node.softplus($0) }, { Dual.softplus($0) }, false),
    ] }

    @Test("Each unary rule: value as written in Double, derivative = central difference = forward mode, 50 random points (seed 1)")
    func unaryRulesMatchFiniteDifferences() {
        var generator = Xoshiro256StarStar(seed: 1)
        for rule in Self.unaryRules {
            for _ in 0..<50 {
                let x = rule.positive ? 0.2 + 2.8 * generator.uniformDouble() : 4 * generator.uniformDouble() - 2
                if rule.name == "relu" && abs(x) < 1e-3 { continue }           // the kink has its own test
                let input = Node(x)
                let output = rule.reverse(input)
                output.backward()
                #expect(isApproximatelyEqual(output.value, rule.plain(x), relativeTolerance: 1e-14, absoluteTolerance: 1e-15),
                        "\(rule.name)(\(x))")
                let numerical = GradientCheck.numericalGradient(at: [x]) { rule.plain($0[0]) }
                #expect(GradientCheck.maximumError([input.gradient], numerical) < finiteDifferenceTolerance, "\(rule.name)'(\(x))")
                #expect(isApproximatelyEqual(Dual.derivative(of: rule.forward, at: x), input.gradient, relativeTolerance: exactTolerance,
                                             absoluteTolerance: exactTolerance), "\(rule.name): forward mode at \(x)")
            }
        }
    }

    @Test("Each binary rule (+, -, ×, /, max) and sum: both partial derivatives against central differences (seed 2)")
    func binaryRulesMatchFiniteDifferences() {
        let rules: [(String, ([Double]) -> Double, (Node, Node) -> Node)] = [
            ("+", { $0[0] + $0[1] }, { $0 + $1 }), ("-", { $0[0] - $0[1] }, { $0 - $1 }),
            ("×", { $0[0] * $0[1] }, { $0 * $1 }), ("/", { $0[0] / $0[1] }, { $0 / $1 }),
            ("max", { max($0[0], $0[1]) }, { Node.maximum($0, $1) }),
            ("sum", { $0[0] + $0[1] + $0[0] }, { Node.sum([$0, $1, $0]) }),
        ]
        var generator = Xoshiro256StarStar(seed: 2)
        for (name, plain, reverse) in rules {
            for _ in 0..<50 {
                let point = [4 * generator.uniformDouble() - 2, 4 * generator.uniformDouble() - 2]
                if name == "/" && abs(point[1]) < 0.2 { continue }
                if name == "max" && abs(point[0] - point[1]) < 1e-3 { continue }
                let (a, b) = (Node(point[0]), Node(point[1]))
                let output = reverse(a, b)
                output.backward()
                #expect(output.value == plain(point), "\(name) at \(point)")
                let numerical = GradientCheck.numericalGradient(at: point, plain)
                #expect(GradientCheck.maximumError([a.gradient, b.gradient], numerical) < finiteDifferenceTolerance, "\(name) at \(point)")
            }
        }
    }

    @Test("One expression with every smooth rule: reverse mode = forward mode (to rounding) = central differences, 30 points (seed 3)")
    func reverseEqualsForwardOnComposites() {
        var generator = Xoshiro256StarStar(seed: 3)
        for _ in 0..<30 {
            var point = (0..<3).map { _ in 3.6 * generator.uniformDouble() - 1.8 }
            if abs(point[2]) < 0.3 { point[2] = 0.3 }
            let (value, reverse) = reverseGradient(smoothExpression, at: point)
            let forward = Dual.gradient(of: { v in smoothExpression(v[0], v[1], v[2]) }, at: point)
            let numerical = GradientCheck.numericalGradient(at: point) { v in smoothExpression(v[0], v[1], v[2]) }
            #expect(value == smoothExpression(point[0], point[1], point[2]))
            #expect(isApproximatelyEqual(reverse, forward, relativeTolerance: 1e-13, absoluteTolerance: 1e-14), "at \(point)")
            #expect(GradientCheck.maximumError(reverse, numerical) < finiteDifferenceTolerance, "at \(point)")
            let piecewise = reverseGradient(piecewiseExpression, at: point).gradient
            #expect(piecewise == Dual.gradient(of: { v in piecewiseExpression(v[0], v[1], v[2]) }, at: point), "at \(point)")
        }
    }

    @Test("Kinks: ReLU'(0) = 0 and max(0, 0) passes nothing to its second input, both as the AD-1 indicator; a max tie goes to the first input")
    func kinks() {
        let x = Node(0)
        let relu = Node.relu(x)
        relu.backward()
        #expect(relu.value == 0 && x.gradient == 0)
        #expect(Dual.derivative(of: { Dual.relu($0) }, at: 0) == 0)
        let (a, b) = (Node(1.5), Node(1.5))
        let largest = Node.maximum(a, b)
        largest.backward()
        #expect(largest.value == 1.5 && a.gradient == 1 && b.gradient == 0)
        let y = Node(0)
        let clipped = Node.maximum(0, y)
        clipped.backward()
        #expect(y.gradient == 0)
        #expect(Dual.derivative(of: { Dual.maximum(0, $0) }, at: 0) == 0)
    }

    @Test("Extremes: sigmoid and softplus at +-1000 are finite with derivatives 1 or 0; tanh saturates to derivative 0; exp(1000) is +inf, not NaN")
    func extremes() {
        for (x, sigmoid, softplus, derivative) in [(1000.0, 1.0, 1000.0, 1.0), (-1000, 0, 0, 0)] {
            let input = Node(x)
            let s = Node.sigmoid(input), p = Node.softplus(input)
            #expect(s.value == sigmoid && p.value == softplus, "x = \(x)")
            p.backward()
            #expect(input.gradient == derivative, "softplus'(\(x))")
            s.backward()
            #expect(input.gradient == 0, "sigmoid'(\(x)) underflows to 0")
            #expect(Dual.softplus(Dual.variable(x)) == Dual(softplus, derivative: derivative))
        }
        let t = Node(-1000)
        let saturated = Node.tanh(t)
        saturated.backward()
        #expect(saturated.value == -1 && t.gradient == 0)
        let huge = Node.exp(Node(1000))
        #expect(huge.value == .infinity && !huge.localDerivatives[0].isNaN)
    }

    @Test("Literals are constant nodes: x * 2, 1 / x and max(0, x) keep x's gradient right and label the constant by its value")
    func literalsAreConstants() {
        let x = Node(4, label: "x")
        let y = x * 2 + 1 / x
        y.backward()
        #expect(y.value == 8.25 && x.gradient == 2 - 1.0 / 16)
        let two = y.inputs[0].inputs[1]
        #expect(two.isConstant && two.label == "2" && two.value == 2)
        #expect(y.inputs[0].expression == "x × 2")
    }
}
