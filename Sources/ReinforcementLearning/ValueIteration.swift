// ValueIteration.swift: the exact oracle Q-learning is checked against, for environments whose
// probabilities are known. Bellman's optimality equation in its expected form, Sutton & Barto
// (2nd ed.) Eq. (3.19), Eq. (3.20) and value iteration, Sec. 4.4, Eq. (4.10); DL Padova "Q-Learning"
// ("Bellman's equation") prints the deterministic special case (erratum E-RL-2).
// Goals, in order: exact values (Double, changes below 1e-12); a finite-horizon variant that is
// exactly the optimum under a step limit; readable.

/// Q(s, a) = sum over outcomes of p * (r + gamma V(s')), with V = 0 at terminal states: the value of
/// taking `a` in `s` and then following the values `stateValues` (a one-step look-ahead).
///
/// With V = V* this is Q*, and V*(s) = max_a Q*(s, a) is Bellman's optimality equation
/// (Sutton & Barto Eq. (3.20)). Rows of terminal states are 0.
/// Stops when gamma is outside [0, 1] or there is not one value per state.
import Core

public func lookAheadActionValues<E: Environment>(on environment: E, stateValues: [Double],
                                                  discount gamma: Double) -> QTable {
    requireDiscount(gamma, "lookAheadActionValues")
    require(stateValues.count == environment.stateCount,
            "lookAheadActionValues: \(stateValues.count) values for \(environment.stateCount) states")
    var q = QTable(for: environment)
    for state in 0..<environment.stateCount where !environment.isTerminal(state) {
        for action in 0..<environment.actionCount {
            var value = 0.0
            for outcome in environment.outcomes(of: action, in: state) {
                let next = environment.isTerminal(outcome.nextState) ? 0 : stateValues[outcome.nextState]
                value += outcome.probability * (outcome.reward + gamma * next)
            }
            q[state, action] = value
        }
    }
    return q
}

/// The result of value iteration: V, Q, the greedy policy, and how many sweeps it took.
public struct ValueIterationResult: Sendable {
    /// V(s) = max_a Q(s, a) (for `epsilonSoftValueIteration`, (1 - epsilon) max + epsilon mean); 0 at terminal states.
    public var stateValues: [Double]
    /// Q(s, a), one look-ahead from `stateValues`.
    public var actionValues: QTable
    /// The number of sweeps made.
    public var sweeps: Int
    /// Whether the largest change of the last sweep was at most the tolerance (always true for a horizon).
    public var converged: Bool

    /// The greedy policy argmax_a Q(s, a), ties to the lowest action (`QTable.greedyAction`).
    public var greedyPolicy: [Int] { actionValues.greedyPolicy }
}

/// Value iteration to convergence: V_(k+1)(s) = max_a sum p (r + gamma V_k(s')) from V_0 = 0, until no
/// value changes by more than `tolerance` (Sutton & Barto Sec. 4.4, Eq. (4.10)). The result is V* and Q*.
///
/// Every sweep uses the previous sweep's values only (a synchronous, "Jacobi" sweep), so that sweep k
/// has a meaning of its own (see `valueIteration(on:discount:horizon:)`).
/// With gamma = 1 it converges when every policy the optimum needs ends its episodes; on the frozen
/// lake V*(s) is then the best probability of ever reaching the goal from s.
/// Stops when gamma is outside [0, 1] or the tolerance or the sweep limit is not positive.
public func valueIteration<E: Environment>(on environment: E, discount gamma: Double, tolerance: Double = 1e-12,
                                           maximumSweeps: Int = 1_000_000) -> ValueIterationResult {
    requireDiscount(gamma, "valueIteration")
    require(tolerance > 0, "valueIteration: the tolerance must be positive, got \(tolerance)")
    require(maximumSweeps > 0, "valueIteration: the number of sweeps must be positive, got \(maximumSweeps)")
    var values = [Double](repeating: 0, count: environment.stateCount)
    var q = QTable(for: environment)
    for sweep in 1...maximumSweeps {
        q = lookAheadActionValues(on: environment, stateValues: values, discount: gamma)
        let newValues = (0..<environment.stateCount).map { environment.isTerminal($0) ? 0 : q.maximum(in: $0) }
        let change = zip(newValues, values).map { abs($0 - $1) }.max() ?? 0
        values = newValues
        if change <= tolerance {
            q = lookAheadActionValues(on: environment, stateValues: values, discount: gamma)
            return ValueIterationResult(stateValues: values, actionValues: q, sweeps: sweep, converged: true)
        }
    }
    return ValueIterationResult(stateValues: values, actionValues: q, sweeps: maximumSweeps, converged: false)
}

/// Exactly `horizon` sweeps of value iteration from V_0 = 0. Sweep k computes the best expected return
/// when at most k steps remain, so V_H(start) is the optimum under a step limit of H; with H = 100 on
/// the frozen lake, the limit of Gym's FrozenLake-v1. (The best policy under a limit may depend on
/// the steps left; its value is still V_H.)
/// `actionValues` is then Q_H(s, a): take a, then act optimally for the H - 1 steps left.
/// Stops when gamma is outside [0, 1] or the horizon is not positive.
public func valueIteration<E: Environment>(on environment: E, discount gamma: Double,
                                           horizon: Int) -> ValueIterationResult {
    requireDiscount(gamma, "valueIteration")
    require(horizon > 0, "valueIteration: the horizon must be positive, got \(horizon)")
    var values = [Double](repeating: 0, count: environment.stateCount)
    var q = QTable(for: environment)
    for _ in 1...horizon {
        q = lookAheadActionValues(on: environment, stateValues: values, discount: gamma)
        values = (0..<environment.stateCount).map { environment.isTerminal($0) ? 0 : q.maximum(in: $0) }
    }
    return ValueIterationResult(stateValues: values, actionValues: q, sweeps: horizon, converged: true)
}

/// The best an agent that explores epsilon-greedily can do: value iteration for an agent whose chosen
/// action is replaced, with probability epsilon, by one drawn uniformly at random:
///
///     Q(s, a) <- sum p (r + gamma V(s')),   V(s') = (1 - epsilon) max_a' Q(s', a') + epsilon mean_a' Q(s', a'),
///
/// from Q = 0 until no entry changes by more than `tolerance`. The epsilon-greedy policy of the result
/// is the best epsilon-soft policy (Sutton & Barto Sec. 5.4), the one Sarsa with a fixed epsilon aims
/// at; epsilon = 0 is plain value iteration. On cliff walking with epsilon = 0.1 it keeps one row away
/// from the cliff edge and earns -20.71 from S, while the epsilon-greedy policy around Q* (the edge
/// path Q-learning learns) earns -50.80.
/// Stops when gamma or epsilon is outside [0, 1] or the tolerance or the sweep limit is not positive.
public func epsilonSoftValueIteration<E: Environment>(on environment: E, discount gamma: Double, epsilon: Double,
                                                      tolerance: Double = 1e-12,
                                                      maximumSweeps: Int = 1_000_000) -> ValueIterationResult {
    requireDiscount(gamma, "epsilonSoftValueIteration")
    requireExploration(epsilon, "epsilonSoftValueIteration")
    require(tolerance > 0, "epsilonSoftValueIteration: the tolerance must be positive, got \(tolerance)")
    require(maximumSweeps > 0, "epsilonSoftValueIteration: the number of sweeps must be positive, got \(maximumSweeps)")
    var q = QTable(for: environment)
    var values = [Double](repeating: 0, count: environment.stateCount)
    for sweep in 1...maximumSweeps {
        values = (0..<environment.stateCount).map { state in
            if environment.isTerminal(state) { return 0 }
            let mean = (0..<environment.actionCount).reduce(0) { $0 + q[state, $1] } / Double(environment.actionCount)
            return (1 - epsilon) * q.maximum(in: state) + epsilon * mean
        }
        let next = lookAheadActionValues(on: environment, stateValues: values, discount: gamma)
        let change = next.largestDifference(from: q)
        q = next
        if change <= tolerance {
            return ValueIterationResult(stateValues: values, actionValues: q, sweeps: sweep, converged: true)
        }
    }
    return ValueIterationResult(stateValues: values, actionValues: q, sweeps: maximumSweeps, converged: false)
}
