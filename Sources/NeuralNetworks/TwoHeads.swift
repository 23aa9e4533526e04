// TwoHeads.swift: a layer with one trunk and two heads, the shape of a VAE encoder (one head for the
// mean mu, one for the log-variance log sigma^2 of the latent code) and of any network with two
// outputs from shared features; built from the `Layer` idea of MLiS II Sec. 1.2.4 and 1.3.
// Goals, in order: the chain rule visible in `backward` (the trunk's output feeds both heads, so its
// gradient is the sum of what the two heads hand back); an ordinary `Layer`, so it nests in a
// `Network`, trains with any optimiser and freezes like any other layer.

import Core

/// trunk -> (first head, second head), the two outputs side by side along the feature axis.
///
///     H = trunk(X),  A = first(H),  B = second(H),  output = [A | B]   (axis 1: features, or channels)
///     dJ/dH = first'^T dJ/dA + second'^T dJ/dB       (H is used twice: the two paths add)
///
/// Shapes: X [N, ...] -> A [N, a, ...] and B [N, b, ...] -> output [N, a + b, ...]; A and B must agree
/// on every axis but the second. `heads(of:)` splits an output (or a gradient) back into (A, B).
///
/// ```swift
/// var generator = Xoshiro256StarStar(seed: 1)
/// let encoder = TwoHeads(trunk: Dense(inputs: 64, outputs: 32, activation: .relu, generator: &generator),
///                        first: Dense(inputs: 32, outputs: 2, activation: .linear, generator: &generator),
///                        second: Dense(inputs: 32, outputs: 2, activation: .linear, generator: &generator))
/// let (mu, logVariance) = encoder.forwardHeads(x, training: true)     // each [N, 2]
/// // ... dJ/dmu and dJ/dlogVariance from the sampling step and the KL term ...
/// let inputGradient = encoder.backward(firstGradient: dMu, secondGradient: dLogVariance)
/// ```
public final class TwoHeads: Layer {
    /// The shared layers (a `Network` of several, or `Network([])` for none).
    public let trunk: any Layer
    public let firstHead: any Layer
    public let secondHead: any Layer
    /// The shapes of the two heads' outputs in the last forward pass.
    private var headShapes: (first: [Int], second: [Int])?

    public init(trunk: any Layer, first: any Layer, second: any Layer) {
        (self.trunk, firstHead, secondHead) = (trunk, first, second)
    }

    /// The trunk's parameters, then the first head's, then the second's.
    public var parameters: [Parameter] { trunk.parameters + firstHead.parameters + secondHead.parameters }

    /// [A | B] for the input X, A and B side by side along axis 1.
    public func forward(_ input: Tensor, training: Bool) -> Tensor {
        let (first, second) = forwardHeads(input, training: training)
        return Self.concatenated(first, second)
    }

    /// (A, B) for the input X, kept apart.
    public func forwardHeads(_ input: Tensor, training: Bool) -> (first: Tensor, second: Tensor) {
        let shared = trunk.forward(input, training: training)
        let first = firstHead.forward(shared, training: training), second = secondHead.forward(shared, training: training)
        requireShapes(first.rank >= 2 && first.rank == second.rank && first.shape[0] == second.shape[0]
                        && first.shape.dropFirst(2) == second.shape.dropFirst(2),
                      "TwoHeads.forward: first head's output vs second's (they must agree but on axis 1)", first.shape, second.shape)
        headShapes = (first.shape, second.shape)
        return (first, second)
    }

    /// An output [N, a + b, ...] of the last forward pass (or a gradient of that shape) split into its
    /// first [N, a, ...] and second [N, b, ...] parts.
    public func heads(of output: Tensor) -> (first: Tensor, second: Tensor) {
        guard let (firstShape, secondShape) = headShapes.map({ ($0.first, $0.second) }) else {
            requirementFailed("TwoHeads.heads(of:): called before forward")
        }
        let whole = Self.concatenatedShape(firstShape, secondShape)
        requireShapes(output.shape == whole, "TwoHeads.heads(of:): tensor vs [A | B] of the last forward pass", output.shape, whole)
        let (firstSize, secondSize) = (Self.exampleSize(firstShape), Self.exampleSize(secondShape))
        var first: [Float] = [], second: [Float] = []
        first.reserveCapacity(output.count)
        second.reserveCapacity(output.count)
        for example in 0..<output.shape[0] {
            let start = example * (firstSize + secondSize)
            first += output.scalars[start..<(start + firstSize)]
            second += output.scalars[(start + firstSize)..<(start + firstSize + secondSize)]
        }
        return (Tensor(shape: firstShape, scalars: first), Tensor(shape: secondShape, scalars: second))
    }

    /// dJ/dX from dJ/d[A | B]: split, back through each head, add the two at H, back through the trunk.
    public func backward(_ outputGradient: Tensor) -> Tensor {
        let (first, second) = heads(of: outputGradient)
        return backward(firstGradient: first, secondGradient: second)
    }

    /// dJ/dX from dJ/dA and dJ/dB given apart.
    public func backward(firstGradient: Tensor, secondGradient: Tensor) -> Tensor {
        trunk.backward(sharedGradient(firstGradient, secondGradient))
    }

    public func backwardDiscardingInputGradient(_ outputGradient: Tensor) {
        let (first, second) = heads(of: outputGradient)
        trunk.backwardDiscardingInputGradient(sharedGradient(first, second))
    }

    /// dJ/dH = (what the first head hands back) + (what the second hands back).
    private func sharedGradient(_ firstGradient: Tensor, _ secondGradient: Tensor) -> Tensor {
        firstHead.backward(firstGradient) + secondHead.backward(secondGradient)
    }

    /// [A | B]: for each example, A's values then B's.
    static func concatenated(_ first: Tensor, _ second: Tensor) -> Tensor {
        let (firstSize, secondSize) = (exampleSize(first.shape), exampleSize(second.shape))
        var scalars: [Float] = []
        scalars.reserveCapacity(first.count + second.count)
        for example in 0..<first.shape[0] {
            scalars += first.scalars[(example * firstSize)..<((example + 1) * firstSize)]
            scalars += second.scalars[(example * secondSize)..<((example + 1) * secondSize)]
        }
        return Tensor(shape: concatenatedShape(first.shape, second.shape), scalars: scalars)
    }

    private static func concatenatedShape(_ first: [Int], _ second: [Int]) -> [Int] {
        var shape = first
        shape[1] += second[1]
        return shape
    }

    /// The number of values of one example of a batch of `shape` [N, ...].
    private static func exampleSize(_ shape: [Int]) -> Int { shape.dropFirst().reduce(1, *) }
}
