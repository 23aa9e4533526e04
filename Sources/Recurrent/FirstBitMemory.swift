// FirstBitMemory.swift: the vanishing gradient, measured (DL Padova "Unfolding time": "the memory of
// the first inputs tends to vanish"; DAT300 "Vanishing and Exploding gradients", "Long Short-Term
// Memory"). The task: read T random bits and, at the end, say what the first one was. Nothing but
// the path from x_1 to h_T carries the answer, so the gradient that reaches x_1 is the learning signal.
// Goals, in order: a simple RNN and an LSTM of equal parameter budget on the same data; the gradient
// at step 1 as a number per T; accuracies that say what that number means.

import Core
import NeuralNetworks

/// Sequences of T bits (+-1) whose label is the first bit (1 for +1, 0 for -1).
///
/// ```swift
/// var generator = Xoshiro256StarStar(seed: 1)
/// let (x, y) = FirstBitMemory.data(count: 4, steps: 20, generator: &generator)
/// print(x.shape, y.shape)          // [4, 20, 1] [4, 1]
/// ```
public enum FirstBitMemory {
    /// The recurrent cell of a model.
    public enum Cell: String, Sendable, CaseIterable {
        case simpleRNN = "simple RNN"
        /// Keras' initial forget-gate bias, 1: f starts near sigma(1) = 0.73, a memory that halves in about two steps.
        case lstm = "LSTM"
        /// The forget-gate bias started at 3: f near sigma(3) = 0.95, a memory that halves in about 14 steps
        /// (Gers, Schmidhuber & Cummins 2000 start it positive; Tallec & Ollivier 2018 tie it to the time scale).
        case lstmForgetBias3 = "LSTM, b_f = 3"

        /// The units that give the cells about the same number of parameters with one input:
        /// LSTM(8) has 4 * 8 * (1 + 8 + 1) = 320 and SimpleRNN(17) has 17 * (1 + 17 + 1) = 323
        /// (329 and 341 with the Dense(1) output layer).
        public var units: Int { self == .simpleRNN ? 17 : 8 }

        /// The LSTM's initial forget-gate bias (unused by the simple RNN).
        public var forgetBias: Float { self == .lstmForgetBias3 ? 3 : 1 }
    }

    /// `count` sequences of `steps` random bits, inputs [N, T, 1] and labels [N, 1].
    public static func data(count: Int, steps: Int, generator: inout Xoshiro256StarStar) -> (inputs: Tensor, labels: Tensor) {
        require(count > 0 && steps > 0, "FirstBitMemory.data: needs count and steps >= 1, got \(count) and \(steps)")
        let bits = (0..<(count * steps)).map { _ in Float(generator.uniformInt(below: 2)) }
        let inputs = Tensor(shape: [count, steps, 1], scalars: bits.map { 2 * $0 - 1 })
        let labels = Tensor(shape: [count, 1], scalars: (0..<count).map { bits[$0 * steps] })
        return (inputs, labels)
    }

    /// `cell` (its last state) then Dense(1, linear): a logit for "the first bit was 1".
    public static func model(_ cell: Cell, generator: inout Xoshiro256StarStar) -> Network {
        let recurrent: any Layer = cell == .simpleRNN ? SimpleRNN(inputs: 1, units: cell.units, generator: &generator)
            : LSTM(inputs: 1, units: cell.units, forgetBias: cell.forgetBias, generator: &generator)
        return Network([recurrent, Dense(inputs: cell.units, outputs: 1, activation: .linear, generator: &generator)])
    }

    /// ||dz/dx_1||: how strongly the output logit z of a sequence depends on its first input, the
    /// root mean square over the batch. Back-propagation carries exactly this factor to every weight
    /// that could learn to remember x_1 (the loss adds dl/dz = sigmoid(z) - y, about +-1/2 before
    /// training); it is measured on the output rather than the loss because a trained network that
    /// answers right has dl/dz near 0, which would hide whether it remembers.
    public static func firstStepGradientNorm(_ network: Network, inputs: Tensor) -> Double {
        let output = network.forward(inputs, training: true)
        let inputGradient = network.backward(Tensor(shape: output.shape, repeating: 1))
        let first = inputGradient.sliced(0..<1, alongAxis: 1)
        return (Double(first.dot(first)) / Double(inputs.shape[0])).squareRoot()
    }

    /// The fraction of sequences whose first bit the network names (logit > 0 for 1).
    public static func accuracy(_ network: Network, inputs: Tensor, labels: Tensor) -> Double {
        let logits = network(inputs)
        return Double(zip(logits.scalars, labels.scalars).filter { ($0 > 0) == ($1 == 1) }.count) / Double(max(labels.count, 1))
    }

    /// One seeded run: the step-1 gradient of a fresh model on held-out sequences, then `epochs`
    /// epochs of Adam, each on `sequencesPerEpoch` newly drawn sequences (so nothing can be learnt by
    /// heart: the only way to the right answer is to remember the first bit), then the held-out
    /// accuracy and the step-1 gradient again.
    public static func run(_ cell: Cell, steps: Int, epochs: Int, sequencesPerEpoch: Int = 1000, learningRate: Float = 0.01,
                           seed: UInt64) throws -> MemoryRun {
        var generator = Xoshiro256StarStar(seed: seed)
        let network = model(cell, generator: &generator)
        let heldOut = data(count: 1000, steps: steps, generator: &generator)
        let before = firstStepGradientNorm(network, inputs: heldOut.inputs)
        var adam = Adam(learningRate: learningRate)
        var losses: [Float] = []
        for _ in 0..<epochs {
            let batch = data(count: sequencesPerEpoch, steps: steps, generator: &generator)
            let history = try network.train(batch.inputs, batch.labels, settings: TrainingSettings(loss: BinaryCrossEntropyFromLogits(), epochs: 1),
                                            optimiser: &adam, generator: &generator)
            losses += history.trainingLoss
        }
        return MemoryRun(cell: cell, steps: steps, seed: seed, network: network, gradientBefore: before,
                         gradientAfter: firstStepGradientNorm(network, inputs: heldOut.inputs),
                         accuracy: accuracy(network, inputs: heldOut.inputs, labels: heldOut.labels), losses: losses)
    }
}

/// What one run of the first-bit task measured.
public struct MemoryRun {
    public let cell: FirstBitMemory.Cell
    public let steps: Int
    public let seed: UInt64
    /// The trained network.
    public let network: Network
    /// ||dz/dx_1|| of the untrained network on the held-out sequences.
    public let gradientBefore: Double
    /// ||dz/dx_1|| after training.
    public let gradientAfter: Double
    /// The held-out accuracy after training (0.5 is guessing).
    public let accuracy: Double
    /// The training loss of every epoch.
    public let losses: [Float]
}
