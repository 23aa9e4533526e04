// Exercise 16: the output size of a convolution.   Practises MLiS II Sec. 2.2.2, Eq. (2.2.8), with
// dilation (Sec. 2.3.4); DAT300 "Output size and receptive field".
// Check:  swift run --package-path Exercises exercises 16     (one hint at a time: exercises --hint 16)
// See it running:  swift run convolution
//
// Along one axis, a kernel of K taps spaced d pixels apart spans d(K - 1) + 1 pixels. With P zeros
// added on each side of an input of I pixels, it fits at positions 0, S, 2S, ... as long as it stays
// inside the I + 2P padded pixels:
//     O = (I + 2P - (d(K - 1) + 1)) / S + 1,   rounded down when S does not divide the numerator
// (Eq. (2.2.8) is the case d = 1). Example: I = 32, K = 5, S = 1, P = 0 gives 28 (DAT300).

/// The output size O of a convolution along one axis.
/// - Parameters:
///   - input: I, the input size (>= 1).
///   - kernel: K, the number of taps (>= 1).
///   - stride: S (>= 1).
///   - padding: P, zeros on each side (>= 0).
///   - dilation: d, the spacing of the taps (>= 1; 1 is an ordinary kernel).
/// - Returns: O. The tests only use sizes where the kernel fits in the padded input.

public func outputSize(input: Int, kernel: Int, stride: Int, padding: Int, dilation: Int) -> Int {
    // TODO: Eq. (2.2.8) with the dilated kernel size d(K - 1) + 1.
    return 0
}
