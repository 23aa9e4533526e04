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
    let (height, width) = (image.count, image.first?.count ?? 0)
    let outputHeight = (height - kernelHeight + 2 * padding) / stride + 1   // Eq. (2.2.8)
    let outputWidth = (width - kernelWidth + 2 * padding) / stride + 1
    var rows: [[Float]] = []
    for i in 0..<outputHeight {
        for j in 0..<outputWidth {
            var patch: [Float] = []
            for a in 0..<kernelHeight {
                for b in 0..<kernelWidth {
                    let (row, column) = (i * stride + a - padding, j * stride + b - padding)
                    let inside = row >= 0 && row < height && column >= 0 && column < width
                    patch.append(inside ? image[row][column] : 0)
                }
            }
            rows.append(patch)
        }
    }
    return rows
}

/// The cross-correlation of `image` with `kernel` (zero padding P, stride S), computed as the patch
/// matrix times the kernel read row-major, reshaped to O_h x O_w.   Eq. (2.2.5)
public func convolveByIm2col(_ image: [[Float]], kernel: [[Float]], stride: Int, padding: Int) -> [[Float]] {
    let (kernelHeight, kernelWidth) = (kernel.count, kernel.first?.count ?? 0)
    let patches = im2col(image, kernelHeight: kernelHeight, kernelWidth: kernelWidth, stride: stride, padding: padding)
    let weights = kernel.flatMap { $0 }
    let outputs = patches.map { patch in zip(patch, weights).reduce(0) { $0 + $1.0 * $1.1 } }
    let outputWidth = ((image.first?.count ?? 0) - kernelWidth + 2 * padding) / stride + 1
    return Swift.stride(from: 0, to: outputs.count, by: outputWidth).map { Array(outputs[$0..<$0 + outputWidth]) }
}
