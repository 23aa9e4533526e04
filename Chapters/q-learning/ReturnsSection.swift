// The worked numbers of the notes' reinforcement-learning sections: discounted returns (DL Padova
// "Reinforcement Learning") and one Q-learning update (DL Padova "Q-Learning"), with the
// WORKED-NUMBERS.md's derived values (WORKED-NUMBERS.md 14.3).

import Core
import ReinforcementLearning

func returnsSection() -> (returnSum: Double, returnRecursion: Double, updateAlphaOne: Double, updateAlphaHalf: Double) {
    print("1. Discounted returns (DL Padova \"Reinforcement Learning\")")
    let rewards = [1.0, 0, 2]
    let sum = discountedReturn(rewards, discount: 0.9)
    let recursive = discountedReturns(rewards, discount: 0.9)
    print("   An episode earns rewards (r_1, r_2, r_3) = (1, 0, 2); discount gamma = 0.9.")
    print("   Sum form        R_1 = sum_i gamma^(i-1) r_i = 1 + 0.9 * 0 + 0.81 * 2 = \(formatted(sum))")
    print("   Recursive form  R_t = r_t + gamma R_(t+1): R_3 = \(formatted(recursive[2])), R_2 = \(formatted(recursive[1])),"
          + " R_1 = \(formatted(recursive[0]))")
    print("   (The notes print the sum's upper limit as n + t; the rewards stop at r_n, so does the sum: E-13.)")
    let forever = discountedReturn([Double](repeating: 1, count: 1_000), discount: 0.9)
    print("   Reward 1 at every step forever, gamma = 0.9: R = 1 / (1 - 0.9) = \(formatted(forever))\n")

    print("2. One Q-learning update (DL Padova \"Q-Learning\"; the update rule: E-14)")
    var q = QTable(stateCount: 2, actionCount: 2)
    q[1, 1] = 2
    let target = bellmanTarget(reward: 1, nextState: 1, nextIsTerminal: false, q: q, discount: 0.9)
    print("   Q(s, a) = 0, reward r = 1, gamma = 0.9, max_a' Q(s', a') = 2.")
    print("   Bellman's equation: Q(s, a) = r + gamma max_a' Q(s', a') = \(formatted(target))")
    var updates: [Double] = []
    for alpha in [1.0, 0.5] {
        var updated = q
        updated.qLearningUpdate(state: 0, action: 0, reward: 1, nextState: 1, nextIsTerminal: false,
                                learningRate: alpha, discount: 0.9)
        updates.append(updated[0, 0])
    }
    print("   The update Q <- (1 - alpha) Q + alpha (r + gamma max_a' Q(s', a')) with alpha = 1 gives \(formatted(updates[0]))"
          + " (the equation")
    print("   itself, as the notes say); alpha = 0.5 gives \(formatted(updates[1])), half way from the old value.\n")
    return (sum, recursive[0], updates[0], updates[1])
}
