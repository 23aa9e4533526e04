// Tests of the exact oracle (ValueIteration.swift, PolicyEvaluation.swift): value iteration and
// policy evaluation, Sutton & Barto Secs. 4.1 and 4.4, on the chain, cliff walking and the frozen
// lake. The frozen-lake optima 14/17 and 0.7441902878 were also computed by an independent
// 20-line numpy value iteration (the map and slip rule of Gym's FrozenLake-v1).

import Foundation
import Testing
import Core
import ReinforcementLearning

/// Q* of the 5-cell chain with gamma = 0.9, in closed form: V*(s) = 0.9^(3 - s) for s = 0...3
/// (the goal is 4 - s steps away), Q*(s, right) = V*(s), Q*(s, up or down) = 0.9 V*(s),
/// Q*(s, left) = 0.9 V*(max(s - 1, 0)).
func chainOptimum() -> QTable {
    let gamma = 0.9
    let value = (0..<4).map { pow(gamma, Double(3 - $0)) }
    var q = QTable(stateCount: 5, actionCount: 4)
    for s in 0..<4 {
        q[s, right] = value[s]
        q[s, up] = gamma * value[s]
        q[s, down] = gamma * value[s]
        q[s, left] = gamma * value[max(s - 1, 0)]
    }
    return q
}

/// The 14 / 17 of the frozen lake: the best probability of ever reaching G from S.
let frozenLakeOptimum = 14.0 / 17.0
/// The best probability of reaching G within Gym's limit of 100 steps.
let frozenLakeOptimumWithin100Steps = 0.7441902878292672

@Suite("Value iteration and policy evaluation (Sutton & Barto Secs. 4.1, 4.4)")
struct PlanningTests {
    @Test("The chain: value iteration gives the closed-form Q* (gamma = 0.9)")
    func chainQStar() {
        let result = valueIteration(on: GridWorld.chain(length: 5), discount: 0.9)
        #expect(result.converged)
        #expect(result.actionValues.largestDifference(from: chainOptimum()) < 1e-12)
        #expect(result.greedyPolicy.prefix(4).allSatisfy { $0 == right })
    }

    @Test("Cliff walking: V*(S) = -13 (gamma = 1), the greedy path runs along the cliff edge in 13 steps")
    func cliffOptimum() {
        let cliff = CliffWalking()
        let result = valueIteration(on: cliff, discount: 1)
        #expect(result.converged)
        #expect(result.stateValues[cliff.startState] == -13)
        let path = playEpisode(following: result.greedyPolicy, on: cliff, stepLimit: 100)
        #expect(path.length == 13)
        #expect(path.discountedReturn(discount: 1) == -13)
        #expect(path.states == [36] + Array(24...35) + [47])
    }

    @Test("Frozen lake, no step limit: the best success probability from S is 14/17 = 0.8235294118 (gamma = 1)")
    func frozenLakeBestSuccess() {
        let lake = FrozenLake()
        let result = valueIteration(on: lake, discount: 1)
        #expect(result.converged)
        // Stopped when no value changed by more than 1e-12; the values are then within ~1e-10 of V*.
        #expect(isApproximatelyEqual(result.stateValues[lake.startState], frozenLakeOptimum, absoluteTolerance: 1e-9))
        // Its greedy policy, evaluated exactly by the linear system, achieves 14/17 to rounding.
        let exact = evaluatePolicy(result.greedyPolicy, on: lake, discount: 1)
        #expect(isApproximatelyEqual(exact[lake.startState], frozenLakeOptimum, relativeTolerance: 1e-12))
        #expect(lake.policyPicture(result.greedyPolicy) == "← ↑ ↑ ↑\n← H → H\n↑ ↓ ← H\nH → ↓ G")
    }

    @Test("Frozen lake, 100-step limit: the best success probability is 0.7441902878; the unlimited optimum's policy gets 0.7401648978")
    func frozenLakeStepLimit() {
        let lake = FrozenLake()
        let limited = valueIteration(on: lake, discount: 1, horizon: 100)
        #expect(isApproximatelyEqual(limited.stateValues[lake.startState], frozenLakeOptimumWithin100Steps, relativeTolerance: 1e-12))
        let stationary = valueIteration(on: lake, discount: 1).greedyPolicy
        let within100 = evaluatePolicy(stationary, on: lake, discount: 1, horizon: 100)[lake.startState]
        #expect(isApproximatelyEqual(within100, 0.7401648977587012, relativeTolerance: 1e-10))
        #expect(within100 < frozenLakeOptimumWithin100Steps)   // under a limit the best policy depends on the steps left
    }

    @Test("The exact value of a policy agrees with 20,000 simulated episodes (seed 8): frozen lake, gamma = 1")
    func exactAgainstSimulation() {
        let lake = FrozenLake()
        let policy = valueIteration(on: lake, discount: 1).greedyPolicy
        let exact = evaluatePolicy(policy, on: lake, discount: 1, horizon: 100)[lake.startState]
        var generator = Xoshiro256StarStar(seed: 8)
        let episodes = 20_000
        var successes = 0
        for _ in 0..<episodes {
            let episode = playEpisode(following: policy, on: lake, stepLimit: 100, generator: &generator)
            if episode.discountedReturn(discount: 1) == 1 { successes += 1 }
        }
        // Binomial standard deviation sqrt(p (1 - p) / n) = 0.0031: 0.016 is 5 sigma.
        #expect(abs(Double(successes) / Double(episodes) - exact) < 0.016, "\(successes) of \(episodes) against \(exact)")
    }

    @Test("gamma = 1 and a policy that never ends: 'up' everywhere circles in the top row, value 0, not a singular system")
    func neverEndingPolicy() {
        let lake = FrozenLake()
        let allUp = [Int](repeating: up, count: 16)
        let canEnd = statesThatCanEnd(following: allUp, on: lake)
        #expect(!canEnd[0] && !canEnd[3] && canEnd[4])
        let values = evaluatePolicy(allUp, on: lake, discount: 1)
        #expect(values[0] == 0 && values[3] == 0)
        // From 14, "up" slips right into G with probability 1/3 and otherwise never gets anywhere better.
        #expect(values[14] > 0.3)
        // The same values by 5,000 sweeps of the Bellman expectation equation.
        let swept = evaluatePolicy(allUp, on: lake, discount: 1, horizon: 5_000)
        #expect(isApproximatelyEqual(values, swept, relativeTolerance: 1e-9, absoluteTolerance: 1e-12))
    }

    @Test("A stochastic policy: uniformly random moves on the chain, evaluated exactly, agree with the Bellman expectation equation")
    func randomPolicy() {
        let chain = GridWorld.chain(length: 5)
        let uniform = [[Double]](repeating: [0.25, 0.25, 0.25, 0.25], count: 5)
        let values = evaluatePolicy(actionProbabilities: uniform, on: chain, discount: 0.9)
        let lookAhead = lookAheadActionValues(on: chain, stateValues: values, discount: 0.9)
        for state in 0..<4 {
            let expected = (0..<4).reduce(0.0) { $0 + 0.25 * lookAhead[state, $1] }
            #expect(isApproximatelyEqual(values[state], expected, relativeTolerance: 1e-12), "state \(state)")
        }
        // epsilon = 1 makes any table's epsilon-greedy policy the uniform one.
        #expect(QTable(for: chain).epsilonGreedyProbabilities(epsilon: 1) == uniform)
        // With gamma = 1 a random walker reaches G for sure.
        #expect(isApproximatelyEqual(evaluatePolicy(actionProbabilities: uniform, on: chain, discount: 1)[0], 1,
                                     relativeTolerance: 1e-12))
    }

    @Test("Policy evaluation with gamma < 1 equals the look-ahead of its own values (Eq. (4.4)), cliff walking gamma = 0.9")
    func bellmanExpectationEquation() {
        let cliff = CliffWalking()
        let policy = [Int](repeating: right, count: 48).enumerated().map { $0.offset % 12 == 11 ? down : $0.element }
        let values = evaluatePolicy(policy, on: cliff, discount: 0.9)
        let lookAhead = lookAheadActionValues(on: cliff, stateValues: values, discount: 0.9)
        for state in 0..<48 where !cliff.isTerminal(state) {
            #expect(isApproximatelyEqual(values[state], lookAhead[state, policy[state]], relativeTolerance: 1e-12), "state \(state)")
        }
        // From S, "right" walks into the cliff forever: -100 (1 + 0.9 + 0.81 + ...) = -1000.
        #expect(isApproximatelyEqual(values[cliff.startState], -1000, relativeTolerance: 1e-12))
    }
}
