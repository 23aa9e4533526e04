// PoolingLayers.swift: max, average and global average pooling as layers (MLiS II Sec. 2.2.3; DAT300
// "MaxPooling2D"; the average pool before ResNet18's dense layer, Thesis ch. 2 Sec. 2.2.4).
// Goals: the Layer contract around the functions of Pooling.swift; no parameters.

import Core
import NeuralNetworks

/// Max pooling over `size` x `size` windows moved by `stride` (default `size`): [N, C, H, W] to
/// [N, C, O_h, O_w] with O by Eq. (2.2.8). `MaxPooling2D(size: 2)` halves H and W (DAT300).
public final class MaxPooling2D: Layer {
    public let size: Int
    public let stride: Int
    public let padding: Int
    private var winners: [Int] = []
    private var inputShape: [Int]?

    public init(size: Int, stride: Int? = nil, padding: Int = 0) {
        (self.size, self.stride, self.padding) = (size, stride ?? size, padding)
    }

    public func forward(_ input: Tensor, training: Bool = false) -> Tensor {
        require(input.rank == 4, "MaxPooling2D.forward: input must be [N, C, H, W], got shape \(input.shape)")
        let g = PoolingGeometry(channels: input.shape[1], height: input.shape[2], width: input.shape[3], size: size, stride: stride,
                                padding: padding)
        let pooled = maxPool2D(input, geometry: g)
        (winners, inputShape) = (pooled.winners, input.shape)
        return pooled.output
    }

    public func backward(_ outputGradient: Tensor) -> Tensor {
        guard let inputShape else { requirementFailed("MaxPooling2D.backward: called before forward") }
        return maxPool2DBackward(outputGradient, winners: winners, inputShape: inputShape)
    }
}

/// Average pooling over `size` x `size` windows moved by `stride` (default `size`).
public final class AveragePooling2D: Layer {
    public let size: Int
    public let stride: Int
    public let padding: Int
    private var geometry: PoolingGeometry?

    public init(size: Int, stride: Int? = nil, padding: Int = 0) {
        (self.size, self.stride, self.padding) = (size, stride ?? size, padding)
    }

    public func forward(_ input: Tensor, training: Bool = false) -> Tensor {
        require(input.rank == 4, "AveragePooling2D.forward: input must be [N, C, H, W], got shape \(input.shape)")
        let g = PoolingGeometry(channels: input.shape[1], height: input.shape[2], width: input.shape[3], size: size, stride: stride,
                                padding: padding)
        geometry = g
        return averagePool2D(input, geometry: g)
    }

    public func backward(_ outputGradient: Tensor) -> Tensor {
        guard let geometry else { requirementFailed("AveragePooling2D.backward: called before forward") }
        return averagePool2DBackward(outputGradient, geometry: geometry)
    }
}

/// The mean of each channel over the whole image: [N, C, H, W] to [N, C].
public final class GlobalAveragePooling2D: Layer {
    private var inputShape: [Int]?
    public init() {}

    public func forward(_ input: Tensor, training: Bool = false) -> Tensor {
        require(input.rank == 4, "GlobalAveragePooling2D.forward: input must be [N, C, H, W], got shape \(input.shape)")
        inputShape = input.shape
        let (batch, channels) = (input.shape[0], input.shape[1])
        return input.reshaped([batch, channels, input.shape[2] * input.shape[3]]).mean(alongAxis: 2)
    }

    /// dJ/dx = dJ/dy / (H W) at every pixel of the channel: the backward pass of a mean.
    public func backward(_ outputGradient: Tensor) -> Tensor {
        guard let inputShape else { requirementFailed("GlobalAveragePooling2D.backward: called before forward") }
        requireShapes(outputGradient.shape == Array(inputShape.prefix(2)), "GlobalAveragePooling2D.backward: dJ/dy vs [N, C]",
                      outputGradient.shape, inputShape)
        let area = inputShape[2] * inputShape[3]
        return outputGradient.map { $0 / Float(area) }.repeated(area, alongNewAxis: 2).reshaped(inputShape)
    }
}
