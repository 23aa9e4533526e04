// Pooling.swift: max and average pooling with their backward passes, MLiS II Sec. 2.2.3 (Fig. 2.2.5),
// output size by Eq. (2.2.8) "where by default P = 0"; Thesis ch. 2 Sec. 2.2.3; DAT300 "MaxPooling2D".
// Goals, in order: the window rule of Eq. (2.2.8); a backward pass that routes each gradient to the
// pixel that won (max) or shares it equally (average), so that it is the exact derivative; no
// trainable parameters. One pass over the data with plain loops: pooling is memory-bound.

import Core
import NeuralNetworks

/// The windows of a pooling layer: `size` x `size`, moved by `stride` (default: the size, so windows
/// do not overlap), with `padding` pixels that never win a max and are not counted in an average.
public struct PoolingGeometry: Sendable, Equatable {
    public let channels: Int
    public let inputHeight: Int
    public let inputWidth: Int
    public let size: Int
    public let stride: Int
    public let padding: Int
    public let outputHeight: Int
    public let outputWidth: Int

    public init(channels: Int, height: Int, width: Int, size: Int, stride: Int? = nil, padding: Int = 0) {
        let stride = stride ?? size
        require(channels > 0 && height > 0 && width > 0 && size > 0 && stride > 0 && padding >= 0 && padding < size,
                "PoolingGeometry: needs positive sizes and 0 <= padding < window, got \(channels) x \(height) x \(width), "
                    + "window \(size), stride \(stride), padding \(padding)")
        require(size <= height + 2 * padding && size <= width + 2 * padding,
                "PoolingGeometry: the window (\(size)) is larger than the padded input (\(height) x \(width) with padding \(padding))")
        (self.channels, inputHeight, inputWidth, self.size, self.stride, self.padding) = (channels, height, width, size, stride, padding)
        outputHeight = (height - size + 2 * padding) / stride + 1        // Eq. (2.2.8)
        outputWidth = (width - size + 2 * padding) / stride + 1
    }

    /// The input rows (or columns) of window i: the part of [iS - P, iS - P + size) inside the image.
    func window(_ i: Int, limit: Int) -> Range<Int> {
        let start = i * stride - padding
        return max(start, 0)..<min(start + size, limit)
    }

    func checkInput(_ input: Tensor, _ operation: String) -> Int {
        requireShapes(input.rank == 4 && Array(input.shape.dropFirst()) == [channels, inputHeight, inputWidth],
                      "\(operation): input vs [N, C, H, W] with [C, H, W] = \([channels, inputHeight, inputWidth])",
                      input.shape, [channels, inputHeight, inputWidth])
        return input.shape[0]
    }
}

/// Max pooling: y = the largest value in each window   (MLiS II Sec. 2.2.3, Fig. 2.2.5)
///
/// Returns the output [N, C, O_h, O_w] and, for each output, the flat index in `input` of the value
/// that won (the first one on a tie), which is all the backward pass needs.
///
/// ```swift
/// let x = Tensor(shape: [1, 1, 2, 4], scalars: [1, 5, 2, 0, 3, 4, 8, 8])
/// let pooled = maxPool2D(x, geometry: PoolingGeometry(channels: 1, height: 2, width: 4, size: 2))
/// print(pooled.output.scalars, pooled.winners)   // [5.0, 8.0] [1, 6]
/// ```
public func maxPool2D(_ input: Tensor, geometry g: PoolingGeometry) -> (output: Tensor, winners: [Int]) {
    let batch = g.checkInput(input, "maxPool2D")
    var output = Tensor(shape: [batch, g.channels, g.outputHeight, g.outputWidth])
    var winners = [Int](repeating: 0, count: output.count)
    var index = 0
    for plane in 0..<(batch * g.channels) {
        let base = plane * g.inputHeight * g.inputWidth
        for i in 0..<g.outputHeight {
            let rows = g.window(i, limit: g.inputHeight)
            for j in 0..<g.outputWidth {
                var best = base + rows.lowerBound * g.inputWidth + g.window(j, limit: g.inputWidth).lowerBound
                for row in rows {
                    for column in g.window(j, limit: g.inputWidth) {
                        let k = base + row * g.inputWidth + column
                        if input.scalars[k] > input.scalars[best] || input.scalars[k].isNaN { best = k }
                    }
                }
                (output.scalars[index], winners[index]) = (input.scalars[best], best)
                index += 1
            }
        }
    }
    return (output, winners)
}

/// dJ/dx of max pooling: each output's gradient goes to the input that won its window (the max is
/// locally the identity on the winner and constant in the others); overlapping windows add up.
public func maxPool2DBackward(_ outputGradient: Tensor, winners: [Int], inputShape: [Int]) -> Tensor {
    require(outputGradient.count == winners.count,
            "maxPool2DBackward: \(outputGradient.count) output gradients for \(winners.count) winners")
    var gradient = Tensor(shape: inputShape)
    for (k, winner) in winners.enumerated() {
        require(winner >= 0 && winner < gradient.count, "maxPool2DBackward: winner \(winner) outside the input of shape \(inputShape)")
        gradient.scalars[winner] += outputGradient.scalars[k]
    }
    return gradient
}

/// Average pooling: y = the mean of the pixels of each window inside the image (padding not counted).
public func averagePool2D(_ input: Tensor, geometry g: PoolingGeometry) -> Tensor {
    let batch = g.checkInput(input, "averagePool2D")
    var output = Tensor(shape: [batch, g.channels, g.outputHeight, g.outputWidth])
    var index = 0
    for plane in 0..<(batch * g.channels) {
        let base = plane * g.inputHeight * g.inputWidth
        for i in 0..<g.outputHeight {
            let rows = g.window(i, limit: g.inputHeight)
            for j in 0..<g.outputWidth {
                let columns = g.window(j, limit: g.inputWidth)
                var sum: Float = 0
                for row in rows { for column in columns { sum += input.scalars[base + row * g.inputWidth + column] } }
                output.scalars[index] = sum / Float(rows.count * columns.count)
                index += 1
            }
        }
    }
    return output
}

/// dJ/dx of average pooling: each output's gradient, divided by its window's pixel count, to every pixel of the window.
public func averagePool2DBackward(_ outputGradient: Tensor, geometry g: PoolingGeometry) -> Tensor {
    let batch = outputGradient.shape.first ?? 0
    requireShapes(outputGradient.shape == [batch, g.channels, g.outputHeight, g.outputWidth],
                  "averagePool2DBackward: dJ/dy vs [N, C, O_h, O_w]", outputGradient.shape, [batch, g.channels, g.outputHeight, g.outputWidth])
    var gradient = Tensor(shape: [batch, g.channels, g.inputHeight, g.inputWidth])
    var index = 0
    for plane in 0..<(batch * g.channels) {
        let base = plane * g.inputHeight * g.inputWidth
        for i in 0..<g.outputHeight {
            let rows = g.window(i, limit: g.inputHeight)
            for j in 0..<g.outputWidth {
                let columns = g.window(j, limit: g.inputWidth)
                let share = outputGradient.scalars[index] / Float(rows.count * columns.count)
                for row in rows { for column in columns { gradient.scalars[base + row * g.inputWidth + column] += share } }
                index += 1
            }
        }
    }
    return gradient
}
