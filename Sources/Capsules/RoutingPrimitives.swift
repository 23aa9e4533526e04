// RoutingPrimitives.swift: the three sums routing by agreement is made of, on a batch, each a loop over
// the (example, i, j) triples that hands every D-long vector to Core's SIMD kernels (`axpy`, `dot`).
// Goals, in order: three small operations whose adjoints are each other (so the backward pass of
// Procedure 1 is written with the same three); no [N, I, J, D] temporaries (broadcasting c and v with
// Core's `repeated` copied each single value and was 5x slower on the digits CapsNet); each beside a
// readable twin made of Core's axis operations, which the tests compare with.
//
//     weightedVoteSums(u^, w)[n, j, :]   = sum_i w[n, i, j] u^[n, i, j, :]        s_j = sum_i c_ij u^_(j|i)
//     agreement(u^, x)[n, i, j]           = u^[n, i, j, :] . x[n, j, :]             a_ij = u^_(j|i) . v_j
//     spreading(x, w)[n, i, j, :]         = w[n, i, j] x[n, j, :]                   (the adjoint of both)
//
// Adjoints: <weightedVoteSums(u^, w), x> = <u^, spreading(x, w)> = <w, agreement(u^, x)>.

import Core

/// s[n, j, :] = sum_i w[n, i, j] u^[n, i, j, :]: votes [N, I, J, D] weighted by w [N, I, J], summed over i.
/// With w = c it is the total input s_j of DL Padova "Dynamic routing" (Procedure 1, line 5).
public func weightedVoteSums(_ predictions: Tensor, _ weights: Tensor) -> Tensor {
    let (batch, lower, upper, dimension) = requirePredictions(predictions, "weightedVoteSums")
    requireShapes(weights.shape == [batch, lower, upper], "weightedVoteSums: u^ [N, I, J, D] vs weights [N, I, J]",
                  predictions.shape, weights.shape)
    var sums = Tensor(shape: [batch, upper, dimension])
    predictions.scalars.withUnsafeBufferPointer { u in
        weights.scalars.withUnsafeBufferPointer { w in
            sums.scalars.withUnsafeMutableBufferPointer { s in
                for n in 0..<batch {
                    for i in 0..<lower {
                        for j in 0..<upper {
                            let pair = (n * lower + i) * upper + j
                            Kernels.axpy(w[pair], run(u, pair * dimension, dimension), run(s, (n * upper + j) * dimension, dimension))
                        }
                    }
                }
            }
        }
    }
    return sums
}

/// a[n, i, j] = u^[n, i, j, :] . x[n, j, :]: how well lower capsule i's vote for j agrees with x_j, for
/// votes [N, I, J, D] and x [N, J, D] (Procedure 1, line 7, with x = v).
public func agreement(_ predictions: Tensor, _ outputs: Tensor) -> Tensor {
    let (batch, lower, upper, dimension) = requirePredictions(predictions, "agreement")
    requireShapes(outputs.shape == [batch, upper, dimension], "agreement: u^ [N, I, J, D] vs v [N, J, D]", predictions.shape, outputs.shape)
    var result = Tensor(shape: [batch, lower, upper])
    predictions.scalars.withUnsafeBufferPointer { u in
        outputs.scalars.withUnsafeBufferPointer { x in
            result.scalars.withUnsafeMutableBufferPointer { a in
                for n in 0..<batch {
                    for i in 0..<lower {
                        for j in 0..<upper {
                            let pair = (n * lower + i) * upper + j
                            a[pair] = Kernels.dot(run(u, pair * dimension, dimension), run(x, (n * upper + j) * dimension, dimension))
                        }
                    }
                }
            }
        }
    }
    return result
}

/// target[n, i, j, :] += w[n, i, j] x[n, j, :], for x [N, J, D], w [N, I, J] and target [N, I, J, D]:
/// each upper capsule's vector handed back to every lower capsule, weighted (the adjoint of both sums above).
public func addSpreading(_ x: Tensor, weights: Tensor, into target: inout Tensor) {
    let (batch, lower, upper, dimension) = requirePredictions(target, "addSpreading")
    requireShapes(x.shape == [batch, upper, dimension] && weights.shape == [batch, lower, upper],
                  "addSpreading: x [N, J, D] and weights [N, I, J] vs target [N, I, J, D]", x.shape + weights.shape, target.shape)
    x.scalars.withUnsafeBufferPointer { x in
        weights.scalars.withUnsafeBufferPointer { w in
            target.scalars.withUnsafeMutableBufferPointer { t in
                for n in 0..<batch {
                    for i in 0..<lower {
                        for j in 0..<upper {
                            let pair = (n * lower + i) * upper + j
                            Kernels.axpy(w[pair], run(x, (n * upper + j) * dimension, dimension), run(t, pair * dimension, dimension))
                        }
                    }
                }
            }
        }
    }
}

/// The readable twins, made of Core's axis operations (broadcast with `repeated`, multiply, sum along an
/// axis): what the fast loops above must equal.
public enum RoutingPrimitivesReference {
    /// sum over i of u^ (.) w repeated along D.
    public static func weightedVoteSums(_ predictions: Tensor, _ weights: Tensor) -> Tensor {
        predictions.multipliedElementwise(by: weights.repeated(predictions.shape[3], alongNewAxis: 3)).sum(alongAxis: 1)
    }

    /// sum over D of u^ (.) x repeated along I.
    public static func agreement(_ predictions: Tensor, _ outputs: Tensor) -> Tensor {
        predictions.multipliedElementwise(by: outputs.repeated(predictions.shape[1], alongNewAxis: 1)).sum(alongAxis: 3)
    }

    /// x repeated along I, times w repeated along D.
    public static func spreading(_ x: Tensor, weights: Tensor) -> Tensor {
        x.repeated(weights.shape[1], alongNewAxis: 1).multipliedElementwise(by: weights.repeated(x.shape[2], alongNewAxis: 3))
    }
}

/// The `count` values from `start` of a buffer, as a buffer.
@inline(__always)
func run(_ buffer: UnsafeBufferPointer<Float>, _ start: Int, _ count: Int) -> UnsafeBufferPointer<Float> {
    UnsafeBufferPointer(rebasing: buffer[start..<(start + count)])
}

@inline(__always)
func run(_ buffer: UnsafeMutableBufferPointer<Float>, _ start: Int, _ count: Int) -> UnsafeMutableBufferPointer<Float> {
    UnsafeMutableBufferPointer(rebasing: buffer[start..<(start + count)])
}
