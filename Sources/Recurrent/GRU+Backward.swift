// GRU+Backward.swift: one GRU step forward, and back-propagation through time for the GRU layer
// (DL Padova "GRU", "Unfolding time"), with both gate conventions (E-66) and both reset placements.
// Goals, in order: every local derivative on its own line; the per-step products through Core's
// GEMM; the weight gradients as one product each after the loop (the sum over time steps, stacked).

import Core
import Foundation
import NeuralNetworks

/// Raw views for one batch of `rows` rows: the recurrent weights W_h [H, 3H] and the second bias.
struct GRUStepBuffers {
    let h: Int
    let rows: Int
    let weights: UnsafePointer<Float>
    let recurrentBias: UnsafePointer<Float>

    /// One step: `gates` holds x_t W_x + b ([rows, 3H]) and receives z, r, ĥ; `next` receives h_t.
    func forwardStep(gates g: UnsafeMutablePointer<Float>, recurrent u: UnsafeMutablePointer<Float>,
                     resetState rh: UnsafeMutablePointer<Float>, previous: UnsafePointer<Float>,
                     next: UnsafeMutablePointer<Float>, layer: GRU) {
        let (h3, afterProduct) = (3 * h, layer.resetPlacement == .afterProduct)
        // h_(t-1) W_h for z and r (and, with the reset after the product, for ĥ as well).
        multiply(previous, weights, into: u, m: rows, n: afterProduct ? h3 : 2 * h, k: h, lda: h, ldb: h3, ldc: h3, accumulate: false)
        for row in 0..<rows {
            let (gr, ur) = (g + row * h3, u + row * h3)
            for j in 0..<(afterProduct ? h3 : 2 * h) { ur[j] += recurrentBias[j] }
            for j in 0..<(2 * h) { gr[j] += ur[j] }
            inPlace(gr, count: 2 * h, Kernels.sigmoid(_:into:))                          // z_t, r_t
            for j in 0..<h { rh[row * h + j] = gr[h + j] * previous[row * h + j] }       // r_t ⊙ h_(t-1)
        }
        if !afterProduct {                                                               // (r ⊙ h_(t-1)) W_hh
            multiply(rh, weights + 2 * h, into: u + 2 * h, m: rows, n: h, k: h, lda: h, ldb: h3, ldc: h3, accumulate: false)
        }
        for row in 0..<rows {
            let (gr, ur) = (g + row * h3, u + row * h3)
            for j in 0..<h { gr[2 * h + j] += afterProduct ? gr[h + j] * ur[2 * h + j] : ur[2 * h + j] }
            inPlace(gr + 2 * h, count: h, Kernels.tanh(_:into:))                              // ĥ_t
            for j in 0..<h {
                let share = layer.convention == .padova ? gr[j] : 1 - gr[j]
                next[row * h + j] = (1 - share) * previous[row * h + j] + share * gr[2 * h + j]   // h_t
            }
        }
    }
}

extension GRU {
    /// BPTT from dJ/d(output) to dJ/dX; sets every parameter's gradient and `initialStateGradient`.
    /// From t = T down to 1, with g = dJ/dh_t and a = z_t (DL Padova) or 1 - z_t (Keras, PyTorch)
    /// the candidate's share in h_t = (1 - a) ⊙ h_(t-1) + a ⊙ ĥ_t:
    ///
    ///     dJ/dĥ = g ⊙ a,   dJ/da = g ⊙ (ĥ - h_(t-1)),   dJ/dz = ±dJ/da,   dJ/dh_(t-1) = g ⊙ (1 - a) + ...
    ///     dJ/du_ĥ = dJ/dĥ ⊙ (1 - ĥ^2)                                   (u_ĥ, the candidate's pre-activation)
    ///     reset before: dJ/d(r ⊙ h) = dJ/du_ĥ W_hh^T (W_hh, the ĥ block of W_h, is the notes' U_h^T),
    ///                   dJ/dr = dJ/d(r ⊙ h) ⊙ h_(t-1),  dJ/dh_(t-1) += dJ/d(r ⊙ h) ⊙ r
    ///     reset after:  dJ/dr = dJ/du_ĥ ⊙ (h_(t-1) W_hh + b'_h),  dJ/d(h_(t-1) W_hh) = dJ/du_ĥ ⊙ r
    ///     delta_z = dJ/dz ⊙ z(1 - z),   delta_r = dJ/dr ⊙ r(1 - r)
    ///     dJ/dh_(t-1) += [delta_z | delta_r (| dJ/d(h W_hh))] W_h^T
    ///
    /// and the weight gradients summed over the steps, as for the LSTM.
    public func backward(_ outputGradient: Tensor) -> Tensor {
        guard let cache else { requirementFailed("GRU.backward: called before forward; run a forward pass on the batch first") }
        let (shape, n, h, steps) = (cache.shape, cache.shape.batch, units, cache.shape.steps)
        let fromOutput = timeMajorStateGradients(outputGradient, shape, units: h, returnsSequences: returnsSequences, "GRU.backward")
        var inputDeltas = Tensor(shape: [steps * n, 3 * h])        // dJ/d(x_t W_x + b)
        var recurrentDeltas = Tensor(shape: [steps * n, 3 * h])    // dJ/d(the recurrent products)
        var stateGradient = Tensor(shape: [n, h])
        inputDeltas.scalars.withUnsafeMutableBufferPointer { dx in
            recurrentDeltas.scalars.withUnsafeMutableBufferPointer { du in
                stateGradient.scalars.withUnsafeMutableBufferPointer { dh in
                    for t in (0..<steps).reversed() {
                        fromOutput.scalars.withUnsafeBufferPointer { dy in
                            for k in 0..<(n * h) { dh[k] += dy[t * n * h + k] }
                        }
                        backwardStep(cache, step: t, stateGradient: dh.baseAddress!, inputDeltas: dx.baseAddress! + t * n * 3 * h,
                                     recurrentDeltas: du.baseAddress! + t * n * 3 * h)
                        if t > 0, let k = truncation, t % k == 0 { dh.update(repeating: 0) }
                    }
                }
            }
        }
        setWeightGradients(cache, inputDeltas: inputDeltas, recurrentDeltas: recurrentDeltas)
        initialStateGradient = stateGradient
        let inputGradients = matmul(inputDeltas, inputWeights.value, transposeB: true)
        return batchMajor(inputGradients.reshaped([steps, n, shape.features]))
    }

    /// Step t: from dJ/dh_t in `stateGradient` to the deltas of step t; `stateGradient` becomes dJ/dh_(t-1).
    private func backwardStep(_ cache: GRUCache, step t: Int, stateGradient dh: UnsafeMutablePointer<Float>,
                              inputDeltas dx: UnsafeMutablePointer<Float>, recurrentDeltas du: UnsafeMutablePointer<Float>) {
        let (n, h, h3, afterProduct) = (cache.shape.batch, units, 3 * units, resetPlacement == .afterProduct)
        var previousGradient = Tensor(shape: [n, h]), resetStateGradient = Tensor(shape: [n, h])
        cache.gates.scalars.withUnsafeBufferPointer { gates in
            cache.recurrent.scalars.withUnsafeBufferPointer { recurrent in
                cache.states.scalars.withUnsafeBufferPointer { states in
                    previousGradient.scalars.withUnsafeMutableBufferPointer { dPrevious in
                        resetStateGradient.scalars.withUnsafeMutableBufferPointer { dResetState in
                            recurrentWeights.value.scalars.withUnsafeBufferPointer { w in
                                for row in 0..<n {
                                    let g = gates.baseAddress! + (t * n + row) * h3
                                    let (dxr, dur) = (dx + row * h3, du + row * h3)
                                    for j in 0..<h {
                                        let (z, previous, candidate) = (g[j], states[(t * n + row) * h + j], g[2 * h + j])
                                        let gradient = dh[row * h + j], share = convention == .padova ? z : 1 - z
                                        let dShare = gradient * (candidate - previous)
                                        let dCandidate = gradient * share * (1 - candidate * candidate)   // dJ/du_ĥ
                                        dPrevious[row * h + j] = gradient * (1 - share)
                                        dxr[j] = (convention == .padova ? dShare : -dShare) * z * (1 - z)   // delta_z
                                        dxr[2 * h + j] = dCandidate
                                        dur[j] = dxr[j]
                                        if afterProduct { dur[2 * h + j] = dCandidate * g[h + j] }
                                    }
                                }
                                if !afterProduct {                                          // dJ/d(r ⊙ h) = dJ/du_ĥ W_hh^T
                                    multiply(dx + 2 * h, w.baseAddress! + 2 * h, into: dResetState.baseAddress!, m: n, n: h, k: h,
                                             lda: h3, ldb: h3, ldc: h, transposeB: true, accumulate: false)
                                }
                                for row in 0..<n {
                                    let g = gates.baseAddress! + (t * n + row) * h3, u = recurrent.baseAddress! + (t * n + row) * h3
                                    for j in 0..<h {
                                        let (r, previous) = (g[h + j], states[(t * n + row) * h + j])
                                        let dReset = afterProduct ? dx[row * h3 + 2 * h + j] * u[2 * h + j]
                                                                  : dResetState[row * h + j] * previous
                                        if !afterProduct { dPrevious[row * h + j] += dResetState[row * h + j] * r }
                                        dx[row * h3 + h + j] = dReset * r * (1 - r)                              // delta_r
                                        du[row * h3 + h + j] = dx[row * h3 + h + j]
                                    }
                                }
                                // dJ/dh_(t-1) += [delta_z | delta_r (| dJ/d(h W_hh))] W_h^T
                                multiply(du, w.baseAddress!, into: dPrevious.baseAddress!, m: n, n: h, k: afterProduct ? h3 : 2 * h,
                                         lda: h3, ldb: h3, ldc: h, transposeB: true, accumulate: true)
                                dh.update(from: dPrevious.baseAddress!, count: n * h)
                            }
                        }
                    }
                }
            }
        }
    }

    /// The sums over the steps: dJ/dW_x = X^T Delta_x, dJ/db = column sums of Delta_x; dJ/dW_h from
    /// h_(t-1) (blocks z, r, and ĥ after the product) or r ⊙ h_(t-1) (ĥ before it); dJ/db' = column sums.
    private func setWeightGradients(_ cache: GRUCache, inputDeltas: Tensor, recurrentDeltas: Tensor) {
        let (n, h, steps) = (cache.shape.batch, units, cache.shape.steps)
        inputWeights.gradient = matmul(cache.inputs, inputDeltas, transposeA: true)
        bias.gradient = inputDeltas.columnSums()
        let previousStates = cache.states.sliced(0..<(steps * n))
        if resetPlacement == .afterProduct {
            recurrentWeights.gradient = matmul(previousStates, recurrentDeltas, transposeA: true)
            recurrentBias?.gradient = recurrentDeltas.columnSums()
            return
        }
        let blocks = recurrentDeltas.split(alongAxis: 1, sizes: [2 * h, h])
        let gatesPart = matmul(previousStates, blocks[0], transposeA: true)                  // sum_t h_(t-1)^T [delta_z | delta_r]
        let candidatePart = matmul(cache.resetStates, inputDeltas.split(alongAxis: 1, sizes: [2 * h, h])[1],
                                   transposeA: true)                                          // sum_t (r ⊙ h_(t-1))^T dJ/du_ĥ
        recurrentWeights.gradient = Tensor(concatenating: [gatesPart, candidatePart], alongAxis: 1)
    }
}
