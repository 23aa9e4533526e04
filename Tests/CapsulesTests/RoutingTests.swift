// Routing by agreement, DL Padova "Dynamic routing" Procedure 1: WORKED-NUMBERS.md's routing table
// (Sec. 10.3, 2 lower and 2 upper capsules, r = 3) at 1e-6, the properties (each c_i sums to 1, every
// ||v_j|| < 1), the tensor version against the plain Double twin, and the gradient through the unrolled
// iterations against central differences in Double.

import Foundation
import Testing
import Core
import Capsules

@Suite("Routing by agreement (Procedure 1)")
struct RoutingTests {
    /// WORKED-NUMBERS.md's table: c (c11, c12, c21, c22), v_1, v_2 of iterations 1, 2, 3.
    static let tableCouplings: [[Double]] = [
        [0.5, 0.5, 0.5, 0.5],
        [0.5712700869, 0.4287299131, 0.6122438467, 0.3877561533],
        [0.6692513934, 0.3307486066, 0.7338805526, 0.2661194474],
    ]
    static let tableOutputs: [[Double]] = [
        [0.4999938120, 0.0499993812, -0.1064794275, 0.2129588550],
        [0.5829294815, 0.0603110750, -0.0746892974, 0.1651632642],
        [0.6619759490, 0.0692466987, -0.0420878094, 0.1046183167],
    ]
    static let tableLogits: [Double] = [1.7448992425, 0.4827404359, 1.7808106734, 0.1116282672]

    @Test("Sec. 10.3, the routing table at 1e-6: after iteration 3, c = (0.6692513934, 0.3307486066, 0.7338805526, 0.2661194474), v_1 = (0.6619759490, 0.0692466987), v_2 = (-0.0420878094, 0.1046183167), b = (1.7448992425, 0.4827404359, 1.7808106734, 0.1116282672)")
    func indexedTable() {
        let trace = route(indexedVoteTensor, iterations: 3)
        for t in 0..<3 {
            #expect(isApproximatelyEqual(trace.couplings[t].doubles, Self.tableCouplings[t], absoluteTolerance: 1e-6),
                    "iteration \(t + 1): c = \(trace.couplings[t].scalars)")
            #expect(isApproximatelyEqual(trace.outputs[t].doubles, Self.tableOutputs[t], absoluteTolerance: 1e-6),
                    "iteration \(t + 1): v = \(trace.outputs[t].scalars)")
        }
        #expect(isApproximatelyEqual(trace.logits.doubles, Self.tableLogits, absoluteTolerance: 1e-6), "b = \(trace.logits.scalars)")
        #expect(trace.output == trace.outputs[2])
    }

    @Test("Sec. 10.3, the same table from the plain Double twin, at 1e-9: each c is computed before that iteration's update of b")
    func indexedTableReference() {
        let trace = RoutingReference.route(indexedVotes, iterations: 3)
        for t in 0..<3 {
            #expect(isApproximatelyEqual(trace.couplings[t].flatMap { $0 }, Self.tableCouplings[t], absoluteTolerance: 1e-9))
            #expect(isApproximatelyEqual(trace.outputs[t].flatMap { $0 }, Self.tableOutputs[t], absoluteTolerance: 1e-9))
        }
        #expect(isApproximatelyEqual(trace.logits.flatMap { $0 }, Self.tableLogits, absoluteTolerance: 1e-9))
        // b after iteration 2 is what iteration 3's c is the softmax of: log(c11 / c12) = b11 - b12.
        let previous = RoutingReference.route(indexedVotes, iterations: 2).logits
        #expect(isApproximatelyEqual(log(Self.tableCouplings[2][0] / Self.tableCouplings[2][1]), previous[0][0] - previous[0][1],
                                     absoluteTolerance: 1e-9))
    }

    @Test("Properties on random votes, r = 1...5: each c_i sums to 1 over j, c_ij > 0, every ||v_j|| < 1, r = 1 gives uniform c (seed 21)")
    func properties() {
        var generator = Xoshiro256StarStar(seed: 21)
        for r in 1...5 {
            let votes = generator.normalTensor(shape: [3, 6, 4, 5], standardDeviation: 2)
            let trace = route(votes, iterations: r)
            for c in trace.couplings {
                let sums = c.sum(alongAxis: 2)
                #expect(sums.scalars.allSatisfy { abs($0 - 1) < 1e-6 }, "r = \(r): row sums \(sums.scalars)")
                #expect(c.scalars.allSatisfy { $0 > 0 })
            }
            #expect(trace.couplings[0].scalars.allSatisfy { $0 == 0.25 })
            #expect(trace.output.norm(alongAxis: 2).scalars.allSatisfy { $0 < 1 }, "r = \(r)")
            #expect(trace.iterations == r && trace.output.shape == [3, 4, 5])
        }
    }

    @Test("The tensor routing equals the Double twin example by example, r = 1, 2, 3 (seed 22)")
    func tensorAgreesWithReference() {
        var generator = Xoshiro256StarStar(seed: 22)
        let votes = generator.normalTensor(shape: [4, 7, 3, 6])
        for r in 1...3 {
            let trace = route(votes, iterations: r)
            let expected = referenceRouting(votes.doubles, shape: votes.shape, iterations: r)
            #expect(isApproximatelyEqual(trace.output.doubles, expected, absoluteTolerance: 1e-6), "r = \(r)")
        }
    }

    @Test("The three routing sums (weighted vote sums, agreement, spreading) equal their twins made of Core's axis operations, and are each other's adjoints (seed 26)")
    func primitivesAgreeWithTwins() {
        var generator = Xoshiro256StarStar(seed: 26)
        let votes = generator.normalTensor(shape: [3, 5, 4, 7])
        let weights = generator.normalTensor(shape: [3, 5, 4])
        let x = generator.normalTensor(shape: [3, 4, 7])
        let sums = weightedVoteSums(votes, weights)
        let agreements = agreement(votes, x)
        var spread = Tensor(shape: votes.shape)
        addSpreading(x, weights: weights, into: &spread)
        #expect(isApproximatelyEqual(sums.scalars, RoutingPrimitivesReference.weightedVoteSums(votes, weights).scalars,
                                     relativeTolerance: 1e-5, absoluteTolerance: 1e-5))
        #expect(isApproximatelyEqual(agreements.scalars, RoutingPrimitivesReference.agreement(votes, x).scalars,
                                     relativeTolerance: 1e-5, absoluteTolerance: 1e-5))
        #expect(spread == RoutingPrimitivesReference.spreading(x, weights: weights))
        // <weightedVoteSums(u^, w), x> = <u^, spreading(x, w)> = <w, agreement(u^, x)>
        let (first, second, third) = (sums.dot(x), votes.dot(spread), weights.dot(agreements))
        #expect(isApproximatelyEqual(first, second, relativeTolerance: 1e-4) && isApproximatelyEqual(first, third, relativeTolerance: 1e-4),
                "\(first), \(second), \(third)")
        addSpreading(x, weights: weights, into: &spread)                          // it adds: twice the spreading
        #expect(isApproximatelyEqual(spread.scalars, (2 * RoutingPrimitivesReference.spreading(x, weights: weights)).scalars,
                                     relativeTolerance: 1e-6))
    }

    @Test("Backward through the unrolled iterations matches central differences in Double, r = 1, 2, 3 (seed 23)")
    func gradientCheck() {
        var generator = Xoshiro256StarStar(seed: 23)
        for r in 1...3 {
            let votes = generator.normalTensor(shape: [2, 3, 3, 4])
            let trace = route(votes, iterations: r)
            let weighting = generator.normalTensor(shape: trace.output.shape)
            let analytic = routeBackward(weighting, predictions: votes, trace: trace)
            let error = GradientCheck.error(analytic: analytic.doubles, at: votes.doubles) { x in
                weightedSum(referenceRouting(x, shape: votes.shape, iterations: r), weighting)
            }
            #expect(error < gradientTolerance, "r = \(r): error \(error)")
        }
    }

    @Test("The couplings' dependence on u^ matters: the full gradient differs from one that holds c fixed, for r = 3 (seed 24)")
    func couplingsCarryGradient() {
        var generator = Xoshiro256StarStar(seed: 24)
        let votes = generator.normalTensor(shape: [1, 4, 3, 4])
        let trace = route(votes, iterations: 3)
        let weighting = generator.normalTensor(shape: trace.output.shape)
        let full = routeBackward(weighting, predictions: votes, trace: trace)
        let onlyLastCouplings = RoutingTrace(couplings: [trace.couplings[2]], totalInputs: [trace.totalInputs[2]],
                                             outputs: [trace.outputs[2]], logits: trace.logits)
        let fixed = routeBackward(weighting, predictions: votes, trace: onlyLastCouplings)
        #expect(GradientCheck.maximumError(full.doubles, fixed.doubles) > 1e-3)
    }

    @Test("The DynamicRouting layer is route/routeBackward, and keeps the trace of its last forward pass (seed 25)")
    func layer() {
        var generator = Xoshiro256StarStar(seed: 25)
        let votes = generator.normalTensor(shape: [2, 5, 3, 4])
        let layer = DynamicRouting(iterations: 2)
        let v = layer.forward(votes, training: true)
        let trace = route(votes, iterations: 2)
        #expect(v == trace.output && layer.lastTrace?.couplings == trace.couplings)
        let g = generator.normalTensor(shape: v.shape)
        #expect(layer.backward(g) == routeBackward(g, predictions: votes, trace: trace))
        #expect(layer.parameters.isEmpty)
    }
}
