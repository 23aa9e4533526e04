// Checks for exercise 27 (one MMD evaluation). Run: swift run --package-path Exercises exercises 27

import Foundation
import ExerciseCheck
import Core
import GenerativeAdversarial
import Exercise27

check("By hand: y = {(0, 0)}, x = {(1, 0)}, sigma = 1 give 2 - 2 e^{-1/2} = 0.7869386806") {
    let value = squaredMaximumMeanDiscrepancy(generated: [[0, 0]], data: [[1, 0]], bandwidth: 1)
    expect(isApproximatelyEqual(value, 2 - 2 * exp(-0.5), relativeTolerance: 1e-9), "expected 0.7869386806, got \(value)")
}

check("0 for two copies of one set; symmetric in the two sets") {
    let set: [[Double]] = [[0, 1], [2, -1], [0.5, 0.5]]
    let same = squaredMaximumMeanDiscrepancy(generated: set, data: set, bandwidth: 0.7)
    expect(abs(same) < 1e-12, "expected 0, got \(same)")
    let other: [[Double]] = [[1, 1], [-1, 0]]
    let forward = squaredMaximumMeanDiscrepancy(generated: set, data: other, bandwidth: 0.7)
    let backward = squaredMaximumMeanDiscrepancy(generated: other, data: set, bandwidth: 0.7)
    expect(forward > 0.01 && isApproximatelyEqual(forward, backward, relativeTolerance: 1e-12), "got \(forward) and \(backward)")
}

check("6 generated and 4 data points in 3-D agree with the library's MaximumMeanDiscrepancy (seed 271)") {
    var random = Xoshiro256StarStar(seed: 271)
    let generated = random.normalTensor(shape: [6, 3]), data = random.normalTensor(shape: [4, 3], mean: 0.5)
    let rows = { (t: Tensor) in (0..<t.rows).map { t.row($0).map(Double.init) } }
    let value = squaredMaximumMeanDiscrepancy(generated: rows(generated), data: rows(data), bandwidth: 1.5)
    let expected = Double(MaximumMeanDiscrepancy(bandwidths: [1.5]).squaredDistance(generated: generated, data: data))
    expect(isApproximatelyEqual(value, expected, relativeTolerance: 1e-5), "expected \(expected), got \(value)")
}

runChecks()
