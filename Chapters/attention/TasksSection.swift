// A small transformer (2 encoder and 2 decoder blocks, d_model 64, 4 heads) trained on copying,
// reversing and sorting sequences of 8 digits, measured on 1,000 held-out sequences by greedy
// decoding; its training curves, and the encoder-decoder attention maps of a trained model on one
// sequence (reversal: the anti-diagonal; sorting: each output looks at where its digit stands).

import Attention
import Core
import Foundation

struct TaskResult {
    let task: SequenceTask
    let sequenceAccuracy: Double
    let tokenAccuracy: Double
    let finalLoss: Float
    let seconds: Double
}

/// The model of the issue: 2 layers, d_model 64, 4 heads, d_ff 128, sequences of 8 digits.
let chapterShape = TransformerShape(vocabulary: 10, length: 8, modelWidth: 64, heads: 4, hiddenWidth: 128, layers: 2)

func tasksSection(options: ChapterOptions) throws -> [TaskResult] {
    // 200 warm-up steps, or a fifth of a short run (--epochs 1 in CI), so the cosine has room to decay.
    let settings = SequenceTrainingSettings(epochs: options.epochs, stepsPerEpoch: 100, batchSize: 64, learningRate: options.learningRate,
                                            warmup: min(200, options.epochs * 100 / 5))
    var probe = Xoshiro256StarStar(seed: options.seed)
    print("4. Training (issue 16): an encoder-decoder transformer, \(chapterShape.layers) encoder and \(chapterShape.layers) decoder blocks,"
          + " d_model = \(chapterShape.modelWidth), h = \(chapterShape.heads), d_ff = \(chapterShape.hiddenWidth),"
          + " \(Transformer(shape: chapterShape, generator: &probe).parameterCount) parameters.")
    print("   Inputs: 8 digits 0-9; outputs: the same digits copied, reversed, or sorted. Teacher forcing while training (the")
    print("   decoder reads the true output shifted right, behind a start token), greedy decoding to test (DL Padova \"Output\").")
    print("   Each epoch: \(settings.stepsPerEpoch) batches of \(settings.batchSize) fresh random sequences; Adam (beta2 0.98), the"
          + " learning rate rising linearly to \(options.learningRate) at step \(settings.warmup) (Vaswani et al.'s warm-up),")
    print("   then falling as a cosine to 0 at the last step; gradients clipped to norm 1.")
    print("   Scored on 1,000 held-out sequences that no training batch contains: the whole sequence must be right (the")
    print("   curve after each epoch uses the first 200 of them).\n")
    var curves = LinePlot(title: "Training loss (cross-entropy per token)", xLabel: "epoch", yLabel: "loss", logY: true)
    var accuracies = LinePlot(title: "Held-out sequences exactly right", xLabel: "epoch", yLabel: "fraction")
    var results: [TaskResult] = []
    for (index, task) in SequenceTask.allCases.enumerated() {
        var generator = Xoshiro256StarStar(seed: options.seed &+ UInt64(index) &* 1000)
        let model = Transformer(shape: chapterShape, generator: &generator)
        let heldOut = randomSequences(count: 1000, length: chapterShape.length, generator: &generator)
        var progress = ProgressLine(total: options.epochs, label: "\(task.rawValue) epoch")
        let start = DispatchTime.now().uptimeNanoseconds
        let reports = try model.train(task: task, settings: settings, generator: &generator, heldOut: Array(heldOut.prefix(200))) { report in
            progress.update(report.epoch, message: "loss \(formatted(report.trainingLoss)), held-out"
                            + " \(formatted((report.heldOutAccuracy ?? 0) * 100, digits: 1)) %")
        }
        progress.finish()
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) * 1e-9
        let predicted = predictAll(model, heldOut)
        let targets = heldOut.map(task.target)
        let result = TaskResult(task: task, sequenceAccuracy: exactSequenceAccuracy(predicted: predicted, targets: targets),
                                tokenAccuracy: tokenAccuracy(predicted: predicted, targets: targets),
                                finalLoss: reports.last?.trainingLoss ?? .nan, seconds: seconds)
        results.append(result)
        print("   \(task.rawValue): \(formatted(result.sequenceAccuracy * 100, digits: 1)) % of held-out sequences exactly right,"
              + " \(formatted(result.tokenAccuracy * 100, digits: 2)) % of digits; final loss \(formatted(result.finalLoss)),"
              + " \(formatted(seconds, digits: 1)) s")
        if let wrong = zip(heldOut, predicted).first(where: { task.target(for: $0.0) != $0.1 }) {
            print("     a miss: \(digits(wrong.0)) -> \(digits(wrong.1)) (right: \(digits(task.target(for: wrong.0))))")
        }
        curves.add(x: reports.map { Double($0.epoch) }, y: reports.map(\.trainingLoss), name: task.rawValue)
        accuracies.add(x: reports.map { Double($0.epoch) }, y: reports.map { $0.heldOutAccuracy ?? 0 }, name: task.rawValue)
        if task != .copy { try attentionMaps(model, task: task, example: heldOut[0], options: options) }
    }
    let paths = [try options.figurePath("training-loss.svg"), try options.figurePath("held-out-accuracy.svg")]
    try curves.write(to: paths[0])
    try accuracies.write(to: paths[1])
    print(paths.map { "   wrote \($0)" }.joined(separator: "\n"))
    print("")
    return results
}

/// Greedy predictions for many sequences, 250 at a time.
func predictAll(_ model: Transformer, _ sequences: [[Int]]) -> [[Int]] {
    stride(from: 0, to: sequences.count, by: 250).flatMap { model.predict(tokenTensor(Array(sequences[$0..<min($0 + 250, sequences.count)]))) }
}

/// The encoder-decoder attention of every decoder block on one sequence, one map per head (rows: output
/// positions, columns: input positions), and the input position each output position attends to most in
/// the sharpest head of the last block.
private func attentionMaps(_ model: Transformer, task: SequenceTask, example: [Int], options: ChapterOptions) throws {
    let output = model.predict(tokenTensor([example]))[0]
    _ = model.logits(source: tokenTensor([example]), targetInput: shiftedRight(tokenTensor([output]), start: model.startToken))
    var grid = ImageGrid(title: "\(task.rawValue) \(digits(example)) -> \(digits(output)): encoder-decoder attention (rows output, columns input)",
                         columns: model.shape.heads, valueRange: 0...1, imageSize: 150)
    var lastBlockMaps: [[Float]] = []
    for (index, block) in model.decoder.enumerated() {
        guard let weights = block.lastCrossAttentionWeights else { continue }
        let (heads, length) = (weights.shape[1], weights.shape[2])
        lastBlockMaps = (0..<heads).map { head in Array(weights.scalars[(head * length * length)..<((head + 1) * length * length)]) }
        for (head, map) in lastBlockMaps.enumerated() {
            grid.add(image: map, width: length, height: length, caption: "decoder block \(index + 1), head \(head + 1)")
        }
    }
    let path = try options.figurePath("attention-\(task.rawValue).svg")
    try grid.write(to: path)
    let length = example.count
    let rowMaxima = lastBlockMaps.map { map in stride(from: 0, to: map.count, by: length).map { map[$0..<($0 + length)].max()! }.reduce(0, +) }
    let sharpest = rowMaxima.indices.max { rowMaxima[$0] < rowMaxima[$1] }!
    let attended = stride(from: 0, to: length * length, by: length).map { start in
        (0..<length).max { lastBlockMaps[sharpest][start + $0] < lastBlockMaps[sharpest][start + $1] }!
    }
    print("     attention on \(digits(example)) -> \(digits(output)): in the last block's sharpest head (\(sharpest + 1)), output positions"
          + " 0...\(length - 1) look most at input positions \(attended.map(String.init).joined(separator: " "))")
    print("     wrote \(path)")
}

private func digits(_ sequence: [Int]) -> String { sequence.map(String.init).joined() }
