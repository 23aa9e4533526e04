// Bidirectional.swift: a bidirectional recurrent layer, DL Padova "Long Short-Term Memory" (BiLSTM)
// and DAT300 "Trainable parameters" ("Bidirectionality": twice the parameters).
// Goals, in order: what a BiLSTM is, not what the notes' sentence says (E-26: two layers side by side
// over the same sequence, one reading it forwards and one backwards, their outputs joined; not a
// stack, where the second layer would read the first one's output); any recurrent layer inside.

import Core
import NeuralNetworks

/// Two recurrent layers over the same input, one forwards in time and one backwards, with their
/// outputs joined along the feature axis: [N, T, F] to [N, T, 2H] (every step: step t joins the
/// forward state after reading x_1 ... x_t and the backward state after reading x_T ... x_t) or to
/// [N, 2H] (the forward h_T beside the backward state after reading the whole sequence backwards).
///
/// ```swift
/// var generator = Xoshiro256StarStar(seed: 1)
/// let bidirectional = Bidirectional(LSTM(inputs: 10, units: 64, generator: &generator),
///                                   LSTM(inputs: 10, units: 64, generator: &generator))
/// print(bidirectional.parameterCount)   // 38400 = 2 * 19200 (DAT300 "Bidirectionality")
/// ```
///
/// Not a stack (E-26): neither layer reads the other's output, so the count is twice one layer's. Two
/// stacked LSTM(64) layers on 10 inputs would count 19,200 + 4 * 64 * (64 + 64 + 1) = 52,224, and the
/// second would see only the past, as the first does.
public final class Bidirectional: Layer {
    public let forwardLayer: any RecurrentLayer
    public let backwardLayer: any RecurrentLayer

    /// Precondition: both layers take the same input width and return the same kind of output.
    public init(_ forwardLayer: any RecurrentLayer, _ backwardLayer: any RecurrentLayer) {
        require(forwardLayer.inputCount == backwardLayer.inputCount && forwardLayer.returnsSequences == backwardLayer.returnsSequences,
                "Bidirectional: the two layers need the same input width (\(forwardLayer.inputCount), \(backwardLayer.inputCount)) "
                    + "and the same kind of output (sequences: \(forwardLayer.returnsSequences), \(backwardLayer.returnsSequences))")
        (self.forwardLayer, self.backwardLayer) = (forwardLayer, backwardLayer)
    }

    public var parameters: [Parameter] { forwardLayer.parameters + backwardLayer.parameters }
    /// Both layers' trainable scalars: twice one layer's when the two are alike.
    public var parameterCount: Int { forwardLayer.parameterCount + backwardLayer.parameterCount }
    private var returnsSequences: Bool { forwardLayer.returnsSequences }

    /// [forward layer(x) | backward layer(x reversed in time), re-reversed when it is a sequence].
    public func forward(_ input: Tensor, training: Bool = false) -> Tensor {
        let ahead = forwardLayer.forward(input, training: training)
        var behind = backwardLayer.forward(reversedInTime(input), training: training)
        if returnsSequences { behind = reversedInTime(behind) }
        return Tensor(concatenating: [ahead, behind], alongAxis: ahead.rank - 1)
    }

    /// The joined gradient split back, each half through its own layer; dJ/dX is the sum of the two.
    public func backward(_ outputGradient: Tensor) -> Tensor {
        let (forwardUnits, backwardUnits) = (forwardLayer.units, backwardLayer.units)
        requireShapes(outputGradient.rank >= 2 && outputGradient.shape.last == forwardUnits + backwardUnits,
                      "Bidirectional.backward: dJ/d(output) vs [..., H_forward + H_backward]", outputGradient.shape,
                      [forwardUnits + backwardUnits])
        let halves = outputGradient.split(alongAxis: outputGradient.rank - 1, sizes: [forwardUnits, backwardUnits])
        let fromAhead = forwardLayer.backward(halves[0])
        let fromBehind = backwardLayer.backward(returnsSequences ? reversedInTime(halves[1]) : halves[1])
        return fromAhead + reversedInTime(fromBehind)
    }
}
