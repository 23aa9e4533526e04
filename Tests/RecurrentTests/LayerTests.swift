// The layers around the cells against central differences in Double (Bidirectional, Embedding,
// PositionWise, LastTimeStep, MaxOverTime, a whole unrolled network with its loss), the two
// printed RNN forms as one layer, and truncated back-propagation through time.

import Foundation
import Testing
import Core
import NeuralNetworks
@testable import Recurrent

@Suite("Sequence layers, the unrolled network, truncated BPTT")
struct LayerTests {
    @Test("The two printed RNN forms are one network: DL Padova's row form with PositionWise(Dense) equals DAT300's column form with W_hh = W_h^T, W_xh = W_x^T, W_hy = W^T (seed 301)")
    func printedFormsAgree() {
        var generator = Xoshiro256StarStar(seed: 301)
        let (n, t, f, h, o) = (2, 5, 3, 4, 2)
        let rnn = SimpleRNN(inputs: f, units: h, returnsSequences: true, generator: &generator)
        let output = Dense(inputs: h, outputs: o, activation: .sigmoid, biasInitialisation: .normal(standardDeviation: 0.5), generator: &generator)
        randomiseBiases(rnn.parameters, generator: &generator)
        let x = generator.normalTensor(shape: [n, t, f])
        let y = Network([rnn, PositionWise(output)])(x)
        let transpose = { (w: Tensor) in rows(w.transposed().doubles, columns: w.rows) }
        var expected: [Double] = []
        for sequence in 0..<n {
            var state = [Double](repeating: 0, count: h)
            for step in 0..<t {
                let result = rnnStepDAT300(x: stepInput(x.doubles, n: sequence, t: step, steps: t, features: f), previous: state,
                                           Whh: transpose(rnn.recurrentWeights.value), Wxh: transpose(rnn.inputWeights.value),
                                           bh: rnn.bias.value.doubles, Why: transpose(output.weights.value), by: output.bias.value.doubles,
                                           f: elementwiseSigmoid)
                state = result.h
                expected += result.y
            }
        }
        #expect(y.shape == [n, t, o])
        #expect(isApproximatelyEqual(y.doubles, expected, absoluteTolerance: 1e-6))
    }

    @Test("Bidirectional (E-26): two LSTMs side by side, one reading backwards; output [h_forward | h_backward] and every gradient match central differences (seeds 311, 312)")
    func bidirectional() {
        for (returnsSequences, seed) in [(true, UInt64(311)), (false, 312)] {
            var generator = Xoshiro256StarStar(seed: seed)
            let (n, t, f, h) = (2, 4, 3, 3)
            let layer = Bidirectional(LSTM(inputs: f, units: h, returnsSequences: returnsSequences, generator: &generator),
                                      LSTM(inputs: f, units: h, returnsSequences: returnsSequences, generator: &generator))
            randomiseBiases(layer.parameters, generator: &generator)
            let x = generator.normalTensor(shape: [n, t, f])
            let output = layer.forward(x, training: true)
            #expect(output.shape == (returnsSequences ? [n, t, 2 * h] : [n, 2 * h]))
            let weighting = randomWeighting(shape: output.shape, generator: &generator)
            let analytic = layer.backward(weighting).doubles + layer.parameters.flatMap(\.gradient.doubles)
            let error = GradientCheck.error(analytic: analytic, at: x.doubles + layer.parameters.flatMap(\.value.doubles)) { values in
                var pieces = Pieces(values)
                let x = pieces.take(n * t * f)
                let directions = (0..<2).map { _ in
                    let (wx, wh, b) = (pieces.take(f * 4 * h), pieces.take(h * 4 * h), pieces.take(4 * h))
                    return (0..<4).map { gate($0, wx: wx, wh: wh, b: b, inputs: f, units: h, blocks: 4) }
                }
                let run = { (blocks: [GateWeights], x: [Double]) -> [Double] in
                    let cell: ([Double], [Double]) -> [Double] = { x, state in
                        let next = lstmStepPadova(x: x, previous: Array(state.prefix(h)), cell: Array(state.suffix(h)),
                                                  forget: blocks[1], input: blocks[0], output: blocks[3], candidate: blocks[2])
                        return next.hidden + next.cell
                    }
                    return runSequences(x, batch: n, steps: t, features: f, units: h, initial: [Double](repeating: 0, count: n * 2 * h),
                                        stateSize: 2 * h, returnsSequences: returnsSequences, cell: cell)
                }
                let ahead = run(directions[0], x)
                var behind = run(directions[1], reversedSequences(x, batch: n, steps: t, features: f))
                if returnsSequences { behind = reversedSequences(behind, batch: n, steps: t, features: h) }
                let steps = returnsSequences ? t : 1
                var joined: [Double] = []
                for row in 0..<(n * steps) {
                    joined += ahead[(row * h)..<((row + 1) * h)]
                    joined += behind[(row * h)..<((row + 1) * h)]
                }
                return weightedSum(joined, weighting)
            }
            #expect(error < gradientTolerance, "sequences \(returnsSequences): error \(error)")
        }
    }

    @Test("Embedding: rows of the table, dJ/dE collects every position's gradient (a repeated token twice) against central differences; dJ/d(indices) is 0 (seed 321)")
    func embedding() {
        var generator = Xoshiro256StarStar(seed: 321)
        let layer = Embedding(vocabulary: 5, dimension: 3, generator: &generator)
        let tokens = Tensor([[0, 2, 2, 4], [1, 0, 3, 2]])
        let output = layer.forward(tokens, training: true)
        #expect(output.shape == [2, 4, 3])
        #expect(Array(output.scalars[3..<6]) == layer.table.value.row(2))
        let weighting = randomWeighting(shape: output.shape, generator: &generator)
        let inputGradient = layer.backward(weighting)
        #expect(inputGradient == Tensor(shape: [2, 4]))
        let indices = tokens.scalars.map { Int($0) }
        let error = GradientCheck.error(analytic: layer.table.gradient.doubles, at: layer.table.value.doubles) { table in
            weightedSum(indices.flatMap { Array(table[($0 * 3)..<(($0 + 1) * 3)]) }, weighting)
        }
        #expect(error < gradientTolerance, "error \(error)")
    }

    @Test("The whole unrolled network with its loss: Embedding -> GRU (every h_t) -> PositionWise(Dense) -> MaxOverTime with BCE from logits, every parameter against central differences of J (seed 331)")
    func unrolledNetworkWithLoss() {
        var generator = Xoshiro256StarStar(seed: 331)
        let (n, t, v, d, h, o) = (3, 5, 6, 3, 4, 2)
        let gru = GRU(inputs: d, units: h, returnsSequences: true, generator: &generator)
        let dense = Dense(inputs: h, outputs: o, activation: .linear, biasInitialisation: .normal(standardDeviation: 0.5), generator: &generator)
        let embedding = Embedding(vocabulary: v, dimension: d, generator: &generator)
        embedding.table.value = generator.normalTensor(shape: [v, d])
        randomiseBiases(gru.parameters, generator: &generator)
        let network = Network([embedding, gru, PositionWise(dense), MaxOverTime()])
        let tokens = Tensor(shape: [n, t], scalars: (0..<(n * t)).map { _ in Float(generator.uniformInt(below: v)) })
        let labels = Tensor(shape: [n, o], scalars: (0..<(n * o)).map { _ in Float(generator.uniformInt(below: 2)) })
        let loss = BinaryCrossEntropyFromLogits()
        let output = network.forward(tokens, training: true)
        network.backward(loss: loss, output: output, target: labels)
        let parameters = network.parameters
        let error = GradientCheck.error(analytic: parameters.flatMap(\.gradient.doubles), at: parameters.flatMap(\.value.doubles)) { values in
            var pieces = Pieces(values)
            let table = pieces.take(v * d)
            let (wx, wh, b) = (pieces.take(d * 3 * h), pieces.take(h * 3 * h), pieces.take(3 * h))
            let (w, bias) = (rows(pieces.take(h * o), columns: o), pieces.take(o))
            let gates = (0..<3).map { gate($0, wx: wx, wh: wh, b: b, inputs: d, units: h, blocks: 3) }
            let x = tokens.scalars.flatMap { Array(table[(Int($0) * d)..<((Int($0) + 1) * d)]) }
            let states = runSequences(x, batch: n, steps: t, features: d, units: h, initial: [Double](repeating: 0, count: n * h),
                                      stateSize: h, returnsSequences: true) { x, state in
                gruStep(x: x, previous: state, update: gates[0], reset: gates[1], candidate: gates[2]).hidden
            }
            var total = 0.0
            for sequence in 0..<n {
                let logits = (0..<t).map { step in elementwiseSum(product(Array(states[((sequence * t + step) * h)..<((sequence * t + step + 1) * h)]), w), bias) }
                for k in 0..<o {
                    let z = logits.map { $0[k] }.max()!, y = Double(labels[sequence, k])
                    total += max(z, 0) - z * y + log1p(exp(-abs(z)))
                }
            }
            return total / Double(n)
        }
        #expect(error < gradientTolerance, "error \(error)")
    }

    @Test("LastTimeStep and PositionWise pass gradients to the right places (seed 341)")
    func smallLayers() {
        var generator = Xoshiro256StarStar(seed: 341)
        let x = generator.normalTensor(shape: [2, 3, 4])
        let last = LastTimeStep()
        #expect(last.forward(x) == x.sliced(2..<3, alongAxis: 1).reshaped([2, 4]))
        let g = generator.normalTensor(shape: [2, 4])
        let back = last.backward(g)
        #expect(back.sliced(2..<3, alongAxis: 1).reshaped([2, 4]) == g && back.sliced(0..<2, alongAxis: 1).scalars.allSatisfy { $0 == 0 })
        let dense = Dense(inputs: 4, outputs: 2, activation: .tanh, generator: &generator)
        let distributed = PositionWise(dense)
        let y = distributed.forward(x, training: true)
        let weighting = randomWeighting(shape: y.shape, generator: &generator)
        let analytic = distributed.backward(weighting).doubles + dense.parameters.flatMap(\.gradient.doubles)
        let error = GradientCheck.error(analytic: analytic, at: x.doubles + dense.parameters.flatMap(\.value.doubles)) { values in
            var pieces = Pieces(values)
            let (xs, w, b) = (pieces.take(24), rows(pieces.take(8), columns: 2), pieces.take(2))
            let outputs = (0..<6).flatMap { elementwiseTanh(elementwiseSum(product(Array(xs[($0 * 4)..<(($0 + 1) * 4)]), w), b)) }
            return weightedSum(outputs, weighting)
        }
        #expect(error < gradientTolerance, "error \(error)")
    }
}
