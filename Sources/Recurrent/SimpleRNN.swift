// SimpleRNN.swift: the basic recurrent cell, DL Padova "Unfolding time" (h_t = phi(x_t W_x +
// h_(t-1) W_h + b), y_t = h_t) and DAT300 "Basic structure" (the same cell with tanh, written for
// column vectors: h_t = tanh(W_hh h_(t-1) + W_xh x_t + b_h)), unfolded over T steps, with
// back-propagation through time (BPTT) written as the sum over time steps, and its truncated form.
// Goals, in order: the notes' equation, one line per step; BPTT a student can follow step by step;
// whole batches through Core's GEMM.

import Core
import NeuralNetworks

/// A layer of H simple recurrent units: h_t = phi(x_t W_x + h_(t-1) W_h + b) for t = 1 ... T.
///
/// ```swift
/// var generator = Xoshiro256StarStar(seed: 1)
/// let rnn = SimpleRNN(inputs: 10, units: 64, generator: &generator)
/// print(rnn.parameterCount)                                   // 4800 (DAT300's example, RNN-3, E-60)
/// print(rnn(Tensor(shape: [2, 7, 10])).shape)                 // [2, 64]: h_T of each sequence
/// ```
///
/// Row form, as `Dense`: W_x is [F, H] and W_h is [H, H], so DAT300's column-form W_xh and W_hh are
/// their transposes (`SimpleRNN.dat300Step` shows the two forms equal). Unfolded over T steps the
/// layer is a T-layer feed-forward network whose layers share W_x, W_h and b (DL Padova).
public final class SimpleRNN: RecurrentLayer {
    /// W_x, [F, H].
    public let inputWeights: Parameter
    /// W_h, [H, H].
    public let recurrentWeights: Parameter
    /// b, [1, H].
    public let bias: Parameter
    /// phi, tanh by default (DAT300); any elementwise activation of MLiS II Table 1.2.
    public let activation: Activation
    public let returnsSequences: Bool
    /// k of truncated BPTT: the gradient crosses back from step t to h_(t-1) only inside a window of
    /// k steps (windows start at t = 0, k, 2k, ...), as when a long sequence is trained in pieces of
    /// k steps that carry the state forward but not the gradient. Nil: full BPTT.
    public var truncation: Int? {
        didSet { require((truncation ?? 1) > 0, "SimpleRNN.truncation: needs k >= 1, got \(truncation!)") }
    }
    public var initialState: Tensor?
    public private(set) var initialStateGradient: Tensor?
    public private(set) var finalState: Tensor?

    /// What the forward pass saw: x_t time-major [T N, F], z_t and h_t ([T N, H]), h_0.
    private var cache: (shape: SequenceShape, inputs: Tensor, preActivations: Tensor, states: Tensor, start: Tensor)?

    /// A layer with given W_x [F, H], W_h [H, H] and b (H values).
    public init(inputWeights: Tensor, recurrentWeights: Tensor, bias: Tensor, activation: Activation = .tanh,
                returnsSequences: Bool = false) {
        let units = recurrentWeights.shape.first ?? 0
        requireShapes(inputWeights.rank == 2 && inputWeights.shape[1] == units && recurrentWeights.shape == [units, units],
                      "SimpleRNN: W_x [F, H] vs W_h [H, H]", inputWeights.shape, recurrentWeights.shape)
        requireShapes(bias.count == units, "SimpleRNN: b vs [H]", bias.shape, [units])
        require(activation != .softmax, "SimpleRNN: phi must act elementwise; softmax does not")
        self.inputWeights = Parameter("W_x", value: inputWeights, isPenalised: true)
        self.recurrentWeights = Parameter("W_h", value: recurrentWeights, isPenalised: true)
        self.bias = Parameter("b", value: bias.reshaped([1, units]))
        (self.activation, self.returnsSequences) = (activation, returnsSequences)
    }

    /// H units on F inputs: W_x and W_h Xavier uniform (W_h then has spectral radius about 1), b = 0.
    public convenience init(inputs: Int, units: Int, activation: Activation = .tanh, returnsSequences: Bool = false,
                            generator: inout Xoshiro256StarStar) {
        require(inputs > 0 && units > 0, "SimpleRNN: needs inputs and units >= 1, got \(inputs) and \(units)")
        let wx = Initialisation.xavierUniform.tensor(shape: [inputs, units], inputs: inputs, outputs: units, generator: &generator)
        let wh = Initialisation.xavierUniform.tensor(shape: [units, units], inputs: units, outputs: units, generator: &generator)
        self.init(inputWeights: wx, recurrentWeights: wh, bias: Tensor(shape: [1, units]), activation: activation,
                  returnsSequences: returnsSequences)
    }

    public var inputCount: Int { inputWeights.value.rows }
    public var units: Int { recurrentWeights.value.rows }
    public var parameters: [Parameter] { [inputWeights, recurrentWeights, bias] }

    /// h_t = phi(x_t W_x + h_(t-1) W_h + b), t = 1 ... T   (DL Padova "Unfolding time")
    ///
    /// x_t W_x + b is one product for all steps at once; h_(t-1) W_h must wait for the step before.
    /// Shapes: [N, T, F] to [N, T, H] or [N, H]. Preconditions: F = `inputCount`, T >= 1, h_0 [N, H].
    public func forward(_ input: Tensor, training: Bool = false) -> Tensor {
        let shape = requireSequence(input, features: inputCount, "SimpleRNN.forward", weightShape: inputWeights.value.shape)
        let (n, h) = (shape.batch, units)
        let start = startingState(initialState, batch: n, units: h, "SimpleRNN.forward")
        let inputs = timeMajor(input).reshaped([shape.steps * n, shape.features])
        let projected = matmul(inputs, inputWeights.value).addingRowVector(bias.value)    // x_t W_x + b, every t
        var preActivations = Tensor(shape: [shape.steps * n, h]), states = preActivations
        var state = start
        for t in 0..<shape.steps {
            let z = step(t, of: projected, batch: n) + matmul(state, recurrentWeights.value)
            state = activation.apply(z)
            preActivations.scalars.replaceSubrange((t * n * h)..<((t + 1) * n * h), with: z.scalars)
            states.scalars.replaceSubrange((t * n * h)..<((t + 1) * n * h), with: state.scalars)
        }
        cache = (shape, inputs, preActivations, states, start)
        finalState = state
        return layerOutput(states: states, shape, units: h, returnsSequences: returnsSequences)
    }

    /// Back-propagation through time, from dJ/d(output) to dJ/dX; sets dJ/dW_x, dJ/dW_h, dJ/db and
    /// `initialStateGradient`. From the last step to the first:
    ///
    ///     dJ/dh_t  = (dJ/dy_t from the output) + dJ/dh_t through h_(t+1)   (zero after the last step)
    ///     delta_t  = dJ/dh_t ⊙ phi'(z_t)                                    (Eq. (1.3.4) at step t)
    ///     dJ/dW_x += x_t^T delta_t,   dJ/dW_h += h_(t-1)^T delta_t,   dJ/db += sum over rows of delta_t
    ///     dJ/dx_t  = delta_t W_x^T,   dJ/dh_(t-1) through h_t = delta_t W_h^T
    ///
    /// The weights are shared by every step, so their gradients are sums over the T steps: the
    /// unfolded network's layer gradients (Eq. (1.3.5), Eq. (1.3.7)) added up. The product of the
    /// T factors W_h^T diag(phi'(z_t)) on the way back is what makes gradients vanish or explode.
    public func backward(_ outputGradient: Tensor) -> Tensor {
        guard let cache else { requirementFailed("SimpleRNN.backward: called before forward; run a forward pass on the batch first") }
        let (shape, n, h) = (cache.shape, cache.shape.batch, units)
        let fromOutput = timeMajorStateGradients(outputGradient, shape, units: h, returnsSequences: returnsSequences,
                                                 "SimpleRNN.backward")
        var (dWx, dWh, db) = (Tensor(shape: inputWeights.value.shape), Tensor(shape: [h, h]), Tensor(shape: [1, h]))
        var inputGradients = Tensor(shape: [shape.steps * n, shape.features])
        var throughNextStep = Tensor(shape: [n, h])
        for t in (0..<shape.steps).reversed() {
            let dState = step(t, of: fromOutput, batch: n) + throughNextStep
            let z = step(t, of: cache.preActivations, batch: n), state = step(t, of: cache.states, batch: n)
            let delta = activation.delta(outputGradient: dState, preActivation: z, output: state)   // (1.3.4)
            let previous = t == 0 ? cache.start : step(t - 1, of: cache.states, batch: n)
            dWx.add(matmul(step(t, of: cache.inputs, batch: n), delta, transposeA: true))      // x_t^T delta_t
            dWh.add(matmul(previous, delta, transposeA: true))                                 // h_(t-1)^T delta_t
            db.add(delta.columnSums())
            let dx = matmul(delta, inputWeights.value, transposeB: true)
            inputGradients.scalars.replaceSubrange((t * n * shape.features)..<((t + 1) * n * shape.features), with: dx.scalars)
            throughNextStep = matmul(delta, recurrentWeights.value, transposeB: true)          // dJ/dh_(t-1)
            if t > 0, let k = truncation, t % k == 0 { throughNextStep = Tensor(shape: [n, h]) }
        }
        (inputWeights.gradient, recurrentWeights.gradient, bias.gradient) = (dWx, dWh, db)
        initialStateGradient = throughNextStep
        return batchMajor(inputGradients.reshaped([shape.steps, n, shape.features]))
    }
}
