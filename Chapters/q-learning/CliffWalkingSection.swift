// Cliff walking, Sutton & Barto (2nd ed.) Example 6.6 and Figure 6.4: Q-learning against Sarsa,
// their learning curves averaged over seeded runs, their greedy policies, and their values.

import Core
import ReinforcementLearning

struct CliffResults {
    var optimalReturn: Double
    /// The steps and return of the greedy path of the first run; "none" if it never reaches G.
    var pathSteps: [TemporalDifferenceMethod: String] = [:]
    var pathReturns: [TemporalDifferenceMethod: String] = [:]
    var onlineReturnLast100: [TemporalDifferenceMethod: Double] = [:]
    /// The exact value from S of exploring with epsilon = 0.1 around Q*, and of the best epsilon-greedy agent.
    var aroundOptimum = 0.0
    var bestExploring = 0.0
}

func cliffWalkingSection(options: ChapterOptions, runs: Int) throws -> CliffResults {
    let cliff = CliffWalking()
    let episodes = options.epochs
    print("3. Cliff walking (Sutton & Barto, Example 6.6): a 4 x 12 grid, reward -1 per step; stepping into the")
    print("   cliff C costs -100 and sends the agent back to S; reaching G ends the episode.")
    print(indented(cliff.mapPicture))
    let optimum = valueIteration(on: cliff, discount: 1)
    let optimalPath = playEpisode(following: optimum.greedyPolicy, on: cliff, stepLimit: 1_000)
    print("   Value iteration (gamma = 1) gives the exact answer: V*(S) = \(formatted(optimum.stateValues[cliff.startState], digits: 0)),"
          + " the \(optimalPath.length)-step path along the cliff edge.")
    var results = CliffResults(optimalReturn: optimum.stateValues[cliff.startState])

    let settings = LearningSettings(learningRate: Double(options.learningRate), discount: 1, exploration: 0.1)
    print("   Training Q-learning and Sarsa from Q = 0: \(runs) runs of \(episodes) episodes each, alpha = \(settings.learningRate),"
          + " gamma = 1,")
    print("   epsilon = 0.1; run r uses seed \(options.seed) + r. Both explore epsilon-greedily. Q-learning's target is")
    print("   r + max_a Q(s', a), the greedy policy's; Sarsa's is r + Q(s', a') for the action a' it really takes next.")
    var curves: [TemporalDifferenceMethod: AveragedLearningCurve] = [:]
    for method in TemporalDifferenceMethod.allCases {
        var progress = ProgressLine(total: runs, label: "   \(method.rawValue) run")
        curves[method] = averagedLearningCurve(method, on: cliff, runs: runs, episodes: episodes, settings: settings,
                                               firstSeed: options.seed) { run in progress.update(run) }
        progress.finish()
    }

    let window = min(100, episodes)
    for method in TemporalDifferenceMethod.allCases {
        let curve = curves[method]!.meanTotalRewards
        results.onlineReturnLast100[method] = curve.suffix(window).reduce(0, +) / Double(window)
    }
    print("   Sum of rewards per episode, mean over the runs and the last \(window) episodes:"
          + " Q-learning \(formatted(results.onlineReturnLast100[.qLearning]!, digits: 1)),"
          + " Sarsa \(formatted(results.onlineReturnLast100[.sarsa]!, digits: 1)).")
    print("   Q-learning learns the values of the best path, the edge, and its random steps drop it into the cliff now")
    print("   and then; Sarsa learns the values of the exploring agent itself, which is safer away from the edge.")
    let qStar = optimum.actionValues
    results.aroundOptimum = evaluatePolicy(actionProbabilities: qStar.epsilonGreedyProbabilities(epsilon: 0.1),
                                           on: cliff, discount: 1)[cliff.startState]
    let bestSoft = epsilonSoftValueIteration(on: cliff, discount: 1, epsilon: 0.1)
    results.bestExploring = evaluatePolicy(actionProbabilities: bestSoft.actionValues.epsilonGreedyProbabilities(epsilon: 0.1),
                                           on: cliff, discount: 1)[cliff.startState]
    print("   The exact values behind these numbers (policy evaluation, no sampling): exploring with epsilon = 0.1 around")
    print("   Q*, the edge path, earns \(formatted(results.aroundOptimum, digits: 2)) per episode on average; the best any"
          + " epsilon-greedy agent can earn is \(formatted(results.bestExploring, digits: 2)),")
    print("   one row away from the edge (value iteration for an agent that explores, Sutton & Barto Sec. 5.4).\n")

    for method in TemporalDifferenceMethod.allCases {
        let table = curves[method]!.tables[0]
        let path = playEpisode(following: table.greedyPolicy, on: cliff, stepLimit: 1_000)
        let reached = path.states.last == cliff.goalState
        results.pathSteps[method] = reached ? "\(path.length)" : "none"
        results.pathReturns[method] = reached ? formatted(path.discountedReturn(discount: 1), digits: 0) : "none"
        print("   \(method.rawValue), seed \(options.seed): the greedy policy a* = argmax_a Q(s, a), and the path it takes"
              + (reached ? " (\(path.length) steps, return \(formatted(path.discountedReturn(discount: 1), digits: 0))):"
                         : " (it never reaches G: it circles):"))
        print(sideBySide(cliff.policyPicture(table.greedyPolicy), cliff.policyPicture(table.greedyPolicy, path: path.states)))
    }
    let edgePaths = curves[.qLearning]!.tables.filter { table in
        playEpisode(following: table.greedyPolicy, on: cliff, stepLimit: 1_000).length == optimalPath.length
    }.count
    let safePaths = curves[.sarsa]!.tables.filter { table in
        let path = playEpisode(following: table.greedyPolicy, on: cliff, stepLimit: 1_000)
        return path.states.last == cliff.goalState && !path.states.contains { (25...34).contains($0) }
    }.count
    print("   Over all \(runs) runs: Q-learning's greedy path is the \(optimalPath.length)-step edge path in \(edgePaths);"
          + " Sarsa's reaches G")
    print("   without entering the row along the cliff in \(safePaths) (with a constant alpha its table is still noisy).")

    try writeCliffFigures(curves: curves, cliff: cliff, options: options, runs: runs, results: results)
    return results
}

/// Figure 6.4 (learning curves), the two greedy policies, and the two value functions as heat maps.
func writeCliffFigures(curves: [TemporalDifferenceMethod: AveragedLearningCurve], cliff: CliffWalking,
                       options: ChapterOptions, runs: Int, results: CliffResults) throws {
    let smoothing = 10
    var plot = LinePlot(title: "Cliff walking (Sutton & Barto Fig. 6.4), mean of \(runs) runs",
                        xLabel: "episode", yLabel: "sum of rewards during episode (smoothed)")
    for method in TemporalDifferenceMethod.allCases {
        // Like the book's figure, the axis stops at -100: the first episodes, far lower, are drawn at -100.
        let smoothed = movingAverage(curves[method]!.meanTotalRewards, width: smoothing).map { max($0, -100) }
        plot.add(x: (1...smoothed.count).map(Double.init), y: smoothed, name: method.rawValue)
    }
    let ends = [1.0, Double(options.epochs)]
    plot.add(x: ends, y: [results.aroundOptimum, results.aroundOptimum], name: "exact: exploring around Q*")
    plot.add(x: ends, y: [results.bestExploring, results.bestExploring], name: "exact: best exploring agent")
    plot.width = 820
    var written = [try options.figurePath("sutton-barto-6.4-cliff-walking-returns.svg")]
    try plot.write(to: written[0])

    for method in TemporalDifferenceMethod.allCases {
        let name = method == .qLearning ? "q-learning" : "sarsa"
        let table = curves[method]!.tables[0]
        let path = playEpisode(following: table.greedyPolicy, on: cliff, stepLimit: 1_000)
        let figure = PolicyFigure(title: "\(method.rawValue): greedy policy after \(options.epochs) episodes (seed \(options.seed))",
                                  environment: cliff, policy: table.greedyPolicy, path: path.states)
        written.append(try options.figurePath("cliff-walking-policy-\(name).svg"))
        try figure.write(to: written.last!)

        // max_a Q(s, a) on the grid; the cliff is never occupied and is left white (NaN).
        let values = (0..<cliff.stateCount).map { cliff.cellKind($0) == .cliff ? Double.nan : table.maximum(in: $0) }
        let map = ValueMap(title: "\(method.rawValue): V(s) = max_a Q(s, a), white: the cliff",
                           xLabel: "column (S at 0, G at 11)", yLabel: "row from the bottom",
                           xRange: 0...12, yRange: 0...4, values: cliff.gridRows(values).reversed(),
                           colourBarLabel: "max_a Q(s, a)")
        written.append(try options.figurePath("cliff-walking-values-\(name).svg"))
        try map.write(to: written.last!)
    }
    print(written.map { "   wrote \($0)" }.joined(separator: "\n") + "\n")
}

/// Every line of `text` moved right by three spaces, to sit under a numbered section.
func indented(_ text: String) -> String {
    text.split(separator: "\n", omittingEmptySubsequences: false).map { "   " + $0 }.joined(separator: "\n")
}

/// Two pictures of the same height next to each other, indented.
func sideBySide(_ left: String, _ right: String) -> String {
    let (a, b) = (left.split(separator: "\n"), right.split(separator: "\n"))
    return zip(a, b).map { "   \($0)      \($1)" }.joined(separator: "\n")
}
