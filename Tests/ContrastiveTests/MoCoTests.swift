// MoCo's pieces: the momentum update (by hand, and m = 1 / m = 0), the queue as first-in first-out,
// the key network frozen and equal to the query network at the start, and one training step that
// changes the query network by the optimiser and the key network by the momentum average only.

import Testing
import Core
import NeuralNetworks
import Contrastive

@Suite("Contrastive: MoCo")
struct MoCoTests {
    @Test("momentumUpdate: theta_k <- m theta_k + (1 - m) theta_q; m = 0.9 on (1, 2) and (3, 4) gives (1.2, 2.2)")
    func momentumByHand() {
        let key = Parameter("W", value: Tensor([[1, 2]]))
        let query = Parameter("W", value: Tensor([[3, 4]]))
        momentumUpdate(key: [key], query: [query], momentum: 0.9)
        #expect(isApproximatelyEqual(key.value.scalars, [1.2, 2.2], relativeTolerance: 1e-6))
        #expect(query.value.scalars == [3, 4])
        momentumUpdate(key: [key], query: [query], momentum: 0)
        #expect(key.value.scalars == [3, 4])
    }

    @Test("KeyQueue: keys enter at unit length and the oldest are overwritten first")
    func queueIsFirstInFirstOut() {
        var generator = Xoshiro256StarStar(seed: 1)
        var queue = KeyQueue(size: 3, dimension: 2, generator: &generator)
        queue.enqueue(Tensor([[3, 4], [0, 2]]))
        #expect(queue.keys.row(0) == [0.6, 0.8] && queue.keys.row(1) == [0, 1])
        queue.enqueue(Tensor([[-1, 0], [0, -5]]))
        #expect(queue.keys.row(2) == [-1, 0] && queue.keys.row(0) == [0, -1] && queue.keys.row(1) == [0, 1])
    }

    @Test("MoCo: the key network starts as the query's copy, frozen; a step moves it by exactly the momentum average")
    func trainingStep() {
        var generator = Xoshiro256StarStar(seed: 2)
        let kind = EncoderKind.dense(hidden: 8, features: 6)
        let (qf, qg) = (kind.makeEncoder(generator: &generator), projectionHead(inputs: 6, hidden: 6, outputs: 4, generator: &generator))
        let (kf, kg) = (kind.makeEncoder(generator: &generator), projectionHead(inputs: 6, hidden: 6, outputs: 4, generator: &generator))
        let model = MoCo(queryEncoder: qf, queryHead: qg, keyEncoder: kf, keyHead: kg, queueSize: 16, momentum: 0.9, generator: &generator)
        let query = Network([qf, qg])
        #expect(model.keyNetwork.parameters.map(\.value) == query.parameters.map(\.value))
        #expect(model.keyNetwork.parameters.allSatisfy { $0.isFrozen })
        let before = (key: model.keyNetwork.snapshot(), query: query.snapshot(), queue: model.queue.keys)
        var adam = Adam(learningRate: 0.01)
        let images = generator.uniformTensor(shape: [5, 64])
        let loss = model.trainingStep(images, augmentation: Augmentation(), temperature: 0.2, optimiser: &adam, generator: &generator)
        #expect(loss.isFinite && loss > 0)
        let after = query.snapshot()
        #expect(after != before.query)
        for (index, parameter) in model.keyNetwork.parameters.enumerated() {
            let expected = (0.9 * before.key[index]) + (0.1 * after[index])
            #expect(isApproximatelyEqual(parameter.value.scalars, expected.scalars, relativeTolerance: 1e-5, absoluteTolerance: 1e-7))
        }
        #expect(model.queue.keys.sliced(0..<5) != before.queue.sliced(0..<5) && model.queue.keys.sliced(5..<16) == before.queue.sliced(5..<16))
    }
}
