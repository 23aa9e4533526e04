// Solution to Exercise 05: one Q-learning update (DL Padova "Q-Learning", erratum E-14).
//
// The target is Bellman's right-hand side, with the future left out after a terminal state. The
// update is written (1 - alpha) Q + alpha target rather than Q + alpha (target - Q): the two are
// equal, but with alpha = 1 the first gives the target exactly, the second up to one rounding.

import Core
import ReinforcementLearning

public func qLearningStep(_ q: QTable, state: Int, action: Int, reward: Double, nextState: Int,
                          nextIsTerminal: Bool, learningRate alpha: Double, discount gamma: Double) -> QTable {
    var best = -Double.infinity                                   // max_a' Q(s', a')
    for nextAction in 0..<q.actionCount { best = max(best, q[nextState, nextAction]) }
    let target = nextIsTerminal ? reward : reward + gamma * best  // Bellman's equation
    var table = q
    table[state, action] = (1 - alpha) * q[state, action] + alpha * target
    return table
}
