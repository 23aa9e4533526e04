import Core
import Foundation
import NeuralNetworks
import Recurrent

func time(_ label: String, _ body: () -> Void) {
    var best = 1e9
    for _ in 0..<5 { let s = Date(); for _ in 0..<10 { body() }; best = min(best, Date().timeIntervalSince(s) / 10) }
    print(label, best * 1e3, "ms")
}
func experiment() {
    var g = Xoshiro256StarStar(seed: 1)
    let lstm = LSTM(inputs: 16, units: 64, returnsSequences: true, generator: &g)
    let x = g.normalTensor(shape: [32, 50, 16])
    let xt = timeMajor(x).reshaped([1600, 16])
    let w = lstm.inputWeights.value
    let w2 = g.normalTensor(shape: [16, 256])
    time("permuted input, lstm W") { _ = matmul(xt, w) }
    time("permuted input, normal W") { _ = matmul(xt, w2) }
    time("normal input, lstm W") { _ = matmul(g.normalTensor(shape: [1600, 16]), w) }
    print(w.scalars.prefix(10), w.shape)
    let w3 = Tensor(shape: [16, 256], scalars: w.scalars)
    time("copy of W") { _ = matmul(xt, w3) }
}
experiment()
