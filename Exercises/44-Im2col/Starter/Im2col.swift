// Exercise 44: convolution as one matrix product, by im2col (every receptive field as a row).
// Practises MLiS II Sec. 2.2.1 and 2.2.2: the cross-correlation of Eq. (2.2.5) (no kernel flip,
// E-41), its unrolled form of Eq. (2.2.6) (vec(O) = K* vec(I); im2col holds the same numbers as
// patches), and the output size of Eq. (2.2.8) with padding and stride.
// See it running: `swift run convolution` (its im2col + GEMM kernel against the direct loops).
// Check: swift run --package-path Exercises exercises 44
// Hints, one at a time: swift run --package-path Exercises exercises --hint 44
//
// Write `im2col`: for a one-channel image, zero padding P and stride S, the matrix with one row per
// output position (row-major: output row by output row), each row the K_h x K_w window under the
// kernel at that position, read row-major. Then `convolveByIm2col`: that matrix times the kernel read
// row-major gives every output at once; reshape it to O_h x O_w.

/// The patch matrix of `image` (H x W): shape [O_h O_w, K_h K_w], with O from Eq. (2.2.8) on each
/// axis (rounded down); padded positions read 0.   Eq. (2.2.6)
public func im2col(_ image: [[Float]], kernelHeight: Int, kernelWidth: Int, stride: Int, padding: Int) -> [[Float]] {
    let rows: [[Float]] = []
    // TODO: the output size on each axis; for each output position (i, j), the window under the kernel.
    return rows
}

/// The cross-correlation of `image` with `kernel` (zero padding P, stride S), computed as the patch
/// matrix times the kernel read row-major, reshaped to O_h x O_w.   Eq. (2.2.5)
public func convolveByIm2col(_ image: [[Float]], kernel: [[Float]], stride: Int, padding: Int) -> [[Float]] {
    // TODO: the patch matrix, each patch's dot product with the kernel, the outputs as O_h rows of O_w.
    return []
}
