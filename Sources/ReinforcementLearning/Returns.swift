// Returns.swift: episodes and their discounted returns.
// DL Padova "Reinforcement learning" (the objective sum_t gamma^t r_(t+1)) and
// "Reinforcement Learning" (the episode, R_t as a sum and as a recursion); E-13.
// Goals, in order: the two forms of the notes, side by side, giving the same numbers; indices that
// match the notes (rewards start at r_1); readable.

/// One episode (a "game"), DL Padova "Reinforcement Learning" ("an episode(or game)"):
///
///     s_0, a_0, r_1, s_1, a_1, r_2, s_2, ..., s_(n-1), a_(n-1), r_n, s_n
///
/// Action a_(t-1) taken in state s_(t-1) earns reward r_t and leads to s_t. So an episode of n
/// steps has n + 1 states, n actions and n rewards.
///
/// ```swift
/// let episode = Episode(states: [0, 1, 2, 3], actions: [1, 1, 1], rewards: [1, 0, 2])
/// print(episode.discountedReturn(discount: 0.9))   // 2.62 = 1 + 0.9 * 0 + 0.81 * 2
/// ```
///
/// Swift arrays count from 0, the notes' rewards from 1: `rewards[0]` is r_1, `rewards[t - 1]` is r_t.
import Core

public struct Episode: Equatable, Sendable {
    /// s_0 ... s_n, n + 1 states.
    public var states: [Int]
    /// a_0 ... a_(n-1), n actions.
    public var actions: [Int]
    /// r_1 ... r_n, n rewards.
    public var rewards: [Double]

    /// Stops unless there is one more state than actions and as many rewards as actions.
    public init(states: [Int], actions: [Int], rewards: [Double]) {
        require(states.count == actions.count + 1 && rewards.count == actions.count,
                "Episode: n actions need n + 1 states and n rewards, got \(states.count) states, "
                    + "\(actions.count) actions and \(rewards.count) rewards")
        self.states = states
        self.actions = actions
        self.rewards = rewards
    }

    /// An episode that has only its first state so far.
    public init(start: Int) {
        self.init(states: [start], actions: [], rewards: [])
    }

    /// n, the number of steps (actions) taken.
    public var length: Int { actions.count }

    /// Appends one step: action a_t taken in the last state, its reward r_(t+1) and next state s_(t+1).
    public mutating func append(action: Int, reward: Double, nextState: Int) {
        actions.append(action)
        rewards.append(reward)
        states.append(nextState)
    }

    /// R_1 = sum_(i=1)^(n) gamma^(i-1) r_i, the discounted return of the whole episode.
    public func discountedReturn(discount gamma: Double) -> Double {
        ReinforcementLearning.discountedReturn(rewards, discount: gamma)
    }
}

/// R_t = sum_(i=t)^(n) gamma^(i-t) r_i, the sum form of the discounted return
/// (DL Padova "Reinforcement Learning"; E-13).
///
/// `rewards` is (r_1, ..., r_n) and `t` counts as the notes do, from 1; t = n + 1 gives the empty sum 0.
/// The notes print the upper limit as n + t; the rewards stop at r_n, so the sum stops there too
/// (E-13). For rewards (1, 0, 2) and gamma = 0.9, R_1 = 1 + 0 + 0.81 * 2 = 2.62.
///
/// Stops when gamma is outside [0, 1] or t is outside 1...n + 1.
public func discountedReturn(_ rewards: [Double], from t: Int = 1, discount gamma: Double) -> Double {
    requireDiscount(gamma, "discountedReturn")
    require(t >= 1 && t <= rewards.count + 1,
            "discountedReturn: t counts rewards from 1 and must lie in 1...\(rewards.count + 1), got \(t)")
    var sum = 0.0
    var weight = 1.0                        // gamma^(i - t)
    for i in stride(from: t, through: rewards.count, by: 1) {   // empty when t = n + 1
        sum += weight * rewards[i - 1]      // r_i is rewards[i - 1]
        weight *= gamma
    }
    return sum
}

/// (R_1, ..., R_n) by the recursion R_t = r_t + gamma R_(t+1), with R_(n+1) = 0
/// (DL Padova "Reinforcement Learning", "We can also define it recursively").
///
/// One backward pass from the last reward gives every return at the cost of n multiply-adds; the sum
/// form would cost n^2 / 2. Element t - 1 of the result is R_t. Stops when gamma is outside [0, 1].
public func discountedReturns(_ rewards: [Double], discount gamma: Double) -> [Double] {
    requireDiscount(gamma, "discountedReturns")
    var returns = [Double](repeating: 0, count: rewards.count)
    var next = 0.0                          // R_(n+1) = 0: nothing is earned after the episode ends
    for t in stride(from: rewards.count, through: 1, by: -1) {
        next = rewards[t - 1] + gamma * next
        returns[t - 1] = next
    }
    return returns
}
