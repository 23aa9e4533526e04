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
    let matrix: [[Float]] = []
    // TODO: the output size, a zero matrix of the right shape, then each row's kernel weights.
    return matrix
}

/// The transposed convolution of D with the kernel: K*^T vec(D), reshaped.   Eq. (2.3.5)
/// - Returns: ((I_h - 1)S + K_h) x ((I_w - 1)S + K_w) values.
public func transposedConvolution(_ input: [[Float]], kernel: [[Float]], stride: Int) -> [[Float]] {
    // TODO: the output size, K* for an input of that size, K*^T times vec(D), reshaped.
    return []
}
