// Programmer errors stop with a message naming the operation and the sizes: a node with more inputs
// than local derivatives, a layer fed the wrong number of inputs, layers that do not fit, a loss with
// more outputs than targets. Each runs in a child process (Swift Testing's exit tests).

import Testing
import Core
import AutoDiff

@Suite("Bad input to the engine stops with a message")
struct BadInputTests {
    @Test("A node with two inputs and one local derivative")
    func nodeWithMissingDerivative() async {
        let stopped = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Node(value: 1, operation: .custom("bad"), inputs: [Node(1), Node(2)], localDerivatives: [1])
        }
        #expect(standardError(of: stopped).contains("Node(custom(\"bad\")): 2 inputs but 1 local derivatives"))
    }

    @Test("A layer with n_in = 2 given 3 inputs, and a 3-output layer feeding a 2-input one")
    func layerSizes() async {
        let wrongInput = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            let layer = ScalarLayer(weights: [[1, 2], [3, 4]], biases: [0, 0], activation: .relu)
            _ = layer([Node(1), Node(2), Node(3)])
        }
        #expect(standardError(of: wrongInput).contains("ScalarLayer: 3 inputs for a layer with n_in = 2"))
        let misfit = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = ScalarNetwork([ScalarLayer(weights: [[1, 2, 3]], biases: [0, 0, 0], activation: .tanh),
                               ScalarLayer(weights: [[1], [2]], biases: [0], activation: .linear)])
        }
        #expect(standardError(of: misfit).contains("ScalarNetwork: a layer with 3 outputs feeds one with 2 inputs"))
    }

    @Test("A loss with 3 outputs and 2 targets")
    func lossCounts() async {
        let stopped = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = ScalarLoss.meanSquaredError(outputs: [Node(1), Node(2), Node(3)], targets: [1, 2])
        }
        #expect(standardError(of: stopped).contains("ScalarLoss: 3 outputs and 2 targets"))
    }
}
