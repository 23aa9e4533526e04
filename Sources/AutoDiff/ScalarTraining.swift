// ScalarTraining.swift: losses built from the engine's nodes and full-batch gradient descent on a
// ScalarNetwork: MLiS II Eq. (1.1.1) (the mean loss), Table 1.1 (MSE, BCE, CCE), Eq. (2.2.9)
// (softmax) and Eq. (1.3.13) (the update), with the gradient found by `backward()`, not derived.
// Goals, in order: every loss composed of the basic nodes, so that its gradient is the engine's
// work (e.g. the simple (softmax - y)/N falls out of -, exp, sum and log); then stable at logits of
// +-1000 (BCE through softplus, log-softmax with the maximum subtracted).

import Core

/// A loss for the network's single output, averaged over the examples.
public enum ScalarLoss: Sendable {
    /// J = (1/N) sum_i (y^_i - y_i)^2, the output used as it is (MSE of Table 1.1).
    case meanSquaredError
    /// J = (1/N) sum_i BCE(sigma(s_i), y_i) on the output logit s (BCE of Table 1.1), targets 0 or 1.
    case binaryCrossEntropy

    /// The loss over a batch as one node: the whole graph of J   (Eq. (1.1.1))
    /// Precondition: one target per output.
    public func callAsFunction(outputs: [Node], targets: [Double]) -> Node {
        require(outputs.count == targets.count && !outputs.isEmpty,
                "ScalarLoss: \(outputs.count) outputs and \(targets.count) targets (need the same number, at least 1)")
        let terms = zip(outputs, targets).map { output, target in
            switch self {
            case .meanSquaredError:
                return Node.pow(output - Node(constant: target), 2)
            case .binaryCrossEntropy:
                // -(y log sigma(s) + (1 - y) log(1 - sigma(s))) = softplus(s) - y s: no log(0) at large |s|.
                return Node.softplus(output) - Node(constant: target) * output
            }
        }
        return Node.sum(terms) / Node(constant: Double(outputs.count))
    }

    /// The class an output stands for: y^ > 1/2 for the MSE, s > 0 (sigma(s) > 1/2) for the BCE.
    public func decide(_ output: Double) -> Int {
        switch self {
        case .meanSquaredError: output > 0.5 ? 1 : 0
        case .binaryCrossEntropy: output > 0 ? 1 : 0
        }
    }

    /// softmax(z)_k = e^(z_k - m) / sum_c e^(z_c - m), m = max_c z_c   (Eq. (2.2.9))
    /// Built from exp, sum and /; m enters as a constant (softmax does not change when every z_k
    /// moves by the same amount), so it keeps e^z finite without adding a gradient path.
    public static func softmax(_ logits: [Node]) -> [Node] {
        let largest = Node(constant: logits.map(\.value).max() ?? 0)
        let exponentials = logits.map { Node.exp($0 - largest) }
        let total = Node.sum(exponentials)
        return exponentials.map { $0 / total }
    }

    /// log softmax(z)_k = (z_k - m) - log sum_c e^(z_c - m), m = max_c z_c   (the log of Eq. (2.2.9))
    /// Built from -, exp, sum and log. Taking the log of `softmax` instead would meet log(0) = -infinity
    /// as soon as one probability underflows (a logit 1000 below the largest), and 0 × -infinity = NaN.
    public static func logSoftmax(_ logits: [Node]) -> [Node] {
        let largest = Node(constant: logits.map(\.value).max() ?? 0)
        let shifted = logits.map { $0 - largest }
        let logTotal = Node.log(Node.sum(shifted.map { Node.exp($0) }))
        return shifted.map { $0 - logTotal }
    }

    /// J = -(1/N) sum_i sum_m y_im log softmax(z_i)_m: softmax and the CCE of Table 1.1, averaged
    /// (Eq. (1.1.1)), through `logSoftmax`. Its gradient dJ/dz_i = (softmax(z_i) - y_i)/N is not written
    /// anywhere: backward() finds it. Precondition: one target row per logit row, of the same length.
    public static func softmaxCrossEntropy(logits: [[Node]], targets: [[Double]]) -> Node {
        require(logits.count == targets.count && !logits.isEmpty && zip(logits, targets).allSatisfy { $0.count == $1.count },
                "ScalarLoss.softmaxCrossEntropy: logits rows \(logits.map(\.count)) and target rows \(targets.map(\.count)) differ")
        let terms = zip(logits, targets).flatMap { row, target in
            zip(logSoftmax(row), target).map { logProbability, y in Node(constant: -y) * logProbability }
        }
        return Node.sum(terms) / Node(constant: Double(logits.count))
    }
}

extension ScalarNetwork {
    /// J over the examples in the rows of `inputs`, as one graph.
    public func loss(_ inputs: [[Double]], targets: [Double], _ kind: ScalarLoss) -> Node {
        kind(outputs: inputs.map { self($0)[0] }, targets: targets)
    }

    /// One step of full-batch gradient descent, p <- p - alpha dJ/dp for every weight and bias
    /// (Eq. (1.3.13)), with dJ/dp from `backward()`. Returns J before the step.
    @discardableResult
    public func gradientDescentStep(_ inputs: [[Double]], targets: [Double], loss kind: ScalarLoss,
                                    learningRate: Double) -> Double {
        let objective = loss(inputs, targets: targets, kind)
        objective.backward()
        for parameter in parameters { parameter.value -= learningRate * parameter.gradient }
        return objective.value
    }

    /// `epochs` steps of `gradientDescentStep`; returns J before each step. `afterEpoch(epoch, J)`
    /// is called after each one (epoch counts from 1), e.g. to update a progress line.
    public func train(_ inputs: [[Double]], labels: [Int], loss kind: ScalarLoss, epochs: Int, learningRate: Double,
                      afterEpoch: (Int, Double) -> Void = { _, _ in }) -> [Double] {
        require(epochs > 0, "ScalarNetwork.train: epochs must be positive, got \(epochs)")
        let targets = labels.map(Double.init)
        return (1...epochs).map { epoch in
            let value = gradientDescentStep(inputs, targets: targets, loss: kind, learningRate: learningRate)
            afterEpoch(epoch, value)
            return value
        }
    }

    /// The fraction of examples whose decided class equals the label.
    public func accuracy(_ inputs: [[Double]], labels: [Int], loss kind: ScalarLoss) -> Double {
        require(inputs.count == labels.count && !labels.isEmpty, "ScalarNetwork.accuracy: \(inputs.count) inputs, \(labels.count) labels")
        let correct = zip(inputs, labels).filter { kind.decide(predict($0)[0]) == $1 }.count
        return Double(correct) / Double(labels.count)
    }
}
