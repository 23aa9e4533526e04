// Reconstruction.swift: the reconstruction regulariser of DL Padova "Reconstruction as regularization
// method" (Sabour, Frosst & Hinton 2017, Sec. 4.1): mask every digit capsule but one (the true class
// while training, the longest at test time), decode the masked capsules to the image with a small dense
// network, and add the sum of squared pixel errors scaled down by 0.0005 to the margin loss.
// Goals, in order: the paper's masking and scale; the decoder built from NeuralNetworks' `Dense`
// layers and its loss a `Loss`, so nothing here re-implements a layer; masking's backward beside it.

import Core
import NeuralNetworks

/// Keeps capsule `classes[n]` of each example and zeroes the others: v [N, J, D] to [N, J D], the
/// decoder's input (Sabour et al. 2017, Sec. 4.1: "we mask out all but the activity vector of the
/// correct digit capsule").
///
/// ```swift
/// let v = Tensor(shape: [1, 3, 2], scalars: [1, 2, 3, 4, 5, 6])
/// maskCapsules(v, keeping: [1]).scalars      // [0, 0, 3, 4, 0, 0]
/// ```
/// Precondition: v is [N, J, D] and every class lies in 0..<J, one per example.
public func maskCapsules(_ v: Tensor, keeping classes: [Int]) -> Tensor {
    let (upper, dimension) = requireMaskable(v, classes, "maskCapsules")
    var masked = Tensor(shape: [v.shape[0], upper * dimension])
    for (n, c) in classes.enumerated() {
        let start = (n * upper + c) * dimension
        masked.scalars.replaceSubrange(start..<(start + dimension), with: v.scalars[start..<(start + dimension)])
    }
    return masked
}

/// The backward pass of `maskCapsules`: dJ/dv [N, J, D] is dJ/d(masked) on the kept capsule, 0 elsewhere.
public func maskCapsulesBackward(_ outputGradient: Tensor, keeping classes: [Int], capsuleShape: [Int]) -> Tensor {
    requireShapes(capsuleShape.count == 3 && outputGradient.shape == [capsuleShape[0], capsuleShape[1] * capsuleShape[2]],
                  "maskCapsulesBackward: dJ/d(masked) [N, J D] vs v [N, J, D]", outputGradient.shape, capsuleShape)
    return maskCapsules(outputGradient.reshaped(capsuleShape), keeping: classes).reshaped(capsuleShape)
}

/// The index of the longest capsule of each example, v [N, J, D]: the predicted class.
public func longestCapsules(_ v: Tensor) -> [Int] {
    require(v.rank == 3, "longestCapsules: needs capsules [N, J, D], got shape \(v.shape)")
    return v.norm(alongAxis: 2).argmaxPerRow()
}

/// The reconstruction loss: `scale` times the sum over pixels of (x^ - x)^2, averaged over the batch,
/// i.e. `scale` x NeuralNetworks' `MeanSquaredError` (which sums over an example's outputs).
/// The paper's scale 0.0005 keeps it from dominating the margin loss.
public struct ReconstructionLoss: Loss, Equatable {
    public var scale: Float

    public init(scale: Float = 0.0005) {
        require(scale >= 0, "ReconstructionLoss: the scale must be >= 0, got \(scale)")
        self.scale = scale
    }

    public var description: String { "\(scale) x sum of squared errors" }

    public func value(predicted: Tensor, target: Tensor) -> Float {
        scale * MeanSquaredError().value(predicted: predicted, target: target)
    }

    public func gradient(predicted: Tensor, target: Tensor) -> Tensor {
        scale * MeanSquaredError().gradient(predicted: predicted, target: target)
    }
}

/// The decoder: masked capsules [N, J D] -> Dense(ReLU) layers of `hidden` sizes -> Dense(`pixels`,
/// sigmoid), the paper's 512 -> 1024 -> 784 scaled to the 8 x 8 digits (default 64 -> 128 -> 64).
public func reconstructionDecoder(capsules: Int, dimension: Int, hidden: [Int] = [64, 128], pixels: Int = 64,
                                  generator: inout Xoshiro256StarStar) -> Network {
    require(capsules >= 1 && dimension >= 1 && pixels >= 1 && hidden.allSatisfy { $0 >= 1 },
            "reconstructionDecoder: needs positive sizes, got \(capsules) x \(dimension) -> \(hidden) -> \(pixels)")
    var layers: [any Layer] = []
    var width = capsules * dimension
    for size in hidden {
        layers.append(Dense(inputs: width, outputs: size, activation: .relu, generator: &generator))
        width = size
    }
    layers.append(Dense(inputs: width, outputs: pixels, activation: .sigmoid, generator: &generator))
    return Network(layers)
}

/// (J, D) after checking that v is [N, J, D] and `classes` holds one class in 0..<J per example.
private func requireMaskable(_ v: Tensor, _ classes: [Int], _ operation: String) -> (Int, Int) {
    require(v.rank == 3, "\(operation): needs capsules [N, J, D], got shape \(v.shape)")
    requireShapes(classes.count == v.shape[0], "\(operation): one class per example, v [N, J, D] vs classes [N]", v.shape, [classes.count])
    for c in classes { require(c >= 0 && c < v.shape[1], "\(operation): class \(c) is outside 0..<\(v.shape[1]) for v of shape \(v.shape)") }
    return (v.shape[1], v.shape[2])
}
