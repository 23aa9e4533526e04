// Tests of the learning-rate schedules and gradient clipping of DL Padova ("Cyclic Learning Rate",
// "Unfolding time"): WORKED-NUMBERS.md's derived values (Sec. 3.4) and erratum E-06.

import Foundation
import Testing
import Core
import NeuralNetworks

@Suite("Learning-rate schedules and gradient clipping (DL Padova)")
struct ScheduleTests {
    @Test("Triangular CLR, base 0.001, max 0.006, step 2000: 0.001, 0.00225, 0.0035, 0.006, 0.0035, 0.001, 0.0035 at 0, 500, ..., 5000")
    func triangular() {
        let schedule = TriangularCyclicSchedule(minimum: 0.001, maximum: 0.006, stepSize: 2000)
        let rates = [0, 500, 1000, 2000, 3000, 4000, 5000].map { schedule.learningRate(at: $0) }
        #expect(isApproximatelyEqual(rates, [0.001, 0.00225, 0.0035, 0.006, 0.0035, 0.001, 0.0035]))
        #expect((0...8000).map { schedule.learningRate(at: $0) }.allSatisfy { $0 >= 0.001 - 1e-9 && $0 <= 0.006 + 1e-9 })
    }

    @Test("E-06: the printed floor in x gives 0.011, above the maximum, at iterations 0, 500, 1000; |.| stays in the band")
    func floorVersionLeavesTheBand() {
        func printed(_ iteration: Double) -> Double {
            let cycle = (1 + iteration / 4000).rounded(.down)
            let x = (iteration / 2000 - 2 * cycle + 1).rounded(.down)
            return 0.001 + 0.005 * max(0, 1 - x)
        }
        #expect([0.0, 500, 1000, 4000, 5000].allSatisfy { isApproximatelyEqual(printed($0), 0.011) })
        #expect(isApproximatelyEqual(TriangularCyclicSchedule(minimum: 0.001, maximum: 0.006, stepSize: 2000).learningRate(at: 0), 0.001))
    }

    @Test("Cosine annealing, eta_max 0.1, eta_min 0.001, T_i = 10: 0.1, 0.0505, 0.001 at T_cur = 0, 5, 10; warm restarts start again")
    func cosine() {
        let cosine = CosineAnnealingSchedule(maximum: 0.1, minimum: 0.001, period: 10)
        #expect(isApproximatelyEqual([0, 5, 10, 25].map { cosine.learningRate(at: $0) }, [0.1, 0.0505, 0.001, 0.001]))
        let restarting = CosineAnnealingSchedule(maximum: 0.1, minimum: 0.001, period: 10, restarts: true)
        #expect(isApproximatelyEqual([0, 5, 10, 15].map { restarting.learningRate(at: $0) }, [0.1, 0.0505, 0.1, 0.0505]))
    }

    @Test("Clipping (Sec. 3.4, derived): g = (3, 4) with c = 1 becomes (0.6, 0.8); with c = 10 it is unchanged")
    func clipping() {
        let p = Parameter("g", value: Tensor([[0, 0]]))
        p.gradient = Tensor([[3, 4]])
        #expect(clipGradientNorm([p], maximumNorm: 10) == 5 && p.gradient.scalars == [3, 4])
        #expect(clipGradientNorm([p], maximumNorm: 1) == 5)
        #expect(isApproximatelyEqual(p.gradient.scalars, [0.6, 0.8]))
    }

    @Test("Clipping uses the global norm of all parameters, so the direction of the whole step is kept")
    func globalNorm() {
        let (a, b) = (Parameter("a", value: Tensor([[0]])), Parameter("b", value: Tensor([[0, 0]])))
        a.gradient = Tensor([[2]]); b.gradient = Tensor([[4, 4]])            // norm 6
        #expect(clipGradientNorm([a, b], maximumNorm: 3) == 6)
        #expect(isApproximatelyEqual(a.gradient.scalars + b.gradient.scalars, [1, 2, 2]))
    }

    @Test("A schedule passed to training sets the optimiser's rate at every iteration (seed 51)")
    func scheduleDrivesTraining() throws {
        var generator = Xoshiro256StarStar(seed: 51)
        let network = Network([Dense(inputs: 2, outputs: 1, activation: .linear, generator: &generator)])
        var sgd = SGD(learningRate: 1)
        var rates: [Float] = []
        let settings = TrainingSettings(loss: .meanSquaredError, epochs: 3, batchSize: 2,
                                        schedule: CosineAnnealingSchedule(maximum: 0.1, minimum: 0.001, period: 5))
        try network.train(XOR.inputs, XOR.targets, settings: settings, optimiser: &sgd, generator: &generator) { rates.append($0.learningRate) }
        // 2 iterations per epoch: the epochs end at iterations 1, 3 and 5 (T_cur capped at 5).
        let expected = [1, 3, 5].map { CosineAnnealingSchedule(maximum: 0.1, minimum: 0.001, period: 5).learningRate(at: $0) }
        #expect(isApproximatelyEqual(rates, expected))
    }
}
