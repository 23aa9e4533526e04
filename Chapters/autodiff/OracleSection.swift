// The oracle part of the chapter: the scalar engine computes, weight by weight, the gradients that
// NeuralNetworks' Dense computes with matrices (the four equations of MLiS II Sec. 1.3), on the
// first step of the XOR network MLP-3 and on one step of softmax + cross-entropy. The library's loss types are not
// used: dJ/dY^ is written out here, (2/N)(Y^ - Y) and (softmax - Y)/N.

import AutoDiff
import Core
import Foundation
import NeuralNetworks

struct OracleResults {
    var mlp3Difference = 0.0
    var softmaxDifference = 0.0
}

func oracleSection() -> OracleResults {
    print("3. The engine as a third gradient oracle for Dense (besides central differences and the notes' numbers)")
    var results = OracleResults()
    results.mlp3Difference = mlp3Comparison()
    results.softmaxDifference = softmaxComparison()
    print("")
    return results
}

/// The first MLP-3 step: the XOR 2-2-1 ReLU network from the course notebook's weights, MSE.
func mlp3Comparison() -> Double {
    let hiddenWeights: [[Float]] = [[0.22922080128149577, 0.004153939299840346], [-0.11179254451135168, 0.05390583205807889]]
    let hiddenBias: [Float] = [-0.09090076149268494, 0.05514540445464244]
    let outputWeights: [[Float]] = [[-0.0019130496521151477], [0.11750012195002911]]
    let outputBias: [Float] = [-0.0596159699806467]
    let hidden = Dense(weights: Tensor(hiddenWeights), bias: Tensor([hiddenBias]), activation: .relu)
    let output = Dense(weights: Tensor(outputWeights), bias: Tensor([outputBias]), activation: .linear)
    let targets = ToyData.xorLabels.map(Double.init)
    let predicted = output.forward(hidden.forward(Tensor(ToyData.xorInputs.map { $0.map(Float.init) })))
    let outputGradient = (2 / Float(4)) * (predicted - Tensor(column: targets.map(Float.init)))   // (2/N)(Y^ - Y)
    _ = hidden.backward(output.backward(outputGradient))
    let library = [hidden.weights.gradient, hidden.bias.gradient, output.weights.gradient, output.bias.gradient].flatMap(\.doubles)

    let network = ScalarNetwork([
        ScalarLayer(weights: doubles(hiddenWeights), biases: hiddenBias.map(Double.init), activation: .relu),
        ScalarLayer(weights: doubles(outputWeights), biases: outputBias.map(Double.init), activation: .linear),
    ])
    let loss = network.loss(ToyData.xorInputs, targets: targets, .meanSquaredError)
    loss.backward()
    let engine = network.parameters.map(\.gradient)
    let difference = zip(engine, library).map { abs($0 - $1) }.max() ?? 0
    print("   MLP-3, the XOR network's first step (MLiS II Sec. 1.3) from the course notebook's weights, J = (1/N) sum (y^ - y)^2:")
    print("   J = \(formatted(exactNotebookLoss(), digits: 10)) on the scalar engine from the notebook's Double weights (WORKED-NUMBERS.md: 0.5523485297),")
    print("   \(formatted(loss.value, digits: 10)) from the same weights rounded to Float, as Dense holds them; the gradients from the latter:")
    print("     parameter  engine (Double)   Dense (Float)")
    let names = network.parameters.map(\.label).enumerated().map { $0.offset < 6 ? "hidden " + $0.element : "output " + $0.element }
    for (name, (a, b)) in zip(names, zip(engine, library)) {
        print("     \(pad(name, 10)) \(pad(String(format: "% .10f", a), 16))  \(String(format: "% .10f", b))")
    }
    print("     largest difference \(scientific(difference)) (Float's rounding; the engine built \(loss.topologicalOrder().count) nodes)")
    return difference
}

/// J of MLP-3 at epoch 0 with the notebook's weights in full Double precision.
func exactNotebookLoss() -> Double {
    let network = ScalarNetwork([
        ScalarLayer(weights: [[0.22922080128149577, 0.004153939299840346], [-0.11179254451135168, 0.05390583205807889]],
                    biases: [-0.09090076149268494, 0.05514540445464244], activation: .relu),
        ScalarLayer(weights: [[-0.0019130496521151477], [0.11750012195002911]], biases: [-0.0596159699806467], activation: .linear),
    ])
    return network.loss(ToyData.xorInputs, targets: ToyData.xorLabels.map(Double.init), .meanSquaredError).value
}

/// One step of a 4-5-3 tanh network with softmax + cross-entropy on 6 random examples (seed 18).
func softmaxComparison() -> Double {
    var generator = Xoshiro256StarStar(seed: 18)
    let (count, classes) = (6, 3)
    let hidden = Dense(inputs: 4, outputs: 5, activation: .tanh, biasInitialisation: .normal(standardDeviation: 0.5), generator: &generator)
    let output = Dense(inputs: 5, outputs: classes, activation: .linear, biasInitialisation: .normal(standardDeviation: 0.5),
                       generator: &generator)
    let x = generator.normalTensor(shape: [count, 4])
    let oneHot = (0..<count).map { i in (0..<classes).map { i % classes == $0 ? 1.0 : 0.0 } }
    let logits = output.forward(hidden.forward(x))
    let targets = Tensor(oneHot.map { $0.map(Float.init) })
    _ = hidden.backward(output.backward((1 / Float(count)) * (logits.softmaxRows() - targets)))   // (softmax - Y)/N
    let library = [hidden.weights.gradient, hidden.bias.gradient, output.weights.gradient, output.bias.gradient].flatMap(\.doubles)

    let network = ScalarNetwork([
        ScalarLayer(weights: rows(of: hidden.weights.value), biases: hidden.bias.value.doubles, activation: .tanh),
        ScalarLayer(weights: rows(of: output.weights.value), biases: output.bias.value.doubles, activation: .linear),
    ])
    let loss = ScalarLoss.softmaxCrossEntropy(logits: rows(of: x).map { network($0) }, targets: oneHot)
    loss.backward()
    let difference = zip(network.parameters.map(\.gradient), library).map { abs($0 - $1) }.max() ?? 0
    print("   Softmax + cross-entropy, one step of a 4-5-3 tanh network on 6 random examples: the engine builds the loss from")
    print("   -, exp, sum and log (log-softmax) and never sees the formula (softmax - Y)/N that Dense is given; the")
    print("   \(network.parameters.count) gradients differ by at most \(scientific(difference)).")
    return difference
}

func doubles(_ rows: [[Float]]) -> [[Double]] { rows.map { $0.map(Double.init) } }
func rows(of tensor: Tensor) -> [[Double]] { (0..<tensor.rows).map { tensor.row($0).map(Double.init) } }
