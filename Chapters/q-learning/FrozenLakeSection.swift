// The slippery frozen lake (Gym's FrozenLake-v1): value iteration's optimum with and without the
// 100-step limit, and how close trained Q-learning's greedy policy gets, evaluated exactly.

import Core
import ReinforcementLearning

struct FrozenLakeResults {
    var optimum: Double
    var optimumWithin100Steps: Double
    var learnt: Double
    var learntWithin100Steps: Double
    var episodes: Int
}

func frozenLakeSection(options: ChapterOptions) throws -> FrozenLakeResults {
    let lake = FrozenLake()
    print("4. The slippery frozen lake (Gym's FrozenLake-v1): each move goes the intended way or to either side,")
    print("   1/3 each; reaching G pays 1, a hole H ends the episode with nothing.")
    print(indented(lake.mapPicture))
    let optimum = valueIteration(on: lake, discount: 1)
    // The greedy policy of V*, evaluated exactly, gives the optimum to rounding (V* itself stops 1e-12 short).
    let best = evaluatePolicy(optimum.greedyPolicy, on: lake, discount: 1)[lake.startState]
    let limited = valueIteration(on: lake, discount: 1, horizon: 100).stateValues[lake.startState]
    print("   Value iteration with gamma = 1 (V(s) is then the probability of reaching G): the best success probability")
    print("   from S is \(formatted(best)) (= 14/17) with no step limit, and \(formatted(limited)) within the 100 steps")
    print("   that common implementations allow. The optimal policy, which backs away from the holes:")
    print(indented(lake.policyPicture(optimum.greedyPolicy)))

    let episodes = 100 * options.epochs
    let settings = LearningSettings(learningRate: 0.02, discount: 0.99, exploration: 0.2, stepLimit: 100)
    print("   Q-learning: \(episodes) episodes of at most 100 steps, gamma = 0.99, epsilon = 0.2, seed \(options.seed),")
    print("   alpha = 0.02: the outcomes are random, so Q must average many of them (alpha = 1 would chase the last one).")
    print("   Every 500 episodes the greedy policy is evaluated exactly (a linear solve, not a simulation).")
    var generator = Xoshiro256StarStar(seed: options.seed)
    var progress = ProgressLine(total: episodes, label: "   episode")
    var checkpoints: [Double] = []
    var successes: [Double] = []
    let run = train(.qLearning, on: lake, episodes: episodes, settings: settings, generator: &generator) { episode, q in
        if episode % 500 == 0 || episode == episodes {
            checkpoints.append(Double(episode))
            successes.append(evaluatePolicy(q.greedyPolicy, on: lake, discount: 1)[lake.startState])
            progress.update(episode, message: "greedy policy succeeds with p = \(formatted(successes.last!))")
        }
    }
    progress.finish()
    let policy = run.q.greedyPolicy
    let learnt = evaluatePolicy(policy, on: lake, discount: 1)[lake.startState]
    let learntWithin100 = evaluatePolicy(policy, on: lake, discount: 1, horizon: 100)[lake.startState]
    print("   The learnt greedy policy reaches G with probability \(formatted(learnt)) (optimum \(formatted(best))),")
    print("   and within 100 steps with probability \(formatted(learntWithin100)) (optimum \(formatted(limited))):")
    print(indented(lake.policyPicture(policy)))

    var plot = LinePlot(title: "Frozen lake: success probability of Q-learning's greedy policy",
                        xLabel: "training episode", yLabel: "P(reach G from S), exact, no step limit")
    plot.width = 760
    plot.add(x: checkpoints, y: successes, name: "greedy policy")
    plot.add(x: [0, Double(episodes)], y: [best, best], name: "optimum (14/17)")
    plot.add(x: [0, Double(episodes)], y: [limited, limited], name: "optimum within 100 steps")
    let curvePath = try options.figurePath("frozen-lake-success.svg")
    try plot.write(to: curvePath)
    let episode = playEpisode(following: policy, on: lake, stepLimit: 100, generator: &generator)
    let figure = PolicyFigure(title: "Frozen lake: Q-learning's greedy policy", environment: lake, policy: policy,
                              path: episode.states, caption: "red: the cells of one sampled episode")
    let policyPath = try options.figurePath("frozen-lake-policy.svg")
    try figure.write(to: policyPath)
    let map = ValueMap(title: "Frozen lake: V*(s) = best probability of reaching G", xLabel: "column", yLabel: "row from the bottom",
                       xRange: 0...4, yRange: 0...4, values: lake.gridRows(optimum.stateValues).reversed(),
                       valueRange: 0...1, colourBarLabel: "V*(s)")
    let mapPath = try options.figurePath("frozen-lake-values.svg")
    try map.write(to: mapPath)
    print("   wrote \(curvePath)\n   wrote \(policyPath)\n   wrote \(mapPath)\n")
    return FrozenLakeResults(optimum: best, optimumWithin100Steps: limited, learnt: learnt,
                             learntWithin100Steps: learntWithin100, episodes: episodes)
}
