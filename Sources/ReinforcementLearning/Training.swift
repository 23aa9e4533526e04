// Training.swift: tabular Q-learning and Sarsa, episode by episode, and learning curves averaged
// over seeded runs. DL Padova "Q-Learning" (the algorithm of its "Slide 265");
// Sutton & Barto (2nd ed.) Sec. 6.4 (Sarsa, on-policy), Sec. 6.5 (Q-learning, off-policy),
// Example 6.6 and Figure 6.4 (the two on cliff walking).
// Goals, in order: the two algorithms side by side, differing in one line; the learner sees the
// environment only through `step`; the same seed gives the same run; fast enough for hundreds of
// runs in a test (this target is compiled with -O).

import Core

/// The two temporal-difference control methods of this module.
public enum TemporalDifferenceMethod: String, CaseIterable, Sendable {
    /// Off-policy: learns the greedy policy's values while exploring (target: max_a Q(s', a)).
    case qLearning = "Q-learning"
    /// On-policy: learns the values of the exploring policy itself (target: Q(s', a') for the a' it takes).
    case sarsa = "Sarsa"
}

/// What an episode earned: the sum of its rewards (undiscounted, as Sutton & Barto's Figure 6.4
/// plots it), its number of steps, and whether it reached a terminal state before the step limit.
public struct EpisodeSummary: Equatable, Sendable {
    public var totalReward: Double
    public var steps: Int
    public var reachedTerminal: Bool
}

/// One episode of Q-learning from the start state (Sutton & Barto, Sec. 6.5, the boxed algorithm):
/// in each state choose a by epsilon-greedy, take it, observe r and s', then update Q(s, a) toward
/// Bellman's target r + gamma max_a' Q(s', a') (DL Padova "Q-Learning"), and move to s'.
public func runQLearningEpisode<E: Environment>(on environment: E, q: inout QTable, settings: LearningSettings,
                                                generator: inout Xoshiro256StarStar) -> EpisodeSummary {
    requireShape(q, environment, "runQLearningEpisode")
    var state = environment.startState
    var summary = EpisodeSummary(totalReward: 0, steps: 0, reachedTerminal: environment.isTerminal(state))
    while !summary.reachedTerminal && summary.steps < settings.stepLimit {
        let action = q.epsilonGreedyAction(in: state, epsilon: settings.exploration, generator: &generator)
        let (reward, nextState) = environment.step(from: state, taking: action, generator: &generator)
        let nextIsTerminal = environment.isTerminal(nextState)
        q.qLearningUpdate(state: state, action: action, reward: reward, nextState: nextState,
                          nextIsTerminal: nextIsTerminal, learningRate: settings.learningRate,
                          discount: settings.discount)
        summary.totalReward += reward
        summary.steps += 1
        summary.reachedTerminal = nextIsTerminal
        state = nextState
    }
    return summary
}

/// One episode of Sarsa (Sutton & Barto, Sec. 6.4): the same loop, but the next action a' is chosen
/// *before* the update and used in the target r + gamma Q(s', a'), and then actually taken.
public func runSarsaEpisode<E: Environment>(on environment: E, q: inout QTable, settings: LearningSettings,
                                            generator: inout Xoshiro256StarStar) -> EpisodeSummary {
    requireShape(q, environment, "runSarsaEpisode")
    var state = environment.startState
    var summary = EpisodeSummary(totalReward: 0, steps: 0, reachedTerminal: environment.isTerminal(state))
    if summary.reachedTerminal { return summary }
    var action = q.epsilonGreedyAction(in: state, epsilon: settings.exploration, generator: &generator)
    while !summary.reachedTerminal && summary.steps < settings.stepLimit {
        let (reward, nextState) = environment.step(from: state, taking: action, generator: &generator)
        let nextIsTerminal = environment.isTerminal(nextState)
        // A terminal state has no next action; its target is the reward alone.
        let nextAction = nextIsTerminal
            ? 0 : q.epsilonGreedyAction(in: nextState, epsilon: settings.exploration, generator: &generator)
        q.sarsaUpdate(state: state, action: action, reward: reward, nextState: nextState, nextAction: nextAction,
                      nextIsTerminal: nextIsTerminal, learningRate: settings.learningRate,
                      discount: settings.discount)
        summary.totalReward += reward
        summary.steps += 1
        summary.reachedTerminal = nextIsTerminal
        (state, action) = (nextState, nextAction)
    }
    return summary
}

/// A learnt table and what each of its training episodes earned.
public struct TrainingRun: Sendable {
    public var q: QTable
    /// The episodes in order; `episodes[k].totalReward` is the online return of episode k + 1.
    public var episodes: [EpisodeSummary]

    /// The sum of rewards of each episode, in order (the curve of Sutton & Barto's Figure 6.4).
    public var totalRewards: [Double] { episodes.map(\.totalReward) }
}

/// Trains a table (all entries `initialValue`) with `method` for `episodes` episodes.
/// `afterEpisode(k, q)` is called after episode k = 1...episodes, e.g. to evaluate the greedy policy.
/// Stops when `episodes` is negative.
public func train<E: Environment>(_ method: TemporalDifferenceMethod, on environment: E, episodes: Int,
                                  settings: LearningSettings, initialValue: Double = 0,
                                  generator: inout Xoshiro256StarStar,
                                  afterEpisode: ((Int, QTable) -> Void)? = nil) -> TrainingRun {
    require(episodes >= 0, "train: the number of episodes must not be negative, got \(episodes)")
    var q = QTable(for: environment, initialValue: initialValue)
    var summaries: [EpisodeSummary] = []
    summaries.reserveCapacity(episodes)
    for episode in stride(from: 1, through: episodes, by: 1) {
        switch method {
        case .qLearning: summaries.append(runQLearningEpisode(on: environment, q: &q, settings: settings, generator: &generator))
        case .sarsa: summaries.append(runSarsaEpisode(on: environment, q: &q, settings: settings, generator: &generator))
        }
        afterEpisode?(episode, q)
    }
    return TrainingRun(q: q, episodes: summaries)
}

/// Learning curves averaged over independent runs, as Sutton & Barto's Figure 6.4 and its reference
/// reproductions draw them (50 runs of 500 episodes there).
public struct AveragedLearningCurve: Sendable {
    /// The mean over runs of each episode's sum of rewards.
    public var meanTotalRewards: [Double]
    /// The learnt table of every run, in seed order.
    public var tables: [QTable]
    /// The seed of run r is firstSeed + r.
    public var firstSeed: UInt64
}

/// Runs `method` `runs` times from a fresh table, run r with `Xoshiro256StarStar(seed: firstSeed + r)`,
/// and averages the sum of rewards of each episode over the runs. `afterRun(k)` is called after run
/// k = 1...runs (e.g. to show progress). Stops unless `runs` is positive.
public func averagedLearningCurve<E: Environment>(_ method: TemporalDifferenceMethod, on environment: E,
                                                  runs: Int, episodes: Int, settings: LearningSettings,
                                                  firstSeed: UInt64,
                                                  afterRun: ((Int) -> Void)? = nil) -> AveragedLearningCurve {
    require(runs > 0, "averagedLearningCurve: the number of runs must be positive, got \(runs)")
    var sums = [Double](repeating: 0, count: episodes)
    var tables: [QTable] = []
    for run in 0..<runs {
        var generator = Xoshiro256StarStar(seed: firstSeed &+ UInt64(run))
        let result = train(method, on: environment, episodes: episodes, settings: settings, generator: &generator)
        for (k, summary) in result.episodes.enumerated() { sums[k] += summary.totalReward }
        tables.append(result.q)
        afterRun?(run + 1)
    }
    return AveragedLearningCurve(meanTotalRewards: sums.map { $0 / Double(runs) }, tables: tables,
                                 firstSeed: firstSeed)
}

/// The mean of each window of `width` consecutive values ending at each position (shorter at the
/// start): the smoothing of a learning curve. Stops unless `width` is positive.
public func movingAverage(_ values: [Double], width: Int) -> [Double] {
    require(width > 0, "movingAverage: the window width must be positive, got \(width)")
    var result: [Double] = []
    result.reserveCapacity(values.count)
    var windowSum = 0.0
    for (index, value) in values.enumerated() {
        windowSum += value
        if index >= width { windowSum -= values[index - width] }
        result.append(windowSum / Double(min(index + 1, width)))
    }
    return result
}

func requireShape(_ q: QTable, _ environment: some Environment, _ caller: String) {
    require(q.stateCount == environment.stateCount && q.actionCount == environment.actionCount,
            "\(caller): the table has \(q.stateCount) states x \(q.actionCount) actions, the environment "
                + "\(environment.stateCount) x \(environment.actionCount)")
}
