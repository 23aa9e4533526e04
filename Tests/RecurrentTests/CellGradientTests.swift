// Every recurrent layer against the notes' equations (CellEquations.swift, Double, one example at a
// time): the forward pass over whole sequences, and back-propagation through time against central
// differences of that Double oracle, for dX, the initial states and every parameter.

import Foundation
import Testing
import Core
import NeuralNetworks
@testable import Recurrent

/// A flat row-major [rows, columns] matrix as a list of rows.
func rows(_ flat: [Double], columns: Int) -> [[Double]] {
    stride(from: 0, to: flat.count, by: columns).map { Array(flat[$0..<($0 + columns)]) }
}

/// Draws the inputs, runs `layer` forward and backward with a random weighting of its output, and
/// returns the analytic gradient of J = sum C ⊙ output (dX, then the extra state gradients, then the
/// parameters), the point, and C.
func analyticGradient(_ layer: any RecurrentLayer, shape: [Int], states: Int, generator: inout Xoshiro256StarStar,
                      setStates: ([Tensor]) -> Void, stateGradients: () -> [Tensor]) -> (analytic: [Double], point: [Double], weighting: Tensor) {
    randomiseBiases(layer.parameters, generator: &generator)
    let x = generator.normalTensor(shape: shape)
    let initial = (0..<states).map { _ in generator.normalTensor(shape: [shape[0], layer.units], standardDeviation: 0.5) }
    setStates(initial)
    let output = layer.forward(x, training: true)
    let weighting = randomWeighting(shape: output.shape, generator: &generator)
    let inputGradient = layer.backward(weighting)
    let analytic = inputGradient.doubles + stateGradients().flatMap(\.doubles) + layer.parameters.flatMap(\.gradient.doubles)
    let point = x.doubles + initial.flatMap(\.doubles) + layer.parameters.flatMap(\.value.doubles)
    return (analytic, point, weighting)
}

@Suite("Recurrent cells: forward as the notes print them, BPTT against central differences")
struct CellGradientTests {
    @Test("SimpleRNN (DL Padova \"Unfolding time\"): dX, dh_0, dW_x, dW_h, db for tanh and sigmoid, every h_t or the last (seeds 201-203)")
    func simpleRNN() {
        let cases: [(Activation, Bool, UInt64)] = [(.tanh, true, 201), (.tanh, false, 202), (.sigmoid, true, 203)]
        for (activation, returnsSequences, seed) in cases {
            var generator = Xoshiro256StarStar(seed: seed)
            let (n, t, f, h) = (2, 4, 3, 5)
            let rnn = SimpleRNN(inputs: f, units: h, activation: activation, returnsSequences: returnsSequences, generator: &generator)
            let setStates: ([Tensor]) -> Void = { rnn.initialState = $0[0] }
            let stateGradients: () -> [Tensor] = { [rnn.initialStateGradient!] }
            let (analytic, point, weighting) = analyticGradient(rnn, shape: [n, t, f], states: 1, generator: &generator,
                                                                setStates: setStates, stateGradients: stateGradients)
            let isTanh = activation == .tanh
            let error = GradientCheck.error(analytic: analytic, at: point) { (values: [Double]) -> Double in
                var pieces = Pieces(values)
                let x = pieces.take(n * t * f), h0 = pieces.take(n * h)
                let wx = rows(pieces.take(f * h), columns: h), wh = rows(pieces.take(h * h), columns: h), b = pieces.take(h)
                let cell: ([Double], [Double]) -> [Double] = { x, state in
                    rnnStepPadova(x: x, previous: state, Wx: wx, Wh: wh, b: b, phi: isTanh ? elementwiseTanh : elementwiseSigmoid)
                }
                let outputs = runSequences(x, batch: n, steps: t, features: f, units: h, initial: h0, stateSize: h,
                                           returnsSequences: returnsSequences, cell: cell)
                return weightedSum(outputs, weighting)
            }
            #expect(error < gradientTolerance, "\(activation), sequences \(returnsSequences): error \(error)")
        }
    }

    @Test("LSTM (DL Padova \"Long Short-Term Memory\"): dX, dH_0, dC_0, dW_x, dW_h, db, every H_t or the last (seeds 211, 212)")
    func lstm() {
        for (returnsSequences, seed) in [(true, 211), (false, 212)] {
            var generator = Xoshiro256StarStar(seed: UInt64(seed))
            let (n, t, f, h) = (2, 4, 3, 4)
            let lstm = LSTM(inputs: f, units: h, returnsSequences: returnsSequences, generator: &generator)
            let setStates: ([Tensor]) -> Void = { states in
                lstm.initialState = states[0]
                lstm.initialCellState = states[1]
            }
            let stateGradients: () -> [Tensor] = { [lstm.initialStateGradient!, lstm.initialCellStateGradient!] }
            let (analytic, point, weighting) = analyticGradient(lstm, shape: [n, t, f], states: 2, generator: &generator,
                                                                setStates: setStates, stateGradients: stateGradients)
            let error = GradientCheck.error(analytic: analytic, at: point) { values in
                var pieces = Pieces(values)
                let (x, h0, c0) = (pieces.take(n * t * f), pieces.take(n * h), pieces.take(n * h))
                let (wx, wh, b) = (pieces.take(f * 4 * h), pieces.take(h * 4 * h), pieces.take(4 * h))
                let blocks = (0..<4).map { gate($0, wx: wx, wh: wh, b: b, inputs: f, units: h, blocks: 4) }
                var initial: [Double] = []
                for row in 0..<n { initial += Array(h0[(row * h)..<((row + 1) * h)]) + Array(c0[(row * h)..<((row + 1) * h)]) }
                let cell: ([Double], [Double]) -> [Double] = { x, state in
                    let next = lstmStepPadova(x: x, previous: Array(state.prefix(h)), cell: Array(state.suffix(h)),
                                              forget: blocks[1], input: blocks[0], output: blocks[3], candidate: blocks[2])
                    return next.hidden + next.cell
                }
                let outputs = runSequences(x, batch: n, steps: t, features: f, units: h, initial: initial, stateSize: 2 * h,
                                           returnsSequences: returnsSequences, cell: cell)
                return weightedSum(outputs, weighting)
            }
            #expect(error < gradientTolerance, "sequences \(returnsSequences): error \(error)")
        }
    }

    @Test("GRU, both conventions (E-66) and both reset placements (E-57): dX, dh_0 and every parameter (seeds 221-224)",
          arguments: zip(GRUConvention.allCases.flatMap { c in ResetPlacement.allCases.map { (c, $0) } }, 221...224))
    func gru(variant: (GRUConvention, ResetPlacement), seed: Int) {
        var generator = Xoshiro256StarStar(seed: UInt64(seed))
        let (n, t, f, h) = (2, 4, 3, 4)
        let (convention, placement) = variant
        let gru = GRU(inputs: f, units: h, convention: convention, resetPlacement: placement, returnsSequences: true, generator: &generator)
        let setStates: ([Tensor]) -> Void = { gru.initialState = $0[0] }
        let stateGradients: () -> [Tensor] = { [gru.initialStateGradient!] }
        let (analytic, point, weighting) = analyticGradient(gru, shape: [n, t, f], states: 1, generator: &generator,
                                                            setStates: setStates, stateGradients: stateGradients)
        let error = GradientCheck.error(analytic: analytic, at: point) { values in
            var pieces = Pieces(values)
            let (x, h0) = (pieces.take(n * t * f), pieces.take(n * h))
            let (wx, wh, b) = (pieces.take(f * 3 * h), pieces.take(h * 3 * h), pieces.take(3 * h))
            let bPrime = placement == .afterProduct ? pieces.take(3 * h) : nil
            let gates = (0..<3).map { gate($0, wx: wx, wh: wh, b: b, inputs: f, units: h, blocks: 3, recurrentBias: bPrime) }
            let outputs = runSequences(x, batch: n, steps: t, features: f, units: h, initial: h0, stateSize: h,
                                       returnsSequences: true) { x, state in
                gruStep(x: x, previous: state, update: gates[0], reset: gates[1], candidate: gates[2], convention: convention,
                        resetAfter: placement == .afterProduct).hidden
            }
            return weightedSum(outputs, weighting)
        }
        #expect(error < gradientTolerance, "\(convention), \(placement): error \(error)")
    }

    @Test("Each layer's forward pass equals the notes' step run over the sequence, to Float precision (seed 231)")
    func forwardEqualsTheNotes() {
        var generator = Xoshiro256StarStar(seed: 231)
        let (n, t, f, h) = (3, 6, 2, 3)
        let x = generator.normalTensor(shape: [n, t, f])
        let zeros = [Double](repeating: 0, count: n * 2 * h)
        let rnn = SimpleRNN(inputs: f, units: h, returnsSequences: true, generator: &generator)
        randomiseBiases(rnn.parameters, generator: &generator)
        let (wx, wh) = (rows(rnn.inputWeights.value.doubles, columns: h), rows(rnn.recurrentWeights.value.doubles, columns: h))
        let rnnReference = runSequences(x.doubles, batch: n, steps: t, features: f, units: h, initial: zeros, stateSize: h,
                                        returnsSequences: true) { rnnStepPadova(x: $0, previous: $1, Wx: wx, Wh: wh, b: rnn.bias.value.doubles) }
        #expect(isApproximatelyEqual(rnn(x).doubles, rnnReference, absoluteTolerance: 1e-6))

        let lstm = LSTM(inputs: f, units: h, returnsSequences: true, generator: &generator)
        randomiseBiases(lstm.parameters, generator: &generator)
        let blocks = LSTMBlock.allCases.map { lstm.gateWeights($0) }
        let lstmReference = runSequences(x.doubles, batch: n, steps: t, features: f, units: h, initial: zeros, stateSize: 2 * h,
                                         returnsSequences: true) { x, state in
            let next = lstmStepPadova(x: x, previous: Array(state.prefix(h)), cell: Array(state.suffix(h)), forget: blocks[1],
                                      input: blocks[0], output: blocks[3], candidate: blocks[2])
            return next.hidden + next.cell
        }
        #expect(isApproximatelyEqual(lstm(x).doubles, lstmReference, absoluteTolerance: 1e-6))

        for convention in GRUConvention.allCases {
            for placement in ResetPlacement.allCases {
                let gru = GRU(inputs: f, units: h, convention: convention, resetPlacement: placement, returnsSequences: true,
                              generator: &generator)
                randomiseBiases(gru.parameters, generator: &generator)
                let gates = (0..<3).map { gru.gateWeights($0) }
                let reference = runSequences(x.doubles, batch: n, steps: t, features: f, units: h, initial: zeros, stateSize: h,
                                             returnsSequences: true) { x, state in
                    gruStep(x: x, previous: state, update: gates[0], reset: gates[1], candidate: gates[2], convention: convention,
                            resetAfter: placement == .afterProduct).hidden
                }
                #expect(isApproximatelyEqual(gru(x).doubles, reference, absoluteTolerance: 1e-6), "\(convention), \(placement)")
            }
        }
    }
}
