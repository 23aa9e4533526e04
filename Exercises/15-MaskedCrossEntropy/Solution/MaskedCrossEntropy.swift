// Solution to Exercise 15: the masked cross-entropy and its gradient (MLiS II Sec. 2.9.2).
//
// For one row, J_i = -z_y + log sum_c e^(z_c), so dJ_i/dz_c = softmax(z)_c - [c = y]. Rows that are not
// labelled do not appear in J at all, so their gradient is exactly zero, and the 1/|L| of the mean
// carries through to every labelled row.

import Core

public func maskedCrossEntropy(logits: Tensor, labelledNodes: [Int], labels: [Int]) -> (loss: Float, gradient: Tensor) {
    let share = 1 / Float(labelledNodes.count)                  // 1 / |L|
    var loss: Float = 0
    var gradient = Tensor(shape: logits.shape)
    for (node, label) in zip(labelledNodes, labels) {
        let z = logits.row(node)
        loss -= (z[label] - logSumExp(z)) * share                // -log softmax(z)_y, stable
        for (c, p) in softmax(z).enumerated() {
            gradient[node, c] = (p - (c == label ? 1 : 0)) * share
        }
    }
    return (loss, gradient)
}
