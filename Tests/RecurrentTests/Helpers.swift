// Shared pieces of the Recurrent tests: the gradient tolerance, the notes' cell equations
// (CellEquations.swift, Double, one example at a time) run over whole batches of sequences as the
// oracle of the batched Float layers, and exit-test output.

import Foundation
import Testing
import Core
import NeuralNetworks
@testable import Recurrent

/// The largest error `GradientCheck.error` may report. The analytic gradients are Float sums over
/// a few steps of products (about 1e-7 relative each); the references are central differences in
/// Double. 1e-4 leaves room for that rounding and still catches a wrong term, sign or factor
/// (those err by 1e-2 or more).
let gradientTolerance = 1e-4

/// A fixed random weighting C of the outputs, so that J = sum C ⊙ output has dJ/d(output) = C.
func randomWeighting(shape: [Int], generator: inout Xoshiro256StarStar) -> Tensor {
    generator.normalTensor(shape: shape)
}

/// sum_k c_k y_k in Double.
func weightedSum(_ values: [Double], _ weights: Tensor) -> Double {
    zip(values, weights.scalars).reduce(0.0) { $0 + $1.0 * Double($1.1) }
}

/// The standard error of a child process that an exit test observed, as text.
func standardError(of result: ExitTest.Result?) -> String {
    String(decoding: result?.standardErrorContent ?? [], as: UTF8.self)
}

/// Consecutive pieces of a flat array: `take(3)` returns the next three values.
struct Pieces {
    private var rest: ArraySlice<Double>
    init(_ values: [Double]) { rest = values[...] }
    mutating func take(_ count: Int) -> [Double] {
        defer { rest = rest.dropFirst(count) }
        return Array(rest.prefix(count))
    }
}

/// Block `block` (of width H) of row-form weights W_x [F, B H] and W_h [H, B H] and bias [B H],
/// flat, as the notes' column-form gate weights ([H][F], [H][H], [H]).
func gate(_ block: Int, wx: [Double], wh: [Double], b: [Double], inputs: Int, units: Int, blocks: Int,
          recurrentBias: [Double]? = nil) -> GateWeights {
    let width = blocks * units
    let columns = (block * units)..<((block + 1) * units)
    return GateWeights(input: columns.map { j in (0..<inputs).map { wx[$0 * width + j] } },
                       recurrent: columns.map { j in (0..<units).map { wh[$0 * width + j] } },
                       bias: columns.map { b[$0] }, recurrentBias: recurrentBias.map { rb in columns.map { rb[$0] } })
}

/// Step t of sequence n of a flat [N, T, F] batch.
func stepInput(_ x: [Double], n: Int, t: Int, steps: Int, features: Int) -> [Double] {
    Array(x[((n * steps + t) * features)..<((n * steps + t + 1) * features)])
}

/// Runs `cell` (state in, state out) over every sequence of a flat [N, T, F] batch from the flat
/// initial states [N, S] and returns the flat outputs: every step's first H values of the state
/// ([N, T, H]) or only the last ([N, H]).
func runSequences(_ x: [Double], batch: Int, steps: Int, features: Int, units: Int, initial: [Double], stateSize: Int,
                  returnsSequences: Bool, cell: (_ x: [Double], _ state: [Double]) -> [Double]) -> [Double] {
    var outputs: [Double] = []
    for n in 0..<batch {
        var state = Array(initial[(n * stateSize)..<((n + 1) * stateSize)])
        for t in 0..<steps {
            state = cell(stepInput(x, n: n, t: t, steps: steps, features: features), state)
            if returnsSequences || t == steps - 1 { outputs += state.prefix(units) }
        }
    }
    return outputs
}

/// The flat [N, T, F] batch read backwards in time.
func reversedSequences(_ x: [Double], batch: Int, steps: Int, features: Int) -> [Double] {
    (0..<batch).flatMap { n in (0..<steps).reversed().flatMap { t in stepInput(x, n: n, t: t, steps: steps, features: features) } }
}

/// A small random batch of sequences and its initial states.
func randomSequences(_ shape: [Int], units: Int, generator: inout Xoshiro256StarStar) -> (x: Tensor, h0: Tensor) {
    (generator.normalTensor(shape: shape), generator.normalTensor(shape: [shape[0], units], standardDeviation: 0.5))
}

/// Biases drawn at random so that every term of the gradient is exercised (not the zeros of the initialiser).
func randomiseBiases(_ parameters: [Parameter], generator: inout Xoshiro256StarStar) {
    for parameter in parameters where parameter.name.hasPrefix("b") {
        parameter.value = generator.normalTensor(shape: parameter.value.shape, standardDeviation: 0.5)
    }
}
