// The worked part of the chapter: DL Padova "AutoDifferentiation", AD-1 (the cost
// C = y - max(0, w x + b) as a graph, its node table, its edges, erratum E-12) and AD-2 (the exercise
// graph of x^2/x + 1/x^2), each by reverse mode and by forward mode.

import AutoDiff
import Core

struct WorkedResults {
    var ad1Value = 0.0
    /// dz/dw, dz/dx, dz/db, dz/dy.
    var ad1Gradient: [Double] = []
    var ad2ValueAt2 = 0.0
    /// f'(1), f'(2), f'(-1).
    var ad2Derivatives: [Double] = []
}

func workedExamplesSection(options: ChapterOptions) throws -> WorkedResults {
    var results = WorkedResults()
    print("1. AD-1: C(y, w, x, b) = y − max(0, w·x + b) at y = 5, w = 2, x = 1, b = 1 (DL Padova \"AutoDifferentiation\")")
    let graph = AD1Graph()
    graph.z.backward()
    print("   The graph's nodes, with values from the forward sweep and gradients dz/d(node) from one backward sweep:")
    print("     node  expression    value  dz/d(node)")
    for node in graph.nodes {
        let expression = node.inputs.isEmpty ? AD1Graph.variableNames[node.label]! : node.expression
        print("     " + [pad(node.label, 4), pad(expression, 12), pad(shortNumber(node.value), 5), shortNumber(node.gradient)].joined(separator: "  "))
    }
    print("   z = w8 = \(shortNumber(graph.z.value)), as the notes' table.")
    print("   The edges hold the local derivatives (ERRATA E-12: the notes' table lists dw7/dw1 = w2 and dw7/dw2 = w1,")
    print("   which are whole paths, and leaves out dw7/dw6 and dw8/dw7, which its own product then uses):")
    for node in [graph.w5, graph.w6, graph.w7, graph.w8] {
        let edges = zip(node.inputs, node.localDerivatives).filter { !$0.0.isConstant }
        print("     " + edges.map { "d\(node.label)/d\($0.0.label) = \(shortNumber($0.1))" }.joined(separator: ",  "))
    }
    results.ad1Value = graph.z.value
    results.ad1Gradient = [graph.w1.gradient, graph.w2.gradient, graph.w3.gradient, graph.w4.gradient]
    let forward = Dual.gradient(of: { v in ad1Cost(y: v[3], w: v[0], x: v[1], b: v[2]) }, at: [2, 1, 1, 5])
    print("   Reverse mode (one backward sweep): dz/dw = \(shortNumber(graph.w1.gradient)), dz/dx = \(shortNumber(graph.w2.gradient)),"
          + " dz/db = \(shortNumber(graph.w3.gradient)), dz/dy = \(shortNumber(graph.w4.gradient)).")
    print("   Forward mode (four sweeps with dual numbers, one per input): " + forward.map { shortNumber($0) }.joined(separator: ", ") + ".")
    let thresholds = [-1.0, -0.5, -0.4999, 0, 1, 2].map { x -> String in
        let shifted = AD1Graph(x: x)
        shifted.z.backward()
        return "x = \(shortNumber(x)): \(shortNumber(shifted.w1.gradient))"
    }
    print("   dz/dw = -x [x > -b/w = -1/2], the notes' indicator (0 at the kink itself): " + thresholds.joined(separator: ", "))
    let ad1Path = try options.figurePath("ad1-graph.svg")
    try ComputationGraphFigure(root: graph.z, title: "AD-1: C = y − max(0, w·x + b) at y = 5, w = 2, x = 1, b = 1",
                               inputNames: AD1Graph.variableNames).write(to: ad1Path)
    print("   wrote \(ad1Path)\n")

    print("2. AD-2, the notes' exercise: the graph of f(x) = x²/x + 1/x² (w1 = x, w2 = w1², w3 = w2/w1, w4 = 1/w2, f = w3 + w4)")
    print("   x reaches f along three paths (through w2 then w3, through w3 directly, through w2 then w4); backward() adds them:")
    for x in [1.0, 2, -1] {
        let ad2 = AD2Graph(x: x)
        ad2.f.backward()
        let forwardDerivative = Dual.derivative(of: ad2Function, at: x)
        print("   x = \(pad(shortNumber(x), 2)): f = \(pad(shortNumber(ad2.f.value), 4)), f' = \(pad(shortNumber(ad2.w1.gradient), 5))"
              + " (forward mode \(shortNumber(forwardDerivative)), by hand 1 − 2/x³ = \(shortNumber(ad2DerivativeByHand(x))))")
        results.ad2Derivatives.append(ad2.w1.gradient)
        if x == 2 { results.ad2ValueAt2 = ad2.f.value }
    }
    let atTwo = AD2Graph(x: 2)
    atTwo.f.backward()
    let ad2Path = try options.figurePath("ad2-graph.svg")
    try ComputationGraphFigure(root: atTwo.f, title: "AD-2: f(x) = x²/x + 1/x² at x = 2", inputNames: ["w1": "x"]).write(to: ad2Path)
    let curvePath = try writeAD2Curves(options: options)
    print("   wrote \(ad2Path)\n   wrote \(curvePath)\n")
    return results
}

/// f and f' of AD-2 for x in [0.5, 3], f' by reverse mode.
func writeAD2Curves(options: ChapterOptions) throws -> String {
    let xs = (0...100).map { 0.5 + 2.5 * Double($0) / 100 }
    var plot = LinePlot(title: "AD-2: f(x) = x²/x + 1/x² and f'(x) by reverse mode", xLabel: "x", yLabel: "value")
    plot.add(x: xs, y: xs.map { ad2Function($0) }, name: "f(x)")
    plot.add(x: xs, y: xs.map { x -> Double in
        let graph = AD2Graph(x: x)
        graph.f.backward()
        return graph.w1.gradient
    }, name: "f'(x)")
    let path = try options.figurePath("ad2-function.svg")
    try plot.write(to: path)
    return path
}

/// `text` padded with spaces to `width` characters.
func pad(_ text: String, _ width: Int) -> String {
    text.count >= width ? text : text + String(repeating: " ", count: width - text.count)
}
