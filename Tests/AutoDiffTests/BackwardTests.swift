// Tests of how backward() walks the graph: a node used twice gets both contributions, calling
// backward() twice is defined (the same gradients), the topological order lists each node once
// after its inputs, a long chain does not overflow the stack, and a new node type needs only its
// value and local derivatives.

import Foundation
import Testing
import Core
import AutoDiff

@Suite("backward(): accumulation, repetition, topological order")
struct BackwardTests {
    @Test("A node used twice gets both contributions: d(x x)/dx = 2x, d(x + x + x)/dx = 3, and y = a b + a gives dy/da = b + 1")
    func reuseAccumulates() {
        let x = Node(3)
        let square = x * x
        square.backward()
        #expect(x.gradient == 6)
        let thrice = x + x + x
        thrice.backward()
        #expect(x.gradient == 3)
        let (a, b) = (Node(2), Node(-5))
        let y = a * b + a
        y.backward()
        #expect(a.gradient == -4 && b.gradient == 2)
    }

    @Test("Calling backward() twice gives the same gradients, not twice them; a second root over the same leaves overwrites them")
    func backwardTwice() {
        let (w, x) = (Node(2), Node(-3))
        let z = Node.tanh(w * x) + w * w
        z.backward()
        let first = [w.gradient, x.gradient, z.gradient]
        z.backward()
        #expect([w.gradient, x.gradient, z.gradient] == first)
        let other = w * 10
        other.backward()
        #expect(w.gradient == 10)
    }

    @Test("The topological order lists each node once, after all its inputs, and ends with the root; a diamond shares its bottom")
    func topologicalOrder() {
        let graph = AD1Graph()
        let order = graph.z.topologicalOrder()
        #expect(order.last === graph.z)
        #expect(order.count == 9)                 // w1...w8 and the constant 0
        for (index, node) in order.enumerated() {
            for input in node.inputs {
                let inputIndex = order.firstIndex { $0 === input }
                #expect(inputIndex != nil && inputIndex! < index, "\(node.label) before its input")
            }
        }
        let bottom = Node(1)
        let (left, right) = (Node.exp(bottom), Node.tanh(bottom))
        let top = left * right
        let diamond = top.topologicalOrder()
        #expect(diamond.count == 4 && diamond.first === bottom && diamond.last === top)
    }

    @Test("A chain of 100,000 additions: no stack overflow, and dz/dx = 100,000")
    func longChain() {
        let x = Node(0.5)
        var z = x
        for _ in 0..<99_999 { z = z + x }
        z.backward()
        #expect(x.gradient == 100_000)
        #expect(z.value == 50_000)
    }

    @Test("A new node type from its value and local derivative alone: cube(x) = x^3 with 3x^2 matches central differences")
    func customNode() {
        func cube(_ x: Node) -> Node {
            Node(value: x.value * x.value * x.value, operation: .custom("cube"), inputs: [x], localDerivatives: [3 * x.value * x.value])
        }
        var generator = Xoshiro256StarStar(seed: 5)
        for _ in 0..<10 {
            let value = 4 * generator.uniformDouble() - 2
            let x = Node(value, label: "x")
            let y = cube(x) * Node.sigmoid(x)
            y.backward()
            let numerical = GradientCheck.numericalGradient(at: [value]) { v in v[0] * v[0] * v[0] / (1 + Foundation.exp(-v[0])) }
            #expect(GradientCheck.maximumError([x.gradient], numerical) < finiteDifferenceTolerance, "x = \(value)")
            #expect(y.inputs[0].expression == "cube(x)")
        }
    }
}
