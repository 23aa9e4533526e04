// The checks of exercise 51: one look-ahead by hand, value iteration to 14/17 = 0.8235294118 with
// gamma = 1 (the policy it gives achieves it, evaluated exactly), and gamma = 0.9 against the
// ReinforcementLearning module's value iteration.

import ExerciseCheck
import Exercise51
import Core
import ReinforcementLearning

check("One look-ahead from V = 0 (gamma = 1): only moves that may slip onto G are worth anything: Q(14, up) = Q(14, right) = Q(14, down) = 1/3; then Q(10, down) = 1/18 and Q(0, up) = 0.65/3 from given V") {
    let q = lookAhead(lake: SlipperyLake(), values: [Double](repeating: 0, count: 16), discount: 1)
    expect(q.count == 16 && q.allSatisfy { $0.count == 4 }, "Q must be 16 x 4; got \(q.count) rows")
    guard q.count == 16 && q.allSatisfy({ $0.count == 4 }) else { return }
    expect(zip(q[14], [1.0 / 3, 1.0 / 3, 1.0 / 3, 0]).allSatisfy { abs($0 - $1) < 1e-15 },
           "Q(14, .): up slips right 1/3, right goes right 1/3, down slips right 1/3, left never: (1/3, 1/3, 1/3, 0); got \(q[14])")
    expect(q.enumerated().allSatisfy { $0.offset == 14 || $0.offset == 11 || $0.element.allSatisfy { $0 == 0 } },
           "with V = 0 only states next to G have non-zero Q; got \(q)")
    // V(11) = 5 sits on a hole: a terminal landing must count 0 whatever the table says.
    let values: [Double] = [0.5, 0.3, 0, 0, 0, 0, 0, 0, 0, 0, 0, 5, 0, 0, 1.0 / 3, 0]
    let next = lookAhead(lake: SlipperyLake(), values: values, discount: 0.5)
    expectClose(next[10][2], 0.5 * (1.0 / 3) / 3, tolerance: 1e-15,
                "Q(10, down), gamma = 0.5: (1/3)(0.5 V(14) + 0.5 V(9) + 0 for the hole 11) = 1/18")
    expectClose(next[0][0], (0.5 * 0.5 + 0.5 * 0.3 + 0.5 * 0.5) / 3, tolerance: 1e-15,
                "Q(0, up), gamma = 0.5: up and left hit walls (stay in 0, twice), right goes to 1: (1/3)(0.25 + 0.15 + 0.25)")
}

check("Value iteration, gamma = 1: V*(S) = 14/17 = 0.8235294118, and its greedy policy, evaluated exactly, achieves it") {
    let lake = SlipperyLake()
    let (values, sweeps) = valueIteration(lake: lake, discount: 1, tolerance: 1e-12)
    expect(values.count == 16, "one value per state: expected 16, got \(values.count)")
    guard values.count == 16 else { return }
    expectClose(values[0], 14.0 / 17, tolerance: 1e-9, "V*(S), the best probability of ever reaching G")
    expect(sweeps > 100, "from V = 0 to changes of 1e-12 takes hundreds of sweeps; got \(sweeps)")
    let policy = greedyPolicy(lookAhead(lake: lake, values: values, discount: 1))
    expect(policy.count == 16, "one action per state: got \(policy.count)")
    guard policy.count == 16 else { return }
    let achieved = evaluatePolicy(policy, on: FrozenLake(), discount: 1)[0]
    expectClose(achieved, 14.0 / 17, tolerance: 1e-9, "the success probability of your greedy policy, by the exact linear solve")
}

check("Value iteration, gamma = 0.9: every V(s) equals the ReinforcementLearning module's V* (to 1e-9)") {
    let (values, _) = valueIteration(lake: SlipperyLake(), discount: 0.9, tolerance: 1e-12)
    let expected = ReinforcementLearning.valueIteration(on: FrozenLake(), discount: 0.9).stateValues
    expect(values.count == 16 && zip(values, expected).allSatisfy { abs($0 - $1) < 1e-9 },
           "V* with gamma = 0.9 should be \(expected.map { ($0 * 1e6).rounded() / 1e6 }); got \(values)")
}

runChecks()
