// Solution to Exercise 32: one LSTM step (DL Padova "Long Short-Term Memory").
//
// The four blocks differ only in their weights and in the squashing function, so one helper computes
// U x + W h + b; sigma turns three of them into gates (numbers in (0, 1) that scale, element by
// element) and tanh the fourth into the candidate. The cell state is the only path from c to c_new
// without a squashing function: f near 1 keeps the memory, which is why gradients survive there.

import Foundation

public struct LSTMBlockWeights {
    public var U: [[Double]]
    public var W: [[Double]]
    public var b: [Double]
    public init(U: [[Double]], W: [[Double]], b: [Double]) { (self.U, self.W, self.b) = (U, W, b) }
}

public func lstmCellForward(x: [Double], h: [Double], c: [Double], forget: LSTMBlockWeights, input: LSTMBlockWeights,
                            output: LSTMBlockWeights, candidate: LSTMBlockWeights) -> (h: [Double], c: [Double]) {
    func dot(_ row: [Double], _ vector: [Double]) -> Double {
        var total = 0.0
        for (a, b) in zip(row, vector) { total += a * b }
        return total
    }
    func preActivation(_ block: LSTMBlockWeights) -> [Double] {
        (0..<block.b.count).map { j in block.b[j] + dot(block.U[j], x) + dot(block.W[j], h) }
    }
    let sigma = { (z: Double) -> Double in 1 / (1 + exp(-z)) }
    let (f, i, o) = (preActivation(forget).map(sigma), preActivation(input).map(sigma), preActivation(output).map(sigma))
    let cBar = preActivation(candidate).map { tanh($0) }
    let cNew = (0..<c.count).map { f[$0] * c[$0] + i[$0] * cBar[$0] }
    return ((0..<c.count).map { o[$0] * tanh(cNew[$0]) }, cNew)
}
