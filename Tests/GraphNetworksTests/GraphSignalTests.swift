// Tests of GraphSignal.swift: diffusion x^(k+1) = S x^(k) and the polynomial filter sum_k h_k S^k x
// (DL Padova "Graph Signal", erratum E-70) with WORKED-NUMBERS.md's value (WORKED-NUMBERS.md
// Sec. 9.3, block G2), the filter's gradient, and learning h by gradient descent.

import Testing
import Core
import GraphNetworks

@Suite("Graph signals and filters (DL Padova, Graph Signal)")
struct GraphSignalTests {
    @Test("Sec. 9.3 (G2): S = A of the path graph, x = e1: S x = (0,1,0), S^2 x = (1,0,1), h = (1, 0.5, 0.25) gives y = (1.25, 0.5, 0.25)")
    func indexedFilter() {
        let x = Tensor(column: [1, 0, 0])
        let a = pathGraph.sparseAdjacency
        let sequence = diffusionSequence(x, shift: a, count: 3)
        #expect(sequence.map(\.scalars) == [[1, 0, 0], [0, 1, 0], [1, 0, 1]])
        #expect(GraphFilter(coefficients: [1, 0.5, 0.25]).apply(x, shift: a).scalars == [1.25, 0.5, 0.25])
    }

    @Test("The diffused signal y = S x has y_i = sum over the neighbours j of w_ij x_j (weighted graph)")
    func diffusedSignal() {
        let graph = Graph(nodeCount: 4, weightedEdges: [(0, 1, 2), (1, 2, 0.5), (1, 3, 1)])
        let x = Tensor(column: [1, 10, 100, 1000])
        #expect(diffusionSequence(x, shift: graph.sparseAdjacency, count: 2)[1].scalars == [20, 2 + 50 + 1000, 5, 10])
    }

    @Test("E-70: the learnt filter is truncated; its K taps give sum_(k<K) h_k S^k x, and h_k = 0 beyond adds nothing")
    func truncation() {
        let x = Tensor(column: [0.5, -1, 2])
        let s = pathGraph.normalisedAdjacency()
        let short = GraphFilter(coefficients: [0.3, -0.2]).apply(x, shift: s)
        let padded = GraphFilter(coefficients: [0.3, -0.2, 0, 0]).apply(x, shift: s)
        #expect(isApproximatelyEqual(short.scalars, padded.scalars))
    }

    @Test("dJ/dh_k = <S^k X, y^ - Y> / (N M) matches central differences of the mean squared error (seed 53)")
    func filterGradient() throws {
        var generator = Xoshiro256StarStar(seed: 53)
        let graph = try KarateClub.load().graph
        let x = generator.normalTensor(shape: [34, 3])
        let y = generator.normalTensor(shape: [34, 3])
        let s = graph.normalisedAdjacency()
        let sequence = diffusionSequence(x, shift: s, count: 4)
        let filter = GraphFilter(coefficients: [0.4, -0.3, 0.2, 0.1])
        let analytic = filter.lossAndGradient(sequence: sequence, targets: y).gradient.map(Double.init)
        let diffused = sequence.map(\.doubles)
        let error = GradientCheck.error(analytic: analytic, at: filter.coefficients.map(Double.init)) { h in
            var total = 0.0
            for i in y.scalars.indices {
                let prediction = (0..<4).reduce(0.0) { $0 + h[$1] * diffused[$1][i] }
                total += (prediction - Double(y.scalars[i])) * (prediction - Double(y.scalars[i]))
            }
            return total / (2 * Double(y.count))
        }
        #expect(error < gradientTolerance, "error \(error)")
    }

    @Test("Learning h by gradient descent reaches the least-squares h (normal equations in Double) on noisy karate-club signals (seed 59)")
    func learningTheFilter() throws {
        var generator = Xoshiro256StarStar(seed: 59)
        let s = try KarateClub.load().graph.normalisedAdjacency()
        let x = generator.normalTensor(shape: [34, 20])
        let truth = GraphFilter(coefficients: [0.2, 0.5, 0.3])
        let y = truth.apply(x, shift: s) + generator.normalTensor(shape: [34, 20], standardDeviation: 0.05)
        var learnt = GraphFilter(taps: 3)
        let history = try learnt.fit(signals: x, targets: y, shift: s, learningRate: 1, steps: 500)
        let exact = try GraphFilter.leastSquares(signals: x, targets: y, shift: s, taps: 3)
        // Near the minimum the loss moves by Float rounding only (about 1e-7 of its value), up or down.
        let rising = zip(history, history.dropFirst()).filter { $1 > $0 * (1 + 1e-5) }.count
        #expect(rising == 0, "the loss rises at alpha = 1 in \(rising) steps; first \(history[0]), last \(history.last!)")
        #expect(isApproximatelyEqual(learnt.coefficients.map(Double.init), exact, absoluteTolerance: 1e-3),
                "gradient descent \(learnt.coefficients), least squares \(exact)")
        #expect(isApproximatelyEqual(learnt.coefficients, truth.coefficients, absoluteTolerance: 0.03),
                "the noise moves h by little: \(learnt.coefficients)")
    }
}
