// Requirements.swift: the checks every public function of this module makes on its arguments.
// Goals, in order: a programmer error stops the program with a message that names the value;
// the message survives the optimised build this library is compiled with.
//
// They go through Core's `require`, which prints its message under -O (see Core/Require.swift).

import Core

/// Stops unless the discount factor gamma lies in [0, 1].
///
/// DL Padova allows 0 <= gamma <= 1 for episodes ("Reinforcement Learning", the discounted R_t) and
/// asks for gamma < 1 for the infinite sum of "Reinforcement learning" (E-13). Every
/// environment here ends its episodes, so gamma = 1 is allowed (Sutton & Barto's cliff walking uses
/// it).
func requireDiscount(_ gamma: Double, _ caller: String, file: StaticString = #fileID, line: UInt = #line) {
    require(gamma >= 0 && gamma <= 1, "\(caller): the discount gamma must lie in [0, 1], got \(gamma)",
            file: file, line: line)
}

/// Stops unless the exploration rate epsilon lies in [0, 1] (it is a probability).
func requireExploration(_ epsilon: Double, _ caller: String, file: StaticString = #fileID, line: UInt = #line) {
    require(epsilon >= 0 && epsilon <= 1, "\(caller): the exploration rate epsilon must lie in [0, 1], got \(epsilon)",
            file: file, line: line)
}

/// Stops unless the learning rate alpha lies in (0, 1]: alpha = 1 is Bellman's assignment, alpha = 0
/// would learn nothing, and alpha > 1 overshoots the target.
func requireLearningRate(_ alpha: Double, _ caller: String, file: StaticString = #fileID, line: UInt = #line) {
    require(alpha > 0 && alpha <= 1, "\(caller): the learning rate alpha must lie in (0, 1], got \(alpha)",
            file: file, line: line)
}
