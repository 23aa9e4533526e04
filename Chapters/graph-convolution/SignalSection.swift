// Graph signals and filters (DL Padova "Graph Signal"): diffusion, the polynomial filter of
// WORKED-NUMBERS.md 9.3 G2, and learning a filter's coefficients.

import Core
import GraphNetworks

struct SignalResults {
    var workedOutput: [Float] = []
    var truth: [Float] = []
    var learnt: [Float] = []
    var leastSquares: [Double] = []
}

func signalSection(options: ChapterOptions) throws -> SignalResults {
    var results = SignalResults()
    print("4. Graph signals and filters (DL Padova \"Graph Signal\")")
    let path = Graph(nodeCount: 3, edges: [(0, 1), (1, 2)])
    let x = Tensor(column: [1, 0, 0])
    let sequence = diffusionSequence(x, shift: path.sparseAdjacency, count: 3)
    let filter = GraphFilter(coefficients: [1, 0.5, 0.25])
    results.workedOutput = filter.apply(x, shift: path.sparseAdjacency).scalars
    print("   A signal gives each node a number. On the path graph with S = A and x = e_0 = (1, 0, 0), diffusion")
    print("   x^(k+1) = S x^(k) gives S x = (\(vectorText(sequence[1].scalars))) and S^2 x = (\(vectorText(sequence[2].scalars))).")
    print("   The filter H(S) = sum_k h_k S^k with h = (1, 0.5, 0.25), truncated after K = 3 taps (E-70), gives")
    print("   y = x + 0.5 S x + 0.25 S^2 x = (\(vectorText(results.workedOutput))).")

    let club = try KarateClub.load()
    let s = club.graph.normalisedAdjacency()
    var generator = Xoshiro256StarStar(seed: options.seed)
    let signals = generator.normalTensor(shape: [34, 20])
    let truth = GraphFilter(coefficients: [0.2, 0.5, 0.3])
    let targets = truth.apply(signals, shift: s) + generator.normalTensor(shape: [34, 20], standardDeviation: 0.05)
    var learnt = GraphFilter(taps: 3)
    let steps = 500
    let history = try learnt.fit(signals: signals, targets: targets, shift: s, learningRate: 1, steps: steps)
    results.truth = truth.coefficients
    results.learnt = learnt.coefficients
    results.leastSquares = try GraphFilter.leastSquares(signals: signals, targets: targets, shift: s, taps: 3)
    print("   Learning a filter (DL Padova \"Learning graph Filters\"): on the karate club with S = D^-1/2 A^ D^-1/2, 20 random signals x (seed \(options.seed))")
    print("   and targets y = H(S) x + noise (sd 0.05) made with h = (\(vectorText(truth.coefficients))). Gradient descent on")
    print("   J(h) = ||sum_k h_k S^k X - Y||^2 / (2 N M), from h = 0, alpha = 1, \(steps) steps:")
    print("     learnt h = (\(vectorText(learnt.coefficients))), least squares (normal equations, Double) h = ("
          + results.leastSquares.map { formatted($0) }.joined(separator: ", ") + ")")
    print("     J: \(formatted(history.first!, digits: 5)) -> \(formatted(history.last!, digits: 5)) (the noise's own share is 0.05^2 / 2 = 0.00125)")

    var plot = LinePlot(title: "Learning a graph filter h by gradient descent (DL Padova \"Graph Signal\")", xLabel: "step",
                        yLabel: "mean squared error J(h)", logY: true)
    plot.add(x: (1...history.count).map(Double.init), y: history, name: "J(h), alpha = 1")
    let figure = try options.figurePath("graph-filter-learning.svg")
    try plot.write(to: figure)
    print("   wrote \(figure)\n")
    return results
}

/// Numbers separated by commas, 4 decimals.
func vectorText(_ values: [Float]) -> String {
    values.map { formatted($0) }.joined(separator: ", ")
}
