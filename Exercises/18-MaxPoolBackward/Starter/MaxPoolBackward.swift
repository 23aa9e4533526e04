// Exercise 18: the backward pass of max pooling.   Practises MLiS II Sec. 2.2.3 (max pooling has no
// parameters but still passes gradients back) and the chain rule of Sec. 1.3.
// Check:  swift run --package-path Exercises exercises 18     (one hint at a time: exercises --hint 18)
// See it running:  swift run convolution
//
// Max pooling with size x size windows that do not overlap (stride = size) keeps the largest value
// of each window: y[i][j] = max of x[r][c] over r in i·size ..< (i+1)·size, c in j·size ..< (j+1)·size.
// Near its input the max is the identity on the winning pixel and ignores the others, so
//     dJ/dx[r][c] = dJ/dy[i][j]   if x[r][c] won window (i, j),   0 otherwise.
// On a tie, the first winner in reading order (row by row, left to right) takes the gradient, as the
// library does. Pixels outside every window (when size does not divide the image) get 0.

/// dJ/dx of max pooling with non-overlapping size x size windows.
/// - Parameters:
///   - input: x, the image that was pooled (H rows of W values).
///   - outputGradient: dJ/dy, (H / size) rows of (W / size) values.
///   - size: the window size (and stride), >= 1.
/// - Returns: dJ/dx, shaped like `input`.

public func maxPoolBackward(input: [[Float]], outputGradient: [[Float]], size: Int) -> [[Float]] {
    // TODO: route each output gradient to the pixel that won its window.
    return input.map { $0.map { _ in 0 } }
}
