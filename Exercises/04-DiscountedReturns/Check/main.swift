// Checks for exercise 04 (discounted returns). Run: swift run --package-path Exercises exercises 04

import ExerciseCheck
import Core
import ReinforcementLearning
import Exercise04

check("Rewards (1, 0, 2), gamma = 0.9: R = (2.62, 1.8, 2)") {
    let returns = returnsOfEpisode([1, 0, 2], discount: 0.9)
    expect(isApproximatelyEqual(returns, [2.62, 1.8, 2]), "got \(returns)")
}

check("gamma = 0 keeps only each step's own reward; gamma = 1 adds up the rest of the episode") {
    expect(returnsOfEpisode([3, -1, 4], discount: 0) == [3, -1, 4], "returnsOfEpisode([3, -1, 4], discount: 0) == [3, -1, 4]: expected \([3, -1, 4]), got \(returnsOfEpisode([3, -1, 4], discount: 0))")
    expect(returnsOfEpisode([3, -1, 4], discount: 1) == [6, 3, 4], "returnsOfEpisode([3, -1, 4], discount: 1) == [6, 3, 4]: expected \([6, 3, 4]), got \(returnsOfEpisode([3, -1, 4], discount: 1))")
    expect(returnsOfEpisode([], discount: 0.5) == [], "returnsOfEpisode([], discount: 0.5) == []: expected \([]), got \(returnsOfEpisode([], discount: 0.5))")
}

check("Every R_t equals the sum form sum_(i=t)^n gamma^(i-t) r_i on random episodes (seed 44)") {
    var generator = Xoshiro256StarStar(seed: 44)
    for trial in 0..<20 {
        let rewards = (0..<(1 + generator.uniformInt(below: 30))).map { _ in generator.normalDouble() }
        let gamma = generator.uniformDouble()
        let returns = returnsOfEpisode(rewards, discount: gamma)
        let sums = (1...rewards.count).map { discountedReturn(rewards, from: $0, discount: gamma) }
        // Different orders of summation: agreement to about 1e-12, not bit for bit.
        guard isApproximatelyEqual(returns, sums, relativeTolerance: 1e-12, absoluteTolerance: 1e-12) else {
            expect(false, "trial \(trial), gamma = \(gamma): expected \(sums), got \(returns)")
            return                                   // one failing episode says enough
        }
    }
}

runChecks()
