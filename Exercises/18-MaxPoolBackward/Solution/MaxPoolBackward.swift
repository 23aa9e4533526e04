// Solution to Exercise 18: the backward pass of max pooling (MLiS II Sec. 2.2.3).
//
// The forward pass chose one pixel per window; the derivative of max(x_1, ..., x_k) with respect to
// the winner is 1 and to the others 0, so the gradient is routed, not shared. The strict `>` keeps
// the first of equal values, which is the convention the library uses (any choice is a valid
// subgradient at a tie, but the forward and backward passes must make the same one).

public func maxPoolBackward(input: [[Float]], outputGradient: [[Float]], size: Int) -> [[Float]] {
    var gradient = input.map { $0.map { _ in Float(0) } }
    for i in 0..<outputGradient.count {
        for j in 0..<outputGradient[i].count {
            var (bestRow, bestColumn) = (i * size, j * size)
            for r in (i * size)..<((i + 1) * size) {
                for c in (j * size)..<((j + 1) * size) where input[r][c] > input[bestRow][bestColumn] {
                    (bestRow, bestColumn) = (r, c)
                }
            }
            gradient[bestRow][bestColumn] += outputGradient[i][j]
        }
    }
    return gradient
}
