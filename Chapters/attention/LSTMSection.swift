// The comparison row of issue 16: the same three tasks for the LSTM of the Recurrent module (DL Padova
// "Long Short-Term Memory"). One LSTM of 128 units reads the 8 digits, then 8 "write" tokens, and a dense
// layer at every step reads out one digit at each write token: all it has seen must fit in its state,
// where the transformer's decoder looks back at every input through attention. Same budget: the
// transformer's epochs of 100 batches of 64, Adam under the same warm-up and cosine, clipping at 1.

import Attention
import Core
import Foundation
import NeuralNetworks
import Recurrent

struct LSTMResult {
    let task: SequenceTask
    let sequenceAccuracy: Double
    let parameters: Int
}

/// The token that asks the LSTM to write the next output digit.
private let writeToken = 10

func lstmSection(options: ChapterOptions) throws -> [LSTMResult] {
    let (length, units) = (chapterShape.length, 128)
    print("5. The LSTM of the recurrent chapter on the same tasks (DL Padova \"Long Short-Term Memory\"): \(units) units read the")
    print("   \(length) digits, then \(length) write tokens, and a dense layer reads one digit out at each write token. Nothing")
    print("   looks back at the input: the whole sequence must be carried in the LSTM's state.\n")
    var results: [LSTMResult] = []
    for (index, task) in SequenceTask.allCases.enumerated() {
        var generator = Xoshiro256StarStar(seed: options.seed &+ UInt64(index) &* 1000 &+ 500)
        let model = Network([LSTM(inputs: writeToken + 1, units: units, returnsSequences: true, generator: &generator),
                             PositionWise(Dense(inputs: units, outputs: 10, activation: .linear, generator: &generator))])
        let heldOut = randomSequences(count: 1000, length: length, generator: &generator)
        let excluded = Set(heldOut)
        let steps = options.epochs * 100
        var adam = Adam(learningRate: options.learningRate)
        let schedule = WarmupSchedule(peak: options.learningRate, warmup: min(200, steps / 5), decay: .cosine(totalSteps: steps))
        var progress = ProgressLine(total: options.epochs, label: "LSTM \(task.rawValue) epoch")
        for step in 0..<steps {
            let sources = randomSequences(count: 64, length: length, excluding: excluded, generator: &generator)
            adam.learningRate = schedule.learningRate(at: step)
            let loss = lstmStep(model, sources: sources, targets: sources.map(task.target), optimiser: &adam)
            try DivergenceError.check(loss, step: step + 1)
            if (step + 1) % 100 == 0 { progress.update((step + 1) / 100, message: "loss \(formatted(loss))") }
        }
        progress.finish()
        let predicted = lstmPredictions(model, heldOut)
        let accuracy = exactSequenceAccuracy(predicted: predicted, targets: heldOut.map(task.target))
        results.append(LSTMResult(task: task, sequenceAccuracy: accuracy, parameters: model.trainableParameterCount))
        print("   LSTM \(task.rawValue): \(formatted(accuracy * 100, digits: 1)) % of held-out sequences exactly right,"
              + " \(formatted(tokenAccuracy(predicted: predicted, targets: heldOut.map(task.target)) * 100, digits: 2)) % of digits"
              + " (\(model.trainableParameterCount) parameters)")
    }
    print("")
    return results
}

/// Sequences [B, T] as one-hot inputs [B, 2T, 11]: the digits, then T write tokens.
private func lstmInputs(_ sequences: [[Int]]) -> Tensor {
    let length = sequences.first?.count ?? 0
    var input = Tensor(shape: [sequences.count, 2 * length, writeToken + 1])
    for (b, sequence) in sequences.enumerated() {
        for t in 0..<(2 * length) {
            let token = t < length ? sequence[t] : writeToken
            input.scalars[(b * 2 * length + t) * (writeToken + 1) + token] = 1
        }
    }
    return input
}

/// One Adam step on the cross-entropy of the logits at the write tokens (the first T steps carry no loss).
private func lstmStep(_ model: Network, sources: [[Int]], targets: [[Int]], optimiser: inout Adam) -> Float {
    let length = sources[0].count
    let logits = model.forward(lstmInputs(sources), training: true)                       // [B, 2T, 10]
    let written = logits.sliced(length..<(2 * length), alongAxis: 1).reshaped([sources.count * length, 10])
    let truth = oneHot(targets.flatMap { $0 }, classes: 10)
    let loss = CategoricalCrossEntropyFromLogits()
    let gradient = loss.gradient(predicted: written, target: truth).reshaped([sources.count, length, 10])
    model.backwardDiscardingInputGradient(Tensor(concatenating: [Tensor(shape: [sources.count, length, 10]), gradient], alongAxis: 1))
    clipGradientNorm(model.parameters, maximumNorm: 1)
    optimiser.update(model.parameters)
    return loss.value(predicted: written, target: truth)
}

/// The most probable digit at each write token, 250 sequences at a time.
private func lstmPredictions(_ model: Network, _ sequences: [[Int]]) -> [[Int]] {
    stride(from: 0, to: sequences.count, by: 250).flatMap { start -> [[Int]] in
        let batch = Array(sequences[start..<min(start + 250, sequences.count)])
        let length = batch[0].count
        let logits = model(lstmInputs(batch)).sliced(length..<(2 * length), alongAxis: 1)
        let classes = logits.reshaped([batch.count * length, 10]).argmaxPerRow()
        return (0..<batch.count).map { Array(classes[($0 * length)..<(($0 + 1) * length)]) }
    }
}
