// The VEEGAN protocol (mode counts and high-quality share) and the classifier's verdict on digits, on
// sample sets whose answer is known.

import Foundation
import Testing
import Core
import NeuralNetworks
@testable import GenerativeAdversarial

@Suite("Counting modes (VEEGAN's protocol) and judging digits by a classifier")
struct CoverageTests {
    @Test("The ring's and the grid's own samples: every mode captured and holding >= 1 %, 98.9 % within 3 sigma (in 2-D, 1 - e^{-9/2}, not the 99.7 % of 1-D) (seed 41)")
    func dataCoversItself() {
        var random = Xoshiro256StarStar(seed: 41)
        for target in [GaussianMixture.ring(), GaussianMixture.grid()] {
            let coverage = ModeCoverage(samples: target.sample(2500, generator: &random), target: target)
            #expect(coverage.modesCaptured == target.modes.count && coverage.modesHolding() == target.modes.count)
            // In 2-D, |x - mu| <= 3 sigma has probability 1 - e^{-9/2} = 0.9889.
            #expect(abs(coverage.highQualityPercent - 98.89) < 0.8, "\(coverage.highQualityPercent) %")
        }
    }

    @Test("Mode collapse counted: all samples on one mode give 1 mode; one stray sample on a second mode captures it but holds < 1 %; far samples are not high quality")
    func collapseCounted() {
        let ring = GaussianMixture.ring()
        var points = [[Float]](repeating: [2, 0], count: 2498)
        points.append([0, 2.01])          // on mode 2, one sample
        points.append([1, 1])             // between modes: not high quality
        let coverage = ModeCoverage(samples: Tensor(points), target: ring)
        #expect(coverage.highQualityPerMode == [2498, 0, 1, 0, 0, 0, 0, 0])
        #expect(coverage.modesCaptured == 2 && coverage.modesHolding() == 1)
        #expect(isApproximatelyEqual(coverage.highQualityPercent, 99.96))
    }

    @Test("The grid has 25 modes at {-4, -2, 0, 2, 4}^2 and the ring 8 at radius 2; the 1-D density integrates to 1")
    func targets() {
        let grid = GaussianMixture.grid()
        #expect(grid.modes.count == 25 && grid.modes.contains([-4, 4]) && grid.modes.contains([0, 0]))
        let ring = GaussianMixture.ring()
        #expect(ring.modes.allSatisfy { isApproximatelyEqual(($0[0] * $0[0] + $0[1] * $0[1]).squareRoot(), 2, relativeTolerance: 1e-6) })
        let line = GaussianMixture.line(mean: 4, standardDeviation: 0.5)
        let integral = stride(from: 0.0, to: 8.0, by: 0.001).reduce(0.0) { $0 + line.density(at: [$1]) * 0.001 }
        #expect(isApproximatelyEqual(integral, 1, relativeTolerance: 1e-4))
    }

    @Test("ClassifierVerdict: class counts, the share above 0.9 and the entropy of the classes from a hand-set classifier")
    func classifierVerdict() {
        // Two inputs, three classes: logits = x W, softmax. x = (10, 0) -> class 0 (sure), (0, 10) -> class 1 (sure),
        // (1, 1) -> classes 0 and 1 tie at 0.4223, class 0 by argmax (first), not confident.
        let classifier = Network([Dense(weights: Tensor([[1, 0, 0], [0, 1, 0]]), bias: Tensor([[0, 0, 0]]), activation: .softmax)])
        let verdict = ClassifierVerdict(images: Tensor([[10, 0], [0, 10], [1, 1], [12, 0]]), classifier: classifier)
        #expect(verdict.classCounts == [3, 1, 0])
        #expect(verdict.confidentCount == 3 && verdict.confidentPercent == 75)
        #expect(verdict.classesPresent == 2)
        #expect(isApproximatelyEqual(verdict.classEntropyBits, -(0.75 * log2(0.75) + 0.25 * log2(0.25))))
    }
}
