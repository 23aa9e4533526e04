// PolicyEvaluation.swift: the exact value of a fixed policy, and episodes played by it.
// Sutton & Barto (2nd ed.) Sec. 4.1, Eq. (4.4): v_pi(s) = sum p (r + gamma v_pi(s')), a linear
// system in the values; DL Padova "Reinforcement Learning" (an episode).
// Goals, in order: exact (a linear solve in Double, not a simulation), also with gamma = 1 for
// policies that may never end; a finite-horizon variant for step limits; readable.

import Core

/// v_pi for a deterministic policy (one action per state), solved exactly from the Bellman
/// expectation equation (Sutton & Barto Eq. (4.4)) as the linear system
///
///     v(s) - gamma sum_(s') p(s' | s, pi(s)) v(s') = sum p(s' | s, pi(s)) r,   v = 0 at terminal states,
///
/// by Core's `solveLinearSystem`. On the frozen lake with gamma = 1, v_pi(s) is the probability
/// that the policy ever reaches the goal from s.
///
/// With gamma = 1 a policy may circle forever among states it never leaves (on the frozen lake,
/// "up" along the top row). The system is singular there; those states earn nothing, so their value
/// is 0 and the rest of the system is solved without them. Stops when such a never-ending loop earns
/// rewards (its value would be infinite), when gamma is outside [0, 1], or when the policy has an
/// action out of range.
public func evaluatePolicy<E: Environment>(_ policy: [Int], on environment: E, discount gamma: Double) -> [Double] {
    requirePolicy(policy, environment, "evaluatePolicy")
    return evaluatePolicy(actionProbabilities: oneHot(policy, environment), on: environment, discount: gamma)
}

/// v_pi for a stochastic policy, `actionProbabilities[s][a]` = pi(a | s): the same linear system with
/// p(s' | s) = sum_a pi(a | s) p(s' | s, a). For example the epsilon-greedy policy of a table
/// (`QTable.epsilonGreedyProbabilities`), whose value is what an exploring agent earns on average.
/// Stops as `evaluatePolicy(_:on:discount:)` does, and when a row is not a probability distribution.
public func evaluatePolicy<E: Environment>(actionProbabilities: [[Double]], on environment: E,
                                           discount gamma: Double) -> [Double] {
    requireDiscount(gamma, "evaluatePolicy")
    let step = outcomes(following: actionProbabilities, on: environment, "evaluatePolicy")
    let n = environment.stateCount
    let endsSomewhere = statesThatCanEnd(step, environment)
    // The unknowns: non-terminal states, except (for gamma = 1) those that can never end.
    let unknowns = (0..<n).filter { !environment.isTerminal($0) && (gamma < 1 || endsSomewhere[$0]) }
    var index = [Int](repeating: -1, count: n)          // state -> row of the system; -1: value 0
    for (row, state) in unknowns.enumerated() { index[state] = row }
    for state in 0..<n where !environment.isTerminal(state) && index[state] < 0 {
        require(step[state].allSatisfy { $0.reward == 0 },
                "evaluatePolicy: with gamma = 1 the policy never ends from state \(state) and earns rewards there: its value is infinite")
    }
    guard !unknowns.isEmpty else { return [Double](repeating: 0, count: n) }

    var matrix = DoubleMatrix(size: unknowns.count, entries: [Double](repeating: 0, count: unknowns.count * unknowns.count))
    var rightHandSide = [Double](repeating: 0, count: unknowns.count)
    for (row, state) in unknowns.enumerated() {
        matrix[row, row] += 1
        for outcome in step[state] {
            rightHandSide[row] += outcome.probability * outcome.reward
            let column = index[outcome.nextState]        // -1: terminal or never-ending, value 0
            if column >= 0 { matrix[row, column] -= gamma * outcome.probability }
        }
    }
    let solution: [Double]
    do {
        solution = try solveLinearSystem(matrix, rightHandSide)
    } catch {
        fatalError("evaluatePolicy: the Bellman system is singular although every unknown state can end: \(error)")
    }
    var values = [Double](repeating: 0, count: n)
    for (row, state) in unknowns.enumerated() { values[state] = solution[row] }
    return values
}

/// v_pi when at most `horizon` steps are left (an episode is cut off after them): `horizon` sweeps of
/// v_(k+1)(s) = sum p (r + gamma v_k(s')) from v_0 = 0. On the frozen lake with gamma = 1 and
/// horizon 100, v(start) is the probability of reaching the goal within Gym's 100-step limit.
/// Stops when gamma is outside [0, 1], the horizon is not positive, or an action is out of range.
public func evaluatePolicy<E: Environment>(_ policy: [Int], on environment: E, discount gamma: Double,
                                           horizon: Int) -> [Double] {
    requirePolicy(policy, environment, "evaluatePolicy")
    requireDiscount(gamma, "evaluatePolicy")
    require(horizon > 0, "evaluatePolicy: the horizon must be positive, got \(horizon)")
    let step = outcomes(following: oneHot(policy, environment), on: environment, "evaluatePolicy")
    var values = [Double](repeating: 0, count: environment.stateCount)
    for _ in 1...horizon {
        values = step.map { outcomes in
            outcomes.reduce(0) { sum, outcome in
                let next = environment.isTerminal(outcome.nextState) ? 0 : values[outcome.nextState]
                return sum + outcome.probability * (outcome.reward + gamma * next)
            }
        }
    }
    return values
}

/// Which states can reach a terminal state with positive probability when following `policy`
/// (a search backwards from the terminal states along transitions of positive probability).
public func statesThatCanEnd<E: Environment>(following policy: [Int], on environment: E) -> [Bool] {
    requirePolicy(policy, environment, "statesThatCanEnd")
    return statesThatCanEnd(outcomes(following: oneHot(policy, environment), on: environment, "statesThatCanEnd"),
                            environment)
}

func statesThatCanEnd(_ step: [[Outcome]], _ environment: some Environment) -> [Bool] {
    let n = environment.stateCount
    var predecessors = [[Int]](repeating: [], count: n)
    for state in 0..<n {
        for outcome in step[state] where outcome.probability > 0 { predecessors[outcome.nextState].append(state) }
    }
    var canEnd = (0..<n).map(environment.isTerminal)
    var frontier = (0..<n).filter(environment.isTerminal)
    while let state = frontier.popLast() {
        for previous in predecessors[state] where !canEnd[previous] {
            canEnd[previous] = true
            frontier.append(previous)
        }
    }
    return canEnd
}

/// The outcomes of one step from each state when actions are drawn from `actionProbabilities`:
/// every outcome of every action a, its probability multiplied by pi(a | s). Terminal states have none.
func outcomes(following actionProbabilities: [[Double]], on environment: some Environment, _ caller: String) -> [[Outcome]] {
    require(actionProbabilities.count == environment.stateCount,
            "\(caller): the policy has \(actionProbabilities.count) rows for \(environment.stateCount) states")
    return actionProbabilities.enumerated().map { state, row in
        if environment.isTerminal(state) { return [] }
        require(row.count == environment.actionCount && row.allSatisfy { $0 >= 0 } && abs(row.reduce(0, +) - 1) < 1e-9,
                "\(caller): the action probabilities of state \(state) must be \(environment.actionCount) numbers >= 0 adding up to 1, got \(row)")
        return row.enumerated().flatMap { action, chance in
            chance == 0 ? [] : environment.outcomes(of: action, in: state).map {
                Outcome(probability: chance * $0.probability, reward: $0.reward, nextState: $0.nextState)
            }
        }
    }
}

/// The deterministic policy as probabilities: 1 for its action, 0 for the others.
func oneHot(_ policy: [Int], _ environment: some Environment) -> [[Double]] {
    policy.enumerated().map { state, action in
        (0..<environment.actionCount).map { environment.isTerminal(state) || $0 != action ? 0 : 1 }
    }
}

/// Plays one episode from the start state, taking `policy[s]` in every state s and sampling each
/// step, until a terminal state or `stepLimit` steps. On a deterministic environment no random
/// number is drawn. Stops when the policy does not fit the environment or the limit is not positive.
public func playEpisode<E: Environment>(following policy: [Int], on environment: E, stepLimit: Int,
                                        generator: inout Xoshiro256StarStar) -> Episode {
    requirePolicy(policy, environment, "playEpisode")
    require(stepLimit > 0, "playEpisode: the step limit must be positive, got \(stepLimit)")
    var episode = Episode(start: environment.startState)
    var state = environment.startState
    while !environment.isTerminal(state) && episode.length < stepLimit {
        let (reward, next) = environment.step(from: state, taking: policy[state], generator: &generator)
        episode.append(action: policy[state], reward: reward, nextState: next)
        state = next
    }
    return episode
}

/// The episode a policy plays on a deterministic environment (e.g. the greedy path on cliff walking).
/// Stops when the environment is not deterministic.
public func playEpisode<E: Environment>(following policy: [Int], on environment: E, stepLimit: Int) -> Episode {
    require(environment.isDeterministic, "playEpisode: without a generator the environment must be deterministic")
    var unused = Xoshiro256StarStar(seed: 0)                // a deterministic step draws nothing
    return playEpisode(following: policy, on: environment, stepLimit: stepLimit, generator: &unused)
}

func requirePolicy(_ policy: [Int], _ environment: some Environment, _ caller: String) {
    require(policy.count == environment.stateCount,
            "\(caller): the policy has \(policy.count) actions for \(environment.stateCount) states")
    for (state, action) in policy.enumerated() where !environment.isTerminal(state) {
        require(action >= 0 && action < environment.actionCount,
                "\(caller): the policy's action \(action) in state \(state) is out of range 0..<\(environment.actionCount)")
    }
}
