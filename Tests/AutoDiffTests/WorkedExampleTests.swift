// Tests of the worked examples of DL Padova "AutoDifferentiation": AD-1 (C = y - max(0, w x + b)
// at y = 5, w = 2, x = 1, b = 1), AD-2 (f(x) = x^2/x + 1/x^2) and erratum E-12 (the edge table).

import Testing
import Core
import AutoDiff

@Suite("Worked examples of DL Padova \"AutoDifferentiation\" (AD-1, AD-2, E-12)")
struct WorkedExampleTests {
    @Test("AD-1: node values w1..w4 = (2, 1, 1, 5), w5..w8 = (2, 3, 3, 2) and z = 2, as the notes' table")
    func ad1NodeValues() {
        let graph = AD1Graph()
        #expect(graph.nodes.map(\.value) == [2, 1, 1, 5, 2, 3, 3, 2])
        #expect(graph.z.value == 2)
        #expect(ad1Cost(y: 5.0, w: 2, x: 1, b: 1) == 2)
        #expect(graph.nodes.map(\.label) == ["w1", "w2", "w3", "w4", "w5", "w6", "w7", "w8"])
        #expect([graph.w5, graph.w6, graph.w7, graph.w8].map(\.expression) == ["w1 × w2", "w5 + w3", "max(0, w6)", "w4 − w7"])
    }

    @Test("AD-1: dz/dw = -1, and the derived dz/dx = -2, dz/db = -1, dz/dy = 1 by reverse mode")
    func ad1Gradients() {
        let graph = AD1Graph()
        graph.z.backward()
        #expect(graph.w1.gradient == -1)     // dz/dw = -x
        #expect(graph.w2.gradient == -2)     // dz/dx = -w
        #expect(graph.w3.gradient == -1)     // dz/db
        #expect(graph.w4.gradient == 1)      // dz/dy
        #expect([graph.w5, graph.w6, graph.w7, graph.w8].map(\.gradient) == [-1, -1, -1, 1])
    }

    @Test("AD-1: forward mode (one pass per input) and central differences give the same four derivatives")
    func ad1BothModes() {
        let point = [5.0, 2, 1, 1]   // y, w, x, b
        let forward = Dual.gradient(of: { v in ad1Cost(y: v[0], w: v[1], x: v[2], b: v[3]) }, at: point)
        #expect(forward == [1, -1, -2, -1])
        let numerical = GradientCheck.numericalGradient(at: point) { v in ad1Cost(y: v[0], w: v[1], x: v[2], b: v[3]) }
        #expect(GradientCheck.maximumError(numerical, forward) < finiteDifferenceTolerance)
    }

    @Test("AD-1: the indicator threshold x > -b/w = -1/2: dz/dw = -x above it, 0 at and below it (the notes' case x <= -1/2)")
    func ad1IndicatorThreshold() {
        for x in [-0.4999, -0.2, 0.5, 1, 3] {
            let graph = AD1Graph(x: x)
            graph.z.backward()
            #expect(isApproximatelyEqual(graph.w1.gradient, -x, absoluteTolerance: exactTolerance), "x = \(x)")
        }
        for x in [-0.5, -0.5001, -1, -4] {
            let graph = AD1Graph(x: x)
            graph.z.backward()
            #expect(graph.w1.gradient == 0, "x = \(x)")
            #expect(graph.w4.gradient == 1, "x = \(x)")
        }
        // The threshold moves with b and w: x > -b/w = -3/2 for w = 2, b = 3.
        let shifted = AD1Graph(w: 2, x: -1.4, b: 3)
        shifted.z.backward()
        #expect(isApproximatelyEqual(shifted.w1.gradient, 1.4, absoluteTolerance: exactTolerance))
    }

    @Test("E-12: the graph's edges are dw5/dw1 = w2, dw5/dw2 = w1, dw6/dw5 = dw6/dw3 = 1, dw7/dw6 = [w6 > 0], dw8/dw4 = 1, dw8/dw7 = -1")
    func e12EdgeTable() {
        let graph = AD1Graph()
        #expect(graph.w5.inputs.map(\.label) == ["w1", "w2"] && graph.w5.localDerivatives == [1, 2])   // (w2, w1)
        #expect(graph.w6.inputs.map(\.label) == ["w5", "w3"] && graph.w6.localDerivatives == [1, 1])
        // max(0, w6): the constant 0 is an input too, but it takes nothing at w6 = 3 > 0.
        #expect(graph.w7.inputs[1] === graph.w6 && graph.w7.localDerivatives == [0, 1])
        #expect(graph.w8.inputs.map(\.label) == ["w4", "w7"] && graph.w8.localDerivatives == [1, -1])
        // The notes' "dw7/dw1 = w2" is not an edge but the path w1 -> w5 -> w6 -> w7, the product of three edges.
        let path = graph.w5.localDerivatives[0] * graph.w6.localDerivatives[0] * graph.w7.localDerivatives[1]
        #expect(path == graph.w2.value)
        // And the notes' product dz/dw1 = 1 x (-1) x 1 x 1 x w2 = -1 uses the edges the table leaves out.
        #expect(1 * graph.w8.localDerivatives[1] * graph.w7.localDerivatives[1] * graph.w6.localDerivatives[0]
                * graph.w5.localDerivatives[0] == -1)
    }

    @Test("AD-2: f(x) = x^2/x + 1/x^2 and f'(x) at x = 1 (2, -1), x = 2 (2.25, 0.75), x = -1 (0, 3), by both modes")
    func ad2Values() {
        for (x, f, derivative) in [(1.0, 2.0, -1.0), (2, 2.25, 0.75), (-1, 0, 3)] {
            let graph = AD2Graph(x: x)
            graph.f.backward()
            #expect(graph.f.value == f, "x = \(x)")
            #expect(graph.w1.gradient == derivative, "reverse mode, x = \(x)")
            #expect(Dual.derivative(of: ad2Function, at: x) == derivative, "forward mode, x = \(x)")
            #expect(ad2Function(x) == f)
            #expect(ad2DerivativeByHand(x) == derivative)
        }
    }

    @Test("AD-2: x reaches f along three paths; their edge products add up to f'(2) = 0.75 (seed 12 for the random points)")
    func ad2Paths() {
        let graph = AD2Graph(x: 2)
        graph.f.backward()
        // w1 feeds w2 and w3; w2 feeds w3 and w4: every node above w1 is used once, w1 and w2 twice.
        #expect(graph.w2.inputs.map { $0 === graph.w1 } == [true])
        #expect(graph.w3.inputs[0] === graph.w2 && graph.w3.inputs[1] === graph.w1)
        #expect(graph.w4.inputs[1] === graph.w2)
        let (d2d1, d3d2, d3d1, d4d2) = (graph.w2.localDerivatives[0], graph.w3.localDerivatives[0],
                                        graph.w3.localDerivatives[1], graph.w4.localDerivatives[1])
        let paths = [d2d1 * d3d2, d3d1, d2d1 * d4d2]   // w1->w2->w3->w5, w1->w3->w5, w1->w2->w4->w5
        #expect(paths == [2, -1, -0.25])
        #expect(paths.reduce(0, +) == graph.w1.gradient)
        var generator = Xoshiro256StarStar(seed: 12)
        for _ in 0..<20 {
            let x = (generator.uniformDouble() * 4 + 0.25) * (generator.uniformDouble() < 0.5 ? -1 : 1)
            let random = AD2Graph(x: x)
            random.f.backward()
            #expect(isApproximatelyEqual(random.w1.gradient, ad2DerivativeByHand(x), relativeTolerance: exactTolerance), "x = \(x)")
            #expect(isApproximatelyEqual(Dual.derivative(of: ad2Function, at: x), random.w1.gradient, relativeTolerance: exactTolerance))
        }
    }
}
