// The checks of exercise 50: epsilon-greedy, one greedy episode by hand (into the cliff once, then the
// edge path), and 500 episodes of training (Sutton & Barto Example 6.6: the greedy path is the 13-step
// edge path).

import ExerciseCheck
import Exercise50
import Core

/// Q with the values `entries` ((state, action, value)) and 0 elsewhere.
func table(_ entries: [(Int, Int, Double)]) -> [[Double]] {
    var q = [[Double]](repeating: [0, 0, 0, 0], count: 48)
    for (state, action, value) in entries { q[state][action] = value }
    return q
}

check("Epsilon-greedy: epsilon = 0 picks argmax Q (the first on ties); epsilon = 1 picks each action about 1/4 of the time; epsilon = 0.1 picks the best about 92.5 %") {
    var generator = Xoshiro256StarStar(seed: 50)
    let q = table([(5, 2, 3), (5, 3, 3), (7, 1, -1), (7, 0, -2), (7, 2, -1), (7, 3, -5)])
    expect(epsilonGreedy(q: q, state: 5, epsilon: 0, generator: &generator) == 2, "state 5: actions 2 and 3 tie at 3, take 2")
    expect(epsilonGreedy(q: q, state: 7, epsilon: 0, generator: &generator) == 1, "state 7: Q = (-2, -1, -1, -5), take 1")
    var counts = [0, 0, 0, 0]
    for _ in 0..<4000 { counts[epsilonGreedy(q: q, state: 7, epsilon: 1, generator: &generator)] += 1 }
    expect(counts.allSatisfy { abs($0 - 1000) < 120 }, "epsilon = 1: counts of 4000 random actions should be near 1000 each; got \(counts)")
    var best = 0
    for _ in 0..<4000 where epsilonGreedy(q: q, state: 7, epsilon: 0.1, generator: &generator) == 1 { best += 1 }
    expect(abs(Double(best) / 4000 - 0.925) < 0.02, "epsilon = 0.1: the greedy action 1 - 0.1 + 0.1/4 = 92.5 % of the time; got \(Double(best) / 40) %")
}

check("DL Padova \"Q-Learning\", one greedy episode (alpha = 0.5, gamma = 1): into the cliff (-100, back to S), then the edge path: -113 in 14 steps, Q(S, right) = -49") {
    var q = table([(36, 1, 1), (36, 0, 0.5), (35, 2, 1)] + (24...34).map { ($0, 1, 1.0) })
    var generator = Xoshiro256StarStar(seed: 1)
    let (total, steps) = qLearningEpisode(q: &q, cliff: CliffWalk(), learningRate: 0.5, discount: 1, epsilon: 0,
                                          stepLimit: 100, generator: &generator)
    expect(total == -113 && steps == 14, "rewards -100 then 13 times -1: total -113 in 14 steps; got \(total) in \(steps)")
    expectClose(q[36][1], -49, tolerance: 1e-12, "Q(36, right) = 1 + 0.5 (-100 + max_a Q(36, a) - 1) with max Q(36) = 1")
    expectClose(q[36][0], 0.25, tolerance: 1e-12, "Q(36, up) = 0.5 + 0.5 (-1 + 1 - 0.5)")
    expect((24...34).allSatisfy { q[$0][1] == 0.5 }, "Q(s, right) along the edge = 1 + 0.5 (-1 + 1 - 1) = 0.5; got \((24...34).map { q[$0][1] })")
    expectClose(q[35][2], 0, tolerance: 1e-12, "Q(35, down) = 1 + 0.5 (-1 - 1): G is terminal, the target is just r")
}

check("Sutton & Barto Example 6.6: 500 episodes (epsilon = 0.1, alpha = 0.5, gamma = 1, seed 50) learn the 13-step edge path; the last 100 episodes average between -90 and -20") {
    let (q, returns) = trainQLearning(episodes: 500, learningRate: 0.5, discount: 1, epsilon: 0.1, stepLimit: 10_000, seed: 50)
    expect(returns.count == 500, "one return per episode: expected 500, got \(returns.count)")
    expect(q.count == 48 && q.allSatisfy { $0.count == 4 }, "Q must be 48 x 4; got \(q.count) rows")
    guard q.count == 48 && q.allSatisfy({ $0.count == 4 }) && returns.count == 500 else { return }
    let cliff = CliffWalk()
    var (state, path) = (cliff.startState, [cliff.startState])
    while state != cliff.goalState && path.count < 60 {
        let action = q[state].indices.max { q[state][$0] < q[state][$1] || (q[state][$0] == q[state][$1] && $0 > $1) }!
        state = cliff.step(from: state, taking: action).nextState
        path.append(state)
    }
    expect(path == [36] + Array(24...35) + [47], "the greedy path should run along the cliff edge, [36, 24, ..., 35, 47]; got \(path)")
    let recent = returns.suffix(100).reduce(0, +) / 100
    expect(recent > -90 && recent < -20, "the online return (epsilon = 0.1 keeps falling in now and then): about -50 in Figure 6.4; got \(recent)")
}

runChecks()
