// Capsule tensors of the wrong dimension and r < 1 stop the program with a message naming the shapes
// or the value, even though the module is compiled with -O (Core's `require`). Each runs in a child
// process (an exit test).

import Testing
import Core
import Capsules

@Suite("Bad capsule shapes and r < 1 stop with a message naming them")
struct BadInputTests {
    @Test("Capsules of the wrong dimension for W_ij: u [2, 128, 6] against W [128, 10, 16, 8]")
    func wrongCapsuleDimension() async {
        let stopped = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            var generator = Xoshiro256StarStar(seed: 1)
            let layer = PredictionVectors(lowerCapsules: 128, inputDimension: 8, upperCapsules: 10, outputDimension: 16, generator: &generator)
            _ = layer(Tensor(shape: [2, 128, 6]))
        }
        #expect(standardError(of: stopped).contains(
            "PredictionVectors.forward: capsules u [N, I, D_in] vs W [I, J, D_out, D_in]: shapes [2, 128, 6] and [128, 10, 16, 8] do not fit"))
    }

    @Test("Routing on votes that are not [N, I, J, D], and v of the wrong shape for the agreement")
    func wrongVoteRank() async {
        let stopped = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = route(Tensor(shape: [2, 3, 4]), iterations: 3)
        }
        #expect(standardError(of: stopped).contains(
            "route: prediction vectors u^ must be [N, I, J, D] (I lower, J upper capsules of dimension D >= 1), got shape [2, 3, 4]"))
        let agreementStop = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = agreement(Tensor(shape: [1, 3, 2, 4]), Tensor(shape: [1, 2, 5]))
        }
        #expect(standardError(of: agreementStop).contains("agreement: u^ [N, I, J, D] vs v [N, J, D]: shapes [1, 3, 2, 4] and [1, 2, 5] do not fit"))
    }

    @Test("r < 1: route, the routing layer and the Double twin name the value")
    func tooFewIterations() async {
        let function = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = route(Tensor(shape: [1, 2, 2, 2]), iterations: 0)
        }
        #expect(standardError(of: function).contains("route: routing needs r >= 1 iterations, got r = 0"))
        let layer = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = DynamicRouting(iterations: -1)
        }
        #expect(standardError(of: layer).contains("DynamicRouting: routing needs r >= 1 iterations, got r = -1"))
        let reference = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = RoutingReference.route([[[1, 0]]], iterations: 0)
        }
        #expect(standardError(of: reference).contains("RoutingReference.route: routing needs r >= 1 iterations, got r = 0"))
    }

    @Test("Squash of a tensor with no capsule axis; primary capsules fed a gradient of the wrong shape")
    func squashAndPrimaryShapes() async {
        let stopped = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = squash(Tensor(shape: [5], repeating: 1))
        }
        #expect(standardError(of: stopped).contains("squash: needs capsules [..., D] (rank >= 2, D >= 1), got shape [5]"))
        let backward = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            var generator = Xoshiro256StarStar(seed: 1)
            let layer = PrimaryCapsules(inputChannels: 1, types: 2, dimension: 4, kernel: 3, generator: &generator)
            _ = layer.forward(Tensor(shape: [1, 1, 5, 5]), training: true)
            _ = layer.backward(Tensor(shape: [1, 18, 3]))
        }
        #expect(standardError(of: backward).contains("PrimaryCapsules.backward: dJ/du vs u [N, T H W, D]: shapes [1, 18, 3] and [1, 18, 4] do not fit"))
    }

    @Test("Masking with a class outside 0..<J, or one class too few; the margin loss on mismatched shapes")
    func maskAndLoss() async {
        let outside = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = maskCapsules(Tensor(shape: [2, 10, 16]), keeping: [3, 10])
        }
        #expect(standardError(of: outside).contains("maskCapsules: class 10 is outside 0..<10 for v of shape [2, 10, 16]"))
        let count = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = maskCapsules(Tensor(shape: [2, 10, 16]), keeping: [3])
        }
        #expect(standardError(of: count).contains("maskCapsules: one class per example, v [N, J, D] vs classes [N]: shapes [2, 10, 16] and [1] do not fit"))
        let loss = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = MarginLoss().value(predicted: Tensor(shape: [2, 10]), target: Tensor(shape: [2, 9]))
        }
        #expect(standardError(of: loss).contains("MarginLoss.value"))
        #expect(standardError(of: loss).contains("shapes [2, 10] and [2, 9] do not fit"))
    }
}
