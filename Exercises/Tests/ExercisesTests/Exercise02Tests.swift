// Checks for Exercise 02 (perceptron update). Run: swift test --package-path Exercises --filter Exercise02

import Testing
import Core
import LinearModels
@testable import Exercises

@Suite("Exercise 02: the perceptron update (MLiS II 1.2.2)")
struct Exercise02PerceptronUpdate {
    let start = Tensor(column: [0.0548813504, 0.0715189366, 0.0602763376])
    let andTargets = Tensor(column: [0, 0, 0, 1])

    @Test("One step from the notebook's start on AND: w0 - 0.1 (3, 1, 1)")
    func oneStep() {
        let w = perceptronUpdate(weights: start, andInputs, andTargets, learningRate: 0.1)
        #expect(isApproximatelyEqual(w.scalars, [0.0548813504 - 0.3, 0.0715189366 - 0.1, 0.0602763376 - 0.1],
                                     relativeTolerance: 1e-6))
    }

    @Test("LIN-3: ten steps on AND give w = (-0.24511865, 0.17151894, 0.16027634)")
    func tenSteps() {
        var w = start
        for _ in 0..<10 { w = perceptronUpdate(weights: w, andInputs, andTargets, learningRate: 0.1) }
        #expect(isApproximatelyEqual(w.scalars, [-0.24511865, 0.17151894, 0.16027634], relativeTolerance: 1e-6))
    }

    @Test("Correctly classified examples leave the weights unchanged")
    func noErrorNoChange() {
        let w = Tensor(column: [-0.75, 0.5, 0.5])  // classifies AND perfectly
        #expect(perceptronUpdate(weights: w, andInputs, andTargets, learningRate: 0.1) == w)
    }
}
