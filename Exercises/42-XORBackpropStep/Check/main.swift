// The checks of exercise 42: MLP-3 (WORKED-NUMBERS.md) (the notebook's seed-2 start, alpha = 0.1):
// the loss before the first step, the first step's nine gradients against central differences, and
// the losses and weights of 500 steps.

import ExerciseCheck
import Exercise42

/// The notebook's starting weights (MLP-3 in WORKED-NUMBERS.md: the *second* seed-2 draw).
let start = XORNetwork(
    hidden: [[-0.09090076149268494, 0.05514540445464244], [0.22922080128149577, 0.004153939299840346],
             [-0.11179254451135168, 0.05390583205807889]],
    output: [-0.0596159699806467, -0.0019130496521151477, 0.11750012195002911])

/// The 9 parameters in one list: c_1, c_2, W_11, W_12, W_21, W_22, b, w_1, w_2.
func flat(_ network: XORNetwork) -> [Double] { network.hidden.flatMap { $0 } + network.output }

/// J = (1/4) sum (y^ - y)^2 of a flat parameter list, written independently of the exercise.
func loss(_ p: [Double]) -> Double {
    zip(xorInputs, xorTargets).reduce(0.0) { total, example in
        let (x, y) = example
        let h1 = max(p[0] + x[0] * p[2] + x[1] * p[4], 0), h2 = max(p[1] + x[0] * p[3] + x[1] * p[5], 0)
        let prediction = p[6] + p[7] * h1 + p[8] * h2
        return total + 0.25 * (prediction - y) * (prediction - y)
    }
}

check("MLP-3: the loss before the first step is 0.5523485297") {
    let (first, _) = xorStep(start, learningRate: 0.1)
    expectClose(first, 0.5523485297294992, tolerance: 1e-12, "J = (1/4) sum (y^ - y)^2 at the notebook's start")
}

check("Eq. (1.3.9), Eq. (1.3.10), Eq. (1.3.12): the first step's nine gradients, (old - new)/alpha, against central differences") {
    let (_, next) = xorStep(start, learningRate: 0.1)
    let old = flat(start), new = flat(next)
    let names = ["c1", "c2", "W11", "W12", "W21", "W22", "b", "w1", "w2"]
    expect(new.count == 9, "the network must keep its 9 parameters; got \(new.count)")
    guard new.count == 9 else { return }
    for k in 0..<9 {
        var plus = old, minus = old
        plus[k] += 1e-6
        minus[k] -= 1e-6
        let numeric = (loss(plus) - loss(minus)) / 2e-6
        let yours = (old[k] - new[k]) / 0.1
        expect(abs(yours - numeric) <= 1e-7, "dJ/d\(names[k]): central difference \(numeric), your step implies \(yours)")
    }
}

check("MLP-3: 500 steps, alpha = 0.1: losses 0.2075926849, 0.1128989284, 0.0014812676, 3.4252e-6 at 100-400; the notebook's final weights") {
    var network = start
    var losses: [Double] = []
    for _ in 0..<500 {
        let (value, next) = xorStep(network, learningRate: 0.1)
        losses.append(value)
        network = next
    }
    for (epoch, expected) in [(100, 0.20759268485068139), (200, 0.11289892843584105), (300, 0.0014812675618753762),
                              (400, 3.4251827763134674e-06), (499, 8.09078997063002e-09)] {
        expectClose(losses[epoch], expected, tolerance: expected * 1e-6, "loss at epoch \(epoch)")
    }
    let expected = [2.899511616198342e-06, -5.726591562308346e-06, 0.8558509244311259, -0.8406806197988569,
                    -0.855849632349388, 0.8406737546243765, 9.828779684388474e-05, 1.1682351277950038, 1.189317981694095]
    let final = flat(network)
    expect(final.count == 9 && zip(final, expected).allSatisfy { abs($0 - $1) <= 1e-6 },
           "the final (c, W, b, w) should be \(expected); got \(final)")
}

runChecks()
