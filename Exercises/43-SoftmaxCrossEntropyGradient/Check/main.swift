// The checks of exercise 43: the softmax Jacobian (WORKED-NUMBERS.md 5.3) and cross-entropy at (2, 1, 0.1), the
// batch gradient against central differences, and logits of +-1000.

import Foundation
import ExerciseCheck
import Exercise43

check("Eq. (2.2.10) at x = (2, 1, 0.1): diagonal (0.2247186378, 0.1836592254, 0.0888506557), off-diagonal -0.1597636038, -0.0649550340, -0.0238956216") {
    let jacobian = softmaxJacobian([2, 1, 0.1])
    let expected = [[0.2247186378, -0.1597636038, -0.0649550340],
                    [-0.1597636038, 0.1836592254, -0.0238956216],
                    [-0.0649550340, -0.0238956216, 0.0888506557]]
    expect(jacobian.count == 3 && zip(jacobian, expected).allSatisfy { row in
        row.0.count == 3 && zip(row.0, row.1).allSatisfy { abs($0 - $1) <= 1e-9 }
    }, "dS_i/dx_j should be \(expected); got \(jacobian)")
}

check("DL Padova \"Cross Entropy\": x = (2, 1, 0.1), g = 0: J = 0.4170300163, dJ/dx = S - e_g = (-0.3409988611, 0.2424329707, 0.0985658904)") {
    let (loss, gradient) = softmaxCrossEntropy(logits: [[2, 1, 0.1]], labels: [0])
    expectClose(loss, 0.4170300163, tolerance: 1e-9, "J = -x_g + log sum_c e^(x_c)")
    let expected = [-0.3409988611, 0.2424329707, 0.0985658904]
    expect(gradient.count == 1 && gradient[0].count == 3 && zip(gradient[0], expected).allSatisfy { abs($0 - $1) <= 1e-9 },
           "dJ/dx should be \(expected); got \(gradient)")
}

check("A batch of 4 rows of 5 logits: the mean CCE's gradient agrees with central differences") {
    var state: UInt64 = 43
    func draw() -> Double {                                    // a small LCG: the check needs no library
        state = state &* 6364136223846793005 &+ 1442695040888963407
        return Double(state >> 11) * 0x1p-53 * 6 - 3
    }
    let logits = (0..<4).map { _ in (0..<5).map { _ in draw() } }
    let labels = [3, 0, 4, 1]
    let (_, gradient) = softmaxCrossEntropy(logits: logits, labels: labels)
    expect(gradient.count == 4 && gradient.allSatisfy { $0.count == 5 }, "the gradient must be 4 x 5; got \(gradient.map(\.count))")
    guard gradient.count == 4 && gradient.allSatisfy({ $0.count == 5 }) else { return }
    func meanCE(_ z: [[Double]]) -> Double {
        zip(z, labels).reduce(0.0) { $0 + (log($1.0.reduce(0) { $0 + exp($1) }) - $1.0[$1.1]) } / 4
    }
    var worst = 0.0
    for n in 0..<4 {
        for c in 0..<5 {
            var plus = logits, minus = logits
            plus[n][c] += 1e-6
            minus[n][c] -= 1e-6
            worst = max(worst, abs(gradient[n][c] - (meanCE(plus) - meanCE(minus)) / 2e-6))
        }
    }
    expect(worst <= 1e-7, "the largest difference from the central differences is \(worst)")
    expectClose(softmaxCrossEntropy(logits: logits, labels: labels).loss, meanCE(logits), tolerance: 1e-12, "J, the mean over the batch")
}

check("Logits (1000, 999), g = 1: J = 1.3132616875 and dJ/dx = (0.7310585786, -0.7310585786), no overflow (E-39)") {
    let (loss, gradient) = softmaxCrossEntropy(logits: [[1000, 999]], labels: [1])
    expectClose(loss, 1.3132616875182228, tolerance: 1e-9, "J = -999 + log(e^1000 + e^999)")
    expect(gradient.count == 1 && gradient[0].count == 2 && abs(gradient[0][0] - 0.7310585786300049) <= 1e-9
           && abs(gradient[0][1] + 0.7310585786300049) <= 1e-9, "dJ/dx should be (0.7310585786, -0.7310585786); got \(gradient)")
    let jacobian = softmaxJacobian([1000, 999])
    expect(jacobian.count == 2 && jacobian.allSatisfy { $0.count == 2 } && abs(jacobian[0][0] - 0.19661193324148185) <= 1e-9,
           "dS_1/dx_1 at (1000, 999) is S_1 (1 - S_1) = 0.1966119332; got \(jacobian)")
}

runChecks()
