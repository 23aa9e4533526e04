// Tests of tabular Q-learning and Sarsa (Training.swift) against the exact oracle: convergence to Q*
// on the chain, Sutton & Barto's cliff walking (Example 6.6, Figure 6.4, averaged over seeded runs as
// the reference reproductions do), and the frozen lake against value iteration's optimum.

import Testing
import Core
import ReinforcementLearning

/// Sutton & Barto's Figure 6.4 experiment, run once for every cliff test: 100 runs of 500 episodes,
/// run r with seed 1 + r, alpha = 0.5, gamma = 1, epsilon = 0.1. (The reference reproductions use
/// 50 runs; 100 make the averages steadier and still take well under a second here.)
let cliffExperiment: [TemporalDifferenceMethod: AveragedLearningCurve] = Dictionary(uniqueKeysWithValues:
    TemporalDifferenceMethod.allCases.map { method in
        (method, averagedLearningCurve(method, on: CliffWalking(), runs: 100, episodes: 500,
                                       settings: .cliffWalking, firstSeed: 1))
    })

/// The mean over the last `count` episodes of an averaged curve.
func meanOfLast(_ count: Int, _ method: TemporalDifferenceMethod) -> Double {
    cliffExperiment[method]!.meanTotalRewards.suffix(count).reduce(0, +) / Double(count)
}

/// Whether an episode on the cliff enters the row next to the cliff (row 2, columns 1...10).
func walksAlongTheEdge(_ episode: Episode) -> Bool {
    episode.states.contains { (25...34).contains($0) }
}

@Suite("Q-learning and Sarsa (DL Padova, Q-Learning; Sutton & Barto Secs. 6.4-6.5)")
struct LearningTests {
    @Test("The chain: Q-learning with alpha = 1 reaches the Q* of value iteration exactly (gamma = 0.9, epsilon = 1, seed 2)")
    func chainConvergesExactly() {
        let chain = GridWorld.chain(length: 5)
        let oracle = valueIteration(on: chain, discount: 0.9).actionValues
        var generator = Xoshiro256StarStar(seed: 2)
        // Deterministic steps and alpha = 1: every update is Bellman's equation itself, so once every
        // pair has been updated after its successors were right, Q is Q* (up to the oracle's rounding).
        let settings = LearningSettings(learningRate: 1, discount: 0.9, exploration: 1)
        let run = train(.qLearning, on: chain, episodes: 200, settings: settings, generator: &generator)
        #expect(run.q.largestDifference(from: oracle) < 1e-12)
        #expect(run.q.largestDifference(from: chainOptimum()) < 1e-12)
    }

    @Test("The chain: Q-learning with alpha = 0.5 and epsilon-greedy exploration converges to Q* (seed 3)")
    func chainConvergesWithSmallSteps() {
        let chain = GridWorld.chain(length: 5)
        var generator = Xoshiro256StarStar(seed: 3)
        let settings = LearningSettings(learningRate: 0.5, discount: 0.9, exploration: 0.3)
        let run = train(.qLearning, on: chain, episodes: 2_000, settings: settings, generator: &generator)
        #expect(run.q.largestDifference(from: chainOptimum()) < 1e-9)
        #expect(run.q.greedyPolicy.prefix(4).allSatisfy { $0 == right })
    }

    @Test("Example 6.6: Q-learning's greedy path is the 13-step path along the cliff edge, return -13, in all 100 runs")
    func qLearningTakesTheEdge() {
        let cliff = CliffWalking()
        for (run, table) in cliffExperiment[.qLearning]!.tables.enumerated() {
            let path = playEpisode(following: table.greedyPolicy, on: cliff, stepLimit: 200)
            #expect(path.length == 13 && path.discountedReturn(discount: 1) == -13, "seed \(1 + run)")
            #expect(path.states == [36] + Array(24...35) + [47], "seed \(1 + run)")
        }
    }

    @Test("Example 6.6: Sarsa's greedy path keeps away from the edge (seed 1: the top row, 17 steps; at least 75 of 100 runs)")
    func sarsaKeepsAway() {
        let cliff = CliffWalking()
        let tables = cliffExperiment[.sarsa]!.tables
        let first = playEpisode(following: tables[0].greedyPolicy, on: cliff, stepLimit: 200)
        #expect(first.states == [36, 24, 12, 0] + Array(1...11) + [23, 35, 47])
        #expect(first.discountedReturn(discount: 1) == -17)
        // With a constant alpha = 0.5 Sarsa's table is still noisy after 500 episodes: in a few runs
        // the greedy policy circles, or cuts back to the edge row near the goal.
        let safe = tables.filter { table in
            let path = playEpisode(following: table.greedyPolicy, on: cliff, stepLimit: 200)
            return path.states.last == cliff.goalState && !walksAlongTheEdge(path)
        }
        #expect(safe.count >= 75, "\(safe.count) of 100 runs")
    }

    @Test("Figure 6.4 over 100 seeded runs: Sarsa's online return beats Q-learning's over the last 100 of 500 episodes (about -27 against -50)")
    func onlineReturns() {
        let (sarsa, qLearning) = (meanOfLast(100, .sarsa), meanOfLast(100, .qLearning))
        #expect(sarsa > qLearning + 15, "Sarsa \(sarsa), Q-learning \(qLearning)")
        // The bands of Sutton & Barto's figure and its reproductions: Sarsa near -25, Q-learning near -50.
        #expect((-32.0 ... -22.0).contains(sarsa), "Sarsa \(sarsa)")
        #expect((-56.0 ... -45.0).contains(qLearning), "Q-learning \(qLearning)")
        // Both start far worse (the first episodes wander for hundreds of steps and fall off the cliff).
        for method in TemporalDifferenceMethod.allCases {
            let curve = cliffExperiment[method]!.meanTotalRewards
            #expect(curve.count == 500)
            #expect(curve.prefix(10).reduce(0, +) / 10 < -200, "\(method.rawValue)")
        }
    }

    @Test("Figure 6.4 explained: Q-learning explores around Q*, and the epsilon-greedy policy of Q* earns exactly -50.80; no epsilon-greedy agent can beat -20.71")
    func onlineReturnsAgainstTheOracle() {
        let cliff = CliffWalking()
        let qStar = valueIteration(on: cliff, discount: 1).actionValues
        let aroundQStar = evaluatePolicy(actionProbabilities: qStar.epsilonGreedyProbabilities(epsilon: 0.1),
                                         on: cliff, discount: 1)[cliff.startState]
        #expect(isApproximatelyEqual(aroundQStar, -50.80004766676943, relativeTolerance: 1e-9))
        let bestSoft = epsilonSoftValueIteration(on: cliff, discount: 1, epsilon: 0.1)
        #expect(bestSoft.converged)
        let bestSoftValue = evaluatePolicy(actionProbabilities: bestSoft.actionValues.epsilonGreedyProbabilities(epsilon: 0.1),
                                           on: cliff, discount: 1)[cliff.startState]
        #expect(isApproximatelyEqual(bestSoftValue, -20.70767739866938, relativeTolerance: 1e-9))
        #expect(isApproximatelyEqual(bestSoft.stateValues[cliff.startState], bestSoftValue, relativeTolerance: 1e-9))
        // The best epsilon-soft policy keeps one row away from the edge: 15 steps.
        let safe = playEpisode(following: bestSoft.greedyPolicy, on: cliff, stepLimit: 100)
        #expect(safe.states == [36, 24] + Array(12...23) + [35, 47])
        // Q-learning has (nearly) learnt Q*, so it earns what exploring around Q* earns: -50.5 against -50.80.
        #expect(abs(meanOfLast(100, .qLearning) - aroundQStar) < 2, "Q-learning \(meanOfLast(100, .qLearning))")
        // Sarsa, with its noisy constant-alpha table, lies between the two: about -27.
        #expect(meanOfLast(100, .sarsa) > aroundQStar && meanOfLast(100, .sarsa) < bestSoftValue)
    }

    @Test("Frozen lake: trained Q-learning's greedy policy achieves the optimum 14/17 to within 0.01, evaluated exactly (seeds 1, 2, 3)",
          arguments: [UInt64(1), 2, 3])
    func frozenLakeNearOptimum(seed: UInt64) {
        let lake = FrozenLake()
        var generator = Xoshiro256StarStar(seed: seed)
        let run = train(.qLearning, on: lake, episodes: 50_000, settings: frozenLakeSettings, generator: &generator)
        let achieved = evaluatePolicy(run.q.greedyPolicy, on: lake, discount: 1)[lake.startState]
        #expect(achieved >= frozenLakeOptimum - 0.01, "seed \(seed): \(achieved)")
        #expect(achieved <= frozenLakeOptimum + 1e-12)
    }

    @Test("E-RL-2: on the slippery lake alpha = 1 chases each sampled outcome and never settles near Q* (seed 4)")
    func alphaOneFailsOnAStochasticLake() {
        let lake = FrozenLake()
        let oracle = valueIteration(on: lake, discount: 0.99).actionValues
        var small = Xoshiro256StarStar(seed: 4)
        let settled = train(.qLearning, on: lake, episodes: 50_000, settings: frozenLakeSettings, generator: &small)
        var large = Xoshiro256StarStar(seed: 4)
        let oneStep = LearningSettings(learningRate: 1, discount: 0.99, exploration: 0.2, stepLimit: 100)
        let chasing = train(.qLearning, on: lake, episodes: 50_000, settings: oneStep, generator: &large)
        #expect(settled.q.largestDifference(from: oracle) < 0.15)
        #expect(chasing.q.largestDifference(from: oracle) > 0.5)
    }

    @Test("Moving average: each point is the mean of the last `width` values (fewer at the start)")
    func smoothing() {
        #expect(movingAverage([1, 2, 3, 4, 5], width: 2) == [1, 1.5, 2.5, 3.5, 4.5])
        #expect(movingAverage([4, 8], width: 10) == [4, 6])
    }
}

/// Settings under which Q-learning finds the frozen lake's optimum: a small step alpha = 0.02 (the
/// outcomes are random, so Q must average them), gamma = 0.99 (with gamma = 1 every safe action looks
/// equally good and the greedy policy may circle forever), epsilon = 0.2, Gym's 100-step limit.
let frozenLakeSettings = LearningSettings(learningRate: 0.02, discount: 0.99, exploration: 0.2, stepLimit: 100)
