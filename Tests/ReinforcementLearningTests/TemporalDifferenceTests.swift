// Tests of the one-transition updates (TemporalDifference.swift) and of epsilon-greedy selection
// (QTable.swift): DL Padova "Q-Learning", E-14 and Sec. 14.3; Sutton & Barto
// Eq. (6.7), Eq. (6.8).

import Testing
import Core
import ReinforcementLearning

/// A table of 2 states x 3 actions with Q(1, .) = (0.5, 2, -1), so max_a Q(1, a) = 2 (Sec. 14.3).
func handTable() -> QTable {
    var q = QTable(stateCount: 2, actionCount: 3)
    (q[1, 0], q[1, 1], q[1, 2]) = (0.5, 2, -1)
    return q
}

@Suite("One Q-learning update (DL Padova, Q-Learning)")
struct TemporalDifferenceTests {
    @Test("Sec. 14.3: Q = 0, r = 1, gamma = 0.9, max Q' = 2: Bellman's target is 2.8; alpha = 1 gives 2.8, alpha = 0.5 gives 1.4")
    func oneUpdateByHand() {
        let q = handTable()
        #expect(isApproximatelyEqual(bellmanTarget(reward: 1, nextState: 1, nextIsTerminal: false, q: q, discount: 0.9), 2.8))
        for (alpha, expected) in [(1.0, 2.8), (0.5, 1.4)] {
            var updated = q
            updated.qLearningUpdate(state: 0, action: 2, reward: 1, nextState: 1, nextIsTerminal: false,
                                    learningRate: alpha, discount: 0.9)
            #expect(isApproximatelyEqual(updated[0, 2], expected), "alpha = \(alpha)")
            #expect(updated[0, 0] == 0 && updated[0, 1] == 0 && updated[1, 1] == 2, "only Q(s_t, a_t) changes")
        }
    }

    @Test("E-14: alpha = 1 applies Bellman's equation exactly, Q(s, a) = r + gamma max_a' Q(s', a') (seed 5, 200 random tables)")
    func alphaOneIsBellman() {
        var generator = Xoshiro256StarStar(seed: 5)
        for trial in 0..<200 {
            var q = QTable(stateCount: 4, actionCount: 3)
            for s in 0..<4 { for a in 0..<3 { q[s, a] = generator.normalDouble(mean: 0, standardDeviation: 10) } }
            let (s, a, next) = (generator.uniformInt(below: 4), generator.uniformInt(below: 3), generator.uniformInt(below: 4))
            let (reward, gamma) = (generator.normalDouble(), generator.uniformDouble())
            let bellman = reward + gamma * max(q[next, 0], q[next, 1], q[next, 2])
            q.qLearningUpdate(state: s, action: a, reward: reward, nextState: next, nextIsTerminal: false,
                              learningRate: 1, discount: gamma)
            #expect(q[s, a] == bellman, "trial \(trial): bit for bit, not just approximately")
        }
    }

    @Test("alpha < 1 moves Q a fraction alpha of the way: Q + alpha (target - Q)")
    func partialStep() {
        #expect(movedTowardTarget(10, target: 20, learningRate: 0.25) == 12.5)
        #expect(isApproximatelyEqual(movedTowardTarget(-3, target: 1, learningRate: 0.1), -3 + 0.1 * 4))
    }

    @Test("Nothing follows a terminal state: the target is the reward alone")
    func terminalTarget() {
        let q = handTable()
        #expect(bellmanTarget(reward: 1, nextState: 1, nextIsTerminal: true, q: q, discount: 0.9) == 1)
        #expect(sarsaTarget(reward: -1, nextState: 1, nextAction: 1, nextIsTerminal: true, q: q, discount: 1) == -1)
    }

    @Test("E-RL-3: Sarsa's target uses the action actually taken next, Q-learning's the best one")
    func sarsaAgainstQLearning() {
        var sarsa = handTable()
        var qLearning = handTable()
        // The agent explores: next action 2 (Q = -1) instead of the greedy action 1 (Q = 2).
        sarsa.sarsaUpdate(state: 0, action: 0, reward: 1, nextState: 1, nextAction: 2, nextIsTerminal: false,
                          learningRate: 1, discount: 0.9)
        qLearning.qLearningUpdate(state: 0, action: 0, reward: 1, nextState: 1, nextIsTerminal: false,
                                  learningRate: 1, discount: 0.9)
        #expect(isApproximatelyEqual(sarsa[0, 0], 1 - 0.9))        // r + gamma Q(s', a') = 1 + 0.9 * (-1)
        #expect(isApproximatelyEqual(qLearning[0, 0], 2.8))       // r + gamma max_a Q(s', a) = 1 + 0.9 * 2
    }
}

@Suite("Greedy and epsilon-greedy actions (DL Padova, Q-Learning; Sutton & Barto Sec. 2.2)")
struct ActionSelectionTests {
    @Test("a* = argmax_a Q(s, a); ties go to the lowest action")
    func greedy() {
        let q = handTable()
        #expect(q.greedyAction(in: 1) == 1)
        #expect(q.maximum(in: 1) == 2)
        #expect(q.greedyAction(in: 0) == 0)                     // all zero: the lowest action
        #expect(q.greedyPolicy == [0, 1])
        #expect(q.stateValues == [0, 2])
    }

    @Test("epsilon = 0 always picks the greedy action; ties are broken uniformly (seed 3, 30,000 draws)")
    func epsilonZero() {
        var generator = Xoshiro256StarStar(seed: 3)
        let q = handTable()
        #expect((0..<1_000).allSatisfy { _ in q.epsilonGreedyAction(in: 1, epsilon: 0, generator: &generator) == 1 })
        var counts = [0, 0, 0]
        for _ in 0..<30_000 { counts[q.epsilonGreedyAction(in: 0, epsilon: 0, generator: &generator)] += 1 }
        // Each count is Binomial(30000, 1/3): standard deviation 82, so +-400 is about 5 sigma.
        #expect(counts.allSatisfy { abs($0 - 10_000) < 400 }, "\(counts)")
    }

    @Test("epsilon = 0.1 with 3 actions: greedy with probability 0.9 + 0.1/3 (seed 4, 60,000 draws)")
    func epsilonPointOne() {
        var generator = Xoshiro256StarStar(seed: 4)
        let q = handTable()
        var counts = [0, 0, 0]
        for _ in 0..<60_000 { counts[q.epsilonGreedyAction(in: 1, epsilon: 0.1, generator: &generator)] += 1 }
        let expected = [0.1 / 3, 0.9 + 0.1 / 3, 0.1 / 3].map { $0 * 60_000 }
        // Standard deviations 44 and 61: a margin of 300 is about 5 sigma.
        #expect(zip(counts, expected).allSatisfy { abs(Double($0) - $1) < 300 }, "\(counts) against \(expected)")
    }

    @Test("epsilonGreedyProbabilities gives the chances epsilonGreedyAction samples, ties included (seed 7, 60,000 draws)")
    func probabilitiesMatchTheSampler() {
        var generator = Xoshiro256StarStar(seed: 7)
        let q = handTable()
        let probabilities = q.epsilonGreedyProbabilities(epsilon: 0.3)
        #expect(isApproximatelyEqual(probabilities[1], [0.1, 0.8, 0.1]))
        #expect(isApproximatelyEqual(probabilities[0], [1.0 / 3, 1.0 / 3, 1.0 / 3]))   // all tied
        var counts = [0, 0, 0]
        for _ in 0..<60_000 { counts[q.epsilonGreedyAction(in: 1, epsilon: 0.3, generator: &generator)] += 1 }
        // Standard deviations 73 and 98: 400 is over 4 sigma.
        #expect(zip(counts, probabilities[1]).allSatisfy { abs(Double($0) - 60_000 * $1) < 400 }, "\(counts)")
    }

    @Test("epsilon = 1 picks uniformly at random (seed 6, 30,000 draws)")
    func epsilonOne() {
        var generator = Xoshiro256StarStar(seed: 6)
        let q = handTable()
        var counts = [0, 0, 0]
        for _ in 0..<30_000 { counts[q.epsilonGreedyAction(in: 1, epsilon: 1, generator: &generator)] += 1 }
        #expect(counts.allSatisfy { abs($0 - 10_000) < 400 }, "\(counts)")
    }
}
