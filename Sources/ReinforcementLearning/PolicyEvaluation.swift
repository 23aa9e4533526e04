// PolicyEvaluation.swift: the exact value of a fixed policy, and episodes played by it.
// Sutton & Barto (2nd ed.) Sec. 4.1, Eq. (4.4): v_pi(s) = sum p (r + gamma v_pi(s')), a linear
// system in the values; DL Padova "Reinforcement Learning" L710 (an episode).
// Goals, in order: exact (a linear solve in Double, not a simulation), also with gamma = 1 for
// policies that may never end; a finite-horizon variant for step limits; readable.

import Core

/// v_pi for a deterministic policy (one action per state), solved exactly from the Bellman
/// expectation equation (Sutton & Barto Eq. 4.4) as the linear system
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
    requireDiscount(gamma, "evaluatePolicy")
    let n = environment.stateCount
    let endsSomewhere = statesThatCanEnd(following: policy, on: environment)
    // The unknowns: non-terminal states, except (for gamma = 1) those that can never end.
    let unknowns = (0..<n).filter { !environment.isTerminal($0) && (gamma < 1 || endsSomewhere[$0]) }
    for state in 0..<n where !environment.isTerminal(state) && !unknowns.contains(state) {
        require(environment.outcomes(of: policy[state], in: state).allSatisfy { $0.reward == 0 },
                "evaluatePolicy: with gamma = 1 the policy never ends from state \(state) and earns rewards there: its value is infinite")
    }
    guard !unknowns.isEmpty else { return [Double](repeating: 0, count: n) }

    var index = [Int](repeating: -1, count: n)          // state -> row of the system
    for (row, state) in unknowns.enumerated() { index[state] = row }
    var matrix = DoubleMatrix(size: unknowns.count, entries: [Double](repeating: 0, count: unknowns.count * unknowns.count))
    var rightHandSide = [Double](repeating: 0, count: unknowns.count)
    for (row, state) in unknowns.enumerated() {
        matrix[row, row] += 1
        for outcome in environment.outcomes(of: policy[state], in: state) {
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
    var values = [Double](repeating: 0, count: environment.stateCount)
    for _ in 1...horizon {
        values = (0..<environment.stateCount).map { state in
            if environment.isTerminal(state) { return 0 }
            return environment.outcomes(of: policy[state], in: state).reduce(0) { sum, outcome in
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
    let n = environment.stateCount
    var predecessors = [[Int]](repeating: [], count: n)
    for state in 0..<n where !environment.isTerminal(state) {
        for outcome in environment.outcomes(of: policy[state], in: state) where outcome.probability > 0 {
            predecessors[outcome.nextState].append(state)
        }
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
