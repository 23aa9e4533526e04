// LSTM+Backward.swift: back-propagation through time for the LSTM layer (DL Padova "Unfolding
// time", "Long Short-Term Memory"), the chain rule through C_t = f ⊙ C_(t-1) + I ⊙ C̄ and
// H_t = O ⊙ tanh(C_t), step by step from the last to the first.
// Goals, in order: every local derivative on its own line; one GEMM per step (dJ/dH_(t-1)), the
// weight gradients as one product each after the loop (the sum over time steps, stacked).

import Core
import NeuralNetworks

extension LSTM {
    /// BPTT from dJ/d(output) to dJ/dX; sets dJ/dW_x, dJ/dW_h, dJ/db and the gradients of H_0 and C_0.
    /// From t = T down to 1, with g = dJ/dH_t (from the output and from step t + 1) and
    /// dJ/dC_t arriving from step t + 1:
    ///
    ///     dJ/dO   = g ⊙ tanh(C_t)
    ///     dJ/dC_t = g ⊙ O ⊙ (1 - tanh^2 C_t) + dJ/dC_t from step t + 1
    ///     dJ/dI   = dJ/dC_t ⊙ C̄,   dJ/dC̄ = dJ/dC_t ⊙ I,   dJ/df = dJ/dC_t ⊙ C_(t-1)
    ///     dJ/dC_(t-1) = dJ/dC_t ⊙ f            (the cell's own path: no weight matrix, no squashing)
    ///     delta_t = [dJ/dI ⊙ I(1 - I) | dJ/df ⊙ f(1 - f) | dJ/dC̄ ⊙ (1 - C̄^2) | dJ/dO ⊙ O(1 - O)]
    ///     dJ/dH_(t-1) = delta_t W_h^T,   dJ/dx_t = delta_t W_x^T
    ///
    /// and, summed over the steps, dJ/dW_x = sum_t x_t^T delta_t, dJ/dW_h = sum_t H_(t-1)^T delta_t,
    /// dJ/db = sum_t (column sums of delta_t): computed after the loop as one product each over the
    /// stacked steps (X^T Delta is exactly that sum). The path dJ/dC_(t-1) = dJ/dC_t ⊙ f is why the
    /// gradient survives many steps when f is near 1 (DAT300 "Long Short-Term Memory").
    public func backward(_ outputGradient: Tensor) -> Tensor {
        let inputGradient = backpropagateThroughTime(outputGradient, computingInputGradient: true)
        return inputGradient!
    }

    /// The weight gradients without dJ/dX (one product fewer): a network's first layer while training.
    public func backwardDiscardingInputGradient(_ outputGradient: Tensor) {
        _ = backpropagateThroughTime(outputGradient, computingInputGradient: false)
    }

    private func backpropagateThroughTime(_ outputGradient: Tensor, computingInputGradient: Bool) -> Tensor? {
        guard let cache else { requirementFailed("LSTM.backward: called before forward; run a forward pass on the batch first") }
        let (shape, n, h, steps) = (cache.shape, cache.shape.batch, units, cache.shape.steps)
        let expected = returnsSequences ? [n, steps, h] : [n, h]
        requireShapes(outputGradient.shape == expected, "LSTM.backward: dJ/d(output) vs \(returnsSequences ? "[N, T, H]" : "[N, H]")",
                      outputGradient.shape, expected)
        var deltas = takeDeltaBuffer(rows: steps * n)
        var stateGradient = Tensor(shape: [n, h]), cellGradient = Tensor(shape: [n, h])
        let recurrentTransposed = recurrentWeights.value.transposed()          // W_h^T [4H, H], so each step's product reads it row by row
        deltas.scalars.withUnsafeMutableBufferPointer { d in
            stateGradient.scalars.withUnsafeMutableBufferPointer { dh in
                cellGradient.scalars.withUnsafeMutableBufferPointer { dc in
                    recurrentTransposed.scalars.withUnsafeBufferPointer { whT in
                        outputGradient.scalars.withUnsafeBufferPointer { dy in
                            for t in (0..<steps).reversed() {
                                addOutputGradient(dy.baseAddress!, step: t, steps: steps, into: dh.baseAddress!, rows: n)   // g = from the output + from step t + 1
                                lstmStepDeltas(cache, step: t, stateGradient: dh.baseAddress!, cellGradient: dc.baseAddress!,
                                               deltas: d.baseAddress! + t * n * 4 * h, rows: n, units: h)
                                multiply(d.baseAddress! + t * n * 4 * h, whT.baseAddress!, into: dh.baseAddress!, m: n, n: h, k: 4 * h,
                                         lda: 4 * h, ldb: h, ldc: h, accumulate: false)                        // dJ/dH_(t-1) = delta_t W_h^T
                                if t > 0, let k = truncation, t % k == 0 {
                                    dh.update(repeating: 0)
                                    dc.update(repeating: 0)
                                }
                            }
                        }
                    }
                }
            }
        }
        setWeightGradients(deltas, cache)
        (initialStateGradient, initialCellStateGradient) = (stateGradient, cellGradient)
        defer { deltaBuffer = deltas }
        guard computingInputGradient else { return nil }
        let inputGradients = matmul(deltas, inputWeights.value, transposeB: true)                    // dJ/dx_t, every t
        return batchMajor(inputGradients.reshaped([steps, n, shape.features]))
    }

    /// dJ/dW_h = sum_t H_(t-1)^T delta_t, dJ/dW_x = sum_t x_t^T delta_t, dJ/db = sum_t (column sums of delta_t):
    /// each sum over the steps is one product over the stacked steps, written into the gradients in place.
    private func setWeightGradients(_ deltas: Tensor, _ cache: LSTMCache) {
        let (rows, h) = (deltas.rows, units)
        recurrentWeights.gradient.scalars.withUnsafeMutableBufferPointer { dWh in
            cache.states.scalars.withUnsafeBufferPointer { s in                                           // H_0 ... H_(T-1): the first T N rows
                deltas.scalars.withUnsafeBufferPointer { d in
                    multiply(s.baseAddress!, d.baseAddress!, into: dWh.baseAddress!, m: h, n: 4 * h, k: rows, lda: h, ldb: 4 * h, ldc: 4 * h,
                             transposeA: true, accumulate: false)
                }
            }
        }
        product(cache.inputs, deltas, into: &inputWeights.gradient, transposeA: true, accumulate: false)
        bias.gradient.scalars.withUnsafeMutableBufferPointer { db in
            db.update(repeating: 0)
            deltas.scalars.withUnsafeBufferPointer { d in
                for row in 0..<rows { Kernels.axpy(1, UnsafeBufferPointer(rebasing: d[(row * 4 * h)..<((row + 1) * 4 * h)]), db) }
            }
        }
    }

    /// The buffer of the last backward pass if it has `rows` rows, else a new one.
    private func takeDeltaBuffer(rows: Int) -> Tensor {
        defer { deltaBuffer = nil }
        if let deltaBuffer, deltaBuffer.shape == [rows, 4 * units] { return deltaBuffer }
        return Tensor(shape: [rows, 4 * units])
    }

    /// dJ/dH_t from the layer's output added into `stateGradient` ([N, H]): row n of step t of a
    /// [N, T, H] gradient, or the [N, H] gradient at the last step only.
    private func addOutputGradient(_ dy: UnsafePointer<Float>, step t: Int, steps: Int, into stateGradient: UnsafeMutablePointer<Float>,
                                   rows n: Int) {
        let h = units
        if returnsSequences {
            for row in 0..<n {
                let source = dy + (row * steps + t) * h, target = stateGradient + row * h
                for j in 0..<h { target[j] += source[j] }
            }
        } else if t == steps - 1 {
            for k in 0..<(n * h) { stateGradient[k] += dy[k] }
        }
    }
}

/// Step t's delta (the gradient of the four pre-activations, [rows, 4H]) from g = dJ/dH_t in
/// `stateGradient` and dJ/dC_t from step t + 1 in `cellGradient`, which becomes dJ/dC_(t-1).
/// Three short loops per row, each reading and writing few arrays, so that the compiler vectorises them
/// (one loop over all eight arrays stayed scalar: too many pairs to check for overlap).
@inline(__always)
func lstmStepDeltas(_ cache: LSTMCache, step t: Int, stateGradient: UnsafeMutablePointer<Float>,
                    cellGradient: UnsafeMutablePointer<Float>, deltas: UnsafeMutablePointer<Float>, rows n: Int, units h: Int) {
    cache.gates.scalars.withUnsafeBufferPointer { gates in
        cache.cells.scalars.withUnsafeBufferPointer { cells in
            cache.cellTanh.scalars.withUnsafeBufferPointer { cellTanh in
                for row in 0..<n {
                    let g = gates.baseAddress! + (t * n + row) * 4 * h, delta = deltas + row * 4 * h
                    let (input, forget, candidate, output) = (g, g + h, g + 2 * h, g + 3 * h)                // the gate values I, f, C̄, O
                    let (dInput, dForget, dCandidate, dOutput) = (delta, delta + h, delta + 2 * h, delta + 3 * h)
                    let (dState, dCell) = (stateGradient + row * h, cellGradient + row * h)
                    let (tanhCell, previousCell) = (cellTanh.baseAddress! + (t * n + row) * h, cells.baseAddress! + (t * n + row) * h)
                    for j in 0..<h {
                        let (o, tc) = (output[j], tanhCell[j])
                        dOutput[j] = dState[j] * tc * o * (1 - o)                                     // dJ/dO = g ⊙ tanh(C_t), through sigma'
                        dCell[j] += dState[j] * o * (1 - tc * tc)                                     // dJ/dC_t = g ⊙ O ⊙ (1 - tanh^2 C_t) + from t + 1
                    }
                    for j in 0..<h {
                        let (i, cBar, dC) = (input[j], candidate[j], dCell[j])
                        dInput[j] = dC * cBar * i * (1 - i)                                           // dJ/dI = dJ/dC_t ⊙ C̄, through sigma'
                        dCandidate[j] = dC * i * (1 - cBar * cBar)                                    // dJ/dC̄ = dJ/dC_t ⊙ I, through tanh'
                    }
                    for j in 0..<h {
                        let (f, dC) = (forget[j], dCell[j])
                        dForget[j] = dC * previousCell[j] * f * (1 - f)                               // dJ/df = dJ/dC_t ⊙ C_(t-1), through sigma'
                        dCell[j] = dC * f                                                             // dJ/dC_(t-1) = dJ/dC_t ⊙ f
                    }
                }
            }
        }
    }
}
