// The figures of MLiS II Sec. 1.1-1.5 that show a computation, drawn from the library's own code:
// Fig. 1.1.2 (the activation functions of Table 1.2 and their derivatives), Fig. 1.2.4 (the XOR
// input matrix propagated through Eq. (1.2.16), with E-30's w = (0, 1, -2)) and Fig. 1.5.1 (learning
// rates too small, about right and too large, Eq. (1.5.1), on a one-dimensional quadratic).

import Core
import NeuralNetworks

func notesFiguresSection(options: ChapterOptions) throws {
    print("6. Figures of the notes drawn by the library's own code (Figs. 1.1.2, 1.2.4, 1.5.1)")
    try activationFigures(options: options)
    try xorMatricesFigure(options: options)
    try learningRateFigures(options: options)
    print("")
}

/// The activations of Table 1.2 drawn in Fig. 1.1.2, each as the library evaluates it.
let figureActivations: [(name: String, activation: Activation)] = [
    ("sigmoid", .sigmoid), ("tanh", .tanh), ("ReLU", .relu), ("leaky ReLU (slope 0.1)", .leakyReLU(slope: 0.1)), ("ELU", .elu(alpha: 1)),
]

/// Fig. 1.1.2: Phi(z) of each activation on z in [-4, 4], and Phi'(z) beside it (Activation.value and .derivative).
func activationFigures(options: ChapterOptions) throws {
    let z = (0...160).map { -4 + Float($0) * 0.05 }
    var values = LinePlot(title: "Common activation functions Phi(z) (Fig. 1.1.2, Table 1.2)", xLabel: "z", yLabel: "Phi(z)")
    var derivatives = LinePlot(title: "Their derivatives dPhi/dz (beside Fig. 1.1.2; Table 1.2)", xLabel: "z", yLabel: "dPhi/dz")
    for (name, activation) in figureActivations {
        values.add(x: z, y: z.map(activation.value), name: name)
        derivatives.add(x: z, y: z.map(activation.derivative), name: name)
    }
    let valuesPath = try options.figurePath("fig-1.1.2-activations.svg")
    let derivativesPath = try options.figurePath("fig-1.1.2-derivatives.svg")
    try values.write(to: valuesPath)
    try derivatives.write(to: derivativesPath)
    print("   At z = 1: " + figureActivations.map { "\($0.name) \(formatted($0.activation.value(1), digits: 4))" }.joined(separator: ", "))
    print("   wrote \(valuesPath)\n      Fig. 1.1.2: sigmoid, tanh, ReLU, leaky ReLU and ELU against z")
    print("   wrote \(derivativesPath)\n      Fig. 1.1.2 (beside it): their derivatives, the factor Phi'(z) of Eq. (1.3.4)")
}

/// [1 | A]: the column of ones that absorbs a bias into the weights (Eq. (1.2.16)).
func withOnesColumn(_ matrix: Tensor) -> Tensor {
    Tensor((0..<matrix.rows).map { [1] + matrix.row($0) })
}

/// The rows of a matrix as Doubles, for a NumberGrid.
func gridRows(_ matrix: Tensor) -> [[Double]] {
    (0..<matrix.rows).map { matrix.row($0).map(Double.init) }
}

/// Fig. 1.2.4: X (with its ones column) times W gives XW, then ReLU, a ones column again, times w gives Y^.
/// W's first row is the hidden bias c, w's first entry the output bias b; w = (0, 1, -2) by E-30.
func xorMatricesFigure(options: ChapterOptions) throws {
    let x = withOnesColumn(XOR.inputs)
    let hiddenWeights = Tensor([XOR.handSetHiddenBias.row(0)] + (0..<2).map { XOR.handSetHiddenWeights.row($0) })
    let outputWeights = Tensor(column: XOR.handSetOutputBias.scalars + XOR.handSetOutputWeights.scalars)
    let preActivation = matmul(x, hiddenWeights)
    let hidden = withOnesColumn(Activation.relu.apply(preActivation))
    let output = matmul(hidden, outputWeights)
    require(output.scalars == XOR.handSetNetwork()(XOR.inputs).scalars, "Fig. 1.2.4: the matrices disagree with the network's forward pass")
    var grid = NumberGrid(title: "The XOR batch through Y^ = ReLU(XW) w, Eq. (1.2.16) (Fig. 1.2.4; w as in E-30)")
    grid.add("X (4 x 3)", gridRows(x), tint: .blue)
    grid.add(symbol: "x")
    grid.add("W (3 x 2; row 1 is c)", gridRows(hiddenWeights), tint: .grey)
    grid.add(symbol: "=")
    grid.add("XW (4 x 2)", gridRows(preActivation), tint: .orange)
    grid.add(symbol: "->")
    grid.add("[1 | ReLU(XW)] (4 x 3)", gridRows(hidden), tint: .orange)
    grid.add(symbol: "x")
    grid.add("w (3 x 1; row 1 is b)", gridRows(outputWeights), tint: .grey)
    grid.add(symbol: "=")
    grid.add("Y^ (4 x 1)", gridRows(output), tint: .green)
    let path = try options.figurePath("fig-1.2.4-xor-matrices.svg")
    try grid.write(to: path)
    print("   Eq. (1.2.16) as matrices: XW = [" + gridRows(preActivation).map { "[" + $0.map { formatted($0, digits: 0) }.joined(separator: ", ") + "]" }.joined(separator: ", ") + "], "
          + "Y^ = (\(output.scalars.map { formatted($0, digits: 0) }.joined(separator: ", ")))")
    print("   wrote \(path)\n      Fig. 1.2.4: the 4-example batch keeps its 4 rows through the network; the weights' sizes depend only on the layers")
}

/// Gradient descent on J(x) = x^2 from x = 1 with the library's SGD (Eq. (1.5.1)): the visited x.
func quadraticDescent(learningRate: Float, steps: Int) -> [Float] {
    let x = Parameter("x", value: Tensor([[1]]))
    var optimiser = SGD(learningRate: learningRate)
    var visited = [x.value.scalars[0]]
    for _ in 0..<steps {
        x.gradient = 2 * x.value   // dJ/dx = 2x
        optimiser.update([x])
        visited.append(x.value.scalars[0])
    }
    return visited
}

/// Fig. 1.5.1: three panels, alpha = 0.1 (too small), 0.45 (about right) and 1.05 (too large; |1 - 2 alpha| > 1 diverges).
func learningRateFigures(options: ChapterOptions) throws {
    for (tag, rate) in [("too-small", Float(0.1)), ("about-right", 0.45), ("too-large", 1.05)] {
        let visited = quadraticDescent(learningRate: rate, steps: 8)
        let reach = max(1.5, visited.map(abs).max()!)
        let curve = (0...120).map { -reach + Float($0) * reach / 60 }
        var plot = LinePlot(title: "Learning rate \(tag.replacingOccurrences(of: "-", with: " ")): alpha = \(rate) on J(x) = x^2 (Fig. 1.5.1)",
                            xLabel: "x", yLabel: "J(x)")
        plot.add(x: curve, y: curve.map { $0 * $0 }, name: "J(x) = x^2")
        plot.add(x: visited, y: visited.map { $0 * $0 }, name: "8 steps from x = 1")
        let path = try options.figurePath("fig-1.5.1-learning-rate-\(tag).svg")
        try plot.write(to: path)
        print("   alpha = \(rate): x after 8 steps = \(formatted(visited.last!, digits: 4)) (each step multiplies x by 1 - 2 alpha = \(formatted(1 - 2 * rate, digits: 2)))")
        print("   wrote \(path)\n      Fig. 1.5.1 (\(tag.replacingOccurrences(of: "-", with: " "))): the steps of Eq. (1.5.1) on the quadratic")
    }
}
