// The XOR part of the chapter: MLiS II Sec. 1.2.4 (Eq. (1.2.15), Eq. (1.2.16), Eq. (1.2.17), Fig. 1.2.5) and Sec. 1.3
// (Eq. (1.3.4), Eq. (1.3.5), Eq. (1.3.6), Eq. (1.3.7), Eq. (1.3.8), Eq. (1.3.9), Eq. (1.3.10), Eq. (1.3.11),
// Eq. (1.3.12), Eq. (1.3.13), Fig. 1.3.1), with errata E-30 and E-31.

import Core
import NeuralNetworks

struct XORResults {
    var handSetPredictions = ""
    var printedPredictions = ""
    var finalLoss: Float = 0
    var convergedSeeds = ""
    var notebookLossAtEpoch300: Float = 0
}

func xorSection(options: ChapterOptions) throws -> XORResults {
    var results = XORResults()
    print("1. XOR with a 2-2-1 network: y^ = w^T h + b, h = ReLU(W^T x + c)   (Eq. (1.2.15))")
    let handSet = XOR.handSetNetwork()
    let printed = XOR.handSetNetwork(outputWeights: Tensor(column: [1, 2]), outputBias: Tensor([[0]]))
    results.handSetPredictions = handSet(XOR.inputs).scalars.map { formatted($0, digits: 0) }.joined(separator: ",")
    results.printedPredictions = printed(XOR.inputs).scalars.map { formatted($0, digits: 0) }.joined(separator: ",")
    print("   Eq. (1.2.17) as printed, W = [[0, -1], [1, 1], [1, 1]] and w = (0, 1, 2): y^ = (\(results.printedPredictions)), not XOR;")
    print("   with w = (0, 1, -2), the sign the notes lost (ERRATA E-30): y^ = (\(results.handSetPredictions)), exactly y of Eq. (1.2.4).")
    let h = XOR.hiddenRepresentation(of: handSet)
    print("   The hidden layer maps the inputs (0,0), (0,1), (1,0), (1,1) to h = "
          + (0..<4).map { show(h.row($0), digits: 0) }.joined(separator: ", ") + ":")
    print("   both XOR-positive inputs land on (1, 0), and a line now separates the classes (Fig. 1.2.5).")
    print("   The network has \(handSet.trainableParameterCount) trainable parameters (Sec. 1.3: W 2x2, c 2, w 2, b 1).")
    try writeRepresentationFigure(handSet, title: "XOR in the hidden space of Eq. (1.2.17) (Fig. 1.2.5, right)",
                                  file: "fig-1.2.5-representation-hand-set.svg", options: options, inputSpace: true)

    print("\n   Learning it instead (Sec. 1.3): weights and biases from N(0, 0.1^2), plain gradient descent on the")
    print("   mean squared error, alpha = 0.1, all 4 examples per update. The output error is")
    print("   dJ/dy^ = (2/N)(y^ - y), which is the notes' (1/2)(y^ - y) of Eq. (1.3.11) only because N = 4 (E-31).")
    let notebook = notebookNetwork()
    let notebookRun = XOR.train(notebook, epochs: 500)
    results.notebookLossAtEpoch300 = notebookRun.loss[300]
    print("   From the course notebook's starting weights (MLP-3), the loss at epochs 0, 100, 200, 300, 400 is")
    print("   " + [0, 100, 200, 300, 400].map { formatted(notebookRun.loss[$0], digits: 7) }.joined(separator: ", ")
          + "   (WORKED-NUMBERS.md: 0.5523485, 0.2075927, 0.1128989, 0.0014813, 0.0000034)")

    var generator = Xoshiro256StarStar(seed: options.seed)
    let network = XOR.randomNetwork(generator: &generator)
    let epochs = 1000
    let run = XOR.train(network, epochs: epochs)
    results.finalLoss = MeanSquaredError().value(predicted: network(XOR.inputs), target: XOR.targets)
    print("   With seed \(options.seed): loss \(formatted(run.loss[0])) at epoch 0, \(results.finalLoss) after \(epochs) epochs;"
          + " y^ = \(show(network(XOR.inputs).scalars, digits: 3)).")
    print("   Learnt: " + zip(XOR.parameterNames, run.parameters.last!).map { "\($0) = \(formatted($1, digits: 3))" }.joined(separator: ", "))
    let converged = (UInt64(0)..<20).filter { seed in
        var generator = Xoshiro256StarStar(seed: seed)
        let candidate = XOR.randomNetwork(generator: &generator)
        _ = XOR.train(candidate, epochs: epochs)
        return MeanSquaredError().value(predicted: candidate(XOR.inputs), target: XOR.targets) < 1e-6
    }
    results.convergedSeeds = converged.map(String.init).joined(separator: ",")
    print("   As the notes warn, most starts end in a local minimum: of seeds 0-19, only \(results.convergedSeeds) reach the")
    print("   global minimum in \(epochs) epochs; the others stop at a loss of 1/4, 1/6 or 1/8 with dead hidden units.")
    try writeTrainingFigures(run: run, options: options)
    try writeRepresentationFigure(network, title: "XOR in the learnt hidden space, seed \(options.seed) (Fig. 1.2.5)",
                                  file: "fig-1.2.5-representation-learnt.svg", options: options, inputSpace: false)
    print("")
    return results
}

/// The course notebook's starting weights (WORKED-NUMBERS.md's MLP-3, the second draw of numpy seed 2).
func notebookNetwork() -> Network {
    Network([
        Dense(weights: Tensor([[0.22922080128149577, 0.004153939299840346], [-0.11179254451135168, 0.05390583205807889]]),
              bias: Tensor([[-0.09090076149268494, 0.05514540445464244]]), activation: .relu),
        Dense(weights: Tensor(column: [-0.0019130496521151477, 0.11750012195002911]), bias: Tensor([[-0.0596159699806467]]),
              activation: .linear),
    ])
}

/// Fig. 1.3.1: the loss and the 9 parameters against the epoch.
func writeTrainingFigures(run: (loss: [Float], parameters: [[Float]]), options: ChapterOptions) throws {
    var lossPlot = LinePlot(title: "XOR by back-propagation: loss (Fig. 1.3.1)", xLabel: "epoch", yLabel: "mean squared error", logY: true)
    lossPlot.add(series: run.loss, name: "J")
    let lossPath = try options.figurePath("fig-1.3.1-xor-loss.svg")
    try lossPlot.write(to: lossPath)
    var parameterPlot = LinePlot(title: "XOR by back-propagation: weights and biases (Fig. 1.3.1)", xLabel: "epoch", yLabel: "value")
    for (index, name) in XOR.parameterNames.enumerated() {
        parameterPlot.add(series: run.parameters.map { $0[index] }, name: name)
    }
    let parameterPath = try options.figurePath("fig-1.3.1-xor-parameters.svg")
    try parameterPlot.write(to: parameterPath)
    print("   wrote \(lossPath)\n      Fig. 1.3.1: the loss against the epoch")
    print("   wrote \(parameterPath)\n      Fig. 1.3.1: the nine weights and biases against the epoch")
}

/// Fig. 1.2.5: the XOR points in the input space (optionally) and in the hidden space h of `network`.
func writeRepresentationFigure(_ network: Network, title: String, file: String, options: ChapterOptions, inputSpace: Bool) throws {
    let labels = XOR.targets.scalars.map { Int($0) }
    if inputSpace {
        var original = ScatterPlot(title: "XOR in the input space (Fig. 1.2.5, left)", xLabel: "x1", yLabel: "x2",
                                   classNames: ["y = 0", "y = 1"])
        original.add(points: (0..<4).map { XOR.inputs.row($0) }, labels: labels)
        let path = try options.figurePath("fig-1.2.5-input-space.svg")
        try original.write(to: path)
        print("   wrote \(path)\n      Fig. 1.2.5 (left): XOR in the input space")
    }
    let h = XOR.hiddenRepresentation(of: network)
    var hidden = ScatterPlot(title: title, xLabel: "h1", yLabel: "h2", classNames: ["y = 0", "y = 1"])
    hidden.add(points: (0..<4).map { h.row($0) }, labels: labels)
    let path = try options.figurePath(file)
    try hidden.write(to: path)
    print("   wrote \(path)\n      Fig. 1.2.5 (right): XOR in the hidden space, " + (inputSpace ? "hand-set weights of Eq. (1.2.17)" : "learnt weights"))
}
