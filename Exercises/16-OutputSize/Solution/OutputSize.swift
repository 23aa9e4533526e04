// Solution to Exercise 16: the output size of a convolution (MLiS II Eq. (2.2.8), Sec. 2.3.4).
//
// The dilated kernel spans d(K - 1) + 1 pixels; it fits (I + 2P - span)/S + 1 times, the + 1 being
// the first position. Integer division rounds the non-negative numerator down, which is what Keras'
// "valid" convention does when S does not divide it (EnzyNet: 32, K = 9, S = 2 gives 12, E-22).

public func outputSize(input: Int, kernel: Int, stride: Int, padding: Int, dilation: Int) -> Int {
    let span = dilation * (kernel - 1) + 1
    return (input + 2 * padding - span) / stride + 1
}
