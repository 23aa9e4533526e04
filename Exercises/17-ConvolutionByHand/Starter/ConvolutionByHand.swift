// Exercise 17: one convolution by hand.   Practises MLiS II Sec. 2.2.1, Eq. (2.2.5) and the worked
// 4 x 4 example (72, 71, 84, 84); Thesis ch. 2 Eq. (2.7) with the limits corrected (E-01).
// Check:  swift run --package-path Exercises exercises 17     (one hint at a time: exercises --hint 17)
// See it running:  swift run convolution
//
// Slide the kernel over the image, one pixel at a time, without padding. At each position multiply
// every kernel value by the image value under it and add the products (0-based indices):
//     R[i][j] = sum_{l = 0}^{K_h - 1} sum_{m = 0}^{K_w - 1} I[i + l][j + m] K[l][m]
// for i = 0 ... I_h - K_h and j = 0 ... I_w - K_w, so R is (I_h - K_h + 1) x (I_w - K_w + 1).
// As in every example of the notes the kernel is NOT flipped (this is cross-correlation, E-41).

/// The "valid" cross-correlation of a single-channel image with a kernel, stride 1.
/// - Parameters:
///   - image: I, rows of equal length (I_h x I_w).
///   - kernel: K, rows of equal length (K_h x K_w), no larger than the image.
/// - Returns: R, (I_h - K_h + 1) rows of (I_w - K_w + 1) values.

public func crossCorrelate(_ image: [[Float]], _ kernel: [[Float]]) -> [[Float]] {
    // TODO: the sum of Eq. (2.2.5) at every position where the kernel fits.
    return []
}
