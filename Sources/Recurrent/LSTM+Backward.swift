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
        let fromOutput = timeMajorStateGradients(outputGradient, shape, units: h, returnsSequences: returnsSequences,
                                                 "LSTM.backward")
        var deltas = Tensor(shape: [steps * n, 4 * h])
        var stateGradient = Tensor(shape: [n, h]), cellGradient = Tensor(shape: [n, h])
        deltas.scalars.withUnsafeMutableBufferPointer { d in
            stateGradient.scalars.withUnsafeMutableBufferPointer { dh in
                cellGradient.scalars.withUnsafeMutableBufferPointer { dc in
                    recurrentWeights.value.scalars.withUnsafeBufferPointer { wh in
                        for t in (0..<steps).reversed() {
                            let rows = t * n * h
                            fromOutput.scalars.withUnsafeBufferPointer { dy in
                                for k in 0..<(n * h) { dh[k] += dy[rows + k] }       // g = from the output + from step t + 1
                            }
                            lstmStepDeltas(cache, step: t, stateGradient: dh.baseAddress!, cellGradient: dc.baseAddress!,
                                           deltas: d.baseAddress! + t * n * 4 * h, rows: n, units: h)
                            multiply(d.baseAddress! + t * n * 4 * h, wh.baseAddress!, into: dh.baseAddress!, m: n, n: h, k: 4 * h,
                                     lda: 4 * h, ldb: 4 * h, ldc: h, transposeB: true, accumulate: false)   // dJ/dH_(t-1)
                            if t > 0, let k = truncation, t % k == 0 {
                                dh.update(repeating: 0)
                                dc.update(repeating: 0)
                            }
                        }
                    }
                }
            }
        }
        let previousStates = cache.states.sliced(0..<(steps * n))                                    // H_0 ... H_(T-1)
        recurrentWeights.gradient = matmul(previousStates, deltas, transposeA: true)                  // sum_t H_(t-1)^T delta_t
        inputWeights.gradient = matmul(cache.inputs, deltas, transposeA: true)                       // sum_t x_t^T delta_t
        bias.gradient = deltas.columnSums()
        (initialStateGradient, initialCellStateGradient) = (stateGradient, cellGradient)
        guard computingInputGradient else { return nil }
        let inputGradients = matmul(deltas, inputWeights.value, transposeB: true)                    // dJ/dx_t, every t
        return batchMajor(inputGradients.reshaped([steps, n, shape.features]))
    }
}

/// Step t's delta (the gradient of the four pre-activations, [rows, 4H]) from g = dJ/dH_t in
/// `stateGradient` and dJ/dC_t from step t + 1 in `cellGradient`, which becomes dJ/dC_(t-1).
@inline(__always)
func lstmStepDeltas(_ cache: LSTMCache, step t: Int, stateGradient: UnsafeMutablePointer<Float>,
                    cellGradient: UnsafeMutablePointer<Float>, deltas: UnsafeMutablePointer<Float>, rows n: Int, units h: Int) {
    cache.gates.scalars.withUnsafeBufferPointer { gates in
        cache.cells.scalars.withUnsafeBufferPointer { cells in
            cache.cellTanh.scalars.withUnsafeBufferPointer { cellTanh in
                for row in 0..<n {
                    let g = gates.baseAddress! + (t * n + row) * 4 * h, delta = deltas + row * 4 * h
                    let offset = row * h, stepOffset = t * n * h + offset
                    for j in 0..<h {
                        let (input, forget, candidate, output) = (g[j], g[h + j], g[2 * h + j], g[3 * h + j])
                        let tc = cellTanh[stepOffset + j], dState = stateGradient[offset + j]
                        let dOutput = dState * tc
                        let dCell = dState * output * (1 - tc * tc) + cellGradient[offset + j]
                        let dInput = dCell * candidate, dCandidate = dCell * input
                        let dForget = dCell * cells[stepOffset + j]                  // C_(t-1): row t of C_0 ... C_T
                        cellGradient[offset + j] = dCell * forget                    // dJ/dC_(t-1)
                        delta[j] = dInput * input * (1 - input)
                        delta[h + j] = dForget * forget * (1 - forget)
                        delta[2 * h + j] = dCandidate * (1 - candidate * candidate)
                        delta[3 * h + j] = dOutput * output * (1 - output)
                    }
                }
            }
        }
    }
}
