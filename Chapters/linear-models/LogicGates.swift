// The AND and XOR part of the chapter: MLiS II Eq. (1.2.3), Eq. (1.2.4) (the data), Eq. (1.2.5),
// Eq. (1.2.6), Eq. (1.2.7), Eq. (1.2.8) (the linear model), Eq. (1.2.9), Eq. (1.2.10) (the perceptron),
// Eq. (1.2.11), Eq. (1.2.12), Eq. (1.2.13), Eq. (1.2.14) (logistic regression), Eq. (1.7.3) (ridge),
// and Figs. 1.2.1-1.2.2.

import Core
import LinearModels

/// The inputs of Eq. (1.2.3) and Eq. (1.2.4) (first column ones) and their AND and XOR targets.
let gateInputs = Tensor([[1, 0, 0], [1, 0, 1], [1, 1, 0], [1, 1, 1]])
let gateTargets = [("AND", Tensor(column: [0, 0, 0, 1])), ("XOR", Tensor(column: [0, 1, 1, 0]))]

func show(_ values: [Float]) -> String {
    "(" + values.map { formatted($0, digits: 4) }.joined(separator: ", ") + ")"
}

/// Sec. 1.2.1: the normal equations, and ridge regression of Sec. 1.7.2.
func linearModelSection() throws -> (andWeights: String, xorWeights: String) {
    print("1. The linear model y^ = x~^T w, fitted by the normal equations (Eq. (1.2.5), Eq. (1.2.6))")
    var weights: [String] = []
    for (name, targets) in gateTargets {
        let model = try LinearModel.fit(gateInputs, targets)
        let equation = name == "AND" ? "1.2.7" : "1.2.8"
        print("   \(name): w* = \(show(model.weights.scalars))  Y^ = \(show(model.predict(gateInputs).scalars))"
              + "  J(w*) = \(formatted(model.loss(gateInputs, targets)))   (Eq. (\(equation)))")
        weights.append(model.weights.scalars.map { formatted($0, digits: 4) }.joined(separator: ","))
    }
    print("   XOR gets 1/2 everywhere: no straight line separates its classes.")
    let ridge = try LinearModel.fit(gateInputs, gateTargets[0].1, ridge: 1)
    print("   Ridge, lambda = 1, on AND (Eq. (1.7.3), bias penalised as the notes write it): w = \(show(ridge.weights.scalars))\n")
    return (weights[0], weights[1])
}

/// Sec. 1.2.2-1.2.3: the perceptron and logistic regression, with Figs. 1.2.1 and 1.2.2.
func logicGateSection(options: ChapterOptions) throws
    -> (perceptronAnd: Double, perceptronXor: Double, logisticXorDeviation: Float)
{
    var generator = Xoshiro256StarStar(seed: options.seed)
    let points = (0..<4).map { [Double(gateInputs[$0, 1]), Double(gateInputs[$0, 2])] }
    var perceptronAccuracy: [Double] = []
    print("2. The perceptron y^ = Theta(x~^T w), 10 updates w <- w - 0.1 X^T (Y^ - Y) (Eq. (1.2.9), Eq. (1.2.10))")
    for (name, targets) in gateTargets {
        var perceptron = Perceptron(inputs: 3, generator: &generator)
        perceptron.train(gateInputs, targets, learningRate: 0.1, epochs: 10)
        perceptronAccuracy.append(perceptron.accuracy(gateInputs, targets))
        print("   \(name): w = \(show(perceptron.weights.scalars))  predictions \(show(perceptron.predict(gateInputs).scalars))"
              + "  accuracy \(formatted(perceptronAccuracy.last!, digits: 2))")
        let w = perceptron.weights.scalars.map(Double.init)
        var map = DecisionMap(title: "Perceptron on \(name) (MLiS II Fig. 1.2.1)", xLabel: "x1", yLabel: "x2",
                              xRange: -1...2, yRange: -1...2, resolution: 150) { x1, x2 in
            w[0] + w[1] * x1 + w[2] * x2 < 0 ? 0 : 1
        }
        map.add(points: points, labels: targets.scalars.map { Int($0) })
        let path = try options.figurePath("fig-1.2.1-perceptron-\(name.lowercased()).svg")
        try map.write(to: path)
        print("   wrote \(path)\n      Fig. 1.2.1 (\(name)): the perceptron's predictions and its decision boundary")
    }

    print("\n3. Logistic regression y^ = sigma(x~^T w), 10,000 steps of gradient descent on the BCE, alpha = 0.1"
          + " (Eq. (1.2.11), Eq. (1.2.12), Eq. (1.2.13), Eq. (1.2.14))")
    var xorDeviation: Float = 0
    for (name, targets) in gateTargets {
        var model = LogisticRegression(inputs: 3, generator: &generator)
        let losses = try model.train(gateInputs, targets, learningRate: 0.1, epochs: 10_000)
        let probabilities = model.probabilities(gateInputs).scalars
        print("   \(name): w = \(show(model.weights.scalars))  P(y=1|x) = \(show(probabilities))  BCE \(formatted(losses.last!))")
        if name == "XOR" { xorDeviation = probabilities.map { abs($0 - 0.5) }.max()! }
        let w = model.weights.scalars.map(Double.init)
        var map = ValueMap(title: "Logistic regression on \(name) (MLiS II Fig. 1.2.2)", xLabel: "x1", yLabel: "x2",
                           xRange: -1...2, yRange: -1...2, resolution: 100, valueRange: 0...1,
                           colourBarLabel: "P(y = 1 | x)") { x1, x2 in sigmoid(w[0] + w[1] * x1 + w[2] * x2) }
        map.colourMap = .viridis  // so the blue and red class points stand out on the map
        map.add(points: points, labels: targets.scalars.map { Int($0) })
        let path = try options.figurePath("fig-1.2.2-logistic-\(name.lowercased()).svg")
        try map.write(to: path)
        print("   wrote \(path)\n      Fig. 1.2.2 (\(name)): logistic regression's class probability P(y = 1 | x)")
    }
    print("   XOR stays at 1/2 for every example: logistic regression is a linear classifier too.\n")
    return (perceptronAccuracy[0], perceptronAccuracy[1], xorDeviation)
}
