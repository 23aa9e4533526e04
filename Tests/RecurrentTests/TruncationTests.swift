// Truncated back-propagation through time and clipping (DL Padova "Unfolding time"): a layer with
// truncation k gives the gradients of a sequence trained in pieces of k steps that carry the state
// forward but not the gradient; clipping by norm shortens the step without turning it.

import Foundation
import Testing
import Core
import NeuralNetworks
@testable import Recurrent

/// A fresh layer of the same kind and weights as `layer`, every h_t returned.
private func twin(_ layer: any RecurrentLayer) -> any RecurrentLayer {
    let p = layer.parameters.map(\.value)
    if layer is LSTM { return LSTM(inputWeights: p[0], recurrentWeights: p[1], bias: p[2], returnsSequences: true) }
    if let gru = layer as? GRU {
        return GRU(inputWeights: p[0], recurrentWeights: p[1], bias: p[2], recurrentBias: p.count > 3 ? p[3] : nil,
                   convention: gru.convention, resetPlacement: gru.resetPlacement, returnsSequences: true)
    }
    return SimpleRNN(inputWeights: p[0], recurrentWeights: p[1], bias: p[2], returnsSequences: true)
}

@Suite("Truncated BPTT and gradient clipping")
struct TruncationTests {
    @Test("Truncation k = 3 on T = 8 equals the summed gradients of the pieces [0, 3), [3, 6), [6, 8) run with the carried state as a constant; k >= T is full BPTT (SimpleRNN, LSTM, GRU; seed 401)")
    func truncatedEqualsPieces() {
        var generator = Xoshiro256StarStar(seed: 401)
        let (n, t, f, h, k) = (2, 8, 3, 4, 3)
        let layers: [any RecurrentLayer] = [SimpleRNN(inputs: f, units: h, returnsSequences: true, generator: &generator),
                                            LSTM(inputs: f, units: h, returnsSequences: true, generator: &generator),
                                            GRU(inputs: f, units: h, resetPlacement: .afterProduct, returnsSequences: true, generator: &generator)]
        for layer in layers {
            randomiseBiases(layer.parameters, generator: &generator)
            let x = generator.normalTensor(shape: [n, t, f]), weighting = generator.normalTensor(shape: [n, t, h])
            setTruncation(layer, nil)
            _ = layer.forward(x, training: true)
            let fullInputGradient = layer.backward(weighting)
            let full = layer.parameters.map(\.gradient)
            setTruncation(layer, t + 2)
            _ = layer.forward(x, training: true)
            #expect(layer.backward(weighting) == fullInputGradient && layer.parameters.map(\.gradient) == full, "k >= T: \(type(of: layer))")

            setTruncation(layer, k)
            _ = layer.forward(x, training: true)
            let truncatedInputGradient = layer.backward(weighting)
            let truncated = layer.parameters.map(\.gradient)
            var sums = layer.parameters.map { Tensor(shape: $0.value.shape) }
            var inputGradients: [Tensor] = []
            let piece = twin(layer)
            var (state, cell): (Tensor?, Tensor?) = (nil, nil)
            for start in stride(from: 0, to: t, by: k) {
                let range = start..<min(start + k, t)
                piece.initialState = state
                (piece as? LSTM)?.initialCellState = cell
                _ = piece.forward(x.sliced(range, alongAxis: 1), training: true)
                inputGradients.append(piece.backward(weighting.sliced(range, alongAxis: 1)))
                for (index, parameter) in piece.parameters.enumerated() { sums[index].add(parameter.gradient) }
                (state, cell) = (piece.finalState, (piece as? LSTM)?.finalCellState)
            }
            #expect(zip(truncated, sums).allSatisfy { isApproximatelyEqual($0.scalars, $1.scalars, absoluteTolerance: 1e-5) },
                    "\(type(of: layer))")
            #expect(isApproximatelyEqual(truncatedInputGradient.scalars, Tensor(concatenating: inputGradients, alongAxis: 1).scalars,
                                         absoluteTolerance: 1e-5), "\(type(of: layer))")
            #expect(!isApproximatelyEqual(truncated[1].scalars, full[1].scalars, absoluteTolerance: 1e-3),
                    "truncation changes dJ/dW_h (\(type(of: layer)))")
        }
    }

    @Test("Clipping by norm (DL Padova \"Unfolding time\": if ||g|| >= c, g = c g / ||g||) on BPTT gradients: the clipped norm is c and the direction is kept (seed 411)")
    func clippingKeepsTheDirection() {
        var generator = Xoshiro256StarStar(seed: 411)
        let rnn = SimpleRNN(inputs: 2, units: 6, returnsSequences: true, generator: &generator)
        rnn.recurrentWeights.value = 3 * rnn.recurrentWeights.value         // large W_h: gradients explode over 30 steps
        let x = generator.normalTensor(shape: [4, 30, 2])
        _ = rnn.forward(x, training: true)
        _ = rnn.backward(generator.normalTensor(shape: [4, 30, 6]))
        let before = rnn.parameters.map(\.gradient)
        let norm = clipGradientNorm(rnn.parameters, maximumNorm: 1)
        let after = rnn.parameters.map(\.gradient)
        let clippedNorm = after.reduce(Float(0)) { $0 + $1.dot($1) }.squareRoot()
        #expect(norm > 10, "a large W_h makes ||g|| large: \(norm)")
        #expect(isApproximatelyEqual(clippedNorm, 1, relativeTolerance: 1e-5))
        #expect(zip(before, after).allSatisfy { isApproximatelyEqual((1 / norm) * $0, $1, relativeTolerance: 1e-5) })
    }
}

/// Sets k on any of the three layers.
private func setTruncation(_ layer: any RecurrentLayer, _ k: Int?) {
    (layer as? SimpleRNN)?.truncation = k
    (layer as? LSTM)?.truncation = k
    (layer as? GRU)?.truncation = k
}

/// Two tensors approximately equal, elementwise.
private func isApproximatelyEqual(_ a: Tensor, _ b: Tensor, relativeTolerance: Float) -> Bool {
    a.shape == b.shape && zip(a.scalars, b.scalars).allSatisfy { abs($0 - $1) <= relativeTolerance * Swift.max(abs($0), abs($1), 1e-6) }
}
