// Tests of the stable numerics (Numerics.swift) against WORKED-NUMBERS.md's derived values
// (WORKED-NUMBERS.md 5.3) and at the extremes +-1000.

import Testing
@testable import Core

@Suite("Stable sigmoid, softmax, log-sum-exp and cross-entropy")
struct NumericsTests {
    @Test("Sigmoid: sigma(0) = 0.5, sigma(1) = 0.7310585786, sigma(-2) = 0.1192029220")
    func sigmoidValues() {
        #expect(sigmoid(Float(0)) == 0.5)
        #expect(isApproximatelyEqual(sigmoid(Float(1)), 0.7310585786))
        #expect(isApproximatelyEqual(sigmoid(Float(-2)), 0.1192029220))
    }

    @Test("Sigmoid at +-1000 is 1 and 0, never NaN")
    func sigmoidExtremes() {
        #expect(sigmoid(Float(1000)) == 1)
        #expect(sigmoid(Float(-1000)) == 0)
        #expect(sigmoid(Double(-1000)) == 0)
        #expect(sigmoid(Float(-88.5)).isFinite && sigmoid(Float(-88.5)) > 0)
    }

    @Test("softmax(2, 1, 0.1) = (0.6590011389, 0.2424329707, 0.0985658904)")
    func softmaxValues() {
        let p = softmax([2, 1, 0.1])
        #expect(isApproximatelyEqual(p, [0.6590011389, 0.2424329707, 0.0985658904]))
        #expect(isApproximatelyEqual(p.reduce(0, +), 1))
    }

    @Test("Softmax of (1000, 999) is (0.7310585786, 0.2689414214), not NaN (Sec. 5.3, E-39)")
    func softmaxExtremes() {
        #expect(isApproximatelyEqual(softmax([1000, 999]), [0.7310585786, 0.2689414214]))
        #expect(isApproximatelyEqual(softmax([-1000, -999]), [0.2689414214, 0.7310585786]))
        let rows = Tensor([[1000, -1000, 0], [5, 5, 5]]).softmaxRows()
        #expect(rows.scalars.allSatisfy { $0.isFinite })
        #expect(isApproximatelyEqual(rows.row(1), [1.0 / 3, 1.0 / 3, 1.0 / 3]))
    }

    @Test("log-sum-exp: CE with g = 0 at (2, 1, 0.1) is 0.4170300163; finite at 1000")
    func logSumExpValues() {
        #expect(isApproximatelyEqual(-2 + logSumExp([2, 1, 0.1] as [Float]), 0.4170300163))
        #expect(isApproximatelyEqual(logSumExp([1000, 1000] as [Float]), 1000 + 0.6931471806))
        #expect(logSumExp([] as [Float]) == -.infinity)
    }

    @Test("BCE(y = 1, y^ = 0.8) = 0.2231435513; CCE((0,1,0), (0.2,0.7,0.1)) = 0.3566749439")
    func crossEntropyValues() {
        #expect(isApproximatelyEqual(binaryCrossEntropy(predicted: Tensor(column: [0.8]), target: Tensor(column: [1])), 0.2231435513))
        let cce = categoricalCrossEntropy(predicted: Tensor([[0.2, 0.7, 0.1]]), target: Tensor([[0, 1, 0]]))
        #expect(isApproximatelyEqual(cce, 0.3566749439))
    }

    @Test("Cross-entropy of a certain wrong prediction is large but finite (clamped log)")
    func clampedLogs() {
        let bce = binaryCrossEntropy(predicted: Tensor(column: [0, 1]), target: Tensor(column: [1, 0]))
        #expect(bce.isFinite && bce > 15)
        #expect(clampedLog(0) == clampedLog(probabilityFloor))
    }

    @Test("oneHot follows Eq. (1.1.2)")
    func oneHotRows() {
        #expect(oneHot([2, 0], classes: 3) == Tensor([[0, 0, 1], [1, 0, 0]]))
    }

    @Test("DivergenceError names the step and the loss")
    func divergence() {
        #expect(throws: DivergenceError.self) { try DivergenceError.check(.nan, step: 3) }
        #expect("\(DivergenceError(step: 3, loss: .infinity))".contains("step 3"))
        #expect(throws: Never.self) { try DivergenceError.check(1.5, step: 1) }
    }
}
