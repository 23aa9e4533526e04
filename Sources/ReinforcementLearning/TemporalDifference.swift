// TemporalDifference.swift: the one-transition updates of Q-learning and Sarsa.
// DL Padova "Q-Learning": Q(s_t, a_t) = max R_(t+1), Bellman's equation
// Q(s_t, a_t) = r_(t+1) + gamma max_a Q(s_(t+1), a), and the learning rate alpha (alpha = 1 applies the
// equation; alpha < 1 moves toward it). The update itself is not printed in the notes
// (E-14); we use the standard one, Sutton & Barto (2nd ed.) Eq. (6.8), and Sarsa's Eq. (6.7).
// Goals, in order: each equation as one readable function; alpha = 1 gives Bellman's right-hand side
// exactly, in floating point too; every argument checked.

/// The right-hand side of Bellman's equation, r_(t+1) + gamma max_a Q(s_(t+1), a)
/// (DL Padova "Q-Learning", "Bellman's equation"), the target Q-learning moves Q(s_t, a_t) toward.
///
/// Nothing is earned after a terminal state, so when `nextIsTerminal` the target is r_(t+1) alone
/// (the table's row for a terminal state is never used). With Q = 0, r = 1, gamma = 0.9 and
/// max_a Q(s', a) = 2 the target is 2.8 (WORKED-NUMBERS.md 14.3).
///
/// On a stochastic environment (the frozen lake) the printed equation holds only on average over
/// the next state: Q*(s, a) = E[r + gamma max_a' Q*(s', a')] (erratum E-RL-2).
/// Stops when gamma is outside [0, 1] or `nextState` is not a state of the table.
import Core

public func bellmanTarget(reward: Double, nextState: Int, nextIsTerminal: Bool, q: QTable,
                          discount gamma: Double) -> Double {
    requireDiscount(gamma, "bellmanTarget")
    return nextIsTerminal ? reward : reward + gamma * q.maximum(in: nextState)
}

/// Sarsa's target r_(t+1) + gamma Q(s_(t+1), a_(t+1)) (Sutton & Barto Eq. (6.7)), where a_(t+1) is the
/// action the agent will actually take next, exploration included. The notes' step from Q(s_(t+1),
/// a_(t+1)) to max_a Q(s_(t+1), a) (DL Padova "Q-Learning": "The action at t+1 will be chosen with the
/// previous policy") is exactly what separates Q-learning from Sarsa (erratum E-RL-3).
///
/// Stops when gamma is outside [0, 1] or the next state or action is out of range.
public func sarsaTarget(reward: Double, nextState: Int, nextAction: Int, nextIsTerminal: Bool, q: QTable,
                        discount gamma: Double) -> Double {
    requireDiscount(gamma, "sarsaTarget")
    return nextIsTerminal ? reward : reward + gamma * q[nextState, nextAction]
}

/// Q <- (1 - alpha) Q + alpha target, the learning-rate update of DL Padova "Q-Learning" (the
/// algorithm of its "Slide 265"; E-14).
///
/// This is the same as Sutton & Barto's Q + alpha (target - Q). We write it this way round because
/// with alpha = 1 it gives `target` exactly (0 * Q + 1 * target), the notes' "alpha = 1 applies
/// Bellman's equation", whereas Q + 1 * (target - Q) can be off by one rounding.
/// With Q = 0 and target 2.8: alpha = 1 gives 2.8, alpha = 0.5 gives 1.4.
/// Stops unless alpha lies in (0, 1].
public func movedTowardTarget(_ current: Double, target: Double, learningRate alpha: Double) -> Double {
    requireLearningRate(alpha, "movedTowardTarget")
    return (1 - alpha) * current + alpha * target
}

extension QTable {
    /// One Q-learning update from the transition <s_t, a_t, r_(t+1), s_(t+1)> (DL Padova "Q-Learning"):
    ///
    ///     Q(s_t, a_t) <- (1 - alpha) Q(s_t, a_t) + alpha [r_(t+1) + gamma max_a Q(s_(t+1), a)]
    ///
    /// Stops when alpha is outside (0, 1], gamma outside [0, 1], or a state or action is out of range.
    public mutating func qLearningUpdate(state: Int, action: Int, reward: Double, nextState: Int,
                                         nextIsTerminal: Bool, learningRate alpha: Double, discount gamma: Double) {
        let target = bellmanTarget(reward: reward, nextState: nextState, nextIsTerminal: nextIsTerminal,
                                   q: self, discount: gamma)
        self[state, action] = movedTowardTarget(self[state, action], target: target, learningRate: alpha)
    }

    /// One Sarsa update from <s_t, a_t, r_(t+1), s_(t+1), a_(t+1)> (Sutton & Barto Eq. (6.7)):
    ///
    ///     Q(s_t, a_t) <- (1 - alpha) Q(s_t, a_t) + alpha [r_(t+1) + gamma Q(s_(t+1), a_(t+1))]
    ///
    /// Stops when alpha is outside (0, 1], gamma outside [0, 1], or a state or action is out of range.
    public mutating func sarsaUpdate(state: Int, action: Int, reward: Double, nextState: Int, nextAction: Int,
                                     nextIsTerminal: Bool, learningRate alpha: Double, discount gamma: Double) {
        let target = sarsaTarget(reward: reward, nextState: nextState, nextAction: nextAction,
                                 nextIsTerminal: nextIsTerminal, q: self, discount: gamma)
        self[state, action] = movedTowardTarget(self[state, action], target: target, learningRate: alpha)
    }
}

/// The step size alpha, discount gamma and exploration rate epsilon of a learning run, and a limit
/// on the steps of one episode.
public struct LearningSettings: Equatable, Sendable {
    /// alpha in (0, 1].
    public let learningRate: Double
    /// gamma in [0, 1].
    public let discount: Double
    /// epsilon in [0, 1], the probability of a random action.
    public let exploration: Double
    /// An episode is cut off after this many steps (the frozen lake's common limit is 100).
    public let stepLimit: Int

    /// Stops when alpha is outside (0, 1], gamma or epsilon outside [0, 1], or the step limit is not positive.
    public init(learningRate alpha: Double, discount gamma: Double, exploration epsilon: Double,
                stepLimit: Int = 1_000_000) {
        requireLearningRate(alpha, "LearningSettings")
        requireDiscount(gamma, "LearningSettings")
        requireExploration(epsilon, "LearningSettings")
        require(stepLimit > 0, "LearningSettings: the step limit must be positive, got \(stepLimit)")
        self.learningRate = alpha
        self.discount = gamma
        self.exploration = epsilon
        self.stepLimit = stepLimit
    }

    /// Sutton & Barto's cliff-walking settings (Example 6.6): alpha = 0.5, gamma = 1, epsilon = 0.1.
    public static let cliffWalking = LearningSettings(learningRate: 0.5, discount: 1, exploration: 0.1)
}
