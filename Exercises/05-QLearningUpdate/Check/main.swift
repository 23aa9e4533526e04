// Checks for exercise 05 (one Q-learning update). Run: swift run --package-path Exercises exercises 05

import ExerciseCheck
import Core
import ReinforcementLearning
import Exercise05

/// Q(0, .) = 0 and Q(1, .) = (0.5, 2, -1): max_a' Q(1, a') = 2.
func table() -> Exercise05.QTable {
    var q = Exercise05.QTable(stateCount: 2, actionCount: 3)
    (q[1, 0], q[1, 1], q[1, 2]) = (0.5, 2, -1)
    return q
}

check("Q = 0, r = 1, gamma = 0.9, max Q' = 2: alpha = 1 gives 2.8, alpha = 0.5 gives 1.4") {
    let full = qLearningStep(table(), state: 0, action: 1, reward: 1, nextState: 1, nextIsTerminal: false,
                             learningRate: 1, discount: 0.9)
    expect(isApproximatelyEqual(full[0, 1], 2.8), "alpha = 1: got \(full[0, 1])")
    let half = qLearningStep(table(), state: 0, action: 1, reward: 1, nextState: 1, nextIsTerminal: false,
                             learningRate: 0.5, discount: 0.9)
    expect(isApproximatelyEqual(half[0, 1], 1.4), "alpha = 0.5: got \(half[0, 1])")
    expect(half[0, 0] == 0 && half[0, 2] == 0 && half[1, 1] == 2, "only Q(s, a) may change")
}

check("After a terminal state nothing follows: the target is the reward alone") {
    let q = qLearningStep(table(), state: 0, action: 0, reward: 5, nextState: 1, nextIsTerminal: true,
                          learningRate: 1, discount: 0.9)
    expect(q[0, 0] == 5, "got \(q[0, 0]); max Q(s', a') must not be added after a terminal state")
}

check("The same numbers as the library's update on random tables (seed 55)") {
    var generator = Xoshiro256StarStar(seed: 55)
    for trial in 0..<50 {
        var q = Exercise05.QTable(stateCount: 3, actionCount: 4)
        for s in 0..<3 { for a in 0..<4 { q[s, a] = generator.normalDouble(mean: 0, standardDeviation: 5) } }
        let (s, a, next) = (generator.uniformInt(below: 3), generator.uniformInt(below: 4), generator.uniformInt(below: 3))
        let (reward, alpha, gamma) = (generator.normalDouble(), 0.05 + 0.95 * generator.uniformDouble(), generator.uniformDouble())
        var expected = ReinforcementLearning.QTable(stateCount: 3, actionCount: 4)
        for s in 0..<3 { for a in 0..<4 { expected[s, a] = q[s, a] } }
        expected.qLearningUpdate(state: s, action: a, reward: reward, nextState: next, nextIsTerminal: false,
                                 learningRate: alpha, discount: gamma)
        let got = qLearningStep(q, state: s, action: a, reward: reward, nextState: next, nextIsTerminal: false,
                                learningRate: alpha, discount: gamma)
        guard isApproximatelyEqual(got.values, expected.values, relativeTolerance: 1e-12, absoluteTolerance: 1e-12) else {
            expect(false, "trial \(trial): expected Q(\(s), \(a)) = \(expected[s, a]), got \(got[s, a])")
            return                                   // one failing table says enough
        }
    }
}

runChecks()
