// WORKED-NUMBERS.md's section 13 (WORKED-NUMBERS.md): RNN-1 to RNN-3 from DAT300, the derived parameter
// counts and the scalar steps of the RNN, LSTM and GRU, each test named after its id. The Double
// equations reproduce the ten printed digits; the Float layers agree to Float precision.

import Foundation
import Testing
import Core
import NeuralNetworks
@testable import Recurrent

/// A 1 x 1 matrix.
private func scalar(_ value: Double) -> [[Double]] { [[value]] }

/// A one-unit gate from WORKED-NUMBERS.md's triples (input weight, recurrent weight, bias).
private func scalarGate(_ input: Double, _ recurrent: Double, _ bias: Double) -> GateWeights {
    GateWeights(input: scalar(input), recurrent: scalar(recurrent), bias: [bias])
}

@Suite("Worked examples of WORKED-NUMBERS.md, section 13 (RNN, LSTM, GRU)")
struct WorkedExampleTests {
    @Test("RNN-1: (0.8, 0.8, 0.8) ⊕ (1.0, 0.5, 0.0) = (1.8, 1.3, 0.8) (DAT300 \"Long Short-Term Memory\")")
    func rnn1() {
        #expect(elementwiseSum([0.8, 0.8, 0.8], [1.0, 0.5, 0.0]) == [1.8, 1.3, 0.8])
        #expect(Tensor([[0.8, 0.8, 0.8]]) + Tensor([[1.0, 0.5, 0.0]]) == Tensor([[1.8, 1.3, 0.8]]))
    }

    @Test("RNN-2: (0.8, 0.8, 0.8) ⊗ (1.0, 0.5, 0.0) = (0.8, 0.4, 0.0): a gate of 0 blocks, 1 passes")
    func rnn2() {
        #expect(elementwiseProduct([0.8, 0.8, 0.8], [1.0, 0.5, 0.0]) == [0.8, 0.4, 0.0])
        #expect(Tensor([[0.8, 0.8, 0.8]]).multipliedElementwise(by: Tensor([[1.0, 0.5, 0.0]])) == Tensor([[0.8, 0.4, 0.0]]))
    }

    @Test("RNN-3 and E-60: SimpleRNN(64) on 10 inputs has 10 x 64 + 64 + 64^2 = 4800 parameters (printed \"4.800\")")
    func rnn3() {
        var generator = Xoshiro256StarStar(seed: 1)
        #expect(simpleRNNParameterCount(inputs: 10, units: 64) == 4800)
        #expect(10 * 64 + 64 + 64 * 64 == 4800 && 64 * (10 + 64 + 1) == 4800)
        #expect(SimpleRNN(inputs: 10, units: 64, generator: &generator).parameterCount == 4800)
    }

    @Test("Derived counts: LSTM 19,200; GRU 14,400 (single bias) and 14,592 (Keras reset_after, E-57); bidirectional LSTM 38,400; LSTM(32) on 16 inputs 6,272")
    func derivedParameterCounts() {
        var generator = Xoshiro256StarStar(seed: 2)
        #expect(lstmParameterCount(inputs: 10, units: 64) == 19_200)
        #expect(LSTM(inputs: 10, units: 64, generator: &generator).parameterCount == 19_200)
        #expect(gruParameterCount(inputs: 10, units: 64) == 14_400)
        #expect(GRU(inputs: 10, units: 64, generator: &generator).parameterCount == 14_400)
        #expect(gruParameterCount(inputs: 10, units: 64, resetPlacement: .afterProduct) == 14_592)
        #expect(GRU(inputs: 10, units: 64, resetPlacement: .afterProduct, generator: &generator).parameterCount == 14_592)
        #expect(bidirectionalParameterCount(oneDirection: lstmParameterCount(inputs: 10, units: 64)) == 38_400)
        let bidirectional = Bidirectional(LSTM(inputs: 10, units: 64, generator: &generator), LSTM(inputs: 10, units: 64, generator: &generator))
        #expect(bidirectional.parameterCount == 38_400)
        #expect(lstmParameterCount(inputs: 16, units: 32) == 6_272)
        #expect(LSTM(inputs: 16, units: 32, generator: &generator).parameterCount == 6_272)
    }

    @Test("DAT300 sentiment model: Embedding(100, 16) -> LSTM(32) -> Dense(1, sigmoid) has 1,600 + 6,272 + 33 = 7,905 parameters")
    func sentimentModelParameterCount() {
        var generator = Xoshiro256StarStar(seed: 3)
        let model = Network([Embedding(vocabulary: 100, dimension: 16, generator: &generator),
                             LSTM(inputs: 16, units: 32, generator: &generator),
                             Dense(inputs: 32, outputs: 1, activation: .sigmoid, generator: &generator)])
        #expect(model.trainableParameterCount == 7_905)
        #expect(embeddingParameterCount(vocabulary: 100, dimension: 16) + lstmParameterCount(inputs: 16, units: 32) + 33 == 7_905)
    }

    @Test("The scalar RNN step: tanh(0.5 * 1 + 0.8 * 0.5 + 0.1) = tanh(1) = 0.7615941560, both printed forms and the layer")
    func rnnScalarStep() {
        let padova = rnnStepPadova(x: [1], previous: [0.5], Wx: scalar(0.5), Wh: scalar(0.8), b: [0.1])
        let dat300 = rnnStepDAT300(x: [1], previous: [0.5], Whh: scalar(0.8), Wxh: scalar(0.5), bh: [0.1], Why: scalar(1), by: [0])
        #expect(abs(padova[0] - 0.7615941560) < 5e-11 && abs(dat300.h[0] - 0.7615941560) < 5e-11)
        let layer = SimpleRNN(inputWeights: Tensor([[0.5]]), recurrentWeights: Tensor([[0.8]]), bias: Tensor([[0.1]]))
        layer.initialState = Tensor([[0.5]])
        #expect(isApproximatelyEqual(layer(Tensor(shape: [1, 1, 1], scalars: [1])).scalars[0], 0.7615941560, absoluteTolerance: 1e-6))
    }

    /// WORKED-NUMBERS.md's scalar LSTM: x = 1, h = 0.5, c = 0.2; (input, recurrent, bias) per block.
    static let lstmGates = (forget: scalarGate(0.5, 0.1, 0), input: scalarGate(0.3, 0.2, 0.1),
                            output: scalarGate(0.4, -0.1, 0), candidate: scalarGate(0.6, 0.5, -0.2))

    @Test("The scalar LSTM step: f = 0.6341355910, i = 0.6224593312, o = 0.5866175789, c̄ = 0.5716699661, c = 0.4826684230, h = 0.2630264839, in DL Padova's and DAT300's forms")
    func lstmScalarStep() {
        let g = Self.lstmGates
        let padova = lstmStepPadova(x: [1], previous: [0.5], cell: [0.2], forget: g.forget, input: g.input, output: g.output,
                                    candidate: g.candidate)
        let dat300 = lstmStepDAT300(x: [1], previous: [0.5], cell: [0.2], forget: (g.forget.concatenated, g.forget.bias),
                                    update: (g.input.concatenated, g.input.bias), output: (g.output.concatenated, g.output.bias),
                                    candidate: (g.candidate.concatenated, g.candidate.bias))
        for step in [padova, dat300] {
            let values = [step.forget[0], step.input[0], step.output[0], step.candidate[0], step.cell[0], step.hidden[0]]
            let expected = [0.6341355910, 0.6224593312, 0.5866175789, 0.5716699661, 0.4826684230, 0.2630264839]
            #expect(zip(values, expected).allSatisfy { abs($0 - $1) < 5e-11 }, "\(values)")
        }
    }

    @Test("The scalar LSTM step through the LSTM layer (blocks I, f, C̄, O side by side): h = 0.2630264839 to Float precision")
    func lstmScalarStepLayer() {
        let g = Self.lstmGates
        let blocks = [g.input, g.forget, g.candidate, g.output]
        let layer = LSTM(inputWeights: Tensor([blocks.map { Float($0.input[0][0]) }]),
                         recurrentWeights: Tensor([blocks.map { Float($0.recurrent[0][0]) }]),
                         bias: Tensor([blocks.map { Float($0.bias[0]) }]))
        (layer.initialState, layer.initialCellState) = (Tensor([[0.5]]), Tensor([[0.2]]))
        let h = layer(Tensor(shape: [1, 1, 1], scalars: [1]))
        #expect(isApproximatelyEqual(h.scalars[0], 0.2630264839, absoluteTolerance: 1e-6))
        #expect(isApproximatelyEqual(layer.finalCellState!.scalars[0], 0.4826684230, absoluteTolerance: 1e-6))
    }

    /// WORKED-NUMBERS.md's scalar GRU: x = 1, h = 0.5; z (0.5, 0.5, 0), r (-0.5, 0.5, 0), ĥ (1, 1, 0).
    static let gruGates = (update: scalarGate(0.5, 0.5, 0), reset: scalarGate(-0.5, 0.5, 0), candidate: scalarGate(1, 1, 0))

    @Test("The scalar GRU step (E-66): z = 0.6791786992, r = 0.4378234991, ĥ = 0.8393328691; h = 0.7304676566 (DL Padova) and 0.6088652125 (Keras / PyTorch)")
    func gruScalarStep() {
        let g = Self.gruGates
        let padova = gruStep(x: [1], previous: [0.5], update: g.update, reset: g.reset, candidate: g.candidate, convention: .padova)
        let keras = gruStep(x: [1], previous: [0.5], update: g.update, reset: g.reset, candidate: g.candidate, convention: .kerasPyTorch)
        #expect(abs(padova.update[0] - 0.6791786992) < 5e-11 && abs(padova.reset[0] - 0.4378234991) < 5e-11)
        #expect(abs(padova.candidate[0] - 0.8393328691) < 5e-11)
        #expect(abs(padova.hidden[0] - 0.7304676566) < 5e-11)
        #expect(abs(keras.hidden[0] - 0.6088652125) < 5e-11)
        let afterProduct = gruStep(x: [1], previous: [0.5], update: g.update, reset: g.reset, candidate: g.candidate, resetAfter: true)
        #expect(abs(afterProduct.hidden[0] - padova.hidden[0]) < 1e-15, "one unit: the reset gate's place makes no difference")
    }

    @Test("The scalar GRU step through the GRU layer: 0.7304676566 and 0.6088652125 to Float precision, for both reset placements")
    func gruScalarStepLayer() {
        let g = Self.gruGates
        let blocks = [g.update, g.reset, g.candidate]
        for (convention, expected) in [(GRUConvention.padova, Float(0.7304676566)), (.kerasPyTorch, 0.6088652125)] {
            for placement in ResetPlacement.allCases {
                let layer = GRU(inputWeights: Tensor([blocks.map { Float($0.input[0][0]) }]),
                                recurrentWeights: Tensor([blocks.map { Float($0.recurrent[0][0]) }]), bias: Tensor([[0, 0, 0]]),
                                recurrentBias: placement == .afterProduct ? Tensor([[0, 0, 0]]) : nil,
                                convention: convention, resetPlacement: placement)
                layer.initialState = Tensor([[0.5]])
                let h = layer(Tensor(shape: [1, 1, 1], scalars: [1])).scalars[0]
                #expect(isApproximatelyEqual(h, expected, absoluteTolerance: 1e-6), "\(convention), \(placement): \(h)")
            }
        }
    }
}
