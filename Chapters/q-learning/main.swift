// q-learning: DL Padova "Reinforcement Learning" and "Q-Learning" as a program a student runs beside
// the notes, with Sutton & Barto's cliff walking (Example 6.6, Figure 6.4) and the frozen lake.
//   swift run q-learning [--seed N] [--epochs N] [--learning-rate X] [--runs N] [--out DIR]
// It prints the notes' returns and one update, compares Q-learning with Sarsa on cliff walking, and
// trains Q-learning on the slippery frozen lake against value iteration's exact optimum.

import Core
import Foundation
import ReinforcementLearning

let defaults = ChapterOptions(seed: 1, epochs: 500, learningRate: 0.5, outputDirectory: "q-learning-figures", runs: 50)
let summary = """
    Reinforcement learning (DL Padova "Reinforcement Learning", "Q-Learning"): discounted returns and
    Bellman's equation, Q-learning against Sarsa on Sutton & Barto's cliff walking (Fig. 6.4 as SVG,
    the greedy policies as arrows, the values as heat maps), then Q-learning on the slippery frozen lake
    against value iteration's optimum. Here --epochs is the number of cliff-walking EPISODES per run
    (the frozen lake gets 100 times as many) and --learning-rate is alpha of the cliff-walking runs, in
    (0, 1]; the frozen lake uses alpha = 0.02.
    """

/// The shared flags of `ChapterOptions` (with `--runs N`); alpha must also be at most 1.
func parseArguments() -> (options: ChapterOptions, runs: Int) {
    let options = defaults.parsingCommandLine(program: "q-learning", summary: summary) { options in
        guard options.learningRate <= 1 else {
            throw UsageError(message: "--learning-rate is alpha of Q-learning and must lie in (0, 1], got \(options.learningRate)")
        }
    }
    return (options, options.runs!)
}

func run() throws {
    let (options, runs) = parseArguments()
    print("Reinforcement learning and Q-learning (DL Padova, \"Reinforcement Learning\" and \"Q-Learning\").")
    print("Seed \(options.seed); figures go to \(options.outputDirectory)/\n")
    let returns = returnsSection()
    let cliff = try cliffWalkingSection(options: options, runs: runs)
    let lake = try frozenLakeSection(options: options)

    print(report.closingLines(exercises: chapterExercises, outputDirectory: options.outputDirectory))
    print(summaryLine([
        "return_sum_form": formatted(returns.returnSum),
        "return_recursive_form": formatted(returns.returnRecursion),
        "q_update_alpha_1": formatted(returns.updateAlphaOne),
        "q_update_alpha_0.5": formatted(returns.updateAlphaHalf),
        "cliff_optimal_return": formatted(cliff.optimalReturn, digits: 0),
        "cliff_q_learning_path_steps": cliff.pathSteps[.qLearning]!,
        "cliff_q_learning_path_return": cliff.pathReturns[.qLearning]!,
        "cliff_sarsa_path_steps": cliff.pathSteps[.sarsa]!,
        "cliff_sarsa_path_return": cliff.pathReturns[.sarsa]!,
        "cliff_q_learning_online_return_last100": formatted(cliff.onlineReturnLast100[.qLearning]!, digits: 2),
        "cliff_sarsa_online_return_last100": formatted(cliff.onlineReturnLast100[.sarsa]!, digits: 2),
        "cliff_exact_return_exploring_around_optimum": formatted(cliff.aroundOptimum, digits: 2),
        "cliff_exact_return_best_exploring_agent": formatted(cliff.bestExploring, digits: 2),
        "frozen_lake_optimum": formatted(lake.optimum),
        "frozen_lake_optimum_100_steps": formatted(lake.optimumWithin100Steps),
        "frozen_lake_q_learning": formatted(lake.learnt),
        "frozen_lake_q_learning_100_steps": formatted(lake.learntWithin100Steps),
        "frozen_lake_episodes": "\(lake.episodes)",
        "episodes": "\(options.epochs)",
        "runs": "\(runs)",
        "learning_rate": "\(options.learningRate)",
        "seed": "\(options.seed)",
    ]))
    try report.write(into: options.outputDirectory)
}

do {
    try run()
} catch {
    FileHandle.standardError.write(Data("q-learning: \(error)\n".utf8))
    exit(1)
}
