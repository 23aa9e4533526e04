// Exercise 50: Q-learning's episode loop on Sutton & Barto's cliff walking.
// Practises DL Padova "Q-Learning" (the greedy policy, Bellman's equation and the update with a
// learning rate, E-14) and
// "Reinforcement Learning" (an episode s_0, a_0, r_1, s_1, ...), with the exploration of
// Sutton & Barto Sec. 2.2 (epsilon-greedy) on their Example 6.6.
// See it running: `swift run q-learning` (Q-learning against Sarsa on this cliff, Figure 6.4).
// Check: swift run --package-path Exercises exercises 50
// Hints, one at a time: swift run --package-path Exercises exercises --hint 50
//
// `CliffWalk` below is complete: use it, do not change it. Write three functions:
//   1. `epsilonGreedy`: with probability epsilon a uniformly random action (drawn from `generator`),
//      otherwise the action with the largest Q(s, a) (the first such action on ties).
//   2. `qLearningEpisode`: from the start state until the goal (or `stepLimit` steps): choose an action
//      epsilon-greedily, take it, update Q(s, a) toward Bellman's target (the target is just r when s'
//      is the goal: nothing comes after), move on. Return the sum of the rewards and the number of steps.
//   3. `trainQLearning`: Q = 0 everywhere, one generator made from `seed`, `episodes` episodes in a row;
//      return Q and each episode's sum of rewards.

import Core

/// Sutton & Barto's Example 6.6: a 4 x 12 grid, states row * 12 + column, S = 36 (bottom left),
/// G = 47 (bottom right), the cliff 37...46 between them. Actions 0 up, 1 right, 2 down, 3 left; a move
/// into the wall stays. Every step earns -1; a step into the cliff earns -100 and returns to S (the
/// episode goes on); reaching G ends the episode.
public struct CliffWalk: Sendable {
    public let rows = 4, columns = 12, actionCount = 4
    public let startState = 36, goalState = 47
    public init() {}
    public var stateCount: Int { rows * columns }

    /// One step: the reward and the next state.
    public func step(from state: Int, taking action: Int) -> (reward: Double, nextState: Int) {
        let (row, column) = (state / columns, state % columns)
        let (dr, dc) = [(-1, 0), (0, 1), (1, 0), (0, -1)][action]
        let (newRow, newColumn) = (min(max(row + dr, 0), rows - 1), min(max(column + dc, 0), columns - 1))
        let next = newRow * columns + newColumn
        if newRow == rows - 1 && newColumn > 0 && newColumn < columns - 1 { return (-100, startState) }
        return (-1, next)
    }
}

/// Epsilon-greedy: explore with probability epsilon, else the greedy action (the first on ties).
public func epsilonGreedy(q: [[Double]], state: Int, epsilon: Double, generator: inout Xoshiro256StarStar) -> Int {
    if generator.uniformDouble() < epsilon { return generator.uniformInt(below: q[state].count) }
    return q[state].indices.max { q[state][$0] < q[state][$1] || (q[state][$0] == q[state][$1] && $0 > $1) }!
}

/// One episode of Q-learning from S, updating `q` after every step.
/// - Returns: the sum of the rewards (gamma = 1 here, as in Sutton & Barto) and the number of steps.
public func qLearningEpisode(q: inout [[Double]], cliff: CliffWalk, learningRate alpha: Double, discount gamma: Double,
                             epsilon: Double, stepLimit: Int, generator: inout Xoshiro256StarStar)
    -> (totalReward: Double, steps: Int)
{
    var state = cliff.startState
    var (totalReward, steps) = (0.0, 0)
    while state != cliff.goalState && steps < stepLimit {
        let action = epsilonGreedy(q: q, state: state, epsilon: epsilon, generator: &generator)
        let (reward, next) = cliff.step(from: state, taking: action)
        let target = next == cliff.goalState ? reward : reward + gamma * q[next].max()!   // Bellman's target
        q[state][action] += alpha * (target - q[state][action])
        totalReward += reward
        steps += 1
        state = next
    }
    return (totalReward, steps)
}

/// `episodes` episodes of Q-learning from Q = 0 with one generator seeded by `seed`.
/// - Returns: Q (48 rows of 4) and the sum of the rewards of each episode, in order.
public func trainQLearning(episodes: Int, learningRate: Double, discount: Double, epsilon: Double,
                           stepLimit: Int, seed: UInt64) -> (q: [[Double]], returns: [Double]) {
    let cliff = CliffWalk()
    var generator = Xoshiro256StarStar(seed: seed)
    var q = [[Double]](repeating: [Double](repeating: 0, count: cliff.actionCount), count: cliff.stateCount)
    var returns: [Double] = []
    for _ in 0..<episodes {
        let (total, _) = qLearningEpisode(q: &q, cliff: cliff, learningRate: learningRate, discount: discount,
                                          epsilon: epsilon, stepLimit: stepLimit, generator: &generator)
        returns.append(total)
    }
    return (q, returns)
}
