// Upsampling.swift: the "resize" of resize-convolution, MLiS II Sec. 2.3.6 ("Resize-convolution"):
// nearest-neighbour up-sampling as a layer with its backward pass, and bilinear interpolation.
// Goals, in order: every output pixel written once (no overlaps, so no checkerboard); the backward
// pass the exact adjoint of the forward one; small and plain.

import Core
import NeuralNetworks

/// Each pixel repeated into a `factor` x `factor` block: [N, C, H, W] to [N, C, H s, W s].
///
/// ```swift
/// let x = Tensor(shape: [1, 1, 1, 2], scalars: [1, 2])
/// print(Upsampling2D(factor: 2)(x).scalars)   // [1.0, 1.0, 2.0, 2.0, 1.0, 1.0, 2.0, 2.0]
/// ```
///
/// Backward: each input pixel's gradient is the sum of the gradients of its s^2 copies.
public final class Upsampling2D: Layer {
    public let factor: Int
    private var inputShape: [Int]?

    public init(factor: Int) {
        require(factor >= 1, "Upsampling2D: the factor must be >= 1, got \(factor)")
        self.factor = factor
    }

    public func forward(_ input: Tensor, training: Bool = false) -> Tensor {
        require(input.rank == 4, "Upsampling2D.forward: input must be [N, C, H, W], got shape \(input.shape)")
        inputShape = input.shape
        let (planes, height, width, s) = (input.shape[0] * input.shape[1], input.shape[2], input.shape[3], factor)
        var output = Tensor(shape: [input.shape[0], input.shape[1], height * s, width * s])
        for plane in 0..<planes {
            for row in 0..<(height * s) {
                for column in 0..<(width * s) {
                    output.scalars[(plane * height * s + row) * width * s + column]
                        = input.scalars[(plane * height + row / s) * width + column / s]
                }
            }
        }
        return output
    }

    public func backward(_ outputGradient: Tensor) -> Tensor {
        guard let inputShape else { requirementFailed("Upsampling2D.backward: called before forward") }
        let (planes, height, width, s) = (inputShape[0] * inputShape[1], inputShape[2], inputShape[3], factor)
        requireShapes(outputGradient.shape == [inputShape[0], inputShape[1], height * s, width * s],
                      "Upsampling2D.backward: dJ/dy vs [N, C, H s, W s]", outputGradient.shape, inputShape)
        var gradient = Tensor(shape: inputShape)
        for plane in 0..<planes {
            for row in 0..<(height * s) {
                for column in 0..<(width * s) {
                    gradient.scalars[(plane * height + row / s) * width + column / s]
                        += outputGradient.scalars[(plane * height * s + row) * width * s + column]
                }
            }
        }
        return gradient
    }
}

/// Bilinear up-sampling by `factor`: [N, C, H, W] to [N, C, H s, W s]. Output pixel (r, t) sits at
/// input coordinates ((r + 1/2)/s - 1/2, (t + 1/2)/s - 1/2) (pixel centres aligned, as OpenCV and
/// PyTorch's align_corners = false), clamped to the image, and takes the weighted mean of the four
/// nearest input pixels.
public func bilinearUpsampled(_ input: Tensor, factor: Int) -> Tensor {
    require(input.rank == 4 && factor >= 1, "bilinearUpsampled: needs [N, C, H, W] and a factor >= 1, got \(input.shape) and \(factor)")
    let (planes, height, width, s) = (input.shape[0] * input.shape[1], input.shape[2], input.shape[3], factor)
    var output = Tensor(shape: [input.shape[0], input.shape[1], height * s, width * s])
    /// The two neighbours along one axis and the weight of the second.
    func neighbours(_ index: Int, _ size: Int) -> (Int, Int, Float) {
        let position = min(max((Float(index) + 0.5) / Float(s) - 0.5, 0), Float(size - 1))
        let low = Int(position)
        return (low, min(low + 1, size - 1), position - Float(low))
    }
    for plane in 0..<planes {
        let base = plane * height * width
        for row in 0..<(height * s) {
            let (top, bottom, down) = neighbours(row, height)
            for column in 0..<(width * s) {
                let (left, right, across) = neighbours(column, width)
                func pixel(_ r: Int, _ c: Int) -> Float { input.scalars[base + r * width + c] }
                let upper = pixel(top, left) * (1 - across) + pixel(top, right) * across
                let lower = pixel(bottom, left) * (1 - across) + pixel(bottom, right) * across
                output.scalars[(plane * height * s + row) * width * s + column] = upper * (1 - down) + lower * down
            }
        }
    }
    return output
}
