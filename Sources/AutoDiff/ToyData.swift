// ToyData.swift: the two small 2-D problems the scalar network learns: XOR (MLiS II Eq. (1.2.4)) and
// two interleaving half-moons, generated from the project's seeded generator (the data set micrograd
// trains its scalar MLP on; scikit-learn's `make_moons` draws the same shape).
// Goals: deterministic for a seed; points as rows [x1, x2] with labels 0 and 1.

import Core
import Foundation

public enum ToyData {
    /// The four XOR inputs (x1, x2) of Eq. (1.2.4), one per row.
    public static let xorInputs: [[Double]] = [[0, 0], [0, 1], [1, 0], [1, 1]]
    /// y of Eq. (1.2.4).
    public static let xorLabels = [0, 1, 1, 0]

    /// `count` points on two interleaving half circles with Gaussian noise of standard deviation `noise`:
    /// class 0 at (cos t, sin t) and class 1 at (1 - cos t, 1/2 - sin t), t uniform in [0, pi].
    /// The classes alternate (even rows class 0), so any prefix is balanced.
    /// Preconditions: count >= 2, noise >= 0.
    public static func moons(count: Int, noise: Double, generator: inout Xoshiro256StarStar) -> (points: [[Double]], labels: [Int]) {
        require(count >= 2 && noise >= 0, "ToyData.moons: needs count >= 2 and noise >= 0, got \(count) and \(noise)")
        var points: [[Double]] = [], labels: [Int] = []
        for index in 0..<count {
            let t = Double.pi * generator.uniformDouble()
            let label = index % 2
            let (x, y) = label == 0 ? (cos(t), sin(t)) : (1 - cos(t), 0.5 - sin(t))
            points.append([x + noise * generator.normalDouble(), y + noise * generator.normalDouble()])
            labels.append(label)
        }
        return (points, labels)
    }
}
