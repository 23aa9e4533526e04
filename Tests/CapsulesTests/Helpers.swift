// Shared helpers of the capsule tests: the gradient-check tolerance, Double references written
// independently of the library (the prediction vectors W_ij u_i, a convolution, a dense layer), and
// exit-test output.

import Foundation
import Testing
import Core
import Capsules

/// The largest error (GradientCheck.maximumError: relative above 1, absolute below) allowed between a
/// backward pass computed in Float and central differences in Double. Float rounding through three
/// routing iterations leaves about 1e-6; a wrong term, sign or factor errs by far more than 1e-4.
let gradientTolerance = 1e-4

/// WORKED-NUMBERS.md's routing example (Sec. 10.3): votes[i][j] = u^_(j|i), 2 lower and 2 upper capsules.
let indexedVotes: [[[Double]]] = [[[1, 0], [0, 1]], [[1, 0.2], [-0.5, 0]]]

/// WORKED-NUMBERS.md's votes as a batch of one, u^ [1, I = 2, J = 2, D = 2].
let indexedVoteTensor = Tensor(shape: [1, 2, 2, 2], scalars: [1, 0, 0, 1, 1, 0.2, -0.5, 0])

/// sum_k c_k y_k in Double: a scalar J whose gradient with respect to y is C.
func weightedSum(_ values: [Double], _ weights: Tensor) -> Double {
    zip(values, weights.scalars).reduce(0.0) { $0 + $1.0 * Double($1.1) }
}

/// The flat [N, I, J, D] values as votes[n][i][j][d].
func votes(from flat: [Double], shape: [Int]) -> [[[[Double]]]] {
    let (n, i, j, d) = (shape[0], shape[1], shape[2], shape[3])
    return (0..<n).map { a in (0..<i).map { b in (0..<j).map { c in
        Array(flat[(((a * i + b) * j + c) * d)..<(((a * i + b) * j + c + 1) * d)])
    } } }
}

/// v [N, J, D] of the reference routing (Procedure 1 in Double) of every example, flattened.
func referenceRouting(_ flat: [Double], shape: [Int], iterations: Int) -> [Double] {
    votes(from: flat, shape: shape).flatMap { RoutingReference.route($0, iterations: iterations).outputs.last!.flatMap { $0 } }
}

/// u^[n, i, j, :] = W[i, j] u[n, i, :] in Double: u [N, I, D_in], W [I, J, D_out, D_in], both flat.
func referencePredictions(_ u: [Double], _ w: [Double], batch: Int, lower: Int, upper: Int,
                          outputDimension: Int, inputDimension: Int) -> [Double] {
    var result = [Double](repeating: 0, count: batch * lower * upper * outputDimension)
    for n in 0..<batch {
        for i in 0..<lower {
            for j in 0..<upper {
                for o in 0..<outputDimension {
                    var sum = 0.0
                    for k in 0..<inputDimension {
                        sum += w[((i * upper + j) * outputDimension + o) * inputDimension + k] * u[(n * lower + i) * inputDimension + k]
                    }
                    result[((n * lower + i) * upper + j) * outputDimension + o] = sum
                }
            }
        }
    }
    return result
}

/// Valid, stride-1 convolution in Double: x [N, C, H, W], w [O, C, K, K], b [O] to [N, O, H-K+1, W-K+1].
func referenceConvolution(_ x: [Double], _ w: [Double], _ b: [Double], batch: Int, channels: Int, side: Int,
                          outputChannels: Int, kernel: Int) -> [Double] {
    let out = side - kernel + 1
    var y = [Double](repeating: 0, count: batch * outputChannels * out * out)
    for n in 0..<batch {
        for o in 0..<outputChannels {
            for r in 0..<out {
                for s in 0..<out {
                    var sum = b[o]
                    for c in 0..<channels {
                        for k in 0..<kernel {
                            for l in 0..<kernel {
                                sum += w[((o * channels + c) * kernel + k) * kernel + l] * x[((n * channels + c) * side + r + k) * side + s + l]
                            }
                        }
                    }
                    y[((n * outputChannels + o) * out + r) * out + s] = sum
                }
            }
        }
    }
    return y
}

/// [N, T D, H, W] channels regrouped as capsules [N, T H W, D] (type-major), then squashed, in Double.
func referencePrimaryCapsules(_ y: [Double], batch: Int, types: Int, dimension: Int, area: Int) -> [Double] {
    var capsules: [Double] = []
    for n in 0..<batch {
        for t in 0..<types {
            for p in 0..<area {
                let s = (0..<dimension).map { d in y[(n * types * dimension + t * dimension + d) * area + p] }
                capsules += squashReference(s)
            }
        }
    }
    return capsules
}

/// A = Phi(X W + b) in Double for ReLU, sigmoid or linear; X [rows, inputs], W [inputs, outputs].
func referenceDense(_ x: [Double], rows: Int, _ w: [Double], _ b: [Double], _ phi: (Double) -> Double) -> [Double] {
    let (outputs, inputs) = (b.count, w.count / b.count)
    var a = [Double](repeating: 0, count: rows * outputs)
    for i in 0..<rows {
        for j in 0..<outputs {
            a[i * outputs + j] = phi(b[j] + (0..<inputs).reduce(0.0) { $0 + x[i * inputs + $1] * w[$1 * outputs + j] })
        }
    }
    return a
}

/// The Euclidean length of each run of `dimension` values.
func referenceLengths(_ v: [Double], dimension: Int) -> [Double] {
    stride(from: 0, to: v.count, by: dimension).map { start in
        v[start..<(start + dimension)].reduce(0.0) { $0 + $1 * $1 }.squareRoot()
    }
}

/// The standard error of a child process that an exit test observed, as text.
func standardError(of result: ExitTest.Result?) -> String {
    String(decoding: result?.standardErrorContent ?? [], as: UTF8.self)
}
