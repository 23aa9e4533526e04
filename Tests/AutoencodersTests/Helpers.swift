// Shared pieces of the Autoencoders tests: the gradient tolerance, Double references written
// independently of the library (a dense layer, the Bernoulli term, the KL term, a whole VAE loss),
// and the text of an exit test's standard error.

import Foundation
import Testing
import Core
import NeuralNetworks
import Autoencoders

/// The largest error `GradientCheck.error` may report. The analytic gradients are Float sums of a few
/// dozen products (about 1e-7 relative each); the references are central differences in Double. A
/// wrong term, sign or factor errs by 1e-2 or more.
let gradientTolerance = 1e-4

/// A = Phi(X W + b) in Double, X [rows, inputs] and W [inputs, outputs] flat; linear or ReLU.
func doubleDense(_ x: [Double], rows: Int, _ w: [Double], _ b: [Double], relu: Bool) -> [Double] {
    let (outputs, inputs) = (b.count, w.count / b.count)
    var a = [Double](repeating: 0, count: rows * outputs)
    for i in 0..<rows {
        for j in 0..<outputs {
            var z = b[j]
            for k in 0..<inputs { z += x[i * inputs + k] * w[k * outputs + j] }
            a[i * outputs + j] = relu ? max(z, 0) : z
        }
    }
    return a
}

/// (1/N) sum of max(l, 0) - l x + log(1 + e^-|l|): the Bernoulli term in Double.
func doubleBernoulli(logits: [Double], target: [Double], rows: Int) -> Double {
    zip(logits, target).reduce(0.0) { $0 + max($1.0, 0) - $1.0 * $1.1 + log1p(exp(-abs($1.0))) } / Double(rows)
}

/// (1/N) sum 1/2 (mu^2 + e^{log sigma^2} - 1 - log sigma^2): the KL term in Double.
func doubleKL(mean: [Double], logVariance: [Double], rows: Int) -> Double {
    zip(mean, logVariance).reduce(0.0) { $0 + 0.5 * ($1.0 * $1.0 + exp($1.1) - 1 - $1.1) } / Double(rows)
}

/// Reads consecutive runs of a flat list: `take(n)` returns the next n values.
struct Reader {
    private var rest: ArraySlice<Double>
    init(_ values: [Double]) { rest = values[...] }
    mutating func take(_ count: Int) -> [Double] {
        defer { rest = rest.dropFirst(count) }
        return Array(rest.prefix(count))
    }
}

/// J = reconstruction + KL of a VAE with one hidden ReLU layer each side, in Double, written from
/// the equations: h = ReLU(x W + b), mu and log sigma^2 linear heads, z = mu + e^{log sigma^2 / 2} eps,
/// logits = ReLU(z W1 + b1) W2 + b2. `values` holds the encoder's input x, then the parameters in the
/// order of `VariationalAutoencoder.parameters`; `sizes` their counts; the target stays `target`.
func doubleVAELoss(_ values: [Double], sizes: [Int], rows: Int, target: [Double], noise: [Double]) -> Double {
    var reader = Reader(values)
    let x = reader.take(target.count)
    let (w, b) = (reader.take(sizes[0]), reader.take(sizes[1]))
    let (muW, muB, logW, logB) = (reader.take(sizes[2]), reader.take(sizes[3]), reader.take(sizes[4]), reader.take(sizes[5]))
    let (w1, b1, w2, b2) = (reader.take(sizes[6]), reader.take(sizes[7]), reader.take(sizes[8]), reader.take(sizes[9]))
    let h = doubleDense(x, rows: rows, w, b, relu: true)
    let mean = doubleDense(h, rows: rows, muW, muB, relu: false), logVariance = doubleDense(h, rows: rows, logW, logB, relu: false)
    let code = (0..<mean.count).map { mean[$0] + exp(logVariance[$0] / 2) * noise[$0] }
    let logits = doubleDense(doubleDense(code, rows: rows, w1, b1, relu: true), rows: rows, w2, b2, relu: false)
    return doubleBernoulli(logits: logits, target: target, rows: rows) + doubleKL(mean: mean, logVariance: logVariance, rows: rows)
}

/// sum_k c_k y_k in Double, so that dJ/dy = c.
func weightedSum(_ values: [Double], _ weights: Tensor) -> Double {
    zip(values, weights.scalars).reduce(0.0) { $0 + $1.0 * Double($1.1) }
}

/// The standard error of a child process an exit test observed, as text.
func standardError(of result: ExitTest.Result?) -> String {
    String(decoding: result?.standardErrorContent ?? [], as: UTF8.self)
}

/// Images in (0, 1): uniform pixels, as the digits' /16 values but never exactly 0 or 1.
func randomImages(rows: Int, pixels: Int, _ generator: inout Xoshiro256StarStar) -> Tensor {
    generator.uniformTensor(shape: [rows, pixels], 0.02, 0.98)
}
