// The checks of exercise 44: the notes' 4 x 4 image and 3 x 3 kernel (CONV-3, CONV-4), then padding
// and stride on a random image against a plain loop.

import ExerciseCheck
import Exercise44

let image: [[Float]] = [[0, 1, 2, 3], [4, 5, 4, 4], [6, 5, 7, 1], [1, 2, 2, 8]]
let kernel: [[Float]] = [[1, 2, 3], [3, 4, 2], [2, 1, 1]]

/// The cross-correlation by four plain loops, the reference.
func plainConvolution(_ image: [[Float]], _ kernel: [[Float]], stride: Int, padding: Int) -> [[Float]] {
    let (h, w, kh, kw) = (image.count, image[0].count, kernel.count, kernel[0].count)
    let (oh, ow) = ((h - kh + 2 * padding) / stride + 1, (w - kw + 2 * padding) / stride + 1)
    return (0..<oh).map { i in
        (0..<ow).map { j in
            var total: Float = 0
            for a in 0..<kh {
                for b in 0..<kw {
                    let (r, c) = (i * stride + a - padding, j * stride + b - padding)
                    if r >= 0 && r < h && c >= 0 && c < w { total += image[r][c] * kernel[a][b] }
                }
            }
            return total
        }
    }
}

check("CONV-4, Eq. (2.2.6): the 4 patches of the notes' 4 x 4 image under a 3 x 3 kernel") {
    let patches = im2col(image, kernelHeight: 3, kernelWidth: 3, stride: 1, padding: 0)
    let expected: [[Float]] = [[0, 1, 2, 4, 5, 4, 6, 5, 7], [1, 2, 3, 5, 4, 4, 5, 7, 1],
                               [4, 5, 4, 6, 5, 7, 1, 2, 2], [5, 4, 4, 5, 7, 1, 2, 2, 8]]
    expect(patches == expected, "the patches, one per output position, should be \(expected); got \(patches)")
}

check("CONV-3, Eq. (2.2.5): the notes' example gives [[72, 71], [84, 84]]") {
    let output = convolveByIm2col(image, kernel: kernel, stride: 1, padding: 0)
    expect(output == [[72, 71], [84, 84]], "O = [[72, 71], [84, 84]] (cross-correlation, no flip: E-41); got \(output)")
}

check("Eq. (2.2.8): a 7 x 6 image, 3 x 2 kernel, padding 1, stride 2 (output 4 x 4) agrees with plain loops") {
    var state: UInt64 = 44
    func draw() -> Float {
        state = state &* 6364136223846793005 &+ 1442695040888963407
        return Float(Int(state >> 60)) - 7                        // small integers: exact sums
    }
    let picture = (0..<7).map { _ in (0..<6).map { _ in draw() } }
    let filter = (0..<3).map { _ in (0..<2).map { _ in draw() } }
    let expected = plainConvolution(picture, filter, stride: 2, padding: 1)
    let patches = im2col(picture, kernelHeight: 3, kernelWidth: 2, stride: 2, padding: 1)
    expect(patches.count == 16 && patches.allSatisfy { $0.count == 6 },
           "im2col should be 16 x 6 (O = (7 - 3 + 2)/2 + 1 = 4 by (6 - 2 + 2)/2 + 1 = 4); got \(patches.count) rows")
    let output = convolveByIm2col(picture, kernel: filter, stride: 2, padding: 1)
    expect(output == expected, "expected \(expected); got \(output)")
}

runChecks()
