// Environment.swift: the one small protocol every environment of this module conforms to.
// DL Padova "Reinforcement learning" (agent, environment, action, reward) and
// "Reinforcement Learning" (actions move the environment from one state to another).
// Goals, in order: a learner (Q-learning, Sarsa) can only *sample* a step, as an agent would; a
// planner (value iteration, policy evaluation) can read the exact probabilities; nothing else.

import Core

/// One possible result of taking an action in a state: with `probability`, the agent receives
/// `reward` and lands in `nextState`.
public struct Outcome: Equatable, Sendable {
    public var probability: Double
    public var reward: Double
    public var nextState: Int

    public init(probability: Double, reward: Double, nextState: Int) {
        self.probability = probability
        self.reward = reward
        self.nextState = nextState
    }
}

/// A finite environment: states 0..<stateCount, actions 0..<actionCount, a start state, terminal
/// states that end an episode, and the probabilities of every step.
///
/// ```swift
/// let cliff = CliffWalking()
/// var generator = Xoshiro256StarStar(seed: 1)
/// let step = cliff.step(from: cliff.startState, taking: GridMove.right.rawValue, generator: &generator)
/// print(step.reward, step.nextState == cliff.startState)   // -100.0 true: into the cliff, back to the start
/// ```
///
/// In the notes' words (DL Padova "Reinforcement learning") the environment answers action a in state s with "the next
/// action and a reward"; it answers with the next *state* and a reward (erratum E-RL-1).
///
/// Learners call only `step(from:taking:generator:)`, which samples one outcome: they never see
/// the probabilities. `valueIteration` and `evaluatePolicy` read `outcomes(of:in:)`, the model.
public protocol Environment: Sendable {
    /// The number of states; states are 0..<stateCount.
    var stateCount: Int { get }
    /// The number of actions, the same in every state; actions are 0..<actionCount.
    var actionCount: Int { get }
    /// s_0, where every episode starts.
    var startState: Int { get }
    /// Whether an episode ends on reaching `state`. A terminal state has no actions and value 0.
    func isTerminal(_ state: Int) -> Bool
    /// Every outcome of taking `action` in the non-terminal `state`; the probabilities sum to 1.
    /// Conforming types stop with a message when the state or the action is out of range.
    func outcomes(of action: Int, in state: Int) -> [Outcome]
}

extension Environment {
    /// Samples one outcome of `action` in `state`: what the agent experiences, one transition
    /// <s_t, a_t, r_(t+1), s_(t+1)> (DL Padova "Q-Learning", "Given a transition").
    ///
    /// A deterministic step (one outcome) draws no random number, so a deterministic environment
    /// consumes nothing from `generator`. Stops when the state or action is out of range.
    public func step(from state: Int, taking action: Int,
                     generator: inout Xoshiro256StarStar) -> (reward: Double, nextState: Int) {
        let possible = outcomes(of: action, in: state)
        if possible.count == 1 { return (possible[0].reward, possible[0].nextState) }
        let u = generator.uniformDouble()                  // u in [0, 1)
        var cumulative = 0.0
        for outcome in possible {
            cumulative += outcome.probability
            if u < cumulative { return (outcome.reward, outcome.nextState) }
        }
        return (possible[possible.count - 1].reward, possible[possible.count - 1].nextState)  // rounding
    }

    /// Stops unless `state` is one of 0..<stateCount.
    public func requireValid(state: Int, _ caller: String, file: StaticString = #fileID, line: UInt = #line) {
        require(state >= 0 && state < stateCount,
                "\(caller): state \(state) is out of range 0..<\(stateCount)", file: file, line: line)
    }

    /// Stops unless `action` is one of 0..<actionCount.
    public func requireValid(action: Int, _ caller: String, file: StaticString = #fileID, line: UInt = #line) {
        require(action >= 0 && action < actionCount,
                "\(caller): action \(action) is out of range 0..<\(actionCount)", file: file, line: line)
    }

    /// Stops unless `state` and `action` exist and `state` is not terminal (it has no actions).
    public func requireActionable(state: Int, action: Int, _ caller: String,
                                  file: StaticString = #fileID, line: UInt = #line) {
        requireValid(state: state, caller, file: file, line: line)
        requireValid(action: action, caller, file: file, line: line)
        require(!isTerminal(state), "\(caller): state \(state) is terminal: the episode has ended there",
                file: file, line: line)
    }

    /// Whether every action in every non-terminal state has exactly one outcome.
    public var isDeterministic: Bool {
        (0..<stateCount).allSatisfy { state in
            isTerminal(state) || (0..<actionCount).allSatisfy { outcomes(of: $0, in: state).count == 1 }
        }
    }
}
