// Augmentation.swift: random views of an 8x8 digit for contrastive learning (thesis ch. 2 Sec. 2.1.4
// and Sec. 2.3.1, which list random cropping, colour distortion and Gaussian blur). On 8x8 grey
// digits: "crop" is a shift-and-crop (move the image by up to `maximumShift` pixels and cut back to
// 8x8, zeros coming in at the edge: the crop of a padded image), "colour distortion" is a random
// change of contrast and brightness plus Gaussian pixel noise (one channel has no hue), and the blur
// is a 3x3 Gaussian kernel applied with probability `blurProbability`. Pixels stay in [0, 1].
// Goals, in order: each transformation small and visible in the chapter's figure; all randomness
// from the generator passed in.

import Core

/// The random transformations that make two views of one image.
public struct Augmentation: Sendable {
    /// Largest shift in pixels, each direction (0 switches the crop off).
    public var maximumShift: Int
    /// Standard deviation of the Gaussian noise added to every pixel.
    public var noiseDeviation: Float
    /// Contrast is multiplied by a number in [1 - c, 1 + c].
    public var contrastRange: Float
    /// Probability of the 3x3 Gaussian blur.
    public var blurProbability: Float
    /// The side of the square images (8 for the digits).
    public let side: Int

    public init(maximumShift: Int = 1, noiseDeviation: Float = 0.1, contrastRange: Float = 0.3,
                blurProbability: Float = 0.5, side: Int = 8) {
        require(maximumShift >= 0 && maximumShift < side && noiseDeviation >= 0 && contrastRange >= 0 && contrastRange < 1
                && (0...1).contains(blurProbability), "Augmentation: shift \(maximumShift), noise \(noiseDeviation), contrast \(contrastRange), blur \(blurProbability) out of range")
        (self.maximumShift, self.noiseDeviation, self.contrastRange, self.blurProbability, self.side) =
            (maximumShift, noiseDeviation, contrastRange, blurProbability, side)
    }

    /// One random view of each row of `images` [N, side * side].
    public func views(of images: Tensor, generator: inout Xoshiro256StarStar) -> Tensor {
        requireShapes(images.rank == 2 && images.columns == side * side, "Augmentation.views: images [N, \(side * side)]",
                      images.shape, [side * side])
        var result: [Float] = []
        result.reserveCapacity(images.count)
        for i in 0..<images.rows { result += view(of: images.row(i), generator: &generator) }
        return Tensor(shape: images.shape, scalars: result)
    }

    /// One random view of one image (side * side pixels, row by row).
    public func view(of image: [Float], generator: inout Xoshiro256StarStar) -> [Float] {
        let span = 2 * maximumShift + 1
        var pixels = shifted(image, rows: generator.uniformInt(below: span) - maximumShift,
                             columns: generator.uniformInt(below: span) - maximumShift)
        if generator.uniformFloat() < blurProbability { pixels = blurred(pixels) }
        let contrast = generator.uniform(1 - contrastRange, 1 + contrastRange)
        return pixels.map { min(max(contrast * $0 + noiseDeviation * generator.normal(), 0), 1) }
    }

    /// The image moved down by `rows` and right by `columns` pixels, cut to its frame, zeros coming in.
    public func shifted(_ image: [Float], rows: Int, columns: Int) -> [Float] {
        var result = [Float](repeating: 0, count: side * side)
        for r in 0..<side {
            for c in 0..<side {
                let (sourceRow, sourceColumn) = (r - rows, c - columns)
                guard (0..<side).contains(sourceRow), (0..<side).contains(sourceColumn) else { continue }
                result[r * side + c] = image[sourceRow * side + sourceColumn]
            }
        }
        return result
    }

    /// The image convolved with the 3x3 Gaussian kernel (1 2 1; 2 4 2; 1 2 1) / 16, zeros outside.
    public func blurred(_ image: [Float]) -> [Float] {
        let kernel: [Float] = [1, 2, 1, 2, 4, 2, 1, 2, 1].map { $0 / 16 }
        var result = [Float](repeating: 0, count: side * side)
        for r in 0..<side {
            for c in 0..<side {
                var total: Float = 0
                for a in -1...1 {
                    for b in -1...1 where (0..<side).contains(r + a) && (0..<side).contains(c + b) {
                        total += kernel[(a + 1) * 3 + b + 1] * image[(r + a) * side + c + b]
                    }
                }
                result[r * side + c] = total
            }
        }
        return result
    }
}
