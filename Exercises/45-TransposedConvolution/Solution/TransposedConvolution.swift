// Exercise 45: the transposed convolution as the transpose of the convolution matrix.
// Practises MLiS II Sec. 2.2.1, Eq. (2.2.6) (the unrolled matrix K* with vec(O) = K* vec(I)) and
// Sec. 2.3.6, Eq. (2.3.3), Eq. (2.3.4), Eq. (2.3.5) (up-sampling by K*^T), with the output size
// (I - 1)S + K of a "valid" transposed convolution.
// See it running: `swift run convolution` (its up-sampling part).
// Check: swift run --package-path Exercises exercises 45
// Hints, one at a time: swift run --package-path Exercises exercises --hint 45
//
// Write two functions:
//   1. `unrolledKernelMatrix`: K* for a one-channel H x W input, a K_h x K_w kernel, stride S and no
//      padding: one row per output position (row-major), one column per input pixel (row-major);
//      row r holds the kernel's weights at the pixels its window covers and 0 elsewhere.
//   2. `transposedConvolution`: for an input D (I_h x I_w), the output of size
//      ((I_h - 1)S + K_h) x ((I_w - 1)S + K_w), computed as K*^T vec(D), where K* is the matrix of the
//      convolution that maps an output-sized image back to D's size. Reshape the result.

/// K*, shape [O_h O_w, H W] with O = (I - K)/S + 1 on each axis: vec(I * K) = K* vec(I).   Eq. (2.2.6)
public func unrolledKernelMatrix(_ kernel: [[Float]], inputHeight: Int, inputWidth: Int, stride: Int) -> [[Float]] {
    let (kernelHeight, kernelWidth) = (kernel.count, kernel.first?.count ?? 0)
    let outputHeight = (inputHeight - kernelHeight) / stride + 1
    let outputWidth = (inputWidth - kernelWidth) / stride + 1
    var matrix = [[Float]](repeating: [Float](repeating: 0, count: inputHeight * inputWidth),
                           count: outputHeight * outputWidth)
    for i in 0..<outputHeight {
        for j in 0..<outputWidth {
            for a in 0..<kernelHeight {
                for b in 0..<kernelWidth {
                    matrix[i * outputWidth + j][(i * stride + a) * inputWidth + j * stride + b] = kernel[a][b]
                }
            }
        }
    }
    return matrix
}

/// The transposed convolution of D with the kernel: K*^T vec(D), reshaped.   Eq. (2.3.5)
/// - Returns: ((I_h - 1)S + K_h) x ((I_w - 1)S + K_w) values.
public func transposedConvolution(_ input: [[Float]], kernel: [[Float]], stride: Int) -> [[Float]] {
    let (height, width) = (input.count, input.first?.count ?? 0)
    let outputHeight = (height - 1) * stride + kernel.count
    let outputWidth = (width - 1) * stride + (kernel.first?.count ?? 0)
    let matrix = unrolledKernelMatrix(kernel, inputHeight: outputHeight, inputWidth: outputWidth, stride: stride)
    let d = input.flatMap { $0 }                                         // D*, Eq. (2.3.4)
    let product = (0..<outputHeight * outputWidth).map { column in
        zip(matrix, d).reduce(Float(0)) { $0 + $1.0[column] * $1.1 }    // (K*^T D*)_column
    }
    return (0..<outputHeight).map { Array(product[$0 * outputWidth..<($0 + 1) * outputWidth]) }
}
