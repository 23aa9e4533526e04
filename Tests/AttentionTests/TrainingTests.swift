// Training in seconds (issue 16): a small transformer learns to reverse sequences of digits, measured
// on held-out sequences no training batch contained; the tasks' targets; the warm-up schedule.

import Testing
import Core
import NeuralNetworks
import Attention

@Suite("Attention: the sequence tasks and training")
struct TrainingTests {
    @Test("The tasks' targets: copy, reverse, sort; accuracies count whole sequences and tokens")
    func tasks() {
        let source = [3, 1, 4, 1, 5, 9, 2, 6]
        #expect(SequenceTask.copy.target(for: source) == source)
        #expect(SequenceTask.reverse.target(for: source) == [6, 2, 9, 5, 1, 4, 1, 3])
        #expect(SequenceTask.sort.target(for: source) == [1, 1, 2, 3, 4, 5, 6, 9])
        #expect(exactSequenceAccuracy(predicted: [[1, 2], [3, 4]], targets: [[1, 2], [3, 5]]) == 0.5)
        #expect(tokenAccuracy(predicted: [[1, 2], [3, 4]], targets: [[1, 2], [3, 5]]) == 0.75)
        #expect(shiftedRight(Tensor([[1, 2, 3]]), start: 10) == Tensor([[10, 1, 2]]))
        var generator = Xoshiro256StarStar(seed: 1621)
        let held = randomSequences(count: 50, length: 2, digits: 10, generator: &generator)
        let fresh = randomSequences(count: 200, length: 2, digits: 10, excluding: Set(held), generator: &generator)
        #expect(Set(fresh).isDisjoint(with: Set(held)), "no training sequence is a held-out one")
    }

    @Test("The warm-up: linear to the peak at step `warmup`, then 1/sqrt(step) (Vaswani et al.) or a cosine to 0 at the last step")
    func warmup() {
        let schedule = WarmupSchedule(peak: 0.01, warmup: 100)
        #expect(isApproximatelyEqual(schedule.learningRate(at: 0), 0.0001))
        #expect(isApproximatelyEqual(schedule.learningRate(at: 49), 0.005))
        #expect(isApproximatelyEqual(schedule.learningRate(at: 99), 0.01))
        #expect(isApproximatelyEqual(schedule.learningRate(at: 399), 0.005))
        let cosine = WarmupSchedule(peak: 0.01, warmup: 100, decay: .cosine(totalSteps: 300))
        #expect(isApproximatelyEqual(cosine.learningRate(at: 99), 0.01))
        #expect(isApproximatelyEqual(cosine.learningRate(at: 199), 0.005))
        #expect(cosine.learningRate(at: 299) == 0 && cosine.learningRate(at: 400) == 0)
    }

    @Test("Reversal: a 1+1-layer transformer (d_model 32, 4 heads), 300 batches of 32, gets >= 95 % of 200 held-out sequences of 8 digits exactly right (seed 1622)")
    func reversal() throws {
        var generator = Xoshiro256StarStar(seed: 1622)
        let model = Transformer(shape: TransformerShape(vocabulary: 10, length: 8, modelWidth: 32, heads: 4, hiddenWidth: 64, layers: 1),
                                generator: &generator)
        let heldOut = randomSequences(count: 200, length: 8, generator: &generator)
        let before = model.heldOutAccuracy(task: .reverse, sequences: heldOut)
        try model.train(task: .reverse, settings: SequenceTrainingSettings(epochs: 3, stepsPerEpoch: 100, batchSize: 32, learningRate: 0.005,
                                                                           warmup: 50), generator: &generator, heldOut: heldOut)
        let after = model.heldOutAccuracy(task: .reverse, sequences: heldOut)
        #expect(before < 0.01, "untrained: \(before)")
        #expect(after >= 0.95, "trained: \(after)")   // 1.0 with this seed
    }
}
