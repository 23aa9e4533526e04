// The learner part of the chapter: an MLP whose every weight is a scalar Node, trained by full-batch
// gradient descent (MLiS II Eq. (1.3.13)) with gradients from backward(), on XOR (Eq. (1.2.4)) and on
// two half-moons, as micrograd does; then the same network on tensors (Dense), from the same starting
// weights, to see what batching buys.

import AutoDiff
import Core

struct LearnerResults {
    var xorAccuracy = 0.0
    var moonsTrainAccuracy = 0.0
    var moonsTestAccuracy = 0.0
    var scalarMillisecondsPerStep = 0.0
    var tensorMillisecondsPerStep = 0.0
}

func learnerSection(options: ChapterOptions) throws -> LearnerResults {
    var results = LearnerResults()
    print("4. A complete learner on scalar nodes: every weight a Node, dJ/dW from backward(), W <- W - alpha dJ/dW, Eq. (1.3.13)")
    var generator = Xoshiro256StarStar(seed: options.seed)
    let xor = ScalarNetwork(sizes: [2, 4, 1], hidden: .tanh, output: .linear, generator: &generator)
    let xorLosses = xor.train(ToyData.xorInputs, labels: ToyData.xorLabels, loss: .binaryCrossEntropy, epochs: 200, learningRate: 0.5)
    results.xorAccuracy = xor.accuracy(ToyData.xorInputs, labels: ToyData.xorLabels, loss: .binaryCrossEntropy)
    print("   XOR, a 2-4-1 tanh network (\(xor.parameters.count) parameter nodes), BCE on the output logit, 200 steps of alpha = 0.5:")
    print("   loss \(formatted(xorLosses[0])) -> \(formatted(xorLosses.last!)), accuracy \(formatted(results.xorAccuracy * 100, digits: 0)) %,"
          + " sigma(y^) = (" + ToyData.xorInputs.map { formatted(sigmoid(xor.predict($0)[0]), digits: 3) }.joined(separator: ", ") + ")")
    let xorPath = try writeDecisionMap(xor, points: ToyData.xorInputs, labels: ToyData.xorLabels, range: -0.5...1.5,
                                       title: "XOR learnt by the scalar engine (2-4-1 tanh)", file: "xor-scalar-engine.svg", options: options)
    print("   wrote \(xorPath)\n")

    let train = ToyData.moons(count: 100, noise: 0.1, generator: &generator)
    let test = ToyData.moons(count: 500, noise: 0.1, generator: &generator)
    let moons = ScalarNetwork(sizes: [2, 16, 16, 1], hidden: .tanh, output: .linear, generator: &generator)
    let tensorVersion = TensorNetwork(copying: moons)
    let nodesPerStep = moons.loss(train.points, targets: train.labels.map(Double.init), .binaryCrossEntropy).topologicalOrder().count
    print("   Two half-moons: 100 training points (noise 0.1), a 2-16-16-1 tanh network with \(moons.parameters.count) parameter nodes;")
    print("   one full-batch step builds and walks \(nodesPerStep) nodes. \(options.epochs) steps of alpha = \(options.learningRate):")
    var progress = ProgressLine(total: options.epochs, label: "   step")
    let start = ContinuousClock.now
    let losses = moons.train(train.points, labels: train.labels, loss: .binaryCrossEntropy, epochs: options.epochs,
                             learningRate: Double(options.learningRate)) { step, loss in
        progress.update(step, message: "loss \(formatted(loss))")
    }
    let scalarSeconds = seconds(ContinuousClock.now - start)
    progress.finish()
    results.moonsTrainAccuracy = moons.accuracy(train.points, labels: train.labels, loss: .binaryCrossEntropy)
    results.moonsTestAccuracy = moons.accuracy(test.points, labels: test.labels, loss: .binaryCrossEntropy)
    print("   loss \(formatted(losses[0])) -> \(formatted(losses.last!)); accuracy \(formatted(results.moonsTrainAccuracy * 100, digits: 1)) % on the"
          + " training points, \(formatted(results.moonsTestAccuracy * 100, digits: 1)) % on 500 new ones")

    let (inputs, targets) = (Tensor(train.points.map { $0.map(Float.init) }), Tensor(column: train.labels.map(Float.init)))
    let tensorStart = ContinuousClock.now
    let tensorLosses = (0..<options.epochs).map { _ in
        tensorVersion.gradientDescentStep(inputs, targets: targets, learningRate: options.learningRate)
    }
    let tensorSeconds = seconds(ContinuousClock.now - tensorStart)
    results.scalarMillisecondsPerStep = 1000 * scalarSeconds / Double(options.epochs)
    results.tensorMillisecondsPerStep = 1000 * tensorSeconds / Double(options.epochs)
    print("\n5. Why libraries batch: the same network on tensors (three Dense layers, Float, GEMM from Core), the same starting")
    print("   weights and steps. Its loss follows the scalar engine's: \(formatted(tensorLosses.last!)) against \(formatted(losses.last!)) after"
          + " \(options.epochs) steps.")
    print("   time per step: scalar engine \(formatted(results.scalarMillisecondsPerStep, digits: 3)) ms, tensors"
          + " \(formatted(results.tensorMillisecondsPerStep, digits: 4)) ms: \(formatted(scalarSeconds / tensorSeconds, digits: 0)) times faster.")
    print("   The scalar engine allocates a node, two small arrays and a hash-set entry for each of its \(nodesPerStep) nodes every step;")
    print("   the tensor version does three matrix products each way over the whole batch, in a few contiguous arrays.")

    let moonsPath = try writeDecisionMap(moons, points: train.points, labels: train.labels, range: -1.6...2.6,
                                         title: "Two moons learnt by the scalar engine (2-16-16-1 tanh)", file: "moons-scalar-engine.svg",
                                         options: options)
    var curves = LinePlot(title: "Moons: training loss, scalar engine and tensors", xLabel: "step", yLabel: "mean BCE")
    curves.add(x: (1...losses.count).map(Double.init), y: losses, name: "scalar engine (Double)")
    curves.add(x: (1...tensorLosses.count).map(Double.init), y: tensorLosses, name: "Dense on tensors (Float)")
    let curvePath = try options.figurePath("moons-loss.svg")
    try curves.write(to: curvePath)
    print("   wrote \(moonsPath)\n   wrote \(curvePath)")
    return results
}

/// P(y = 1 | x) = sigma(network output) over a square, with the points on top.
func writeDecisionMap(_ network: ScalarNetwork, points: [[Double]], labels: [Int], range: ClosedRange<Double>, title: String,
                      file: String, options: ChapterOptions) throws -> String {
    var map = ValueMap(title: title, xLabel: "x1", yLabel: "x2", xRange: range, yRange: range, resolution: 50,
                       valueRange: 0...1, colourBarLabel: "P(y = 1 | x)") { x1, x2 in sigmoid(network.predict([x1, x2])[0]) }
    map.add(points: points, labels: labels)
    let path = try options.figurePath(file)
    try map.write(to: path)
    return path
}

func seconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) + Double(duration.components.attoseconds) * 1e-18
}
