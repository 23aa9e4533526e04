// Programmer errors stop with a message naming the operation and the values or shapes, even though
// the library is compiled with -O (Core's `require`). Each runs in a child process (an exit test).

import Testing
import Core
import NeuralNetworks

@Suite("Bad input stops with a message naming the shapes or values")
struct BadInputTests {
    @Test("A batch with the wrong number of columns for a dense layer")
    func denseShape() async {
        let stopped = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            var generator = Xoshiro256StarStar(seed: 1)
            _ = Dense(inputs: 4, outputs: 2, activation: .relu, generator: &generator)(Tensor(shape: [5, 3]))
        }
        #expect(standardError(of: stopped).contains("Dense.forward (input [N, n_in] times W [n_in, n_out]): shapes [5, 3] and [4, 2] do not fit"))
    }

    @Test("Predictions and targets of different shapes")
    func lossShape() async {
        let stopped = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = MeanSquaredError().value(predicted: Tensor(shape: [2, 1]), target: Tensor(shape: [3, 1]))
        }
        #expect(standardError(of: stopped).contains("Loss.value (MSE): predicted vs target: shapes [2, 1] and [3, 1] do not fit"))
    }

    @Test("backward before forward")
    func backwardFirst() async {
        let stopped = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            var generator = Xoshiro256StarStar(seed: 1)
            _ = Dense(inputs: 2, outputs: 2, activation: .relu, generator: &generator).backward(Tensor(shape: [1, 2]))
        }
        #expect(standardError(of: stopped).contains("Dense.backward: called before forward"))
    }

    @Test("One optimiser used for two different networks")
    func optimiserReuse() async {
        let stopped = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            var adam = Adam()
            adam.update([Parameter("w", value: Tensor(shape: [2, 3]))])
            adam.update([Parameter("w", value: Tensor(shape: [4, 3]))])
        }
        #expect(standardError(of: stopped).contains(
            "Adam.update: the optimiser's state was made for 1 parameters of sizes [6], got 1 of sizes [12]"))
    }

    @Test("Hyper-parameters out of range: dropout p = 1, momentum 1, Adam beta2 = 1")
    func hyperParameters() async {
        let dropout = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            var generator = Xoshiro256StarStar(seed: 1)
            _ = Dropout(rate: 1, generator: &generator)
        }
        #expect(standardError(of: dropout).contains("Dropout: the rate p must lie in [0, 1), got 1.0"))
        let momentum = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = SGD(learningRate: 0.1, momentum: 1)
        }
        #expect(standardError(of: momentum).contains("SGD: the momentum gamma must lie in [0, 1), got 1.0"))
        let adam = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Adam(beta2: 1)
        }
        #expect(standardError(of: adam).contains("Adam: the decay rates beta1 and beta2 must lie in [0, 1), got 0.9 and 1.0"))
    }

    @Test("Early stopping without validation data")
    func earlyStoppingNeedsValidation() async {
        let stopped = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            var generator = Xoshiro256StarStar(seed: 1)
            let network = XOR.randomNetwork(generator: &generator)
            var sgd = SGD()
            let settings = TrainingSettings(loss: .meanSquaredError, epochs: 2, earlyStoppingPatience: 1)
            _ = try? network.train(XOR.inputs, XOR.targets, settings: settings, optimiser: &sgd, generator: &generator)
        }
        #expect(standardError(of: stopped).contains("Network.train: early stopping needs validation data"))
    }
}
