// Solution to Exercise 17: one convolution by hand (MLiS II Eq. (2.2.5); Thesis Eq. (2.7), E-01).
//
// The output has one value per position where the kernel fits: I - K + 1 along each axis. The
// indices are 0-based throughout, so the sums run from l = 0 to K_h - 1: the printed upper limit
// n_i + F_height of the thesis has one term too many on each axis (E-01). Flipping the kernel would
// compute a true convolution (Eq. (2.2.2)), which is not what the notes' examples do (E-41).

public func crossCorrelate(_ image: [[Float]], _ kernel: [[Float]]) -> [[Float]] {
    let (kernelHeight, kernelWidth) = (kernel.count, kernel[0].count)
    let (outputHeight, outputWidth) = (image.count - kernelHeight + 1, image[0].count - kernelWidth + 1)
    var result = [[Float]](repeating: [Float](repeating: 0, count: outputWidth), count: outputHeight)
    for i in 0..<outputHeight {
        for j in 0..<outputWidth {
            var sum: Float = 0
            for l in 0..<kernelHeight {
                for m in 0..<kernelWidth { sum += image[i + l][j + m] * kernel[l][m] }
            }
            result[i][j] = sum
        }
    }
    return result
}
