// Tests of the losses of MLiS II Table 1.1 with Eq. (1.1.1): WORKED-NUMBERS.md's derived values
// (Sec. 5.3), gradients against central differences, the simple gradient of softmax (sigmoid) with
// cross-entropy, and extremes (log 0, logits at +-1000).

import Foundation
import Testing
import Core
import NeuralNetworks

@Suite("Losses (MLiS II Table 1.1, Eq. (1.1.1))")
struct LossTests {
    @Test("Sec. 5.3 (derived): y = 1, y^ = 0.8 gives BCE 0.2231435513, MSE 0.04, MAE 0.2; CCE of (0.2, 0.7, 0.1) vs class 1 is 0.3566749439")
    func indexedValues() {
        let (yHat, y) = (Tensor([[0.8]]), Tensor([[1]]))
        #expect(isApproximatelyEqual(BinaryCrossEntropy().value(predicted: yHat, target: y), 0.2231435513))
        #expect(isApproximatelyEqual(MeanSquaredError().value(predicted: yHat, target: y), 0.04))
        #expect(isApproximatelyEqual(MeanAbsoluteError().value(predicted: yHat, target: y), 0.2))
        #expect(isApproximatelyEqual(CategoricalCrossEntropy().value(predicted: Tensor([[0.2, 0.7, 0.1]]), target: Tensor([[0, 1, 0]])),
                                     0.3566749439))
    }

    @Test("Multilabel BCE (DL Padova 'Recurrent DNN', E-17): sum over labels, mean over the m = 2 examples, is 0.7622543508")
    func multilabelBCE() {
        let y = Tensor([[1, 0, 1], [0, 1, 0]]), h = Tensor([[0.9, 0.2, 0.6], [0.3, 0.8, 0.1]])
        #expect(isApproximatelyEqual(BinaryCrossEntropy().value(predicted: h, target: y), 0.7622543508))
    }

    @Test("DL Padova 'Cross Entropy': the CCE of softmax(2, 1, 0.1) against class 0 is -net_g + logsumexp = 0.4170300163")
    func crossEntropyFromLogits() {
        let logits = Tensor([[2, 1, 0.1]]), target = Tensor([[1, 0, 0]])
        #expect(isApproximatelyEqual(softmaxCrossEntropy(logits: logits, target: target), 0.4170300163))
        #expect(isApproximatelyEqual(CategoricalCrossEntropy().value(predicted: Activation.softmax.apply(logits), target: target),
                                     0.4170300163))
    }

    /// J in Double for the gradient checks, written from Table 1.1 (no clamping: inputs stay inside (0, 1)).
    static func referenceLoss(_ loss: any Loss, _ yHat: [Double], _ y: [Double], rows: Int) -> Double {
        let total = zip(yHat, y).reduce(0.0) { sum, pair in
            let (p, t) = pair
            switch loss {
            case is MeanSquaredError: return sum + (p - t) * (p - t)
            case is MeanAbsoluteError: return sum + abs(p - t)
            case is BinaryCrossEntropy: return sum - (t * log(p) + (1 - t) * log(1 - p))
            case is CategoricalCrossEntropy: return sum - t * log(p)
            default: fatalError("referenceLoss: no reference for \(loss)")
            }
        }
        return total / Double(rows)
    }

    @Test("dJ/dY^ of MSE, MAE, BCE and CCE matches central differences on random shapes (seed 21)")
    func gradientsMatchFiniteDifferences() {
        var generator = Xoshiro256StarStar(seed: 21)
        for loss: any Loss in [MeanSquaredError(), MeanAbsoluteError(), BinaryCrossEntropy(), CategoricalCrossEntropy()] {
            for _ in 0..<5 {
                let (rows, columns) = (1 + generator.uniformInt(below: 6), 1 + generator.uniformInt(below: 5))
                // Predictions inside (0.05, 0.95), away from the clamp and (for the MAE) from the kink y^ = y.
                let yHat = generator.uniformTensor(shape: [rows, columns], 0.05, 0.95)
                let y = loss is CategoricalCrossEntropy
                    ? oneHot((0..<rows).map { _ in generator.uniformInt(below: columns) }, classes: columns)
                    : Tensor(shape: [rows, columns], scalars: (0..<(rows * columns)).map { _ in Float(generator.uniformInt(below: 2)) })
                let analytic = loss.gradient(predicted: yHat, target: y)
                let error = GradientCheck.error(analytic: analytic.doubles, at: yHat.doubles) {
                    Self.referenceLoss(loss, $0, y.doubles, rows: rows)
                }
                #expect(error < gradientTolerance, "\(loss) on [\(rows), \(columns)]")
                #expect(isApproximatelyEqual(loss.value(predicted: yHat, target: y),
                                             Float(Self.referenceLoss(loss, yHat.doubles, y.doubles, rows: rows)), relativeTolerance: 1e-5))
            }
        }
    }

    @Test("Softmax with CCE and sigmoid with BCE: the simple delta (Y^ - Y)/N equals the long way, g ⊙ Phi' (seed 22)")
    func simplifiedDeltaEqualsChainRule() {
        var generator = Xoshiro256StarStar(seed: 22)
        for (loss, activation) in [(CategoricalCrossEntropy() as any Loss, Activation.softmax), (BinaryCrossEntropy(), .sigmoid)] {
            let z = generator.normalTensor(shape: [6, 4])
            let a = activation.apply(z)
            let y = loss is CategoricalCrossEntropy
                ? oneHot((0..<6).map { _ in generator.uniformInt(below: 4) }, classes: 4)
                : Tensor(shape: [6, 4], scalars: (0..<24).map { _ in Float(generator.uniformInt(below: 2)) })
            let simple = loss.simplifiedDelta(outputActivation: activation, predicted: a, target: y)!
            let longWay = activation.delta(outputGradient: loss.gradient(predicted: a, target: y), preActivation: z, output: a)
            #expect(isApproximatelyEqual(simple.scalars, longWay.scalars, relativeTolerance: 1e-4, absoluteTolerance: 1e-6),
                    "\(loss) with \(activation)")
        }
        #expect(MeanSquaredError().simplifiedDelta(outputActivation: .softmax, predicted: Tensor([[1]]), target: Tensor([[1]])) == nil)
    }

    @Test("Extremes: logits at +-1000 give a finite CCE and gradient; the exact CCE from logits is 2000; log(0) in BCE is clamped")
    func extremes() {
        let logits = Tensor([[1000, -1000, 0]]), target = Tensor([[0, 1, 0]])
        let probabilities = Activation.softmax.apply(logits)
        #expect(probabilities.scalars == [1, 0, 0])
        let clamped = CategoricalCrossEntropy().value(predicted: probabilities, target: target)
        #expect(clamped.isFinite && isApproximatelyEqual(clamped, -log(probabilityFloor)))   // 16.118
        #expect(softmaxCrossEntropy(logits: logits, target: target) == 2000)
        let delta = CategoricalCrossEntropy().simplifiedDelta(outputActivation: .softmax, predicted: probabilities, target: target)!
        #expect(delta.scalars == [1, -1, 0])
        let gradient = CategoricalCrossEntropy().gradient(predicted: probabilities, target: target)
        #expect(gradient.scalars.filter { !$0.isFinite }.isEmpty)
        let bce = BinaryCrossEntropy().value(predicted: Tensor([[0, 1]]), target: Tensor([[1, 0]]))
        #expect(bce.isFinite && bce > 30)
        let bceGradient = BinaryCrossEntropy().gradient(predicted: Tensor([[0, 1]]), target: Tensor([[1, 0]]))
        #expect(bceGradient.scalars.filter { !$0.isFinite }.isEmpty)
    }
}
