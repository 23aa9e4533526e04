// Tests of episodes and discounted returns (Returns.swift): DL Padova "Reinforcement Learning" (the
// episode and R_t) and "Reinforcement learning" (the infinite discounted sum), with WORKED-NUMBERS.md's
// derived values (WORKED-NUMBERS.md 14.3 RL1) and erratum E-13.

import Testing
import Core
import ReinforcementLearning

@Suite("Discounted returns (DL Padova, Reinforcement Learning)")
struct ReturnsTests {
    @Test("Sec. 14.3: rewards (1, 0, 2), gamma = 0.9: R_1 = 1 + 0 + 0.81 * 2 = 2.62, by the sum and by the recursion")
    func handEpisode() {
        let rewards = [1.0, 0, 2]
        #expect(isApproximatelyEqual(discountedReturn(rewards, discount: 0.9), 2.62))
        let returns = discountedReturns(rewards, discount: 0.9)
        // R_3 = 2, R_2 = 0 + 0.9 * 2 = 1.8, R_1 = 1 + 0.9 * 1.8 = 2.62
        #expect(isApproximatelyEqual(returns, [2.62, 1.8, 2]))
        let episode = Episode(states: [0, 1, 2, 3], actions: [1, 1, 1], rewards: rewards)
        #expect(episode.length == 3)
        #expect(isApproximatelyEqual(episode.discountedReturn(discount: 0.9), 2.62))
    }

    @Test("E-13: R_t sums r_t ... r_n (not to n + t); R_(n+1) = 0, and R_t = r_t + gamma R_(t+1) at every t")
    func sumFormAgreesWithRecursion() {
        let rewards = [1.0, 0, 2]
        for t in 1...3 {
            #expect(isApproximatelyEqual(discountedReturn(rewards, from: t, discount: 0.9),
                                         discountedReturns(rewards, discount: 0.9)[t - 1]), "t = \(t)")
        }
        #expect(discountedReturn(rewards, from: 4, discount: 0.9) == 0)
        // R_2 with the printed upper limit n + t = 5 would need r_4 and r_5, which the episode does not have.
        #expect(discountedReturn(rewards, from: 2, discount: 0.9) == 0 + 0.9 * 2)
    }

    @Test("The sum and the recursion agree on random episodes (seed 11, 50 episodes of up to 40 rewards)")
    func randomEpisodes() {
        var generator = Xoshiro256StarStar(seed: 11)
        for trial in 0..<50 {
            let n = 1 + generator.uniformInt(below: 40)
            let rewards = (0..<n).map { _ in generator.normalDouble(mean: 0, standardDeviation: 3) }
            let gamma = generator.uniformDouble()
            let recursive = discountedReturns(rewards, discount: gamma)
            for t in 1...n {
                // Different orders of summation: agreement to a few ulps of the largest partial sum.
                #expect(isApproximatelyEqual(discountedReturn(rewards, from: t, discount: gamma), recursive[t - 1],
                                             relativeTolerance: 1e-12, absoluteTolerance: 1e-12), "trial \(trial), t = \(t)")
            }
        }
    }

    @Test("Sec. 14.3: reward 1 forever with gamma = 0.9 returns 1 / (1 - 0.9) = 10 (DL Padova \"Reinforcement learning\")")
    func geometricSeries() {
        let ones = [Double](repeating: 1, count: 1_000)       // 0.9^1000 ~ 2e-46: the tail is invisible
        #expect(isApproximatelyEqual(discountedReturn(ones, discount: 0.9), 10, relativeTolerance: 1e-13))
        #expect(discountedReturn(ones, discount: 1) == 1_000)  // gamma = 1: the plain sum R_t := r_t + ... + r_n
        #expect(discountedReturn([5, 7], discount: 0) == 5)   // gamma = 0: only the next reward counts
    }

    @Test("An episode grows one step at a time: n actions, n rewards, n + 1 states")
    func episodeAppend() {
        var episode = Episode(start: 36)
        episode.append(action: 0, reward: -1, nextState: 24)
        episode.append(action: 1, reward: -1, nextState: 25)
        #expect(episode.states == [36, 24, 25])
        #expect(episode.actions == [0, 1])
        #expect(episode.rewards == [-1, -1])
        #expect(episode.discountedReturn(discount: 1) == -2)
    }
}
