// Exercise 42: one whole back-propagation step of the 2-2-1 XOR network, by hand, then 500 of them.
// Practises MLiS II Sec. 1.2.4 (the network of Eq. (1.2.15) and Eq. (1.2.16)) and Sec. 1.3: the
// forward pass, the output error (Eq. (1.3.8), Eq. (1.3.11)), the two hidden deltas (Eq. (1.3.9),
// Eq. (1.3.10)), the nine gradients (Eq. (1.3.12)) and the update of Eq. (1.3.13)
// (the 1/2 of Eq. (1.3.11) is 2/N with N = 4: erratum E-31).
// See it running: `swift run backprop` (its XOR part trains this network and draws Fig. 1.3.1).
// Check: swift run --package-path Exercises exercises 42
// Hints, one at a time: swift run --package-path Exercises exercises --hint 42
//
// The network: h = ReLU(W^T x + c), y^ = w^T h + b, on the four XOR examples of Eq. (1.2.4) at once,
// with the loss J = (1/4) sum_i (y^(i) - y^(i))^2 and plain gradient descent (one update per step,
// gradients summed over the 4 examples). Write `xorStep` without any library layer: scalars and loops.
// The check starts from the notes' companion notebook's weights (MLP-3 in WORKED-NUMBERS.md) and expects its
// printed losses and final weights after 500 steps with alpha = 0.1.

/// The 9 parameters of the 2-2-1 network, with the biases in row 0 as the notes absorb them.
public struct XORNetwork: Equatable, Sendable {
    /// 3 x 2: hidden[0] = (c_1, c_2), hidden[1 + i][j] = W_ij (input i to hidden unit j).
    public var hidden: [[Double]]
    /// 3: (b, w_1, w_2), the output bias and the weights from the two hidden units.
    public var output: [Double]
    public init(hidden: [[Double]], output: [Double]) {
        self.hidden = hidden
        self.output = output
    }
}

/// The XOR inputs (x_1, x_2) and targets y of Eq. (1.2.4).
public let xorInputs: [[Double]] = [[0, 0], [0, 1], [1, 0], [1, 1]]
public let xorTargets: [Double] = [0, 1, 1, 0]

/// One gradient-descent step on all four examples.   Eq. (1.3.13)
/// - Returns: the loss J = (1/4) sum (y^ - y)^2 *before* the update, and the updated network
///   (every parameter p becomes p - learningRate dJ/dp).
public func xorStep(_ network: XORNetwork, learningRate alpha: Double) -> (loss: Double, network: XORNetwork) {
    var hiddenGradient = [[Double]](repeating: [0, 0], count: 3)
    var outputGradient = [Double](repeating: 0, count: 3)
    var loss = 0.0
    for (x, y) in zip(xorInputs, xorTargets) {
        let input = [1] + x                                          // x~ = (1, x_1, x_2)
        let z = (0..<2).map { j in (0..<3).reduce(0.0) { $0 + input[$1] * network.hidden[$1][j] } }
        let h = [1] + z.map { max($0, 0) }                            // h~ = (1, ReLU(z_1), ReLU(z_2))
        let prediction = (0..<3).reduce(0.0) { $0 + h[$1] * network.output[$1] }
        loss += 0.25 * (prediction - y) * (prediction - y)
        let outputDelta = 0.5 * (prediction - y)                      // Delta^(2) = dJ/dy^ = (2/N)(y^ - y): Eq. (1.3.8), Eq. (1.3.11)
        for k in 0..<3 { outputGradient[k] += outputDelta * h[k] }   // Eq. (1.3.12)
        for j in 0..<2 {
            let hiddenDelta = z[j] > 0 ? outputDelta * network.output[1 + j] : 0   // Eq. (1.3.9), Eq. (1.3.10)
            for i in 0..<3 { hiddenGradient[i][j] += hiddenDelta * input[i] }     // Eq. (1.3.12)
        }
    }
    var updated = network
    for i in 0..<3 {
        for j in 0..<2 { updated.hidden[i][j] -= alpha * hiddenGradient[i][j] }
        updated.output[i] -= alpha * outputGradient[i]
    }
    return (loss, updated)
}
