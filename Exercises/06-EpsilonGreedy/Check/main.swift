// Checks for exercise 06 (epsilon-greedy). Run: swift run --package-path Exercises exercises 06

import ExerciseCheck
import Core
import Exercise06

/// One state, four actions, Q = (0.1, -2, 3, 0.5): the greedy action is 2.
func table() -> QTable {
    var q = QTable(stateCount: 1, actionCount: 4)
    (q[0, 0], q[0, 1], q[0, 2], q[0, 3]) = (0.1, -2, 3, 0.5)
    return q
}

check("epsilon = 0 always takes the greedy action, argmax_a Q(s, a) = 2; on a tie the lowest action") {
    var generator = Xoshiro256StarStar(seed: 60)
    let choices = (0..<200).map { _ in epsilonGreedy(table(), state: 0, epsilon: 0, generator: &generator) }
    expect(choices.allSatisfy { $0 == 2 }, "got \(Set(choices))")
    var tied = QTable(stateCount: 1, actionCount: 3)
    (tied[0, 1], tied[0, 2]) = (7, 7)
    expect(epsilonGreedy(tied, state: 0, epsilon: 0, generator: &generator) == 1, "epsilonGreedy(tied, state: 0, epsilon: 0, generator: &generator) == 1: expected \(1), got \(epsilonGreedy(tied, state: 0, epsilon: 0, generator: &generator))")
}

check("epsilon = 0.2: the greedy action 85 % of the time (0.8 + 0.2 / 4), each other action 5 % (seed 61, 40,000 draws)") {
    var generator = Xoshiro256StarStar(seed: 61)
    var counts = [0, 0, 0, 0]
    for _ in 0..<40_000 { counts[epsilonGreedy(table(), state: 0, epsilon: 0.2, generator: &generator)] += 1 }
    // Binomial standard deviations: 71 for the greedy count, 44 for the others; 300 is over 4 sigma.
    let expected = [2_000, 2_000, 34_000, 2_000]
    expect(zip(counts, expected).allSatisfy { abs($0 - $1) < 300 }, "counts \(counts), expected about \(expected)")
}

check("The draws are one uniformDouble, then one uniformInt when exploring (seed 62, epsilon = 0.3, replayed)") {
    var yours = Xoshiro256StarStar(seed: 62)
    var replay = Xoshiro256StarStar(seed: 62)
    for step in 0..<500 {
        let expected = replay.uniformDouble() < 0.3 ? replay.uniformInt(below: 4) : 2
        let got = epsilonGreedy(table(), state: 0, epsilon: 0.3, generator: &yours)
        expect(got == expected, "step \(step)")
        if got != expected { break }
    }
}

runChecks()
