// CapsuleNetwork.swift: a CapsNet for the 8 x 8 digits, DL Padova "Capsule Network", "Dynamic
// routing" and "Reconstruction as regularization method" (Sabour, Frosst & Hinton 2017, Sec. 4, scaled
// from 28 x 28 MNIST to 8 x 8): a ReLU convolution, primary capsules, ten digit capsules with routing
// by agreement, capsule lengths as class probabilities, and the masked decoder.
// Goals, in order: the paper's architecture assembled from layers (Convolution's Conv2D, this module's
// capsule layers, NeuralNetworks' Dense and Network), nothing special-cased for the digits; test-time
// passes in batches (routing keeps [N, I, J, D] tensors).
//
// The training step and the loop are in CapsuleNetworkTraining.swift.

import Convolution
import Core
import NeuralNetworks

/// The sizes of a CapsNet on square single-channel images, and whether it learns to reconstruct.
public struct CapsuleNetworkConfiguration: Sendable, Equatable {
    /// The side of the input images (8 for the digits).
    public var imageSide = 8
    /// Conv1: 1 -> this many channels, `convolutionKernel` x `convolutionKernel`, no padding, ReLU (paper: 256, 9 x 9).
    public var convolutionChannels = 32
    public var convolutionKernel = 3
    /// Primary capsules: types x dimension channels, `primaryKernel` x `primaryKernel`, stride 1 (paper: 32 x 8, 9 x 9, stride 2).
    public var primaryTypes = 8
    public var primaryDimension = 8
    public var primaryKernel = 3
    /// Digit capsules: one per class, of this dimension (paper: 10 of 16).
    public var classes = 10
    public var digitDimension = 16
    /// r, the routing iterations (paper: 3).
    public var routingIterations = 3
    /// Whether the masked decoder is trained with the reconstruction loss.
    public var reconstruction = true
    /// The scale of the sum of squared errors (paper: 0.0005).
    public var reconstructionScale: Float = 0.0005
    /// The decoder's hidden layers (paper: 512, 1024 for 784 pixels).
    public var decoderHidden = [64, 128]

    /// The digits CapsNet: 32 conv channels, 8 x 8 primary capsules on a 4 x 4 grid (128 of them), 10 x 16 digit capsules.
    public init() {}

    /// Primary capsule grid side: (side - k1 + 1) - k2 + 1.
    public var primaryGridSide: Int { imageSide - convolutionKernel + 1 - primaryKernel + 1 }
    /// I, the number of primary capsules.
    public var primaryCapsules: Int { primaryTypes * primaryGridSide * primaryGridSide }
}

/// A CapsNet: `encoder` maps images [N, side^2] to digit capsules v [N, J, D]; `decoder` maps masked
/// capsules [N, J D] back to images.
///
/// ```swift
/// var generator = Xoshiro256StarStar(seed: 1)
/// let capsNet = CapsuleNetwork(generator: &generator)
/// capsNet.digitCapsules(images).shape          // [N, 10, 16]
/// capsNet.predictClasses(images)               // the longest capsule of each image
/// ```
public final class CapsuleNetwork {
    public let configuration: CapsuleNetworkConfiguration
    /// Reshape -> Conv2D -> ReLU -> PrimaryCapsules -> PredictionVectors -> DynamicRouting.
    public let encoder: Network
    /// The masked decoder; nil when `configuration.reconstruction` is false.
    public let decoder: Network?
    public let marginLoss = MarginLoss()
    public let reconstructionLoss: ReconstructionLoss

    public init(configuration: CapsuleNetworkConfiguration = CapsuleNetworkConfiguration(), generator: inout Xoshiro256StarStar) {
        let c = configuration
        require(c.primaryGridSide >= 1, "CapsuleNetwork: kernels \(c.convolutionKernel) and \(c.primaryKernel) leave no capsules on a \(c.imageSide) x \(c.imageSide) image")
        self.configuration = c
        encoder = Network([
            Reshape([1, c.imageSide, c.imageSide]),
            Convolution2D(inputChannels: 1, outputChannels: c.convolutionChannels, kernel: c.convolutionKernel, generator: &generator),
            ActivationLayer(.relu),
            PrimaryCapsules(inputChannels: c.convolutionChannels, types: c.primaryTypes, dimension: c.primaryDimension,
                            kernel: c.primaryKernel, generator: &generator),
            PredictionVectors(lowerCapsules: c.primaryCapsules, inputDimension: c.primaryDimension, upperCapsules: c.classes,
                              outputDimension: c.digitDimension, generator: &generator),
            DynamicRouting(iterations: c.routingIterations),
        ])
        decoder = c.reconstruction
            ? reconstructionDecoder(capsules: c.classes, dimension: c.digitDimension, hidden: c.decoderHidden,
                                    pixels: c.imageSide * c.imageSide, generator: &generator)
            : nil
        reconstructionLoss = ReconstructionLoss(scale: c.reconstructionScale)
    }

    /// Every trained parameter: the encoder's, then the decoder's.
    public var parameters: [Parameter] { encoder.parameters + (decoder?.parameters ?? []) }
    public var trainableParameterCount: Int { parameters.filter(\.isTrainable).reduce(0) { $0 + $1.count } }
    /// The routing layer (for its coupling coefficients).
    public var routing: DynamicRouting { encoder.layers.last as! DynamicRouting }

    /// The digit capsules v [N, J, D] of images [N, side^2], test-time, in batches of `batchSize`.
    public func digitCapsules(_ images: Tensor, batchSize: Int = 128) -> Tensor {
        requireShapes(images.rank == 2 && images.shape[1] == configuration.imageSide * configuration.imageSide,
                      "CapsuleNetwork: images [N, side^2] vs side \(configuration.imageSide)", images.shape,
                      [configuration.imageSide, configuration.imageSide])
        require(batchSize >= 1, "CapsuleNetwork.digitCapsules: batchSize must be >= 1, got \(batchSize)")
        var parts: [Tensor] = []
        for start in stride(from: 0, to: images.shape[0], by: batchSize) {
            let rows = Array(start..<min(start + batchSize, images.shape[0]))
            parts.append(encoder.forward(images.gatheringRows(rows), training: false))
        }
        return parts.isEmpty ? Tensor(shape: [0, configuration.classes, configuration.digitDimension])
            : Tensor(concatenating: parts, alongAxis: 0)
    }

    /// ||v_j|| [N, J]: the network's class probabilities (not normalised to sum to 1).
    public func lengths(_ images: Tensor) -> Tensor {
        digitCapsules(images).norm(alongAxis: 2)
    }

    /// The longest capsule of each image.
    public func predictClasses(_ images: Tensor) -> [Int] {
        longestCapsules(digitCapsules(images))
    }

    /// The fraction of images whose longest capsule is their label.
    public func accuracy(_ images: Tensor, labels: [Int]) -> Double {
        Core.accuracy(predicted: predictClasses(images), truth: labels)
    }

    /// Images [N, side^2] decoded from capsules v [N, J, D] with all but `classes[n]` masked (by default
    /// the longest, as at test time). Precondition: the network has a decoder.
    public func reconstruct(capsules v: Tensor, classes: [Int]? = nil) -> Tensor {
        guard let decoder else { requirementFailed("CapsuleNetwork.reconstruct: this network was built without a decoder") }
        return decoder.forward(maskCapsules(v, keeping: classes ?? longestCapsules(v)), training: false)
    }

    /// Sabour et al. 2017, Fig. 4: the winning capsule of one image with dimension d moved by each of
    /// `offsets` (in turn, all else fixed), decoded. Returns images[d][k], each `side^2` pixels.
    public func perturbedReconstructions(of image: Tensor, offsets: [Float]) -> (digit: Int, images: [[[Float]]]) {
        requireShapes(image.rank == 2 && image.shape[0] == 1, "CapsuleNetwork.perturbedReconstructions: one image [1, side^2]",
                      image.shape, [1, configuration.imageSide * configuration.imageSide])
        let v = digitCapsules(image)
        let digit = longestCapsules(v)[0]
        let dimension = configuration.digitDimension
        var images: [[[Float]]] = []
        for d in 0..<dimension {
            var batch = [Tensor]()
            for offset in offsets {
                var moved = v
                moved.scalars[digit * dimension + d] += offset
                batch.append(moved)
            }
            let decoded = reconstruct(capsules: Tensor(concatenating: batch, alongAxis: 0), classes: offsets.map { _ in digit })
            images.append((0..<offsets.count).map { decoded.row($0) })
        }
        return (digit, images)
    }
}
