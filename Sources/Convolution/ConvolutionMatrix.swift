// ConvolutionMatrix.swift: the unrolled convolution matrix K* of MLiS II Eq. (2.2.6) as an explicit
// operator, and its transpose, the transposed convolution of Sec. 2.3.6 (Eq. (2.3.3), Eq. (2.3.4),
// Eq. (2.3.5)).
// Goals, in order: the notes' matrices entry for entry (4 x 16 for the 4 x 4 example); built from the
// same tap rule as every other path, so K* I* equals the convolution; dense and small (it has
// O O_h O_w x C H W entries): for teaching and testing, not for training.

import Core

/// K*: the convolution of one image as a matrix, vec(Y) = K* vec(X) + b   MLiS II Eq. (2.2.6)
///
/// Row (k, i, j) holds filter k unrolled at output position (i, j): entry (k, i, j; c, r, s) is the
/// kernel tap W[k, c, l, m] that reads pixel (c, r, s) = (c, iS + l d - p_top, jS + m d - p_left),
/// and 0 elsewhere. vec is row-major (DAT300 "Flatten", CONV-12). Taps on the padding have no
/// column: the padding is zero, so they add nothing.
///
/// ```swift
/// let kernel = Tensor(shape: [1, 1, 3, 3], scalars: [1, 2, 3, 3, 4, 2, 2, 1, 1])
/// let g = ConvolutionGeometry(channels: 1, height: 4, width: 4, outputChannels: 1, kernel: 3)
/// let kStar = ConvolutionMatrix(weights: kernel, geometry: g)
/// print(kStar.matrix.shape)      // [4, 16]
/// print(kStar.matrix.row(2))
/// // [0.0, 0.0, 0.0, 0.0, 1.0, 2.0, 3.0, 0.0, 3.0, 4.0, 2.0, 0.0, 2.0, 1.0, 1.0, 0.0]: the filter starts at I_21 = I*_5
/// ```
public struct ConvolutionMatrix: Sendable {
    public let geometry: ConvolutionGeometry
    /// K*, shape [O O_h O_w, C H W].
    public let matrix: Tensor

    /// K* for `weights` [O, C, K_h, K_w] and `geometry`.
    public init(weights: Tensor, geometry g: ConvolutionGeometry) {
        requireShapes(weights.shape == g.weightShape, "ConvolutionMatrix: weights vs [O, C, K_h, K_w]", weights.shape, g.weightShape)
        var matrix = Tensor(shape: [g.outputChannels * g.outputArea, g.inputChannels * g.inputArea])
        let columns = g.inputChannels * g.inputArea
        for k in 0..<g.outputChannels {
            for i in 0..<g.outputHeight {
                for j in 0..<g.outputWidth {
                    let row = (k * g.outputHeight + i) * g.outputWidth + j
                    ReferenceConvolution.forEachTap(g, i, j) { c, l, m, r, s in
                        matrix.scalars[row * columns + (c * g.inputHeight + r) * g.inputWidth + s]
                            += weights.scalars[ReferenceConvolution.weightIndex(g, k, c, l, m)]
                    }
                }
            }
        }
        (self.geometry, self.matrix) = (g, matrix)
    }

    /// K* vec(X) for one image `image` (shape [C, H, W] or [1, C, H, W]), reshaped to [O, O_h, O_w].
    public func apply(_ image: Tensor) -> Tensor {
        let g = geometry
        requireShapes(image.count == g.inputChannels * g.inputArea, "ConvolutionMatrix.apply: image vs [C, H, W]",
                      image.shape, [g.inputChannels, g.inputHeight, g.inputWidth])
        return matmul(matrix, image.reshaped([image.count, 1])).reshaped([g.outputChannels, g.outputHeight, g.outputWidth])
    }

    /// K*^T vec(D) for `gradient` (shape [O, O_h, O_w] or [1, O, O_h, O_w]), reshaped to [C, H, W]:
    /// the transposed convolution of Eq. (2.3.3), Eq. (2.3.4), Eq. (2.3.5).
    public func applyTransposed(_ gradient: Tensor) -> Tensor {
        let g = geometry
        requireShapes(gradient.count == g.outputChannels * g.outputArea, "ConvolutionMatrix.applyTransposed: D vs [O, O_h, O_w]",
                      gradient.shape, [g.outputChannels, g.outputHeight, g.outputWidth])
        return matmul(matrix, gradient.reshaped([gradient.count, 1]), transposeA: true)
            .reshaped([g.inputChannels, g.inputHeight, g.inputWidth])
    }
}
